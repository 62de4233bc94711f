// The officer's card actions: the answer card's buttons (Skicka, Spara utkast, Ändra) and its
// controls (snooze, delegate, absence, last round's answer), each turned into a use case call and
// the use case's outcome into the card or message that answers it. The controls answer with the
// answer card again, keeping what was typed, with a notice line saying what happened.

import { buildAnswerCard, type AnswerCardModel } from '../../cards/answer-card';
import { buildConfirmationCard } from '../../cards/confirmation-card';
import type { AdaptiveCard } from '../../cards/expand';
import { baseVersionOf, emptyContent, filledCount, fitForCard, readAnswerInput, type AnswerContent, type AnswerIntent, type AnswerVersion } from '../domain/answer';
import { answerPolicyOf } from '../domain/answer-policy';
import type { FieldError } from '../domain/errors';
import type { Locale } from '../domain/locale';
import { countWord, t } from '../../cards/messages/index';
import type { Actor } from '../domain/permissions';
import { MAX_ANSWERS_BYTES } from '../domain/questions';
import type { Plan } from '../domain/register';
import type { Round } from '../domain/round';
import { templateOf } from '../domain/templates/builtin';
import { questionsOf, type Question } from '../domain/templates/template';
import { formatDate, formatDateTime } from '../domain/time';
import type { AppDeps } from '../app/deps';
import { delegatePlan, markAbsent, previousAnswer, snoozePlan, type ControlOutcome, type ControlResult } from '../app/officer/officer-controls';
import { latestAnswer } from '../app/officer/officer-plans';
import { openAnswerForEdit, recordAnswer, type AnswerOutcome } from '../app/officer/record-answer';
import type { CardActionHandler, CardActionRequest } from './card-data';
import { refusalReply, type CardReply } from './replies';
import { countIn, textIn } from '../domain/card-input';

/** The round's questions by id, each as the card numbers it ("2. Genomfört t.o.m. 2018"). */
function questionsById(round: Round, locale: Locale): Map<string, Question & { heading: string }> {
  return new Map(questionsOf(templateOf(round), round.year, locale).map((q) => [q.id, { ...q, heading: `${q.number}. ${q.label}` }]));
}

