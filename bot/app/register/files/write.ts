// Writes the register in the CSV and .xlsx forms that the readers read, for a coordinator to edit
// in Excel and upload again: reading an export gives the same register back. The columns come
// from CSV_COLUMNS, so a column added there is written too once its field is mapped in
// PLAN_COLUMNS or PERSON_COLUMNS; the kind column (KIND_COLUMN) only for a register naming kinds.
//
// One row per plan with its officer's details, then a row for each person without a plan (a
// manager, a coordinator). Reading the file back lists people in the order the rows name them:
// officers in plan order first, then the others.

import { namesKinds } from '../../../domain/kinds';
import { normalizeAddress, type Person, type Plan, type RegisterContent } from '../../../domain/register';
import { COORDINATOR_ROLE, CSV_COLUMNS, GUARDED_FORMULA, KIND_COLUMN, NEEDS_FORMULA_GUARD, PERSON_COLUMNS, PLAN_COLUMNS, type ColumnKey } from './csv';
import { loadExcelJs } from './shared';

type Fields = Record<string, string | undefined>;

const PLAN_FIELD = new Map(Object.entries(PLAN_COLUMNS).map(([field, key]) => [key, field] as [ColumnKey, string]));
const PERSON_FIELD = new Map(Object.entries(PERSON_COLUMNS).map(([field, key]) => [key, field] as [ColumnKey, string]));

/** Columns whose value the writers cannot find; empty when every column of CSV_COLUMNS is mapped. */
export function unwrittenColumns(): string[] {
  return [...CSV_COLUMNS, KIND_COLUMN].filter((c) => c.key !== 'role' && !PLAN_FIELD.has(c.key) && !PERSON_FIELD.has(c.key)).map((c) => c.label);
}

/** The columns written: CSV_COLUMNS, and the kind last when an item names its kind. */
function columnsOf(content: RegisterContent): ReadonlyArray<(typeof CSV_COLUMNS)[number]> {
  return namesKinds(content.plans) ? [...CSV_COLUMNS, KIND_COLUMN] : CSV_COLUMNS;
}

/** The register as rows of text: the header (the template's labels), then plans, then other people. */
export function registerTable(content: RegisterContent): string[][] {
  const columns = columnsOf(content);
  const people = new Map(content.people.map((p) => [normalizeAddress(p.id), p] as [string, Person]));
  const coordinators = new Set(content.coordinators.map(normalizeAddress));
  const written = new Set<string>();

  const row = (plan: Plan | undefined, address: string | undefined): string[] => {
    const person = address ? people.get(normalizeAddress(address)) : undefined;
    return columns.map((column) => {
      if (column.key === 'role') return address && coordinators.has(normalizeAddress(address)) ? COORDINATOR_ROLE : '';
      if (column.key === 'officer') return address ?? '';
      const planField = PLAN_FIELD.get(column.key);
      if (planField) return (plan as Fields | undefined)?.[planField] ?? '';
      const personField = PERSON_FIELD.get(column.key);
      if (personField) return (person as Fields | undefined)?.[personField] ?? '';
      return '';
    });
  };

  const rows = [columns.map((c) => c.label)];
  for (const plan of content.plans) {
    rows.push(row(plan, plan.officer));
    if (plan.officer) written.add(normalizeAddress(plan.officer));
  }
  // People without a plan, then coordinators the register names but does not describe (a
  // register from JSON may); such a row asks for a name when the file is read again.
  const others = [...content.people.map((p) => p.id), ...content.coordinators];
  for (const address of others) {
    const key = normalizeAddress(address);
    if (written.has(key)) continue;
    written.add(key);
    rows.push(row(undefined, address));
  }
  return rows;
}

// ---------------------------------------------------------------------------------------------
// CSV, shaped like the other exports for Excel with Swedish settings: UTF-8 with BOM, ";", CRLF.

const BOM = '\uFEFF';
const SEPARATOR = ';';
const LINE_END = '\r\n';
const NEEDS_QUOTES = /[;,"\r\n]|^\s|\s$/;

export function writeRegisterCsv(content: RegisterContent): Buffer {
  const lines = registerTable(content).map((cells) => cells.map(csvCell).join(SEPARATOR));
  return Buffer.from(BOM + lines.join(LINE_END) + LINE_END, 'utf8');
}

// Excel runs a cell starting with =, +, - or @ as a formula (see formula-guard.ts): an apostrophe before it keeps it
// text, and the reader drops that apostrophe again.
function csvCell(raw: string): string {
  const value = NEEDS_FORMULA_GUARD.test(raw) ? `'${raw}` : raw;
  return NEEDS_QUOTES.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

// ---------------------------------------------------------------------------------------------
// .xlsx: every cell is a text cell, which Excel never runs as a formula. Only a value that
// already starts with the reader's guard (an apostrophe before =, +, - or @) gets one more, so
// that reading drops exactly the one added.

const MIN_WIDTH = 10;
const MAX_WIDTH = 60;

export async function writeRegisterXlsx(content: RegisterContent, at?: Date): Promise<Buffer> {
  const workbook = new (await loadExcelJs()).Workbook();
  workbook.creator = 'Uppföljning';
  if (at) {
    workbook.created = at;
    workbook.modified = at;
  }
  const sheet = workbook.addWorksheet('Register', { views: [{ state: 'frozen', ySplit: 1 }] });
  const table = registerTable(content);
  for (const cells of table) sheet.addRow(cells.map((c) => (GUARDED_FORMULA.test(c) ? `'${c}` : c)));
  sheet.getRow(1).font = { bold: true };
  const width = table[0].length;
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: width } };
  sheet.columns.forEach((column, i) => {
    const longest = Math.max(...table.map((cells) => [...(cells[i] ?? '')].length));
    column.width = Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, longest + 2));
  });
  // Text format keeps Excel from turning an id such as 0480 or 2016-2020 into a number or date
  // when the coordinator edits the cell.
  for (let c = 1; c <= width; c++) sheet.getColumn(c).numFmt = '@';
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
