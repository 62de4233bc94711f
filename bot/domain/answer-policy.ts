// What a submitted answer must hold, and what the council document prints under a section a
// submitted answer left empty: plain data kept with the round from when it is created (seed 000
// has a plan answered in section 1 only, while it is being revised, and one that leaves
// "Risker/Svårigheter" empty). A round stored before rounds carried it reads as the default.

import type { FieldError } from './errors';
import type { Locale } from './locale';
import { countWord, lowerFirst, t, type MessageKey } from '../../cards/messages/index';
import type { QuestionId } from './questions';
import { DEFAULT_TEMPLATE } from './templates/builtin';
import { questionIdsOf, type FollowUpTemplate } from './templates/template';

/** Under an empty heading: nothing (as in the seed), or "Inget att rapportera". */
export const EMPTY_SECTION_TEXTS = ['blank', 'nothing-to-report'] as const;
export type EmptySectionText = (typeof EMPTY_SECTION_TEXTS)[number];

export interface AnswerPolicy {
  /** Sections that must be filled in to submit. The overall status is always required. */
  requiredSections: QuestionId[];
  /** At least this many of the template's sections filled in to submit (0–5 for the default's five). */
  minSections: number;
  /** What the council document prints under the heading of a section left empty. */
  emptySection: EmptySectionText;
}

/** By default a submit needs the status and at least one section; an empty heading stays empty. */
export const DEFAULT_ANSWER_POLICY: AnswerPolicy = { requiredSections: [], minSections: 1, emptySection: 'blank' };

/** The round's policy, the default for a round stored without one. */
export function answerPolicyOf(round: { answerPolicy?: AnswerPolicy }): AnswerPolicy {
  return round.answerPolicy ?? DEFAULT_ANSWER_POLICY;
}

/** Every problem with a policy (from storage, the command line or a form), in Swedish. */
export function checkAnswerPolicy(policy: unknown, template: FollowUpTemplate = DEFAULT_TEMPLATE): FieldError[] {
  const ids = questionIdsOf(template);
  const errors: FieldError[] = [];
  if (typeof policy !== 'object' || policy === null || Array.isArray(policy)) {
    return [{ field: 'answerPolicy', message: 'Svarsreglerna saknas.' }];
  }
  const p = policy as Partial<Record<keyof AnswerPolicy, unknown>>;
  const sections = p.requiredSections;
  if (!Array.isArray(sections) || !sections.every((s) => (ids as unknown[]).includes(s))) {
    errors.push({ field: 'requiredSections', message: `Ange avsnitten som nummer 1–${ids.length} eller som ${ids.join(', ')}.` });
  } else if (new Set(sections).size !== sections.length) {
    errors.push({ field: 'requiredSections', message: 'Ett avsnitt står med två gånger.' });
  }
  if (typeof p.minSections !== 'number' || !Number.isInteger(p.minSections) || p.minSections < 0 || p.minSections > ids.length) {
    errors.push({ field: 'minSections', message: `Minsta antal ifyllda avsnitt ska vara ett heltal från 0 till ${ids.length}.` });
  }
  if (!(EMPTY_SECTION_TEXTS as readonly unknown[]).includes(p.emptySection)) {
    errors.push({ field: 'emptySection', message: 'Ange "tom" (rubriken utan text) eller "inget" (Inget att rapportera).' });
  }
  return errors;
}

/**
 * Sections as a coordinator types them: numbers (1–5 for the default's five) or question ids,
 * separated by commas; "alla" / "all" for every one, "inga" / "none" or nothing for none.
 * Undefined when a part is neither.
 */
export function parseSections(text: string, template: FollowUpTemplate = DEFAULT_TEMPLATE): QuestionId[] | undefined {
  const all = questionIdsOf(template);
  const words = text.split(/[\s,;]+/).map((w) => w.trim().toLowerCase()).filter(Boolean);
  if (words.length === 1 && ['alla', 'all'].includes(words[0])) return [...all];
  if (words.length === 0 || (words.length === 1 && ['inga', 'none'].includes(words[0]))) return [];
  const ids: QuestionId[] = [];
  for (const word of words) {
    const id = /^[1-9][0-9]*$/.test(word) ? all[Number(word) - 1] : all.find((q) => q === word);
    if (!id) return undefined;
    if (!ids.includes(id)) ids.push(id);
  }
  return all.filter((q) => ids.includes(q));
}

