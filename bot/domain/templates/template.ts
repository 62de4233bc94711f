// A follow-up template as data: the questions an officer answers, the status scale they choose
// from, and what the council document calls things. The five-question plan follow-up of seed
// 000 is one template (the default); the tertial goal follow-up of seed 003 is another. A round
// keeps a copy of the template it was created with, so a later version never rewrites it.

import type { Locale } from '../locale';

/** A text in both languages the bot speaks. */
export type Localized = Record<Locale, string>;

/** The colours a status may have: Adaptive Cards' named colours, never free text. */
export const STATUS_COLORS = ['Good', 'Warning', 'Attention', 'Accent', 'Default'] as const;
export type StatusColor = (typeof STATUS_COLORS)[number];

export interface TemplateQuestion {
  /** Also the card input's id and the stored property's name: letters, digits and _ only. */
  id: string;
  /** May hold `{år}` (the round's year) and `{föregående år}` (the year before). */
  label: Localized;
  /** Shown in the empty field; the catalogue's "Skriv ditt svar här" when absent. */
  help?: Localized;
  /** Must be filled in to submit, whatever the round's answer rule. */
  required: boolean;
  /** Longest answer accepted, in characters. */
  maxLength: number;
  multiline: boolean;
}

export interface StatusLevel {
  id: string;
  label: Localized;
  color: StatusColor;
}

export interface StatusScale {
  /** Best first, as the summary's columns and seed 003's table read. */
  levels: StatusLevel[];
  /** Whether a submit needs a status. */
  required: boolean;
}

export interface DocumentTexts {
  /** Each appendix's heading, with `{plan}` and `{omgång}`; the catalogue's when absent. */
  appendixHeading?: Localized;
  /** The label before an item's implementation period; null for none (the line is left out). */
  periodLabel?: Localized | null;
}

export interface FollowUpTemplate {
  id: string;
  /** 1 for the first version kept, then +1 per change. */
  version: number;
  name: Localized;
  questions: TemplateQuestion[];
  statusScale: StatusScale;
  document: DocumentTexts;
  /**
   * The kinds of register items a round on this template follows up (bot/domain/kinds.ts), e.g.
   * nämndsmål, aktivitet and uppdrag; absent: every item, whatever its kind.
   */
  kinds?: string[];
}

/** Which template (and which version of it) a round follows. */
export interface TemplateRef {
  id: string;
  version: number;
}

/** The placeholders a label may hold, in the words a Swedish coordinator writes them. */
export const YEAR_PLACEHOLDERS: Record<string, (year: number) => number> = {
  år: (year) => year,
  'föregående år': (year) => year - 1,
};

/** A question as one round shows it: numbered, in one language, with the year filled in. */
export interface Question {
  id: string;
  number: number;
  label: string;
  help?: string;
  required: boolean;
  maxLength: number;
  multiline: boolean;
}

/** Fills in a label's year placeholders; anything else in braces is left as written. */
export function fillYear(label: string, year: number): string {
  return label.replace(/\{([^{}]+)\}/g, (whole, name: string) => (Object.hasOwn(YEAR_PLACEHOLDERS, name) ? String(YEAR_PLACEHOLDERS[name](year)) : whole));
}

export function questionsOf(template: FollowUpTemplate, year: number, locale: Locale): Question[] {
  return template.questions.map((q, i) => ({
    id: q.id,
    number: i + 1,
    label: fillYear(q.label[locale], year),
    help: q.help && fillYear(q.help[locale], year),
    required: q.required,
    maxLength: q.maxLength,
    multiline: q.multiline,
  }));
}

export function questionIdsOf(template: FollowUpTemplate): string[] {
  return template.questions.map((q) => q.id);
}

/** The level's label, or the id itself for a level the template does not (or no longer) know. */
export function levelLabel(template: FollowUpTemplate, status: string, locale: Locale): string {
  return template.statusScale.levels.find((l) => l.id === status)?.label[locale] ?? status;
}

export function levelColor(template: FollowUpTemplate, status: string): StatusColor {
  return template.statusScale.levels.find((l) => l.id === status)?.color ?? 'Default';
}

/** The colours of the levels that are a worry: at risk and delayed, in the built-in scales. */
const CONCERN_COLORS: ReadonlySet<StatusColor> = new Set<StatusColor>(['Warning', 'Attention']);

/**
 * The levels whose plans are "at risk and delayed", in the scale's order: those coloured
 * warning or attention. The tab lists their plans first and the overview card lists them by name.
 */
export function concernLevels(template: FollowUpTemplate): StatusLevel[] {
  return template.statusScale.levels.filter((l) => CONCERN_COLORS.has(l.color));
}

export function isLevelOf(template: FollowUpTemplate, value: unknown): value is string {
  return typeof value === 'string' && template.statusScale.levels.some((l) => l.id === value);
}

/** Whether two templates are the same version of the same template, and so ask the same questions. */
export function sameTemplateVersion(a: TemplateRef, b: TemplateRef): boolean {
  return a.id === b.id && a.version === b.version;
}

export function refOf(template: FollowUpTemplate): TemplateRef {
  return { id: template.id, version: template.version };
}

/** Whether a round on the template follows up the plan: a template naming no kinds follows up every item. */
export function coversKind(template: FollowUpTemplate, kind: string): boolean {
  return template.kinds === undefined || template.kinds.includes(kind);
}
