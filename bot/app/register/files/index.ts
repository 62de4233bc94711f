// Reads a register file as a coordinator makes it: JSON, an Excel workbook (.xlsx), or CSV as
// Excel saves it (UTF-8 with or without BOM, `;` or `,`, CRLF, quoted cells). Every problem is located by line and column or
// field path, so that one round of corrections is enough; nothing is returned unless the whole
// file is valid.

import type { FieldError } from '../../../domain/errors';
import type { RegisterContent } from '../../../domain/register';
import { readCsv } from './csv';
import { readJson } from './json';
import { FILE, countLineBreaks } from './shared';
import { readXlsx } from './xlsx';

export { CSV_COLUMNS } from './csv';
export { writeJson as writeRegisterJson } from './json';
export { writeRegisterCsv, writeRegisterXlsx } from './write';

export interface ParsedRegisterFile {
  content?: RegisterContent;
  /** The first MAX_REPORTED_ERRORS problems, down the file. */
  errors: FieldError[];
  /** How many problems there were beyond those listed ("… och 1 234 till"). */
  moreErrors?: number;
  /**
   * True when the file says what the schedule is. A CSV file cannot, and a JSON file may leave
   * it out: then the current register's schedule is kept.
   */
  statesSchedule?: boolean;
}

// A register is a few hundred rows; anything this large is the wrong file.
const MAX_BYTES = 5 * 1024 * 1024;
/** A coordinator fixes a file from the top: more problems than these are counted, not listed. */
export const MAX_REPORTED_ERRORS = 100;

const SAVE_AS_CSV_UTF8 = 'Välj "CSV UTF-8 (kommaavgränsad) (*.csv)" i Excels dialog Spara som och importera den filen.';
const SAVE_AS_XLSX_OR_CSV =
  'Välj "Excel-arbetsbok (*.xlsx)" eller "CSV UTF-8 (kommaavgränsad) (*.csv)" i Excels dialog Spara som och importera den filen.';

/**
 * Async because a workbook is unzipped and read asynchronously, and a large CSV or JSON file is
 * read in slices that let other requests be served in between.
 */
export async function parseRegisterFile(bytes: Buffer, fileName: string): Promise<ParsedRegisterFile> {
  const format = detectFormat(fileName, bytes);
  if ('error' in format) return { errors: [{ field: FILE, message: format.error }] };
  if (bytes.length > MAX_BYTES) {
    const mb = (bytes.length / 1024 / 1024).toFixed(1).replace('.', ',');
    return { errors: [{ field: FILE, message: `Filen är ${mb} MB; ett register brukar vara under 1 MB. Är det rätt fil?` }] };
  }
  if (bytes.length === 0) return { errors: [{ field: FILE, message: 'Filen är tom.' }] };
  let parsed;
  if (format.format === 'xlsx') {
    parsed = await readXlsx(bytes);
  } else {
    const decoded = decodeUtf8(bytes);
    if ('error' in decoded) return { errors: [decoded.error] };
    if (!decoded.text.trim()) return { errors: [{ field: FILE, message: 'Filen är tom.' }] };
    parsed = format.format === 'csv' ? await readCsv(decoded.text) : await readJson(decoded.text);
  }
  if (parsed.errors.length) return reported(parsed.errors);
  return { content: parsed.content, errors: [], statesSchedule: parsed.statesSchedule === true };
}

/** The first problems down the file, and how many more there were. */
function reported(all: FieldError[]): ParsedRegisterFile {
  const errors = sortByLine(dropRepeats(all));
  if (errors.length <= MAX_REPORTED_ERRORS) return { errors };
  return { errors: errors.slice(0, MAX_REPORTED_ERRORS), moreErrors: errors.length - MAX_REPORTED_ERRORS };
}

// ---------------------------------------------------------------------------------------------
// File type and encoding

function detectFormat(fileName: string, bytes: Buffer): { format: 'csv' | 'json' | 'xlsx' } | { error: string } {
  const base = fileName.split(/[\\/]/).pop() ?? fileName;
  const dot = base.lastIndexOf('.');
  const extension = dot > 0 ? base.slice(dot + 1).toLowerCase() : '';
  // An .xlsx is a zip archive; an encrypted workbook or an old .xls is a compound file.
  const isZip = bytes.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]));
  const isCompound = bytes.subarray(0, 4).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0]));
  if (extension === 'xlsx') {
    if (isZip) return { format: 'xlsx' };
    if (isCompound) return { error: `"${base}" är skyddad med lösenord eller sparad i ett äldre Excel-format. Ta bort lösenordet, eller ${lowerFirst(SAVE_AS_XLSX_OR_CSV)}` };
    return { error: `"${base}" heter .xlsx men är ingen Excel-arbetsbok. ${SAVE_AS_XLSX_OR_CSV}` };
  }
  // Renaming a workbook to .csv does not make it one.
  if (extension === 'xls' || extension === 'xlsm' || extension === 'ods') {
    return { error: `Arbetsböcker av typen ".${extension}" kan inte läsas. ${SAVE_AS_XLSX_OR_CSV}` };
  }
  if (isZip || isCompound) return { error: `"${base}" är en arbetsbok, inte en textfil. ${SAVE_AS_XLSX_OR_CSV}` };
  if (extension === 'csv' || extension === 'json') return { format: extension };
  if (!extension) return { error: `Filen "${base}" saknar filändelse. Importera en .csv-, .xlsx- eller .json-fil.` };
  return { error: `Filtypen ".${extension}" kan inte importeras. Importera en .csv-, .xlsx- eller .json-fil.` };
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

function decodeUtf8(bytes: Buffer): { text: string } | { error: FieldError } {
  if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) {
    return { error: { field: FILE, message: `Filen är sparad som UTF-16 ("Unicode-text"), inte UTF-8. ${SAVE_AS_CSV_UTF8}` } };
  }
  try {
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
    // NFC so that "å" typed on a Mac (a + ring) equals "å" typed on Windows.
    return { text: text.normalize('NFC') };
  } catch {
    // Excel's plain "CSV (semikolonavgränsad)" writes Windows-1252, where å, ä and ö are single
    // bytes that are invalid in UTF-8: point at the first such line.
    const lossy = new TextDecoder('utf-8').decode(bytes);
    const at = lossy.indexOf('\ufffd');
    const line = at < 0 ? undefined : countLineBreaks(lossy.slice(0, at)) + 1;
    return {
      error: {
        line,
        field: FILE,
        message: `Filen är inte sparad som UTF-8, så å, ä och ö kan inte läsas. ${SAVE_AS_CSV_UTF8}`,
      },
    };
  }
}
// ---------------------------------------------------------------------------------------------

/** One message per cell: the same cell can fail as a person's address and as a plan's officer. */
function dropRepeats(errors: FieldError[]): FieldError[] {
  const seen = new Set<string>();
  return errors.filter((e) => {
    const key = `${e.line ?? ''}\u0000${e.field}\u0000${e.field ? '' : e.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** File-wide errors first, then down the file, so that a coordinator can fix from the top. */
function sortByLine(errors: FieldError[]): FieldError[] {
  return errors
    .map((e, i) => ({ e, i }))
    .sort((a, b) => (a.e.line ?? 0) - (b.e.line ?? 0) || a.i - b.i)
    .map(({ e }) => e);
}
