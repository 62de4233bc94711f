// Turns a card action (Action.Execute invoke or Action.Submit message) into a use case call
// and the use case's outcome into the card or message that answers it. The officer's controls
// (snooze, delegate, absence, last round's answer) answer with the answer card again, keeping
// what was typed, with a notice line saying what happened.

import { buildAnswerCard, type AnswerCardModel } from '../../cards/answer-card';
import { buildConfirmationCard } from '../../cards/confirmation-card';
import type { AdaptiveCard } from '../../cards/expand';
import { emptyContent, fitForCard, readAnswerInput, type AnswerContent, type AnswerIntent } from '../domain/answer';
import { answerPolicyOf, isFilledIn } from '../domain/answer-policy';
import type { FieldError } from '../domain/errors';
import type { Locale } from '../domain/locale';
import { escapeMarkdown, t } from '../../cards/messages/index';
import type { Actor } from '../domain/permissions';
import { MAX_ANSWER_LENGTH, MAX_ANSWERS_BYTES, QUESTION_IDS, questionsFor } from '../domain/questions';
import type { Round } from '../domain/round';
import { formatDate, formatDateTime } from '../domain/time';
import type { AppDeps } from '../app/deps';
import { delegatePlan, markAbsent, previousAnswer, snoozePlan, type ControlOutcome, type ControlResult } from '../app/officer/officer-controls';
import { openAnswerForEdit, recordAnswer, type AnswerOutcome, type Refused } from '../app/officer/record-answer';
import { countIn, textIn } from './card-data';
import { handlePlanAction, isPlanVerb, PLAN_VERBS } from './plan-admin-actions';
import { handleRoundAction, isRoundVerb, ROUND_VERBS } from './round-admin-actions';
import { isRegisterUploadVerb, REGISTER_UPLOAD_VERBS, runRegisterUploadAction } from './register-upload';

export type CardReply = { kind: 'card'; card: AdaptiveCard } | { kind: 'text'; text: string };

/** The officer's controls: they change settings or show a card, never the answer itself. */
export const CONTROL_VERBS = ['plan.snooze', 'plan.delegate', 'officer.absent', 'answer.previous'] as const;
export const CARD_VERBS = [
  'answer.submit',
  'answer.draft',
  'answer.edit',
  ...CONTROL_VERBS,
  ...PLAN_VERBS,
  ...ROUND_VERBS,
  ...REGISTER_UPLOAD_VERBS,
] as const;
export type CardVerb = (typeof CARD_VERBS)[number];

export function isCardVerb(value: unknown): value is CardVerb {
  return typeof value === 'string' && (CARD_VERBS as readonly string[]).includes(value);
}

/** Controls are safe to run again when Teams redelivers them: each stores the same values. */
export function isControlVerb(value: unknown): value is (typeof CONTROL_VERBS)[number] {
  return typeof value === 'string' && (CONTROL_VERBS as readonly string[]).includes(value);
}

/**
 * The coordinator's actions (plans, rounds, an uploaded register) are safe to run again when
 * Teams redelivers them: each finds its change already made and says so.
 */
export function isAdminVerb(value: unknown): boolean {
  return isPlanVerb(value) || isRoundVerb(value) || isRegisterUploadVerb(value);
}

/**
 * A card keeps the language it was sent in: its actions carry the locale, which wins over the
 * locale of the client that pressed the button.
 */
export function cardLocale(data: Record<string, unknown>, clientLocale: Locale): Locale {
  return data.locale === 'sv' || data.locale === 'en' ? data.locale : clientLocale;
}

export interface CardAction {
  verb: CardVerb;
  /** The action's data merged with the card's inputs, as Teams delivers them. */
  data: Record<string, unknown>;
}

function refusalText(refused: Refused, locale: Locale): string {
  switch (refused.reason) {
    case 'unknown-round':
      return t(locale, 'unknownRound');
    case 'unknown-plan':
      return t(locale, 'unknownPlan');
    case 'not-permitted':
      return t(locale, 'notPermitted');
    case 'round-not-open':
      return t(locale, 'roundNotOpen', { round: escapeMarkdown(refused.round?.title ?? '') });
  }
}

function errorLines(errors: FieldError[], round: Round, content: AnswerContent, locale: Locale): string[] {
  const labels = new Map(questionsFor(round.year, locale).map((q) => [q.id as string, `${q.number}. ${q.label}`]));
  const policy = answerPolicyOf(round);
  return [
    t(locale, 'fixErrors'),
    ...errors.map((e) => {
      if (e.field === 'planStatus') return t(locale, 'statusRequired');
      if (e.field === 'answers') return t(locale, 'tooLongTotal');
      if (e.field === 'sections') {
        if (policy.minSections <= 1) return t(locale, 'tooFewSections');
        return t(locale, 'tooFewSectionsMany', { count: policy.minSections, filled: QUESTION_IDS.filter((id) => isFilledIn(content.texts[id])).length });
      }
      const label = labels.get(e.field) ?? e.field;
      return e.message === 'too-long' ? t(locale, 'tooLong', { label, max: MAX_ANSWER_LENGTH }) : t(locale, 'required', { label });
    }),
  ];
}

