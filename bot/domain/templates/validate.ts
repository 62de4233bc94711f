// Reads a template from JSON (a coordinator's file, or storage) and names every problem with it,
// each with where it is and a code the catalogue words in Swedish or English. A template that
// passes fits every card under Teams' 28 KB: its questions and statuses take no more room on the
// answer card than the default five do, beside the 22 KB the answers may fill.

import { errorMessage } from '../errors';
import { canonicalKind } from '../kinds';
import { REGISTER_LIMITS } from '../register';
import { MAX_ANSWER_LENGTH } from '../questions';
import { DEFAULT_TEMPLATE } from './builtin';
import { STATUS_COLORS, YEAR_PLACEHOLDERS, type FollowUpTemplate, type Localized, type StatusLevel, type TemplateQuestion } from './template';

export type TemplateProblemCode =
  | 'bad-json'
  | 'not-object'
  | 'missing'
  | 'not-text'
  | 'too-long'
  | 'bad-id'
  | 'reserved-id'
  | 'duplicate-id'
  | 'duplicate-kind'
  | 'not-list'
  | 'unknown-placeholder'
  | 'no-placeholder'
  | 'control-character'
  | 'unknown-field'
  | 'not-yes-no'
  | 'bad-number'
  | 'bad-color'
  | 'too-few'
  | 'too-many'
  | 'card-too-large';

export interface TemplateProblem {
  /** Where, e.g. `questions[2].label.en`; empty for the whole file. */
  path: string;
  code: TemplateProblemCode;
  params?: Record<string, string | number>;
}

export type TemplateReading = { kind: 'valid'; template: FollowUpTemplate } | { kind: 'invalid'; problems: TemplateProblem[] };

/** What became of a template file a coordinator added: kept as a version, or why not. */
export type TemplateSaveOutcome =
  | { kind: 'added'; template: FollowUpTemplate; openRounds: Array<{ id: string; title: string }> }
  | { kind: 'invalid'; problems: TemplateProblem[] }
  | { kind: 'built-in'; id: string }
  | { kind: 'conflict' };

export const TEMPLATE_LIMITS = {
  idLength: 40,
  /** Of a question's or a level's id. */
  itemIdLength: 30,
  nameLength: 100,
  questions: 10,
  labelLength: 200,
  helpLength: 300,
  levels: 7,
  levelLabelLength: 60,
  kinds: 20,
  kindLength: REGISTER_LIMITS.kind,
  answerLength: MAX_ANSWER_LENGTH,
} as const;

export type TemplateLimits = { readonly [K in keyof typeof TEMPLATE_LIMITS]: number };

/**
 * A stored template (a round's copy, or a kept version) is read by its structure alone: the
 * limits are a file's, checked when it is added, and a limit tightened later must not make an
 * older round unreadable.
 */
const STORED_LIMITS: TemplateLimits = Object.fromEntries(Object.keys(TEMPLATE_LIMITS).map((k) => [k, Infinity])) as unknown as TemplateLimits;

/** A template id is part of storage keys: lower-case letters, digits and single hyphens. */
const TEMPLATE_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
/** A question id is a card input's id and a table property's name; `__` marks a long text's continuation. */
const QUESTION_ID = /^[a-z][a-z0-9]*(?:_[a-z0-9]+)*$/;
const LEVEL_ID = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;
/** The answer card's own inputs: a question may not take their ids. */
const RESERVED_QUESTION_IDS = ['planStatus', 'snoozeUntil', 'deputy', 'absentUntil', 'baseVersion', 'verb', 'roundId', 'planId', 'locale'];
/** The summary's own columns beside the scale. */
const RESERVED_LEVEL_IDS = ['draft', 'unanswered', 'submitted-no-status'];
const YEARS = Object.keys(YEAR_PLACEHOLDERS);
/** The appendix heading is filled in with the plan, the round and the year. */
const HEADING_PLACEHOLDERS = [...YEARS, 'plan', 'omgång'];
/** What a template file may hold at each level: anything else (a typo such as "requried") is named. */
const FIELDS = {
  // `version` is the store's to give; a file that carries one (a kept template written out again) is not wrong.
  template: ['id', 'version', 'name', 'questions', 'statusScale', 'document', 'kinds'],
  question: ['id', 'label', 'help', 'required', 'maxLength', 'multiline'],
  statusScale: ['levels', 'required'],
  level: ['id', 'label', 'color'],
  document: ['appendixHeading', 'periodLabel'],
  localized: ['sv', 'en'],
} as const;
/** A line break or another control character, refused in a label as the register refuses it. */
const CONTROL = /[\u0000-\u001f\u007f]/;
/** The id kinds a template has, each with its own rule (see the patterns above). */
type IdKind = 'template' | 'question' | 'level';

