// The five follow-up questions, worded exactly as in the council document (DESIGN.md §2),
// with the round's year filled in, and the structured status beside them.

import type { Locale } from './locale';

export const QUESTION_IDS = ['status', 'done', 'current', 'risks', 'completion'] as const;
export type QuestionId = (typeof QUESTION_IDS)[number];

export const PLAN_STATUSES = ['on-track', 'at-risk', 'delayed'] as const;
export type PlanStatus = (typeof PLAN_STATUSES)[number];

/**
 * Longest answer accepted, in characters. Table Storage allows 32,768 UTF-16 units per string
 * property; the tighter bound is Teams' 28 KB per message, which must hold all five answers in
 * the confirmation card and the pre-filled edit card.
 */
export const MAX_ANSWER_LENGTH = 2000;

/**
 * All five answers together, in UTF-8 bytes as they travel in a card's JSON: keeps every card
 * that shows them under 28 KB whatever the letters (å is two bytes, € three, an escaped quote
 * two), with room for the card itself.
 */
export const MAX_ANSWERS_BYTES = 22 * 1024;

export interface Question {
  id: QuestionId;
  number: number;
  label: string;
}

const LABELS: Record<Locale, (year: number) => Record<QuestionId, string>> = {
  sv: (y) => ({
    status: 'Status nuläge',
    done: `Genomfört t.o.m. ${y - 1}`,
    current: `Innevarande verksamhetsår, ${y}`,
    risks: 'Risker/Svårigheter',
    completion: 'Genomförande och sluttid',
  }),
  en: (y) => ({
    status: 'Current status',
    done: `Done up to and including ${y - 1}`,
    current: `This year's work, ${y}`,
    risks: 'Risks and difficulties',
    completion: 'Implementation and end date',
  }),
};

export function questionsFor(year: number, locale: Locale): Question[] {
  const labels = LABELS[locale](year);
  return QUESTION_IDS.map((id, i) => ({ id, number: i + 1, label: labels[id] }));
}

const STATUS_LABELS: Record<Locale, Record<PlanStatus, string>> = {
  sv: { 'on-track': 'I fas', 'at-risk': 'Risk för försening', delayed: 'Försenad/avvaktar' },
  en: { 'on-track': 'On track', 'at-risk': 'At risk of delay', delayed: 'Delayed/on hold' },
};

export function statusLabel(status: PlanStatus, locale: Locale): string {
  return STATUS_LABELS[locale][status];
}

export function isPlanStatus(value: unknown): value is PlanStatus {
  return typeof value === 'string' && (PLAN_STATUSES as readonly string[]).includes(value);
}
