// CSV as Excel saves a register: one row per plan with its officer's details inline, plus rows
// without a plan id that only describe a person (a manager, a coordinator). The columns and the
// reading of rows of cells (`readRegisterRows`) serve the .xlsx reader and the writers too.

import { parse as csvParser, type Options as CsvOptions } from 'csv-parse';
import type { FieldError } from '../../../domain/errors';
import {
  locateByPath,
  normalizeAddress,
  validateRegister,
  type Person,
  type Plan,
  type RegisterContent,
  type RegisterItemKind,
} from '../../../domain/register';
import { FILE, MAX_ROWS, append, countLineBreaks, tooManyRows, withoutEmpty, yieldToEventLoop, type ReadResult } from './shared';
import { canonicalKind } from '../../../domain/kinds';
import { excerpt } from '../../../../cards/excerpt';
import { FORMULA_LEAD } from '../../coordinator/exports/formula-guard';

export type ColumnKey =
  | 'planId' | 'title' | 'period' | 'note' | 'excludedReason'
  | 'officer' | 'name' | 'personTitle' | 'unit' | 'manager' | 'role' | 'deputy' | 'kind';

interface ColumnSpec {
  key: ColumnKey;
  /** The Swedish header as in the template. */
  label: string;
  /** Accepted headers, compared without case, spaces and punctuation. */
  accepts: string[];
  required: boolean;
}

export const CSV_COLUMNS: readonly ColumnSpec[] = [
  { key: 'planId', label: 'Plan-id', accepts: ['Plan-id', 'Plan id'], required: true },
  { key: 'title', label: 'Plan', accepts: ['Plan', 'Plantitel', 'Planens namn', 'Plan title'], required: true },
  { key: 'period', label: 'Genomförandetid', accepts: ['Genomförandetid', 'Period', 'Implementation period'], required: false },
  { key: 'note', label: 'Notering', accepts: ['Notering', 'Anmärkning', 'Note'], required: false },
  {
    key: 'excludedReason',
    label: 'Utgår (skäl)',
    accepts: ['Utgår (skäl)', 'Utgår', 'Excluded (reason)', 'Excluded', 'Excluded reason'],
    required: false,
  },
  {
    key: 'officer',
    label: 'Ansvarig (e-post)',
    accepts: ['Ansvarig (e-post)', 'Ansvarig', 'E-post', 'Officer (e-mail)', 'Officer', 'E-mail', 'Email'],
    required: true,
  },
  { key: 'name', label: 'Namn', accepts: ['Namn', 'Name'], required: true },
  { key: 'personTitle', label: 'Titel', accepts: ['Titel', 'Befattning', 'Title', 'Job title'], required: false },
  { key: 'unit', label: 'Enhet', accepts: ['Enhet', 'Unit', 'Department'], required: false },
  {
    key: 'manager',
    label: 'Chef (e-post)',
    accepts: ['Chef (e-post)', 'Chef', 'Manager (e-mail)', 'Manager'],
    required: false,
  },
  { key: 'role', label: 'Roll', accepts: ['Roll', 'Role'], required: true },
  // The plan's standing deputy; optional, so registers without the column stay valid.
  {
    key: 'deputy',
    label: 'Ersättare (e-post)',
    accepts: ['Ersättare (e-post)', 'Ersättare', 'Deputy (e-mail)', 'Deputy'],
    required: false,
  },
];

/**
 * What the item is (plan, nämndsmål, aktivitet, uppdrag …). Optional and apart from CSV_COLUMNS:
 * it is read wherever it stands, and written (last) only for a register that names a kind, so a
 * register without kinds reads and writes exactly as before there were kinds.
 */
export const KIND_COLUMN: ColumnSpec = { key: 'kind', label: 'Typ', accepts: ['Typ', 'Slag', 'Kind', 'Type'], required: false };

const COORDINATOR_ROLES = new Set(['samordnare', 'coordinator']);
/** What the writers put in the role column of a coordinator's rows. */
export const COORDINATOR_ROLE = 'samordnare';

function headerKey(header: string): string {
  return header.normalize('NFC').toLocaleLowerCase('sv').replace(/[^\p{L}\p{N}]/gu, '');
}

