// Every card verb and what answers it, in one table: the buttons of the answer card, the
// officer's controls, the coordinator's plans, rounds and register preview, and the refresh of
// the overview card in the coordinator channel. A card action
// (Action.Execute invoke or Action.Submit message) is dispatched from here only; the handlers
// turn the card's data into a use case call and its outcome into a card or a sentence.

import type { AppDeps } from '../app/deps';
import type { Locale } from '../domain/locale';
import type { Actor } from '../domain/permissions';
import {
  delegateFromCard,
  editAnswer,
  markAbsentFromCard,
  previousAnswerFromCard,
  recordAnswerFromCard,
  snoozeFromCard,
} from './answer-actions';
import type { CardActionHandler } from './card-data';
import { refreshOverviewFromCard } from './overview-actions';
import { openNewPlanForm, openPlanFormFor, savePlanFromForm, showPlanPage } from './plan-admin-actions';
import { applyUploadFromCard, cancelUploadFromCard } from './register-upload';
import type { CardReply } from './replies';
import { createRoundFromCard, openNewRoundForm, useSuggestedDate } from './round-form-actions';
import { closeRoundFromList, openRoundFromList, postponeRoundFromList, showRounds } from './round-list-actions';

/**
 * What a verb is, which decides what a second delivery of it does (Teams redelivers an action
 * when the reply was slow):
 * - `answer`: writes the answer; run again it would write twice, so it shows what was stored.
 * - `control`: an officer's control; it changes settings or shows a card, never the answer, and
 *   stores the same values when run again.
 * - `admin`: a coordinator's action; run again it finds its change already made and says so
 *   (a preview is applied once).
 * - `view`: a card posted in a channel asking for itself again (Universal Actions' refresh):
 *   it changes nothing, and is answered where the card is, in any chat, to coordinators only.
 */
type VerbKind = 'answer' | 'control' | 'admin' | 'view';

interface CardVerbEntry {
  kind: VerbKind;
  run: CardActionHandler;
}

const answer = (run: CardActionHandler): CardVerbEntry => ({ kind: 'answer', run });
const control = (run: CardActionHandler): CardVerbEntry => ({ kind: 'control', run });
const admin = (run: CardActionHandler): CardVerbEntry => ({ kind: 'admin', run });
const view = (run: CardActionHandler): CardVerbEntry => ({ kind: 'view', run });

const CARD_ACTIONS = {
  // The answer card.
  'answer.submit': answer(recordAnswerFromCard('submit')),
  'answer.draft': answer(recordAnswerFromCard('draft')),
  'answer.edit': answer(editAnswer),
  // The officer's controls on it.
  'plan.snooze': control(snoozeFromCard),
  'plan.delegate': control(delegateFromCard),
  'officer.absent': control(markAbsentFromCard),
  'answer.previous': control(previousAnswerFromCard),
  // The register in cards (the coordinator's plan list and form).
  'plans.page': admin(showPlanPage),
  'plan.new': admin(openNewPlanForm),
  'plan.edit': admin(openPlanFormFor),
  'plan.save': admin(savePlanFromForm),
  // Rounds in cards (the coordinator's round form and round list).
  'round.new': admin(openNewRoundForm),
  'round.create': admin(createRoundFromCard),
  'round.useDate': admin(useSuggestedDate),
  'rounds.list': admin(showRounds),
  'round.open': admin(openRoundFromList),
  'round.postpone': admin(postponeRoundFromList),
  'round.close': admin(closeRoundFromList),
  // Använd registret / Avbryt on a register preview.
  'register.apply': admin(applyUploadFromCard),
  'register.cancel': admin(cancelUploadFromCard),
  // The overview card in the coordinator channel, refreshed when a coordinator sees it.
  'overview.refresh': view(refreshOverviewFromCard),
} satisfies Record<string, CardVerbEntry>;

export type CardVerb = keyof typeof CARD_ACTIONS;

export const CARD_VERBS = Object.keys(CARD_ACTIONS) as readonly CardVerb[];

/** A verb the bot has a handler for. Looked up in the list: "__proto__" is no verb. */
export function isCardVerb(value: unknown): value is CardVerb {
  return typeof value === 'string' && (CARD_VERBS as readonly string[]).includes(value);
}

/** A verb answered in a channel or group chat too (a card posted there); every other one only in the 1:1 chat. */
export function cardVerbAnsweredInAnyChat(verb: CardVerb): boolean {
  return CARD_ACTIONS[verb].kind === 'view';
}

/** A redelivered action runs again, unless it writes an answer (see VerbKind). */
export function runsAgainWhenRedelivered(verb: CardVerb): boolean {
  return CARD_ACTIONS[verb].kind !== 'answer';
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

export async function handleCardAction(
  deps: AppDeps,
  actor: Actor,
  action: CardAction,
  locale: Locale,
  activityId: string | undefined,
): Promise<CardReply> {
  return CARD_ACTIONS[action.verb].run(deps, { actor, data: action.data, locale, activityId });
}
