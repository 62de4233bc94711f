// The JSON archive of a round (the round, the register, answers with every version) as a file to keep.
// A pure function: the caller assembles the archive, this file fixes its envelope and encoding.
//
// The `format` field names the layout and its version so that a later reader (or a later version
// of this bot) knows how to read an archive found years from now; answers may be public records.

export const ROUND_ARCHIVE_FORMAT = 'uppfoljning-round-archive/1';

/**
 * Serialises `archive` as pretty-printed UTF-8 JSON with `format` as its first field (replacing
 * any `format` the archive had). Dates become ISO 8601 strings in UTC. A value that is not an
 * object (an array, a string) is wrapped as `{ format, archive }`.
 */
export function buildJsonArchive(archive: unknown): Buffer {
  const body = isPlainObject(archive) ? archive : { archive };
  const { format: _replaced, ...rest } = body;
  return Buffer.from(JSON.stringify({ format: ROUND_ARCHIVE_FORMAT, ...rest }, refuseInvalidDates, 2) + '\n', 'utf8');
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
}

// JSON.stringify already turns a Date into its ISO string (Date#toJSON), but an invalid Date
// quietly becomes null; an archive must not lose a timestamp without a word, so that throws.
function refuseInvalidDates(this: unknown, key: string, value: unknown): unknown {
  const original = (this as Record<string, unknown>)[key];
  if (original instanceof Date && Number.isNaN(original.getTime())) {
    throw new RangeError(`Invalid date in the round archive at "${key}"`);
  }
  return value;
}

/**
 * `Buffer.from(JSON.stringify(items))`, byte for byte, without the whole array as one string:
 * each item is written twice (once to size the buffer, once into it), so a summary's megabytes
 * of cards are held once, as bytes, instead of as a string and then bytes.
 */
export function jsonArrayBytes(items: readonly unknown[]): Buffer {
  const itemJson = (item: unknown) => JSON.stringify(item) ?? 'null';
  let size = 2 + Math.max(items.length - 1, 0);
  for (const item of items) size += Buffer.byteLength(itemJson(item));
  const out = Buffer.allocUnsafe(size);
  let at = out.write('[');
  items.forEach((item, i) => {
    if (i > 0) at += out.write(',', at);
    at += out.write(itemJson(item), at);
  });
  out.write(']', at);
  return out;
}