const COLUMN_BY_HEADER = new Map<string, ColumnSpec>(
  [...CSV_COLUMNS, KIND_COLUMN].flatMap((column) => column.accepts.map((h) => [headerKey(h), column] as [string, ColumnSpec])),
);

/** A row of cells as text, from a CSV file or a worksheet. */
export interface RegisterRow {
  /** Physical line in the file (row number in a worksheet) where the row starts. */
  line: number;
  cells: string[];
}
type CsvRow = RegisterRow;


/** A cell quoted in a message: enough to recognise it, never a whole 60 KB value. */
const QUOTED_BYTES = 120;

/** Rows read between two turns of the event loop: a slice takes a few milliseconds. */
const ROWS_PER_SLICE = 1_000;

export async function readCsv(rawText: string): Promise<ReadResult> {
  const empty: RegisterContent = { plans: [], people: [], coordinators: [] };
  // Counted before anything is split or parsed: a file of a million lines is refused at once.
  const lineCount = countLineBreaks(rawText) + 1;
  if (lineCount > MAX_ROWS) return { content: empty, errors: [tooManyRows(lineCount)] };
  // csv-parse counts a CRLF inside a quoted cell as two lines; with LF only its count is exact.
  const lines = rawText.replace(/\r\n?/g, '\n').split('\n');
  let headerIndex = lines.findIndex((l) => l.trim() !== '');
  // Excel honours (and some exports write) a first line "sep=;" naming the delimiter.
  let delimiter: string | undefined;
  const sep = /^sep=(.)\s*$/i.exec(lines[headerIndex] ?? '');
  if (sep) {
    delimiter = sep[1];
    lines[headerIndex] = '';
    headerIndex = lines.findIndex((l) => l.trim() !== '');
  }
  if (headerIndex < 0) return { content: empty, errors: [{ field: FILE, message: 'Filen innehåller ingen rubrikrad.' }] };
  delimiter ??= detectDelimiter(lines[headerIndex]);

  const rows = await splitCsv(lines.join('\n'), delimiter);
  if ('error' in rows) return { content: empty, errors: [rows.error] };
  return readRegisterRows(rows.rows);
}

/**
 * Reads a register from rows of cells, the first being the header: the same columns, rules and
 * error locations ("rad 4, Namn") for a CSV file and a worksheet.
 */
export async function readRegisterRows(rows: RegisterRow[]): Promise<ReadResult> {
  const empty: RegisterContent = { plans: [], people: [], coordinators: [] };
  const [header, ...rest] = rows;
  if (!header) return { content: empty, errors: [{ field: FILE, message: 'Filen innehåller ingen rubrikrad.' }] };
  const body = rest.map((row) => ({ ...row, cells: row.cells.map(withoutFormulaGuard) }));

  const columns = readHeader(header);
  if (columns.stop) return { content: empty, errors: columns.errors };
  const errors = [...columns.errors];

  const dataRows = body.filter((row) => row.cells.some((c) => c.trim() !== ''));
  const built = await buildFromRows(dataRows, columns.index, columns.labels);
  append(errors, built.errors);
  await yieldToEventLoop();

  for (const row of dataRows) {
    row.cells.forEach((cell, i) => {
      if (cell.trim() && !columns.namedPositions.has(i)) {
        errors.push({ line: row.line, field: `Kolumn ${columnLetter(i)}`, message: 'Cellen har ett värde men kolumnen saknar rubrik.' });
      }
    });
  }

  await yieldToEventLoop();
  append(errors, validateRegister(built.content, built.locate));
  await yieldToEventLoop();
  return { content: built.content, errors: sortByColumn(errors, header.cells) };
}

// The register's CSV writer puts an apostrophe before a value that Excel would run as a formula
// (see formula-guard.ts; after any apostrophes); a cell read back drops that one apostrophe
// again, so an export imports unchanged, whether Excel kept the apostrophe as text or not.
export const GUARDED_FORMULA = new RegExp(`^'+${FORMULA_LEAD}`);
export const NEEDS_FORMULA_GUARD = new RegExp(`^'*${FORMULA_LEAD}`);

function withoutFormulaGuard(cell: string): string {
  const trimmed = cell.trimStart();
  return GUARDED_FORMULA.test(trimmed) ? trimmed.slice(1) : cell;
}

