// A register saved as an Excel workbook (.xlsx), read with exceljs: the first worksheet, with
// the same header and columns as the CSV form. Each cell becomes the text the coordinator sees
// in Excel, and the rows go through the CSV reader's path, so the rules and the error locations
// ("rad 4, Namn", where 4 is Excel's row number) are the same.

import type { CellValue } from 'exceljs';
import type { FieldError } from '../../../domain/errors';
import { CSV_COLUMNS, readRegisterRows, type RegisterRow } from './csv';
import { FILE, loadExcelJs, MAX_ROWS, type ReadResult } from './shared';
import { checkWorkbook, type WorkbookProblem } from './xlsx-guard';

const EMPTY = { plans: [], people: [], coordinators: [] };

// A register is a few thousand rows at most; a sheet far beyond that is the wrong file.
const MAX_COLUMNS = 200;
/**
 * Cells of all worksheets: exceljs's time and memory grow with them (1.5 million numbers took it
 * 9–15 s and 1.3 GB). The bot's own workbook writes every cell of every row, empty ones too, so
 * a register of MAX_ROWS rows has MAX_ROWS × the known columns (12) cells; a few more columns
 * leave room for a coordinator's own notes beside them, which the reader reports as unknown.
 */
const MAX_CELLS = MAX_ROWS * (CSV_COLUMNS.length + 4);

export async function readXlsx(bytes: Buffer): Promise<ReadResult> {
  const problem = checkWorkbook(bytes, { maxRows: MAX_ROWS, maxColumns: MAX_COLUMNS, maxCells: MAX_CELLS });
  if (problem) return failure({ field: FILE, message: describeProblem(problem) });
  const workbook = new (await loadExcelJs()).Workbook();
  try {
    // exceljs types the buffer as its own Buffer interface, which Node's Buffer satisfies.
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    return failure({ field: FILE, message: BROKEN_WORKBOOK });
  }
  const sheet = workbook.worksheets[0];
  if (!sheet || sheet.actualRowCount === 0) {
    return failure({ field: FILE, message: 'Arbetsbokens första kalkylblad är tomt. Registret ska stå i det första bladet, med rubrikraden överst.' });
  }
  if (sheet.rowCount > MAX_ROWS || sheet.columnCount > MAX_COLUMNS) return failure({ field: FILE, message: tooBigSheet(sheet.rowCount, sheet.columnCount) });

  const rows: RegisterRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: string[] = [];
    row.eachCell({ includeEmpty: false }, (cell, column) => {
      // A merged area shows its value once, in its first cell.
      if (cell.isMerged && cell.master !== cell) return;
      cells[column - 1] = cellText(cell.value, cell.numFmt);
    });
    rows.push({ line: rowNumber, cells: Array.from(cells, (c) => c ?? '') });
  });
  // The header is the first row with text (a cell may be formatted yet empty).
  const first = rows.findIndex((row) => row.cells.some((c) => c.trim() !== ''));
  if (first < 0) return failure({ field: FILE, message: 'Filen innehåller ingen rubrikrad.' });
  return readRegisterRows(rows.slice(first));
}

function tooBigSheet(rows: number, columns: number): string {
  return `Ett kalkylblad har ${rows.toLocaleString('sv-SE')} rader och ${columns.toLocaleString('sv-SE')} kolumner; ett register brukar ha några hundra rader och ett tiotal kolumner. Är det rätt fil?`;
}

function describeProblem(problem: WorkbookProblem): string {
  const count = (n: number) => n.toLocaleString('sv-SE');
  switch (problem.kind) {
    case 'not-a-zip':
      return BROKEN_WORKBOOK;
    case 'too-many-rows':
      return tooBigSheet(problem.rows, problem.columns);
    case 'too-many-parts':
      return `Arbetsboken består av ${count(problem.parts)} delar; en arbetsbok med ett register har ett tiotal. Är det rätt fil?`;
    case 'too-many-cells':
      return `Arbetsbokens kalkylblad har minst ${count(problem.cells)} celler; ett register har högst ${count(problem.maxCells)}. Är det rätt fil?`;
    case 'too-large':
      return `Arbetsboken packas upp till ${count(Math.round(problem.unpackedBytes / 1024 / 1024))} MB; ett register brukar vara högst några MB. Är det rätt fil?`;
  }
}

export const BROKEN_WORKBOOK =
  'Filen kan inte läsas som en Excel-arbetsbok (.xlsx); den kan vara skadad. Öppna den i Excel och spara den igen, eller spara den som "CSV UTF-8 (kommaavgränsad) (*.csv)".';

function failure(error: FieldError): ReadResult {
  return { content: EMPTY, errors: [error] };
}

/** The text Excel shows for a cell's value: a formula's result, a link's text, a date as 2026-04-01. */
export function cellText(value: CellValue, numFmt?: string): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value.normalize('NFC');
  if (typeof value === 'number') return numberText(value, numFmt);
  if (typeof value === 'boolean') return value ? 'SANT' : 'FALSKT';
  if (value instanceof Date) return dateText(value);
  if ('richText' in value) return value.richText.map((run) => run.text).join('').normalize('NFC');
  if ('hyperlink' in value) return cellText(value.text as CellValue, numFmt);
  if ('formula' in value || 'sharedFormula' in value) {
    const result = value.result;
    return result === undefined ? '' : cellText(result as CellValue, numFmt);
  }
  if ('error' in value) return value.error;
  return '';
}

// Swedish Excel writes decimals with a comma; a year or an id typed as a number stays as typed.
function numberText(value: number, numFmt?: string): string {
  if (numFmt?.includes('%')) return `${decimal(Math.round(value * 10000) / 100)} %`;
  return decimal(value);
}

function decimal(value: number): string {
  return String(value).replace('.', ',');
}

// exceljs gives a date cell as the instant of its wall-clock reading in UTC.
function dateText(value: Date): string {
  const iso = value.toISOString();
  const time = iso.slice(11, 16);
  return time === '00:00' ? iso.slice(0, 10) : `${iso.slice(0, 10)} ${time}`;
}
