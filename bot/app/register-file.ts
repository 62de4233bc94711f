// Reads a register file as a coordinator makes it: JSON, or CSV as Excel saves it (UTF-8 with or
// without BOM, `;` or `,`, CRLF, quoted cells). Every problem is located by line and column or
// field path, so that one round of corrections is enough; nothing is returned unless the whole
// file is valid.

import { parse as parseCsvText, type Options as CsvOptions } from 'csv-parse/sync';
import type { FieldError } from '../domain/errors';
import {
  locateByPath,
  normalizeAddress,
  validateRegister,
  type Person,
  type Plan,
  type RegisterContent,
  type RegisterItemKind,
} from '../domain/register';

export interface ParsedRegisterFile {
  content?: RegisterContent;
  errors: FieldError[];
}

/** Field name of errors about the file as a whole (encoding, type, emptiness). */
const FILE = '';

// A register is a few hundred rows; anything this large is the wrong file.
const MAX_BYTES = 5 * 1024 * 1024;

const SAVE_AS_CSV_UTF8 = 'Välj "CSV UTF-8 (kommaavgränsad) (*.csv)" i Excels dialog Spara som och importera den filen.';

export function parseRegisterFile(bytes: Buffer, fileName: string): ParsedRegisterFile {
  const format = detectFormat(fileName, bytes);
  if ('error' in format) return { errors: [{ field: FILE, message: format.error }] };
  if (bytes.length > MAX_BYTES) {
    const mb = (bytes.length / 1024 / 1024).toFixed(1).replace('.', ',');
    return { errors: [{ field: FILE, message: `Filen är ${mb} MB; ett register brukar vara under 1 MB. Är det rätt fil?` }] };
  }
  const decoded = decodeUtf8(bytes);
  if ('error' in decoded) return { errors: [decoded.error] };
  if (!decoded.text.trim()) return { errors: [{ field: FILE, message: 'Filen är tom.' }] };

  const parsed = format.format === 'csv' ? readCsv(decoded.text) : readJson(decoded.text);
  const errors = sortByLine(dropRepeats(parsed.errors));
  return errors.length ? { errors } : { content: parsed.content, errors: [] };
}

// ---------------------------------------------------------------------------------------------
// File type and encoding

function detectFormat(fileName: string, bytes: Buffer): { format: 'csv' | 'json' } | { error: string } {
  const base = fileName.split(/[\\/]/).pop() ?? fileName;
  const dot = base.lastIndexOf('.');
  const extension = dot > 0 ? base.slice(dot + 1).toLowerCase() : '';
  // An .xlsx is a zip archive; renaming it to .csv does not make it one.
  const isWorkbook = bytes.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]));
  if (isWorkbook || extension === 'xlsx' || extension === 'xls' || extension === 'xlsm' || extension === 'ods') {
    return { error: `"${base}" är en arbetsbok, inte en textfil. ${SAVE_AS_CSV_UTF8}` };
  }
  if (extension === 'csv' || extension === 'json') return { format: extension };
  if (!extension) return { error: `Filen "${base}" saknar filändelse. Importera en .csv- eller .json-fil.` };
  return { error: `Filtypen ".${extension}" kan inte importeras. Importera en .csv- eller .json-fil.` };
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

function countLineBreaks(text: string): number {
  let count = 0;
  for (const ch of text) if (ch === '\n') count++;
  return count;
}

// ---------------------------------------------------------------------------------------------
// CSV: one row per plan with its officer's details inline, plus rows without a plan id that
// only describe a person (a manager, a coordinator).

type ColumnKey =
  | 'planId' | 'title' | 'period' | 'note' | 'excludedReason'
  | 'officer' | 'name' | 'personTitle' | 'unit' | 'manager' | 'role';

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
];

const COORDINATOR_ROLES = new Set(['samordnare', 'coordinator']);

function headerKey(header: string): string {
  return header.normalize('NFC').toLocaleLowerCase('sv').replace(/[^\p{L}\p{N}]/gu, '');
}

const COLUMN_BY_HEADER = new Map<string, ColumnSpec>(
  CSV_COLUMNS.flatMap((column) => column.accepts.map((h) => [headerKey(h), column] as [string, ColumnSpec])),
);

