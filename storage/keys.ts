// Key encoding for Table Storage PartitionKey/RowKey. Keys may not hold `/ \ # ?` or control
// characters, and Azurite answers 500 to a `/` (the SDK then retries for ~6 s), so every id
// that reaches a key is encoded: `[A-Za-z0-9._-]` pass through, every other UTF-8 byte becomes
// `~` plus two hex digits (`~` itself included). The result never holds `:`, which therefore
// joins the parts of a composite key, and decodes back exactly.

const PLAIN = /[A-Za-z0-9._-]/;
/** Most ids (plan and round ids, object ids) are plain already: they pass through as they are. */
const ALL_PLAIN = /^[A-Za-z0-9._-]*$/;

/** Lone surrogates have no UTF-8 form, so they could not decode back: refuse them. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export function encodeKey(value: string): string {
  if (typeof value === 'string' && ALL_PLAIN.test(value)) return value;
  if (LONE_SURROGATE.test(value)) throw new Error('A key must be well-formed text (lone surrogate found)');
  let out = '';
  for (const char of value) {
    if (PLAIN.test(char)) {
      out += char;
    } else {
      for (const byte of Buffer.from(char, 'utf8')) out += '~' + byte.toString(16).toUpperCase().padStart(2, '0');
    }
  }
  return out;
}

export function decodeKey(key: string): string {
  if (!/^(?:[A-Za-z0-9._-]|~[0-9A-Fa-f]{2})*$/.test(key)) throw new Error(`Not an encoded key: ${JSON.stringify(key)}`);
  const bytes: number[] = [];
  for (let i = 0; i < key.length; i++) {
    if (key[i] === '~') {
      bytes.push(parseInt(key.slice(i + 1, i + 3), 16));
      i += 2;
    } else {
      bytes.push(key.charCodeAt(i));
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

/** Joins encoded parts; `:` never occurs inside an encoded part, so the split is unambiguous. */
export function compositeKey(...parts: string[]): string {
  return parts.map(encodeKey).join(':');
}

export function splitCompositeKey(key: string): string[] {
  return key.split(':').map(decodeKey);
}

const NUMBER_WIDTH = 10;

/** Zero-padded so that row keys sort by number: version 10 after version 9. */
export function paddedNumber(n: number, width = NUMBER_WIDTH): string {
  if (!Number.isSafeInteger(n) || n < 0) throw new Error(`Not a non-negative integer: ${n}`);
  const text = String(n);
  if (text.length > width) throw new Error(`${n} does not fit in ${width} digits`);
  return text.padStart(width, '0');
}

/**
 * The first key after every key that starts with `prefix`, for a range query
 * (`RowKey ge prefix and RowKey lt prefixEnd(prefix)`). Keys here are ASCII, so bumping the
 * last character is enough.
 */
export function prefixEnd(prefix: string): string {
  if (prefix === '') throw new Error('Empty prefix');
  return prefix.slice(0, -1) + String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1);
}