/** The room the default's five questions take: a card on the default is known to fit with 22 KB of answers. */
function cardRoom(): number {
  return cardRoomOf(DEFAULT_TEMPLATE);
}

/** Reads and checks a template; `version` is the one the store gives it. */
export function readTemplate(json: string, version = 1): TemplateReading {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch (err) {
    return { kind: 'invalid', problems: [{ path: '', code: 'bad-json', params: { detail: errorMessage(err) } }] };
  }
  const reading = checkTemplate(raw, version);
  const unknown = unknownFields(raw);
  if (unknown.length === 0) return reading;
  return { kind: 'invalid', problems: [...(reading.kind === 'invalid' ? reading.problems : []), ...unknown] };
}

/** The fields of a file the template does not know, each where it is. */
function unknownFields(raw: unknown): TemplateProblem[] {
  const problems: TemplateProblem[] = [];
  const at = (value: unknown, path: string, known: readonly string[]) => {
    if (!isObject(value)) return;
    for (const key of Object.keys(value)) {
      if (!known.includes(key)) problems.push({ path: path ? `${path}.${key}` : key, code: 'unknown-field', params: { value: key, known: known.join(', ') } });
    }
  };
  const texts = (value: unknown, path: string) => at(value, path, FIELDS.localized);
  const each = (list: unknown, path: string, visit: (item: Record<string, unknown>, path: string) => void) =>
    Array.isArray(list) && list.forEach((item, i) => isObject(item) && visit(item, `${path}[${i}]`));
  if (!isObject(raw)) return problems;
  at(raw, '', FIELDS.template);
  texts(raw.name, 'name');
  each(raw.questions, 'questions', (q, path) => {
    at(q, path, FIELDS.question);
    texts(q.label, `${path}.label`);
    texts(q.help, `${path}.help`);
  });
  at(raw.statusScale, 'statusScale', FIELDS.statusScale);
  if (isObject(raw.statusScale)) {
    each(raw.statusScale.levels, 'statusScale.levels', (l, path) => {
      at(l, path, FIELDS.level);
      texts(l.label, `${path}.label`);
    });
  }
  at(raw.document, 'document', FIELDS.document);
  if (isObject(raw.document)) {
    texts(raw.document.appendixHeading, 'document.appendixHeading');
    texts(raw.document.periodLabel, 'document.periodLabel');
  }
  return problems;
}

/** The placeholders a text may hold where it is filled in; none for a stored text, which is not checked. */
function placeholdersFor(limits: TemplateLimits, allowed: readonly string[]): readonly string[] | undefined {
  return limits === STORED_LIMITS ? undefined : allowed;
}

/** A template as stored: its structure checked (types, ids, labels present), not a file's limits. */
export function readStoredTemplate(raw: unknown, version = 1): TemplateReading {
  return checkTemplate(raw, version, STORED_LIMITS);
}

export function checkTemplate(raw: unknown, version = 1, limits: TemplateLimits = TEMPLATE_LIMITS): TemplateReading {
  const problems: TemplateProblem[] = [];
  if (!isObject(raw)) return { kind: 'invalid', problems: [{ path: '', code: 'not-object' }] };
  const id = checkId(raw.id, 'id', 'template', limits.idLength, problems);
  const name = checkLocalized(raw.name, 'name', limits.nameLength, placeholdersFor(limits, []), problems);
  const questions = checkList(raw.questions, 'questions', limits.questions, problems, (q, path) => checkQuestion(q, path, limits, problems));
  checkDuplicates(rawIds(raw.questions), 'questions', problems);
  const statusScale = checkScale(raw.statusScale, limits, problems);
  const document = checkDocument(raw.document, limits, problems);
  const kinds = raw.kinds === undefined ? undefined : checkKinds(raw.kinds, limits, problems);
  if (problems.length > 0 || !questions || !statusScale || !document) return { kind: 'invalid', problems };
  const template: FollowUpTemplate = {
    id: id!, version, name: name!, questions: questions as TemplateQuestion[], statusScale, document, ...(kinds ? { kinds } : {}),
  };
  const bytes = cardRoomOf(template);
  if (limits !== STORED_LIMITS && bytes > cardRoom()) return { kind: 'invalid', problems: [{ path: 'questions', code: 'card-too-large', params: { bytes, max: cardRoom() } }] };
  return { kind: 'valid', template };
}

/**
 * The bytes a template's questions and statuses take on the answer card, in its longer
 * language: each question's input, label and help about 140 bytes beside their texts
 * (measured: 150 with the catalogue's help; taken low, so that a template of fewer questions
 * than the default's five is not given more room than it has), each status choice about 60.
 */
