// Reading what a card sends back. Teams delivers the inputs as strings, but an activity's value
// is whatever JSON the sender put there: an object where text is expected, or one with its own
// `toString`, on which String() and Number() throw. Only strings and numbers are read here.

/** The text at `key`, or '' when it is anything but a string. */
export function textIn(data: Record<string, unknown>, key: string): string {
  const value = Object.hasOwn(data, key) ? data[key] : undefined;
  return typeof value === 'string' ? value : '';
}

/** The text at `key` as a person typed it: NFC-normalised and trimmed ('' when not a string). */
export function trimmedTextIn(data: Record<string, unknown>, key: string): string {
  return textIn(data, key).normalize('NFC').trim();
}

/** The number at `key` (a number, or a string of one), or NaN. */
export function numberIn(data: Record<string, unknown>, key: string): number {
  const value = Object.hasOwn(data, key) ? data[key] : undefined;
  if (typeof value === 'number') return value;
  return typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
}

/** A whole number of at least 0 at `key`, or `fallback`. */
export function countIn(data: Record<string, unknown>, key: string, fallback: number): number {
  const n = numberIn(data, key);
  return Number.isInteger(n) && n >= 0 ? n : fallback;
}
