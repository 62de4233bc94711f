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

/** Freezes a value read once and handed to many callers, so that none can change it for the others. */
export function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value as object)) deepFreeze(inner);
  }
  return value;
}