interface CsvRow {
  /** Physical line in the file where the row starts (the header is line 1 in a plain file). */
  line: number;
  cells: string[];
}

type ReadResult = { content: RegisterContent; errors: FieldError[] };

function readCsv(rawText: string): ReadResult {
  const empty: RegisterContent = { plans: [], people: [], coordinators: [] };
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

  const rows = splitCsv(lines.join('\n'), delimiter);
  if ('error' in rows) return { content: empty, errors: [rows.error] };
  const [header, ...body] = rows.rows;

  const columns = readHeader(header);
  if (columns.stop) return { content: empty, errors: columns.errors };
  const errors = [...columns.errors];

  const dataRows = body.filter((row) => row.cells.some((c) => c.trim() !== ''));
  const built = buildFromRows(dataRows, columns.index, columns.labels);
  errors.push(...built.errors);

  for (const row of dataRows) {
    row.cells.forEach((cell, i) => {
      if (cell.trim() && !columns.namedPositions.has(i)) {
        errors.push({ line: row.line, field: `Kolumn ${columnLetter(i)}`, message: 'Cellen har ett värde men kolumnen saknar rubrik.' });
      }
    });
  }

  errors.push(...validateRegister(built.content, built.locate));
  return { content: built.content, errors: sortByColumn(errors, header.cells) };
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

function splitCsv(text: string, delimiter: string): { rows: CsvRow[] } | { error: FieldError } {
  let lastEnd = 0;
  try {
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
    const rows = parseCsvText(text, options as unknown as CsvOptions) as unknown as CsvRow[];
    return { rows };
  } catch (e) {
    // Matched by code: csv-parse/sync bundles its own copy of the CsvError class.
    const code = (e as { code?: unknown }).code;
    if (typeof code !== 'string' || !code.startsWith('CSV_')) throw e;
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
    return { error: { line, field: FILE, message } };
  }
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
        message: `Kolumnen "${text}" (kolumn ${columnLetter(position)}) är okänd. Kända kolumner: ${allowed}.`,
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

const PERSON_COLUMNS: Record<PersonField, ColumnKey> = {
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

const PLAN_COLUMNS: Record<string, ColumnKey> = {
  id: 'planId',
  title: 'title',
  period: 'period',
  note: 'note',
  excludedReason: 'excludedReason',
  officer: 'officer',
};

function buildFromRows(
  rows: CsvRow[],
  index: Map<ColumnKey, number>,
  labels: Map<ColumnKey, string>,
): { content: RegisterContent; errors: FieldError[]; locate: (kind: RegisterItemKind, i: number, field: string) => { line?: number; field: string } } {
  const label = (key: ColumnKey): string => labels.get(key) ?? CSV_COLUMNS.find((c) => c.key === key)!.label;
  const errors: FieldError[] = [];
  const plans: Plan[] = [];
  const planLines: number[] = [];
  const people = new Map<string, PersonSource>();
  const coordinators: string[] = [];
  const coordinatorLines: number[] = [];

  for (const row of rows) {
    const cell = (key: ColumnKey): string => {
      const at = index.get(key);
      return at === undefined ? '' : (row.cells[at] ?? '').trim();
    };
    const planId = cell('planId');
    const officer = normalizeAddress(cell('officer'));
    const role = cell('role');
    const isCoordinator = COORDINATOR_ROLES.has(role.toLocaleLowerCase('sv'));
    if (role && !isCoordinator) {
      errors.push({ line: row.line, field: label('role'), message: `Okänd roll "${role}". Skriv "samordnare" eller lämna cellen tom.` });
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
      }, ['id', 'title']));
      planLines.push(row.line);
    } else if (['title', 'period', 'note', 'excludedReason'].some((k) => cell(k as ColumnKey))) {
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
function withoutEmpty<T extends object>(value: T, keep: Array<keyof T>): T {
  const out = {} as T;
  for (const key of Object.keys(value) as Array<keyof T>) {
    if (keep.includes(key) || value[key] !== '') out[key] = value[key];
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// JSON: { plans: [...], people: [...], coordinators: [...] } with the domain's field names.

const TOP_KEYS = ['plans', 'people', 'coordinators'] as const;
const PLAN_KEYS = ['id', 'title', 'period', 'note', 'officer', 'excludedReason'] as const;
const PERSON_KEYS = ['id', 'name', 'title', 'unit', 'manager'] as const;
const PLAN_ADDRESS_KEYS = ['officer'];
const PERSON_ADDRESS_KEYS = ['id', 'manager'];

function readJson(text: string): ReadResult {
  const empty: RegisterContent = { plans: [], people: [], coordinators: [] };
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\ufeff/, ''));
  } catch (e) {
    return { content: empty, errors: [describeJsonSyntaxError(text, (e as Error).message)] };
  }
  const lines = locateJsonValues(text);
  const at = (path: string): { line?: number; field: string } => ({ line: lineOf(lines, path), field: path });
  const errors: FieldError[] = [];

  if (!isObject(data)) {
    return {
      content: empty,
      errors: [{ line: 1, field: FILE, message: 'Filen ska innehålla ett objekt med fälten plans, people och coordinators.' }],
    };
  }
  errors.push(...unknownKeys(data, TOP_KEYS, '', at));

  const list = (key: (typeof TOP_KEYS)[number]): unknown[] => {
    const value = data[key];
    if (value === undefined) {
      errors.push({ line: 1, field: key, message: `Fältet "${key}" saknas; ange det, även som en tom lista [].` });
      return [];
    }
    if (!Array.isArray(value)) {
      errors.push({ ...at(key), message: `Fältet "${key}" ska vara en lista [ … ], inte ${describeJsonType(value)}.` });
      return [];
    }
    return value;
  };

  const plans = list('plans').map((item, i) => readJsonItem<Plan>(item, `plans[${i}]`, PLAN_KEYS, ['id', 'title'], PLAN_ADDRESS_KEYS, at, errors));
  const people = list('people').map((item, i) => readJsonItem<Person>(item, `people[${i}]`, PERSON_KEYS, ['id', 'name'], PERSON_ADDRESS_KEYS, at, errors));
  const coordinators = list('coordinators').map((item, i) => {
    if (typeof item === 'string') return normalizeAddress(item.normalize('NFC'));
    errors.push({ ...at(`coordinators[${i}]`), message: `En samordnare anges som e-postadress i citattecken, inte som ${describeJsonType(item)}.` });
    return '';
  });

  const content: RegisterContent = { plans, people, coordinators };
  const locate = (kind: RegisterItemKind, i: number, field: string): { line?: number; field: string } => {
    const path = locateByPath(kind, i, field).field;
    return { line: lineOf(lines, path), field: path };
  };
  errors.push(...validateRegister(content, locate));
  return { content, errors };
}

function readJsonItem<T>(
  item: unknown,
  path: string,
  keys: readonly string[],
  required: string[],
  addressKeys: string[],
  at: (path: string) => { line?: number; field: string },
  errors: FieldError[],
): T {
  const out: Record<string, string> = {};
  for (const key of required) out[key] = '';
  if (!isObject(item)) {
    errors.push({ ...at(path), message: `Varje post ska vara ett objekt { … }, inte ${describeJsonType(item)}.` });
    return out as T;
  }
  errors.push(...unknownKeys(item, keys, `${path}.`, at));
  for (const key of keys) {
    const value = item[key];
    if (value === undefined || value === null) continue;
    if (typeof value !== 'string') {
      errors.push({ ...at(`${path}.${key}`), message: `Värdet ska vara text inom citattecken, inte ${describeJsonType(value)}.` });
      continue;
    }
    const text = value.normalize('NFC').trim();
    const isAddress = addressKeys.includes(key);
    // An explicit empty excludedReason is kept: it says "excluded" without saying why.
    if (text || required.includes(key) || key === 'excludedReason') out[key] = isAddress ? normalizeAddress(text) : text;
  }
  return out as T;
}

function unknownKeys(
  value: Record<string, unknown>,
  allowed: readonly string[],
  prefix: string,
  at: (path: string) => { line?: number; field: string },
): FieldError[] {
  return Object.keys(value)
    .filter((key) => !allowed.includes(key))
    .map((key) => ({
      ...at(`${prefix}${key}`),
      message: `Okänt fält "${key}". Tillåtna fält här: ${allowed.join(', ')}.`,
    }));
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describeJsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'en lista';
  switch (typeof value) {
    case 'number': return 'ett tal';
    case 'boolean': return 'sant/falskt';
    case 'object': return 'ett objekt';
    default: return 'text';
  }
}

/** The line of a path, or of the nearest enclosing value when the field itself is absent. */
function lineOf(lines: Map<string, number>, path: string): number | undefined {
  let p = path;
  for (;;) {
    const line = lines.get(p);
    if (line !== undefined) return line;
    const cut = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
    if (cut <= 0) return undefined;
    p = p.slice(0, cut);
  }
}

// V8's messages (Node 20) carry "at position N"; the hint says what is typically wrong there.
const JSON_HINTS: Array<[RegExp, string]> = [
  [/property name/, 'Här väntades ett fältnamn inom dubbla citattecken. Står det ett kommatecken för mycket före } ?'],
  [/after property value/, 'Här saknas ett kommatecken mellan två fält, eller en avslutande }.'],
  [/after array element/, 'Här saknas ett kommatecken mellan två poster, eller en avslutande ].'],
  [/after property name/, 'Här saknas ett kolon efter fältnamnet.'],
  [/control character/i, 'En text innehåller en radbrytning eller tabb. Allt ska stå på en rad.'],
  [/Unterminated string/i, 'En text saknar sitt avslutande citattecken.'],
  [/Unexpected end/i, 'Filen tar slut för tidigt. Saknas en avslutande } eller ]?'],
  [/after JSON/i, 'Efter det avslutande } följer mer text.'],
];

function describeJsonSyntaxError(text: string, message: string): FieldError {
  const position = /at position (\d+)/.exec(message);
  const offset = position ? Math.min(Number(position[1]), text.length) : text.trimEnd().length;
  const before = text.slice(0, offset);
  const line = countLineBreaks(before) + 1;
  const column = offset - before.lastIndexOf('\n');
  const hint = JSON_HINTS.find(([pattern]) => pattern.test(message))?.[1] ?? 'Kontrollera kommatecken, citattecken och klamrar här.';
  return { line, field: FILE, message: `Filen är inte giltig JSON (tecken ${column} på raden). ${hint}` };
}

/**
 * Maps each value's path (`plans[3].title`) to the line where it starts. Runs only on text that
 * JSON.parse accepted, so it can skip validation and stay short.
 */
function locateJsonValues(text: string): Map<string, number> {
  const lines = new Map<string, number>();
  let pos = 0;
  let line = 1;
  const skipSpace = (): void => {
    while (pos < text.length) {
      const ch = text[pos];
      if (ch === '\n') line++;
      else if (ch !== ' ' && ch !== '\t' && ch !== '\r' && ch !== '\ufeff') return;
      pos++;
    }
  };
  const readString = (): string => {
    const start = pos;
    pos++;
    while (text[pos] !== '"') pos += text[pos] === '\\' ? 2 : 1;
    pos++;
    return JSON.parse(text.slice(start, pos)) as string;
  };
  const readValue = (path: string): void => {
    skipSpace();
    if (path) lines.set(path, line);
    const ch = text[pos];
    if (ch === '{') {
      pos++;
      skipSpace();
      if (text[pos] === '}') { pos++; return; }
      for (;;) {
        skipSpace();
        const key = readString();
        skipSpace();
        pos++; // ':'
        readValue(path ? `${path}.${key}` : key);
        skipSpace();
        if (text[pos++] === '}') return;
      }
    }
    if (ch === '[') {
      pos++;
      skipSpace();
      if (text[pos] === ']') { pos++; return; }
      for (let i = 0; ; i++) {
        readValue(`${path}[${i}]`);
        skipSpace();
        if (text[pos++] === ']') return;
      }
    }
    if (ch === '"') { readString(); return; }
    while (pos < text.length && !/[,\]}\s]/.test(text[pos])) pos++;
  };
  readValue('');
  return lines;
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
