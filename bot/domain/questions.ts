// The five follow-up questions of the default template, worded exactly as in the council
// document (DESIGN.md §2), with the round's year filled in, and the limits every template's
// answers keep to. A round on another template reads its questions through templates/.

import type { Locale } from './locale';
import { DEFAULT_TEMPLATE } from './templates/builtin';
import { isLevelOf, levelLabel, questionsOf, type Question } from './templates/template';

export type { Question } from './templates/template';

/** The default template's question ids: the round form's answer rule numbers these 1–5. */
export const QUESTION_IDS = ['status', 'done', 'current', 'risks', 'completion'] as const;
/** A question's id; any template's, the default's five among them. */
export type QuestionId = string;
export type DefaultQuestionId = (typeof QUESTION_IDS)[number];

/** The default template's statuses, best first. */
export const PLAN_STATUSES: readonly PlanStatus[] = DEFAULT_TEMPLATE.statusScale.levels.map((level) => level.id);

/** A status's id on the round's scale; the default's three are on-track, at-risk and delayed. */
export type PlanStatus = string;

/**
 * Longest answer accepted, in characters. Table Storage allows 32,768 UTF-16 units per string
 * property; the tighter bound is Teams' 28 KB per message, which must hold all five answers in
 * the confirmation card and the pre-filled edit card.
 */
export const MAX_ANSWER_LENGTH = 2000;

/**
 * All answers together, in UTF-8 bytes as they travel in a card's JSON: keeps every card
 * that shows them under 28 KB whatever the letters (å is two bytes, € three, an escaped quote
 * two), with room for the card itself.
 */
export const MAX_ANSWERS_BYTES = 22 * 1024;

export function questionsFor(year: number, locale: Locale): Array<Question & { id: DefaultQuestionId }> {
  return questionsOf(DEFAULT_TEMPLATE, year, locale) as Array<Question & { id: DefaultQuestionId }>;
}

export function statusLabel(status: PlanStatus, locale: Locale): string {
  return levelLabel(DEFAULT_TEMPLATE, status, locale);
}

export function isPlanStatus(value: unknown): value is PlanStatus {
  return isLevelOf(DEFAULT_TEMPLATE, value);
}
