// Turns a card action (Action.Execute invoke or Action.Submit message) into a use case call
// and the use case's outcome into the card or message that answers it.

import { buildAnswerCard } from '../../cards/answer-card';
import { buildConfirmationCard } from '../../cards/confirmation-card';
import type { AdaptiveCard } from '../../cards/expand';
import { emptyContent, type AnswerIntent } from '../domain/answer';
import type { FieldError } from '../domain/errors';
import type { Locale } from '../domain/locale';
import { escapeMarkdown, t } from '../domain/messages';
import type { Actor } from '../domain/permissions';
import { MAX_ANSWER_LENGTH, questionsFor } from '../domain/questions';
import { formatDateTime } from '../domain/time';
import type { AppDeps } from '../app/deps';
import { openAnswerForEdit, recordAnswer, type AnswerOutcome, type Refused } from '../app/record-answer';

export type CardReply = { kind: 'card'; card: AdaptiveCard } | { kind: 'text'; text: string };

export const CARD_VERBS = ['answer.submit', 'answer.draft', 'answer.edit'] as const;
export type CardVerb = (typeof CARD_VERBS)[number];

export function isCardVerb(value: unknown): value is CardVerb {
  return typeof value === 'string' && (CARD_VERBS as readonly string[]).includes(value);
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

function errorLines(errors: FieldError[], year: number, locale: Locale): string[] {
  const labels = new Map(questionsFor(year, locale).map((q) => [q.id as string, q.label]));
  return [
    t(locale, 'fixErrors'),
    ...errors.map((e) => {
      if (e.field === 'planStatus') return t(locale, 'statusRequired');
      if (e.field === 'answers') return t(locale, 'tooLongTotal');
      const label = labels.get(e.field) ?? e.field;
      return e.message === 'too-long' ? t(locale, 'tooLong', { label, max: MAX_ANSWER_LENGTH }) : t(locale, 'required', { label });
    }),
  ];
}

function replyForOutcome(outcome: AnswerOutcome, locale: Locale): CardReply {
  switch (outcome.kind) {
    case 'refused':
      return { kind: 'text', text: refusalText(outcome, locale) };
    case 'recorded':
      return { kind: 'card', card: buildConfirmationCard({ locale, ...outcome }) };
    case 'invalid':
      return {
        kind: 'card',
        card: buildAnswerCard({ locale, ...outcome, errors: errorLines(outcome.errors, outcome.round.year, locale) }),
      };
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
  const subject = { actor, roundId: String(action.data.roundId ?? ''), planId: String(action.data.planId ?? '') };
  if (action.verb === 'answer.edit') return showCurrent(deps, subject, locale, 'edit');
  const intent: AnswerIntent = action.verb === 'answer.submit' ? 'submit' : 'draft';
  const baseVersion = Number(action.data.baseVersion);
  const outcome = await recordAnswer(deps, {
    ...subject,
    intent,
    values: action.data,
    baseVersion: Number.isInteger(baseVersion) && baseVersion >= 0 ? baseVersion : 0,
    activityId,
  });
  return replyForOutcome(outcome, locale);
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
    }),
  };
}
