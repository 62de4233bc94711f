// What the readers and writers of a register file share.

import type { FieldError } from '../../domain/errors';
import type { RegisterContent } from '../../domain/register';

/** Field name of errors about the file as a whole (encoding, type, emptiness). */
export const FILE = '';

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
  for (const ch of text) if (ch === '\n') count++;
  return count;
}

export function withoutEmpty<T extends object>(value: T, keep: Array<keyof T>): T {
  const out = {} as T;
  for (const key of Object.keys(value) as Array<keyof T>) {
    if (keep.includes(key) || value[key] !== '') out[key] = value[key];
  }
  return out;
}
