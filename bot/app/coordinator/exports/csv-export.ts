// The round summary as a CSV file for Excel: one row per plan, columns chosen by the caller (and,
// for a register naming kinds, the counts by kind below).
// A pure function from rows to bytes.
//
// Shaped for Excel with Swedish regional settings, which is what the coordinator opens it with:
// - UTF-8 with a byte-order mark, or Excel reads the file as Windows-1252 and å, ä, ö break;
// - ";" as separator, the list separator of the Swedish locale (a "sep=;" line would hide the
//   BOM from Excel, so none is written);
// - CRLF line ends (RFC 4180); line breaks inside an answer stay inside its quoted cell.

import { guardFormula } from './formula-guard';

const BOM = '\uFEFF';
const SEPARATOR = ';';
const LINE_END = '\r\n';

export interface CsvTable {
  rows: Array<Record<string, string>>;
  columns: Array<{ key: string; header: string }>;
}

/** Builds the summary CSV: a header row from `columns`, then one line per row (missing keys empty). */
export function buildSummaryCsv(rows: Array<Record<string, string>>, columns: Array<{ key: string; header: string }>): Buffer {
  return buildCsvTables([{ rows, columns }]);
}

/**
 * Several tables in one file, one below the other with an empty line between, as a coordinator
 * would lay them out on one Excel sheet (the answers, then the counts by kind).
 */
export function buildCsvTables(tables: CsvTable[]): Buffer {
  const lines = tables.flatMap(({ rows, columns }, i) => [
    ...(i > 0 ? [[]] : []),
    columns.map((c) => formatCell(c.header)),
    ...rows.map((row) => columns.map((c) => formatCell(row[c.key] ?? ''))),
  ]);
  return Buffer.from(BOM + lines.map((cells) => cells.join(SEPARATOR)).join(LINE_END) + LINE_END, 'utf8');
}

// An officer's answer like "=HYPERLINK(…)" must not run on the coordinator's machine (see
// formula-guard.ts). The price is a visible ' before answers such as "-5 %" or " inledande" —
// text, which is what answers are anyway.
const NEEDS_QUOTES = /[;"\r\n]|^\s|\s$/;

function formatCell(raw: string): string {
  const value = guardFormula(raw);
  return NEEDS_QUOTES.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}