/** "tom" / "blank" and "inget" / "nothing-to-report", as the command line takes them. */
export function parseEmptySection(text: string): EmptySectionText | undefined {
  const word = text.trim().toLowerCase();
  if (['tom', 'tomt', 'blank'].includes(word)) return 'blank';
  if (['inget', 'inget-att-rapportera', 'nothing', 'nothing-to-report'].includes(word)) return 'nothing-to-report';
  return undefined;
}

/** A section counts as filled in when it holds more than white space. */
export function isFilledIn(text: string | undefined): text is string {
  return text !== undefined && text.trim() !== '';
}

/** The two rules the round form offers: the default, and every section as before. */
export const ANSWER_RULES = ['one', 'all'] as const;
export type AnswerRule = (typeof ANSWER_RULES)[number];

export function policyFromRule(rule: AnswerRule, emptySection: EmptySectionText, template: FollowUpTemplate = DEFAULT_TEMPLATE): AnswerPolicy {
  const ids = questionIdsOf(template);
  return rule === 'all'
    ? { requiredSections: ids, minSections: ids.length, emptySection }
    : { ...DEFAULT_ANSWER_POLICY, emptySection };
}

/** The sections a submit needs: the policy's, and the questions the template itself requires. */
export function requiredSectionsOf(policy: AnswerPolicy, template: FollowUpTemplate): QuestionId[] {
  return template.questions.filter((q) => q.required || policy.requiredSections.includes(q.id)).map((q) => q.id);
}

/** The policy in words for the round's template, as the answer card and the command line confirm it. */
export function describeAnswerPolicy(policy: AnswerPolicy, locale: Locale, template: FollowUpTemplate = DEFAULT_TEMPLATE): { rule: string; empty: string } {
  const ids = questionIdsOf(template);
  const required = requiredSectionsOf(policy, template);
  const sections = required.map((id) => ids.indexOf(id) + 1).join(', ');
  const atLeast = Math.max(policy.minSections, required.length);
  const params = { sections, count: atLeast, total: countWord(ids.length, locale) };
  const key = (base: RuleKey): MessageKey => (template.statusScale.required ? base : `${base}NoStatus`);
  let rule: string;
  if (required.length === ids.length) rule = t(locale, key('roundFormAnswersAll'), params);
  else if (required.length === 0) {
    if (atLeast === 0) rule = t(locale, template.statusScale.required ? 'roundFormAnswersStatusOnly' : 'roundFormAnswersNothing');
    else rule = t(locale, key(atLeast === 1 ? 'roundFormAnswersOne' : 'roundFormAnswersAtLeast'), params);
  } else rule = t(locale, key(atLeast > required.length ? 'roundFormAnswersCustom' : 'roundFormAnswersSections'), params);
  return { rule, empty: describeEmptySection(policy.emptySection, locale) };
}

type RuleKey = 'roundFormAnswersAll' | 'roundFormAnswersOne' | 'roundFormAnswersAtLeast' | 'roundFormAnswersCustom' | 'roundFormAnswersSections';

/** The round form's choice of rule, worded for whichever template the form's other field picks. */
export function describeAnswerRule(rule: AnswerRule, locale: Locale): string {
  return t(locale, rule === 'all' ? 'roundFormRuleAll' : 'roundFormRuleOne');
}

export function describeEmptySection(text: EmptySectionText, locale: Locale): string {
  return t(locale, text === 'blank' ? 'roundFormEmptyBlank' : 'roundFormEmptyNothing');
}

/**
 * A new round's rule as the coordinator is told it, on the card and on the command line: what a
 * submit needs, and what the council document shows under a section left empty.
 */
export function describeRoundAnswerRule(policy: AnswerPolicy, locale: Locale, template: FollowUpTemplate = DEFAULT_TEMPLATE): string {
  const { rule } = describeAnswerPolicy(policy, locale, template);
  const empty = t(locale, policy.emptySection === 'blank' ? 'roundCreatedEmptyBlank' : 'roundCreatedEmptyNothing');
  return t(locale, 'roundCreatedAnswers', { rule: lowerFirst(rule), empty });
}
