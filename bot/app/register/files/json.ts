// A register as JSON: { plans: [...], people: [...], coordinators: [...], schedule?: {...} } with
// the domain's field names. Only this form can carry the schedule (cadence and follow-up policy).

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
import { canonicalKind } from '../../../domain/kinds';
import { withDefaultPolicy } from '../../../domain/schedule';
import { FILE, MAX_ROWS, append, countLineBreaks, tooManyRows, type ReadResult } from './shared';

const TOP_KEYS = ['plans', 'people', 'coordinators', 'schedule'] as const;
const LIST_KEYS = ['plans', 'people', 'coordinators'] as const;
const PLAN_KEYS = ['id', 'title', 'period', 'note', 'officer', 'deputy', 'excludedReason', 'kind'] as const;
/** Optional keys read but not listed among a plan's fields in the message about an unknown key (README names them). */
const UNLISTED_KEYS = ['kind'];
const PERSON_KEYS = ['id', 'name', 'title', 'unit', 'manager'] as const;
const PLAN_ADDRESS_KEYS = ['officer', 'deputy'];
const PERSON_ADDRESS_KEYS = ['id', 'manager'];
/**
 * Fields of one object: far above the few a plan or person has, yet low enough that a single
 * item of a million unknown keys is refused before each key becomes an error to locate.
 */
const MAX_FIELDS = 100;

export function readJson(text: string): ReadResult {
  const empty: RegisterContent = { plans: [], people: [], coordinators: [] };
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\ufeff/, ''));
  } catch (e) {
    return { content: empty, errors: [describeJsonSyntaxError(text, (e as Error).message)] };
  }
  if (!isObject(data)) {
    return {
      content: empty,
      errors: [{ line: 1, field: FILE, message: 'Filen ska innehålla ett objekt med fälten plans, people och coordinators.' }],
    };
  }
  // Counted before any item is read or located: a file of a million items, or an item of a
  // million fields, is refused at once.
  const items = itemCount(data);
  if (items > MAX_ROWS) return { content: empty, errors: [tooManyRows(items, 'poster')] };
  const fields = mostFieldsOfOneObject(data);
  if (fields > MAX_FIELDS) return { content: empty, errors: [tooManyFields(fields)] };
  const lines = locateJsonValues(text);
  const at = (path: string): { line?: number; field: string } => ({ line: lineOf(lines, path), field: path });
  const errors: FieldError[] = [];

  append(errors, unknownKeys(data, TOP_KEYS, '', at));

  const list = (key: 'plans' | 'people' | 'coordinators'): unknown[] => {
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
  const schedule = readSchedule(data.schedule);
  if (schedule !== undefined) content.schedule = schedule as RegisterContent['schedule'];
  const locate = (kind: RegisterItemKind, i: number, field: string): { line?: number; field: string } => {
    const path = locateByPath(kind, i, field).field;
    return { line: lineOf(lines, path), field: path };
  };
  // The schedule's problems come back named by path only; the line is found here.
  const located = validateRegister(content, locate).map((e) =>
    e.line === undefined && (e.field === 'schedule' || e.field.startsWith('schedule.')) ? { ...e, line: lineOf(lines, e.field) } : e,
  );
  append(errors, located);
  return { content, errors, statesSchedule: 'schedule' in data };
}

/**
 * The schedule as the file holds it, for the domain to check. A policy may leave out what it
 * keeps from the defaults ({ "escalation": { "afterWorkingDays": 0 } } only turns escalation off).
 */
function readSchedule(value: unknown): unknown {
  if (value === undefined || value === null) return undefined;
  if (!isObject(value)) return value;
  const out: Record<string, unknown> = { ...value };
  for (const key of ['cadence', 'policy']) if (out[key] === null) delete out[key];
  if (isObject(out.cadence) && typeof out.cadence.kind === 'string') out.cadence = { ...out.cadence, kind: out.cadence.kind.trim() };
  if (out.policy !== undefined) out.policy = withDefaultPolicy(out.policy);
  return Object.keys(out).length > 0 ? out : undefined;
}

/** Plans, people and coordinators: the rows of the register, capped as a CSV file's lines are. */
function itemCount(data: Record<string, unknown>): number {
  let count = 0;
  for (const key of LIST_KEYS) {
    const value = data[key];
    if (Array.isArray(value)) count += value.length;
  }
  return count;
}

/** The most fields of the file's object or of any one of its items. */
function mostFieldsOfOneObject(data: Record<string, unknown>): number {
  let most = Object.keys(data).length;
  for (const key of LIST_KEYS) {
    const value = data[key];
    if (!Array.isArray(value)) continue;
    for (const item of value) if (isObject(item)) most = Math.max(most, Object.keys(item).length);
  }
  return most;
}

function tooManyFields(fields: number): FieldError {
  return {
    field: FILE,
    message: `En post i filen har ${fields.toLocaleString('sv-SE')} fält; en plan eller person har bara några få. Är det rätt fil?`,
  };
}

/**
 * Writes a register in the form `readJson` reads, schedule included: what a coordinator gets to
 * edit and import again.
 */
export function writeJson(content: RegisterContent): string {
  const data: Record<string, unknown> = {
    plans: content.plans,
    people: content.people,
    coordinators: content.coordinators,
  };
  if (content.schedule && (content.schedule.cadence || content.schedule.policy)) data.schedule = content.schedule;
  return `${JSON.stringify(data, null, 2)}\n`;
}

const KEPT_WHEN_EMPTY = new Set(['excludedReason', 'kind']);

function readValue(key: string, text: string, addressKeys: string[]): string {
  if (addressKeys.includes(key)) return normalizeAddress(text);
  return key === 'kind' && text ? canonicalKind(text) : text;
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
  append(errors, unknownKeys(item, keys, `${path}.`, at));
  for (const key of keys) {
    const value = item[key];
    if (value === undefined || value === null) continue;
    if (typeof value !== 'string') {
      errors.push({ ...at(`${path}.${key}`), message: `Värdet ska vara text inom citattecken, inte ${describeJsonType(value)}.` });
      continue;
    }
    const text = value.normalize('NFC').trim();
    // An explicit empty excludedReason is kept: it says "excluded" without saying why. An empty
    // kind is kept to be refused: it says nothing, and leaving it out says "plan".
    if (text || required.includes(key) || KEPT_WHEN_EMPTY.has(key)) out[key] = readValue(key, text, addressKeys);
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
      message: `Okänt fält "${key}". Tillåtna fält här: ${allowed.filter((k) => !UNLISTED_KEYS.includes(k)).join(', ')}.`,
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