/** Within a line, errors in the order of the columns, as the coordinator reads the row. */
function sortByColumn(errors: FieldError[], headerCells: string[]): FieldError[] {
  const position = new Map(headerCells.map((h, i) => [h.trim(), i] as [string, number]));
  const columnOf = (e: FieldError): number => {
    const letter = /^Kolumn ([A-Z]+)$/.exec(e.field)?.[1];
    if (letter) return [...letter].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
    return position.get(e.field) ?? Number.MAX_SAFE_INTEGER;
  };
  return errors
    .map((e, i) => ({ e, i }))
    .sort((a, b) => (a.e.line ?? 0) - (b.e.line ?? 0) || columnOf(a.e) - columnOf(b.e) || a.i - b.i)
    .map(({ e }) => e);
}

/** The delimiter that occurs most often outside quotes in the header line; `;` on a tie. */
function detectDelimiter(headerLine: string): string {
  const counts = new Map<string, number>([[';', 0], [',', 0], ['\t', 0]]);
  let quoted = false;
  for (const ch of headerLine) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && counts.has(ch)) counts.set(ch, counts.get(ch)! + 1);
  }
  let best = ';';
  for (const [ch, n] of counts) if (n > counts.get(best)!) best = ch;
  return best;
}

/**
 * Splits the text into rows of cells, a slice of lines at a time with a turn of the event loop
 * in between (the streaming parser carries a quoted cell over from one slice to the next).
 */
async function splitCsv(text: string, delimiter: string): Promise<{ rows: CsvRow[] } | { error: FieldError }> {
  let lastEnd = 0;
  const rows: CsvRow[] = [];
  let failure: unknown;
  const options = {
    delimiter,
    relax_column_count: true,
    // Excel leaves a quote inside an unquoted cell as it is (5" skärm); so do we.
    relax_quotes: true,
    skip_empty_lines: true,
    on_record: (cells: string[], context: { lines: number }): CsvRow => {
      lastEnd = context.lines;
      // `lines` is where the record ends; a quoted cell may span several lines.
      const spanned = cells.reduce((n, cell) => n + countLineBreaks(cell), 0);
      return { line: context.lines - spanned, cells };
    },
  };
  // on_record turns each record into a CsvRow, which the library's types cannot express.
  const parser = csvParser(options as unknown as CsvOptions);
  parser.on('data', (row: CsvRow) => rows.push(row));
  parser.on('error', (err) => (failure ??= err));
  const done = new Promise<void>((resolve) => parser.on('close', resolve).on('end', resolve).on('error', () => resolve()));
  for (let start = 0; start < text.length && failure === undefined; ) {
    // Slices end after a line break, so that no character is cut in two.
    const end = endOfSlice(text, start);
    writeWithoutStacks(parser, text.slice(start, end));
    start = end;
    await yieldToEventLoop();
  }
  if (failure === undefined) parser.end();
  await done;
  if (failure === undefined) return { rows };
  return { error: describeCsvFailure(failure, text, lastEnd) };
}

/**
 * csv-parse builds an error (with its stack trace) for every row whose cell count differs from
 * the header's, even when told to accept such rows, and Excel saves short rows all the time:
 * without the stack traces, which nobody reads, a slice takes a fraction of the time.
 */
function writeWithoutStacks(parser: { write(chunk: string): unknown }, chunk: string): void {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    parser.write(chunk);
  } finally {
    Error.stackTraceLimit = limit;
  }
}

function endOfSlice(text: string, start: number): number {
  let end = start;
  for (let n = 0; n < ROWS_PER_SLICE && end >= 0 && end < text.length; n++) end = text.indexOf('\n', end + 1);
  return end < 0 || end >= text.length ? text.length : end + 1;
}