function errorLines(errors: FieldError[], round: Round, content: AnswerContent, locale: Locale): string[] {
  const questions = questionsById(round, locale);
  const policy = answerPolicyOf(round);
  return [
    t(locale, 'fixErrors'),
    ...errors.map((e) => {
      if (e.field === 'planStatus') return t(locale, 'statusRequired');
      if (e.field === 'answers') return t(locale, 'tooLongTotal');
      if (e.field === 'sections') {
        const template = templateOf(round);
        const total = countWord(template.questions.length, locale);
        if (policy.minSections <= 1) return t(locale, 'tooFewSections', { total });
        return t(locale, 'tooFewSectionsMany', { count: policy.minSections, filled: filledCount(content, template), total });
      }
      const question = questions.get(e.field);
      const label = question?.heading ?? e.field;
      return e.message === 'too-long' ? t(locale, 'tooLong', { label, max: question?.maxLength ?? 0 }) : t(locale, 'required', { label });
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
  const questions = questionsById(round, locale);
  const render = (room: number) => {
    const fitted = fitForCard(content, room, templateOf(round));
    const cutLines = fitted.cut.map((c) => t(locale, 'cutOnCard', { label: questions.get(c.id)?.heading ?? c.id, excerpt: c.excerpt, kept: c.kept, typed: c.typed }));
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
      return refusalReply(outcome, locale);
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

/** The answer a button is about: who pressed it, about which plan in which round. */
function answerSubjectOf(request: CardActionRequest) {
  return { actor: request.actor, roundId: textIn(request.data, 'roundId'), planId: textIn(request.data, 'planId') };
}

/** Skicka (`submit`) or Spara utkast (`draft`): the answer as the card sent it. */
export function recordAnswerFromCard(intent: AnswerIntent): CardActionHandler {
  return async (deps, request) => {
    const outcome = await recordAnswer(deps, {
      ...answerSubjectOf(request),
      intent,
      values: request.data,
      baseVersion: cardBaseVersion(request.data),
      activityId: request.activityId,
    });
    return replyForOutcome(outcome, request.locale, deps.clock.now());
  };
}

/** What was stored, without writing: for an answer Teams delivered a second time. */
export const showStoredAnswer: CardActionHandler = (deps, request) => showCurrent(deps, answerSubjectOf(request), request.locale, 'confirmation');

/** Ändra: the filled answer card again. */
export const editAnswer: CardActionHandler = (deps, request) => showCurrent(deps, answerSubjectOf(request), request.locale, 'edit');

// The controls: each answers with the answer card again, with a line saying what happened.
export const snoozeFromCard: CardActionHandler = async (deps, request) =>
  replyForControl(deps, await snoozePlan(deps, answerSubjectOf(request), request.data.snoozeUntil), request.data, request.locale);

export const delegateFromCard: CardActionHandler = async (deps, request) =>
  replyForControl(deps, await delegatePlan(deps, answerSubjectOf(request), request.data.deputy), request.data, request.locale);

export const markAbsentFromCard: CardActionHandler = async (deps, request) =>
  replyForControl(deps, await markAbsent(deps, answerSubjectOf(request), request.data.absentUntil), request.data, request.locale);

export const previousAnswerFromCard: CardActionHandler = async (deps, request) =>
  replyForControl(deps, await previousAnswer(deps, answerSubjectOf(request)), request.data, request.locale);

/** The answer as it stands, without writing: the filled card for Edit, or the confirmation. */
async function showCurrent(
  deps: AppDeps,
  subject: { actor: Actor; roundId: string; planId: string },
  locale: Locale,
  mode: 'edit' | 'confirmation',
): Promise<CardReply> {
  const found = await openAnswerForEdit(deps, subject);
  if (found.kind === 'refused') return refusalReply(found, locale);
  const { round, plan, current } = found;
  if (mode === 'confirmation' && current) {
    return { kind: 'card', card: buildConfirmationCard({ locale, round, plan, answer: current, canEdit: true }) };
  }
  return { kind: 'card', card: savedAnswerCard({ locale, round, plan, saved: current, now: deps.clock.now() }) };
}

/** The answer card filled with what was saved (empty when nothing was); a draft says when it was saved. */
export function savedAnswerCard(model: { locale: Locale; round: Round; plan: Plan; saved: AnswerVersion | undefined; now: Date }): AdaptiveCard {
  const { locale, round, plan, saved, now } = model;
  return buildAnswerCard({
    locale,
    round,
    plan,
    content: saved?.content ?? emptyContent(templateOf(round)),
    baseVersion: baseVersionOf(saved),
    notice: saved?.state === 'draft' ? t(locale, 'draftBasedOn', { at: formatDateTime(saved.at, round.timeZone, locale) }) : undefined,
    now,
  });
}

/** The card's base version as sent back, when it is a plausible one. */
function cardBaseVersion(data: Record<string, unknown>): number {
  return countIn(data, 'baseVersion', 0);
}

/** What the card showed when the button was pressed: the typed (unsaved) text is kept. */
function typedContent(data: Record<string, unknown>, round: Round): AnswerContent | undefined {
  const template = templateOf(round);
  return template.questions.some((q) => typeof data[q.id] === 'string') ? readAnswerInput(data, template) : undefined;
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
  if (outcome.kind === 'refused') return refusalReply(outcome, locale);
  const { round, plan, result } = outcome;
  const stored = await latestAnswer(deps, round.id, plan.id);
  const typed = typedContent(data, round);
  let content: AnswerContent;
  let baseVersion: number;
  if (result.kind === 'prefilled') {
    // Based on this round's current version, so that a submit from the card is not a conflict.
    content = result.content;
    baseVersion = baseVersionOf(stored);
  } else if (typed) {
    content = typed;
    baseVersion = cardBaseVersion(data);
  } else {
    content = stored?.content ?? emptyContent(templateOf(round));
    baseVersion = baseVersionOf(stored);
  }
  const line = controlLine(result, round, locale);
  return {
    kind: 'card',
    card: fittedAnswerCard({ locale, round, plan, baseVersion, notice: line.notice, now: deps.clock.now() }, content, line.error ? [line.error] : []),
  };
}