/**
 * The answer card asking to correct a refused answer. What was typed stays on it, as far as a
 * Teams card holds it: a section that had to be cut is named with where it now ends (a short
 * excerpt, in a TextRun), never echoed whole.
 */
function refusalCard(outcome: Extract<AnswerOutcome, { kind: 'invalid' }>, locale: Locale, now: Date): AdaptiveCard {
  const { content, errors, ...card } = outcome;
  return fittedAnswerCard({ locale, ...card, now }, content, errorLines(errors, outcome.round, content, locale));
}

/**
 * The answer card with `content` as far as it fits under Teams' limit: refusals and the
 * controls' replies carry what the officer typed, which nothing has checked for length.
 */
function fittedAnswerCard(model: Omit<AnswerCardModel, 'content' | 'errors'>, content: AnswerContent, errors: string[]): AdaptiveCard {
  const { locale, round } = model;
  const labels = new Map(questionsFor(round.year, locale).map((q) => [q.id as string, `${q.number}. ${q.label}`]));
  const render = (room: number) => {
    const fitted = fitForCard(content, room);
    const cutLines = fitted.cut.map((c) => t(locale, 'cutOnCard', { label: labels.get(c.id) ?? c.id, excerpt: c.excerpt, kept: c.kept, typed: c.typed }));
    const lines = [...errors, ...cutLines];
    return buildAnswerCard({ ...model, content: fitted.content, errors: lines.length > 0 ? lines : undefined });
  };
  // The lines saying what was cut take room too: give the answers less until the card fits.
  let room = MAX_ANSWERS_BYTES;
  let card = render(room);
  for (let attempt = 0; attempt < 3 && cardBytes(card) > MAX_CARD_BYTES; attempt++) {
    room -= cardBytes(card) - MAX_CARD_BYTES;
    card = render(room);
  }
  return card;
}

/** Teams refuses a message over 28 KB; 1 KB is left for the activity around the card. */
const MAX_CARD_BYTES = 27 * 1024;

function cardBytes(card: AdaptiveCard): number {
  return Buffer.byteLength(JSON.stringify(card), 'utf8');
}

function replyForOutcome(outcome: AnswerOutcome, locale: Locale, now: Date): CardReply {
  switch (outcome.kind) {
    case 'refused':
      return { kind: 'text', text: refusalText(outcome, locale) };
    case 'recorded':
      return { kind: 'card', card: buildConfirmationCard({ locale, ...outcome }) };
    case 'invalid':
      return { kind: 'card', card: refusalCard(outcome, locale, now) };
    case 'conflict':
      return {
        kind: 'card',
        card: buildAnswerCard({
          locale,
          ...outcome,
          errors: [
            t(locale, 'conflict', {
              name: outcome.theirs.answeredByName,
              at: formatDateTime(outcome.theirs.at, outcome.round.timeZone, locale),
            }),
          ],
          now,
        }),
      };
  }
}

export async function handleCardAction(
  deps: AppDeps,
  actor: Actor,
  action: CardAction,
  locale: Locale,
  activityId: string | undefined,
): Promise<CardReply> {
  // The register in cards (the coordinator's plan list and form).
  if (isPlanVerb(action.verb)) return handlePlanAction(deps, actor, action.verb, action.data, locale);
  // Rounds in cards (the coordinator's round form and round list).
  if (isRoundVerb(action.verb)) return handleRoundAction(deps, actor, action.verb, action.data, locale);
  // Använd registret / Avbryt on a register preview.
  if (isRegisterUploadVerb(action.verb)) return runRegisterUploadAction(deps, actor, action.verb, action.data, locale);
  const subject = { actor, roundId: textIn(action.data, 'roundId'), planId: textIn(action.data, 'planId') };
  if (action.verb === 'answer.edit') return showCurrent(deps, subject, locale, 'edit');
  if (isControlVerb(action.verb)) {
    const run = {
      'plan.snooze': () => snoozePlan(deps, subject, action.data.snoozeUntil),
      'plan.delegate': () => delegatePlan(deps, subject, action.data.deputy),
      'officer.absent': () => markAbsent(deps, subject, action.data.absentUntil),
      'answer.previous': () => previousAnswer(deps, subject),
    }[action.verb];
    return replyForControl(deps, await run(), action.data, locale);
  }
  const intent: AnswerIntent = action.verb === 'answer.submit' ? 'submit' : 'draft';
  const outcome = await recordAnswer(deps, {
    ...subject,
    intent,
    values: action.data,
    baseVersion: baseVersionOf(action.data),
    activityId,
  });
  return replyForOutcome(outcome, locale, deps.clock.now());
}

