// The kinds of items a register follows up: action plans (the default), and the nämndsmål,
// aktiviteter and uppdrag that seed 003 follows up each tertial. A kind is free text, so a
// municipality may follow up other things too; the four known ones are stored in one spelling
// whatever way a coordinator writes them ("Aktiviteter", "aktivitet", "Activity"), so that the
// counts by kind put them in one row.

import type { Locale } from './locale';
import { t } from '../../cards/messages/index';
import { activePlans, type Plan, type RegisterContent } from './register';
import { templateOf } from './templates/builtin';
import { coversKind, type FollowUpTemplate } from './templates/template';

/** An item without a kind is an action plan. */
export const DEFAULT_KIND = 'plan';

/** The kinds the product knows, in the order seed 003's table lists them after the plans. */
export const KNOWN_KINDS = ['plan', 'nämndsmål', 'aktivitet', 'uppdrag'] as const;
export type KnownKind = (typeof KNOWN_KINDS)[number];

/** Words a coordinator may write for a known kind, compared without case, spaces and punctuation. */
const SPELLINGS: Record<KnownKind, string[]> = {
  plan: ['plan', 'planer', 'handlingsplan', 'handlingsplaner', 'plans', 'actionplan', 'actionplans'],
  nämndsmål: ['nämndsmål', 'nämndmål', 'namndsmal', 'namndmal', 'committeegoal', 'committeegoals'],
  aktivitet: ['aktivitet', 'aktiviteter', 'activity', 'activities'],
  uppdrag: ['uppdrag', 'assignment', 'assignments'],
};

const LABEL_KEYS = { plan: 'kindPlan', nämndsmål: 'kindGoal', aktivitet: 'kindActivity', uppdrag: 'kindAssignment' } as const;

function spellingKey(text: string): string {
  return text.normalize('NFC').toLocaleLowerCase('sv').replace(/[^\p{L}\p{N}]/gu, '');
}

const KNOWN_BY_SPELLING = new Map<string, KnownKind>(
  KNOWN_KINDS.flatMap((kind) => SPELLINGS[kind].map((word) => [spellingKey(word), kind] as [string, KnownKind])),
);

/** A kind as stored: a known kind in its one spelling, any other as written (trimmed). */
export function canonicalKind(written: string): string {
  const text = written.trim();
  return KNOWN_BY_SPELLING.get(spellingKey(text)) ?? text;
}

export function kindOf(plan: Plan): string {
  return plan.kind ?? DEFAULT_KIND;
}

function isKnownKind(kind: string): kind is KnownKind {
  return (KNOWN_KINDS as readonly string[]).includes(kind);
}

/** A kind as a row of the table is headed: "Nämndsmål", "Aktiviteter"; another kind as written. */
export function kindLabel(kind: string, locale: Locale): string {
  return isKnownKind(kind) ? t(locale, LABEL_KEYS[kind]) : kind;
}

/** Whether any of the items names its kind: only then are counts by kind shown. */
export function namesKinds(plans: readonly Plan[]): boolean {
  return plans.some((p) => p.kind !== undefined);
}

/** The kinds of the items, the known ones first in their order, then the others as they first occur. */
export function kindsIn(plans: readonly Plan[]): string[] {
  const found = new Set(plans.map(kindOf));
  const known = KNOWN_KINDS.filter((k) => found.has(k));
  const others = [...found].filter((k) => !isKnownKind(k));
  return [...known, ...others];
}

/** Whether a round follows up the plan: its template names the plan's kind, or names no kinds. */
export function coversPlan(round: { template?: FollowUpTemplate }, plan: Plan): boolean {
  return coversKind(templateOf(round), kindOf(plan));
}

/** The plans a round follows up: the register's active plans of the kinds its template is for. */
export function followedUpIn(round: { template?: FollowUpTemplate }, register: RegisterContent): Plan[] {
  return activePlans(register).filter((plan) => coversPlan(round, plan));
}