export function cardRoomOf(template: FollowUpTemplate): number {
  const widest = (text: Localized | undefined) => (text ? Math.max(jsonBytes(text.sv), jsonBytes(text.en)) : 0);
  const questions = template.questions.reduce((sum, q) => sum + 140 + jsonBytes(q.id) + widest(q.label) + widest(q.help), 0);
  const levels = template.statusScale.levels.reduce((sum, l) => sum + 60 + jsonBytes(l.id) + widest(l.label), 0);
  return questions + levels;
}

const encoder = new TextEncoder();

function jsonBytes(text: string): number {
  return encoder.encode(JSON.stringify(text)).length;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const ID_PATTERNS: Record<IdKind, RegExp> = { template: TEMPLATE_ID, question: QUESTION_ID, level: LEVEL_ID };

function checkId(value: unknown, path: string, kind: IdKind, max: number, problems: TemplateProblem[], reserved: string[] = []): string | undefined {
  if (value === undefined || value === '') return void problems.push({ path, code: 'missing' });
  if (typeof value !== 'string') return void problems.push({ path, code: 'not-text' });
  if (value.length > max) return void problems.push({ path, code: 'too-long', params: { max } });
  if (reserved.includes(value)) return void problems.push({ path, code: 'reserved-id', params: { value } });
  if (!ID_PATTERNS[kind].test(value)) return void problems.push({ path, code: 'bad-id', params: { value, kind } });
  return value;
}

/** `placeholders`: those filled in where the text is shown; undefined for a stored text, read by its structure alone. */
function checkText(value: unknown, path: string, max: number, placeholders: readonly string[] | undefined, problems: TemplateProblem[]): string | undefined {
  if (value === undefined || (typeof value === 'string' && value.trim() === '')) return void problems.push({ path, code: 'missing' });
  if (typeof value !== 'string') return void problems.push({ path, code: 'not-text' });
  if (value.length > max) return void problems.push({ path, code: 'too-long', params: { max } });
  if (placeholders === undefined) return value;
  if (CONTROL.test(value)) problems.push({ path, code: 'control-character' });
  for (const [, name] of value.matchAll(/\{([^{}]*)\}/g)) {
    if (placeholders.length === 0) problems.push({ path, code: 'no-placeholder', params: { value: `{${name}}` } });
    else if (!placeholders.includes(name)) problems.push({ path, code: 'unknown-placeholder', params: { value: `{${name}}`, known: placeholders.map((k) => `{${k}}`).join(', ') } });
  }
  return value;
}

function checkLocalized(value: unknown, path: string, max: number, placeholders: readonly string[] | undefined, problems: TemplateProblem[]): Localized | undefined {
  if (value === undefined) return void problems.push({ path, code: 'missing' });
  if (!isObject(value)) return void problems.push({ path, code: 'not-object' });
  const sv = checkText(value.sv, `${path}.sv`, max, placeholders, problems);
  const en = checkText(value.en, `${path}.en`, max, placeholders, problems);
  return sv !== undefined && en !== undefined ? { sv, en } : undefined;
}

function checkList<T>(value: unknown, path: string, max: number, problems: TemplateProblem[], check: (item: unknown, path: string) => T | undefined): Array<T | undefined> | undefined {
  if (!Array.isArray(value)) return void problems.push({ path, code: value === undefined ? 'missing' : 'not-object' });
  if (value.length === 0) return void problems.push({ path, code: 'too-few', params: { min: 1 } });
  if (value.length > max) problems.push({ path, code: 'too-many', params: { max } });
  return value.map((item, i) => check(item, `${path}[${i}]`));
}

/** The kinds a template is for: each as the register stores it (known kinds in one spelling), none twice. */
function checkKinds(value: unknown, limits: TemplateLimits, problems: TemplateProblem[]): string[] | undefined {
  if (!Array.isArray(value)) return void problems.push({ path: 'kinds', code: 'not-list' });
  const kinds = checkList(value, 'kinds', limits.kinds, problems, (item, path) => {
    const text = checkText(item, path, limits.kindLength, placeholdersFor(limits, []), problems);
    return text === undefined ? undefined : canonicalKind(text);
  });
  if (!kinds) return undefined;
  const seen = new Set<string>();
  kinds.forEach((kind, i) => {
    if (kind !== undefined && seen.has(kind)) problems.push({ path: `kinds[${i}]`, code: 'duplicate-kind', params: { value: kind } });
    if (kind !== undefined) seen.add(kind);
  });
  return kinds.every((k) => k !== undefined) ? (kinds as string[]) : undefined;
}

/** The ids as written, also of entries with other problems: a duplicate is named whatever else is wrong. */
function rawIds(list: unknown): Array<string | undefined> {
  return Array.isArray(list) ? list.map((item) => (isObject(item) && typeof item.id === 'string' ? item.id : undefined)) : [];
}

function checkDuplicates(ids: Array<string | undefined> | undefined, path: string, problems: TemplateProblem[]): void {
  const seen = new Set<string>();
  ids?.forEach((id, i) => {
    if (id === undefined) return;
    if (seen.has(id)) problems.push({ path: `${path}[${i}].id`, code: 'duplicate-id', params: { value: id } });
    seen.add(id);
  });
}

function checkFlag(value: unknown, path: string, fallback: boolean, problems: TemplateProblem[]): boolean {
  if (value === undefined) return fallback;
  if (typeof value !== 'boolean') problems.push({ path, code: 'not-yes-no' });
  return value === true;
}

function checkQuestion(raw: unknown, path: string, limits: TemplateLimits, problems: TemplateProblem[]): TemplateQuestion | undefined {
  if (!isObject(raw)) return void problems.push({ path, code: 'not-object' });
  const id = checkId(raw.id, `${path}.id`, 'question', limits.itemIdLength, problems, RESERVED_QUESTION_IDS);
  const label = checkLocalized(raw.label, `${path}.label`, limits.labelLength, placeholdersFor(limits, YEARS), problems);
  const help = raw.help === undefined ? undefined : checkLocalized(raw.help, `${path}.help`, limits.helpLength, placeholdersFor(limits, YEARS), problems);
  let maxLength = MAX_ANSWER_LENGTH;
  if (raw.maxLength !== undefined) {
    const n = raw.maxLength;
    if (typeof n !== 'number' || !Number.isInteger(n) || n < 1 || n > limits.answerLength) problems.push({ path: `${path}.maxLength`, code: 'bad-number', params: { min: 1, max: limits.answerLength } });
    else maxLength = n;
  }
  const required = checkFlag(raw.required, `${path}.required`, false, problems);
  const multiline = checkFlag(raw.multiline, `${path}.multiline`, true, problems);
  if (id === undefined || label === undefined) return undefined;
  return { id, label, ...(help ? { help } : {}), required, maxLength, multiline };
}

function checkLevel(raw: unknown, path: string, limits: TemplateLimits, problems: TemplateProblem[]): StatusLevel | undefined {
  if (!isObject(raw)) return void problems.push({ path, code: 'not-object' });
  const id = checkId(raw.id, `${path}.id`, 'level', limits.itemIdLength, problems, RESERVED_LEVEL_IDS);
  const label = checkLocalized(raw.label, `${path}.label`, limits.levelLabelLength, placeholdersFor(limits, []), problems);
  const color = raw.color ?? 'Default';
  if (!(STATUS_COLORS as readonly unknown[]).includes(color)) problems.push({ path: `${path}.color`, code: 'bad-color', params: { known: STATUS_COLORS.join(', ') } });
  if (id === undefined || label === undefined) return undefined;
  return { id, label, color: color as StatusLevel['color'] };
}

function checkScale(raw: unknown, limits: TemplateLimits, problems: TemplateProblem[]): FollowUpTemplate['statusScale'] | undefined {
  if (!isObject(raw)) return void problems.push({ path: 'statusScale', code: raw === undefined ? 'missing' : 'not-object' });
  const levels = checkList(raw.levels, 'statusScale.levels', limits.levels, problems, (l, path) => checkLevel(l, path, limits, problems));
  checkDuplicates(rawIds(raw.levels), 'statusScale.levels', problems);
  const required = checkFlag(raw.required, 'statusScale.required', true, problems);
  return levels && levels.every((l) => l !== undefined) ? { levels: levels as StatusLevel[], required } : undefined;
}

function checkDocument(raw: unknown, limits: TemplateLimits, problems: TemplateProblem[]): FollowUpTemplate['document'] | undefined {
  if (raw === undefined) return {};
  if (!isObject(raw)) return void problems.push({ path: 'document', code: 'not-object' });
  const document: FollowUpTemplate['document'] = {};
  if (raw.appendixHeading !== undefined) document.appendixHeading = checkLocalized(raw.appendixHeading, 'document.appendixHeading', limits.labelLength, placeholdersFor(limits, HEADING_PLACEHOLDERS), problems);
  if (raw.periodLabel === null) document.periodLabel = null;
  else if (raw.periodLabel !== undefined) document.periodLabel = checkLocalized(raw.periodLabel, 'document.periodLabel', limits.levelLabelLength, placeholdersFor(limits, []), problems);
  return document;
}
