// Concurrent callers of the same read share one request: the first starts it, the others wait
// for its answer. A read is shared only while it is in flight, never kept afterwards, so what
// a caller gets was read at most one round trip before it asked. A write made by this process
// drops the read in flight (`forget`), so a caller who asks after the write gets a new read.

export class SingleFlight<K, V> {
  private readonly inFlight = new Map<K, Promise<V>>();

  run(key: K, read: () => Promise<V>): Promise<V> {
    const shared = this.inFlight.get(key);
    if (shared) return shared;
    const started = read().finally(() => {
      if (this.inFlight.get(key) === started) this.inFlight.delete(key);
    });
    this.inFlight.set(key, started);
    return started;
  }

  forget(key: K): void {
    this.inFlight.delete(key);
  }
}

/**
 * A date in a value handed to many callers. A Date cannot be frozen (its time is not a
 * property), so its setters refuse instead, as a frozen object's properties do. What is made
 * from it is a plain Date (`constructor` is Date's, which date-fns uses for its copies).
 */
class KeptDate extends Date {}
for (const name of Object.getOwnPropertyNames(Date.prototype)) {
  if (!name.startsWith('set')) continue;
  Object.defineProperty(KeptDate.prototype, name, {
    value() {
      throw new TypeError(`Cannot change a date read once and shared (${name})`);
    },
  });
}
Object.defineProperty(KeptDate.prototype, 'constructor', { value: Date });

/** Freezes a value read once and handed to many callers, so that none can change it for the others. */
export function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !(value instanceof Date) && !Object.isFrozen(value)) {
    const fields = value as Record<string, unknown>;
    for (const [key, inner] of Object.entries(fields)) {
      if (inner instanceof Date && !(inner instanceof KeptDate)) fields[key] = new KeptDate(inner.getTime());
    }
    Object.freeze(value);
    for (const inner of Object.values(fields)) deepFreeze(inner);
  }
  return value;
}