function describeCsvFailure(failure: unknown, text: string, lastEnd: number): FieldError {
  // Matched by code: csv-parse bundles its own copy of the CsvError class.
  const code = (failure as { code?: unknown }).code;
  if (typeof code !== 'string' || !code.startsWith('CSV_')) throw failure;
  const lines = text.split('\n');
  // The broken record starts on the first non-blank line after the last good one.
  let line = lastEnd + 1;
  while (line <= lines.length && lines[line - 1].trim() === '') line++;
  const message =
    code === 'CSV_QUOTE_NOT_CLOSED'
      ? 'Ett citattecken (") öppnar en cell här men stängs aldrig. Lägg till det avslutande citattecknet, eller skriv "" för ett citattecken i texten.'
      : code === 'CSV_INVALID_CLOSING_QUOTE'
        ? 'Efter ett avslutande citattecken (") följer text i samma cell. Skriv "" för ett citattecken i texten.'
        : 'Raden kan inte läsas som CSV. Kontrollera citattecknen.';
  return { line, field: FILE, message };
}

interface HeaderRead {
  /** Column position of each known key. */
  index: Map<ColumnKey, number>;
  /** Positions with a header, known or not (an unknown one is reported once, in the header). */
  namedPositions: Set<number>;
  /** Header text as the coordinator wrote it, used to name fields in errors. */
  labels: Map<ColumnKey, string>;
  errors: FieldError[];
  /** True when rows cannot be read meaningfully (a required column is missing or doubled). */
  stop: boolean;
}

function readHeader(header: CsvRow): HeaderRead {
  const index = new Map<ColumnKey, number>();
  const labels = new Map<ColumnKey, string>();
  const errors: FieldError[] = [];
  let stop = false;
  const allowed = CSV_COLUMNS.map((c) => c.label).join(', ');
  header.cells.forEach((raw, position) => {
    const text = raw.trim();
    if (!text) return;
    const column = COLUMN_BY_HEADER.get(headerKey(text));
    if (!column) {
      errors.push({
        line: header.line,
        field: text,
        message: `Kolumnen "${excerpt(text, QUOTED_BYTES)}" (kolumn ${columnLetter(position)}) är okänd. Kända kolumner: ${allowed}.`,
      });
      return;
    }
    const earlier = index.get(column.key);
    if (earlier !== undefined) {
      stop = true;
      errors.push({
        line: header.line,
        field: text,
        message: `Kolumnen "${column.label}" förekommer två gånger (kolumn ${columnLetter(earlier)} och ${columnLetter(position)}).`,
      });
      return;
    }
    index.set(column.key, position);
    labels.set(column.key, text);
  });
  for (const column of CSV_COLUMNS) {
    if (column.required && !index.has(column.key)) {
      stop = true;
      errors.push({ line: header.line, field: column.label, message: `Kolumnen "${column.label}" saknas i rubrikraden.` });
    }
  }
  const namedPositions = new Set(header.cells.flatMap((h, i) => (h.trim() ? [i] : [])));
  return { index, namedPositions, labels, errors, stop };
}

