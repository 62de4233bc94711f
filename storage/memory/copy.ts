// Copies in and out of the in-memory stores, so that callers can neither change stored state
// nor see their later edits stored. The copies mimic what a round trip through Table Storage
// returns: Dates stay Dates, undefined properties disappear, opaque values go through JSON.

export function copy<T>(value: T): T {
  return copyAny(value) as T;
}

function copyAny(value: unknown): unknown {
  if (value instanceof Date) return new Date(value.getTime());
  if (Array.isArray(value)) return value.map(copyAny);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = copyAny(v);
    return out;
  }
  return value;
}

/** Opaque values (conversation references, audit details) are stored as JSON by the tables. */
export function jsonCopy<T>(value: T): T {
  return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T);
}

let etagCounter = 0;

/** A fresh ETag per write, as Table Storage gives. */
export function nextEtag(): string {
  etagCounter += 1;
  return `W/"memory-${etagCounter}"`;
}

/** Orders like a table query does: by the (encoded) key, in ordinal string order. */
export function sortByKey<T>(items: T[], key: (item: T) => string): T[] {
  return items
    .map((item) => ({ item, k: key(item) }))
    .sort((a, b) => (a.k < b.k ? -1 : a.k > b.k ? 1 : 0))
    .map((x) => x.item);
}