/**
 * The answer as it stands, without writing: the filled card for Edit, or the confirmation
 * (used when Teams delivers an action a second time).
 */
export async function showCurrent(
  deps: AppDeps,
  subject: { actor: Actor; roundId: string; planId: string },
  locale: Locale,
  mode: 'edit' | 'confirmation',
): Promise<CardReply> {
  const found = await openAnswerForEdit(deps, subject);
  if (found.kind === 'refused') return { kind: 'text', text: refusalText(found, locale) };
  const { round, plan, current } = found;
  if (mode === 'confirmation' && current) {
    return { kind: 'card', card: buildConfirmationCard({ locale, round, plan, answer: current, canEdit: true }) };
  }
  return {
    kind: 'card',
    card: buildAnswerCard({
      locale,
      round,
      plan,
      content: current?.content ?? emptyContent(),
      baseVersion: current?.version ?? 0,
      notice: current?.state === 'draft' ? t(locale, 'draftBasedOn', { at: formatDateTime(current.at, round.timeZone, locale) }) : undefined,
      now: deps.clock.now(),
    }),
  };
}

/** The card's base version as sent back, when it is a plausible one. */
function baseVersionOf(data: Record<string, unknown>): number {
  return countIn(data, 'baseVersion', 0);
}

/** What the card showed when the button was pressed: the typed (unsaved) text is kept. */
function typedContent(data: Record<string, unknown>): AnswerContent | undefined {
  return QUESTION_IDS.some((id) => typeof data[id] === 'string') ? readAnswerInput(data) : undefined;
}

function controlLine(result: ControlResult, round: { dueAt: Date; timeZone: string }, locale: Locale): { notice?: string; error?: string } {
  const tz = round.timeZone;
  switch (result.kind) {
    case 'snoozed':
      return { notice: t(locale, 'snoozed', { at: formatDateTime(result.until, tz, locale) }) };
    case 'absent':
      return { notice: t(locale, 'absenceSaved', { date: formatDate(result.until, tz, locale) }) };
    case 'delegated':
      return result.delivered ? { notice: t(locale, 'delegated', { deputy: result.deputy }) } : { error: t(locale, 'deputySendFailed', { deputy: result.deputy }) };
    case 'delegation-returned':
      return { notice: t(locale, 'delegationReturned') };
    case 'deputy-unreachable':
      return { error: t(locale, 'deputyUnreachable', { deputy: result.deputy }) };
    case 'prefilled':
      return { notice: t(locale, 'previousFilled', { round: result.from.title }) };
    case 'no-previous':
      return { notice: t(locale, 'previousNone') };
    case 'invalid':
      switch (result.error) {
        case 'date-invalid':
          return { error: t(locale, 'dateInvalid') };
        case 'date-not-after-today':
          return { error: t(locale, 'snoozeNotAfterToday') };
        case 'date-not-before-due':
          return { error: t(locale, 'snoozeNotBeforeDue', { due: formatDate(round.dueAt, tz, locale) }) };
        case 'date-in-past':
          return { error: t(locale, 'absenceInPast') };
        case 'date-too-far':
          return { error: t(locale, 'absenceTooFar') };
        case 'address-invalid':
          return { error: t(locale, 'deputyInvalid') };
        case 'deputy-self':
          return { error: t(locale, 'deputySelf') };
        case 'no-address':
          return { error: t(locale, 'absenceNoAddress') };
      }
  }
}

/**
 * The answer card again after a control: what the officer had typed stays (nothing of it is
 * saved by a control), or last round's answer when that was asked for. The notice and error
 * lines are TextRuns: no Markdown, so an address typed by the officer shows as written.
 */
async function replyForControl(deps: AppDeps, outcome: ControlOutcome, data: Record<string, unknown>, locale: Locale): Promise<CardReply> {
  if (outcome.kind === 'refused') return { kind: 'text', text: refusalText(outcome, locale) };
  const { round, plan, result } = outcome;
  const stored = (await deps.stores.answers.current(round.id, plan.id))?.value.latest;
  const typed = typedContent(data);
  let content: AnswerContent;
  let baseVersion: number;
  if (result.kind === 'prefilled') {
    // Based on this round's current version, so that a submit from the card is not a conflict.
    content = result.content;
    baseVersion = stored?.version ?? 0;
  } else if (typed) {
    content = typed;
    baseVersion = baseVersionOf(data);
  } else {
    content = stored?.content ?? emptyContent();
    baseVersion = stored?.version ?? 0;
  }
  const line = controlLine(result, round, locale);
  return {
    kind: 'card',
    card: fittedAnswerCard({ locale, round, plan, baseVersion, notice: line.notice, now: deps.clock.now() }, content, line.error ? [line.error] : []),
  };
}
