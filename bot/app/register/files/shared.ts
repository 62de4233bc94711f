// What the readers and writers of a register file share.

import type { FieldError } from '../../../domain/errors';
import type { RegisterContent } from '../../../domain/register';

/** Field name of errors about the file as a whole (encoding, type, emptiness). */
export const FILE = '';

/** Rows (CSV lines, worksheet rows, JSON items): well above 10,000 plans and their people. */
export const MAX_ROWS = 50_000;

export type ReadResult = {
  content: RegisterContent;
  errors: FieldError[];
  /** True when the file says what the schedule is (JSON with a `schedule` field, even null). */
  statesSchedule?: boolean;
};

/**
 * exceljs, loaded when a workbook is first read or written rather than when the bot starts: it
 * and what it pulls in (zip, streams, XML) take about 8 MiB of heap that a bot sending a round's
 * prompts never uses.
 */
export function loadExcelJs(): Promise<typeof import('exceljs')> {
  return import('exceljs');
}

export function countLineBreaks(text: string): number {
  let count = 0;
  for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) count++;
  return count;
}

/** Appends one by one: `push(...items)` overflows the stack for a list of a few hundred thousand. */
export function append<T>(to: T[], items: readonly T[]): void {
  for (const item of items) to.push(item);
}

/** Lets the event loop serve other requests between slices of a long read. */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** The refusal of a file with more rows than a register has; read no further. */
export function tooManyRows(rows: number, what = 'rader'): FieldError {
  const count = (n: number) => n.toLocaleString('sv-SE');
  return { field: FILE, message: `Filen har ${count(rows)} ${what}; ett register får ha högst ${count(MAX_ROWS)}. Är det rätt fil?` };
}

export function withoutEmpty<T extends object>(value: T, keep: Array<keyof T>): T {
  const out = {} as T;
  for (const key of Object.keys(value) as Array<keyof T>) {
    if (keep.includes(key) || value[key] !== '') out[key] = value[key];
  }
  return out;
}