/** Excel's name of a column: A, B, …, Z, AA, … */
function columnLetter(position: number): string {
  let n = position + 1;
  let letters = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    letters = String.fromCharCode(65 + r) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

type PersonField = 'name' | 'title' | 'unit' | 'manager';

interface PersonSource {
  person: Person;
  /** Where each field's value came from; `id` is the person's first row. */
  lines: Partial<Record<'id' | PersonField, number>>;
}

export const PERSON_COLUMNS: Record<PersonField, ColumnKey> = {
  name: 'name',
  title: 'personTitle',
  unit: 'unit',
  manager: 'manager',
};

const PERSON_FIELD_WORDS: Record<PersonField, string> = {
  name: 'Namnet',
  title: 'Titeln',
  unit: 'Enheten',
  manager: 'Chefen',
};

export const PLAN_COLUMNS: Record<string, ColumnKey> = {
  id: 'planId',
  title: 'title',
  period: 'period',
  note: 'note',
  excludedReason: 'excludedReason',
  officer: 'officer',
  deputy: 'deputy',
  kind: 'kind',
};

async function buildFromRows(
  rows: CsvRow[],
  index: Map<ColumnKey, number>,
  labels: Map<ColumnKey, string>,
): Promise<{ content: RegisterContent; errors: FieldError[]; locate: (kind: RegisterItemKind, i: number, field: string) => { line?: number; field: string } }> {
  const label = (key: ColumnKey): string => labels.get(key) ?? [...CSV_COLUMNS, KIND_COLUMN].find((c) => c.key === key)!.label;
  const errors: FieldError[] = [];
  const plans: Plan[] = [];
  const planLines: number[] = [];
  const people = new Map<string, PersonSource>();
  const coordinators: string[] = [];
  const coordinatorLines: number[] = [];

  for (const [n, row] of rows.entries()) {
    if (n > 0 && n % ROWS_PER_SLICE === 0) await yieldToEventLoop();
    const cell = (key: ColumnKey): string => {
      const at = index.get(key);
      return at === undefined ? '' : (row.cells[at] ?? '').trim();
    };
    const planId = cell('planId');
    const officer = normalizeAddress(cell('officer'));
    const role = cell('role');
    const isCoordinator = COORDINATOR_ROLES.has(role.toLocaleLowerCase('sv'));
    if (role && !isCoordinator) {
      errors.push({ line: row.line, field: label('role'), message: `Okänd roll "${excerpt(role, QUOTED_BYTES)}". Skriv "samordnare" eller lämna cellen tom.` });
    }
    const personValues = {
      name: cell('name'),
      title: cell('personTitle'),
      unit: cell('unit'),
      manager: normalizeAddress(cell('manager')),
    };
    const describesPerson = Object.values(personValues).some((v) => v !== '');

    if (planId) {
      plans.push(withoutEmpty({
        id: planId,
        title: cell('title'),
        period: cell('period'),
        note: cell('note'),
        excludedReason: cell('excludedReason'),
        officer,
        deputy: normalizeAddress(cell('deputy')),
        kind: canonicalKind(cell('kind')),
      }, ['id', 'title']));
      planLines.push(row.line);
    } else if (['title', 'period', 'note', 'excludedReason', 'deputy', 'kind'].some((k) => cell(k as ColumnKey))) {
      errors.push({ line: row.line, field: label('planId'), message: 'Raden beskriver en plan men saknar plan-id.' });
    }

    if (!officer) {
      if (describesPerson || isCoordinator) {
        errors.push({
          line: row.line,
          field: label('officer'),
          message: planId
            ? 'Raden har uppgifter om en person men ingen e-postadress i kolumnen för ansvarig.'
            : 'En rad utan plan-id beskriver en person och behöver hens e-postadress.',
        });
      }
      continue;
    }

    let source = people.get(officer);
    if (!source) {
      source = { person: { id: officer, name: '' }, lines: { id: row.line } };
      people.set(officer, source);
    }
    for (const field of Object.keys(PERSON_COLUMNS) as PersonField[]) {
      const value = personValues[field];
      if (!value) continue; // an empty cell means "not stated on this row"
      const known = source.person[field];
      if (known === undefined || known === '') {
        source.person[field] = value;
        source.lines[field] = row.line;
      } else if (known.toLocaleLowerCase('sv') !== value.toLocaleLowerCase('sv')) {
        errors.push({
          line: row.line,
          field: label(PERSON_COLUMNS[field]),
          message: `${PERSON_FIELD_WORDS[field]} för ${officer} skiljer sig: "${known}" på rad ${source.lines[field]}, "${value}" på rad ${row.line}.`,
        });
      }
    }
    if (isCoordinator && !coordinators.includes(officer)) {
      coordinators.push(officer);
      coordinatorLines.push(row.line);
    }
  }

  const personList = [...people.values()];
  const locate = (kind: RegisterItemKind, i: number, field: string): { line?: number; field: string } => {
    if (i < 0) return { field: kind === 'coordinator' ? label('role') : locateByPath(kind, i, field).field };
    if (kind === 'plan') {
      const key = PLAN_COLUMNS[field];
      return { line: planLines[i], field: key ? label(key) : field };
    }
    if (kind === 'person') {
      const source = personList[i];
      const key = field === 'id' ? 'officer' : PERSON_COLUMNS[field as PersonField];
      return { line: source.lines[field as 'id' | PersonField] ?? source.lines.id, field: key ? label(key) : field };
    }
    // A coordinator's address is the person's address cell on the row that names the role.
    return { line: coordinatorLines[i], field: label('officer') };
  };

  return {
    content: { plans, people: personList.map((s) => s.person), coordinators },
    errors,
    locate,
  };
}

/** Leaves out optional fields whose cell was empty: "not stated" rather than "". */
