// The list of rounds in cards, in Teams: `omgångar` answers with it, and its buttons (Öppna nu,
// Skjut upp, Stäng, Omgångar) come back here as card actions; `ny omgång` answers with the form
// (round-form-actions.ts). Every reply is a card, except refusals, which are sentences. Each
// action checks the coordinator role again.

import { buildRoundListCard } from '../../cards/round-cards';
import type { AppDeps } from '../app/deps';
import type { AdminRefusal } from '../app/access';
import {
  closeRoundEarly,
  listRounds,
  openRoundEarly,
  openRoundForm,
  postponeRound,
  type RoundChangeOutcome,
  type RoundList,
} from '../app/rounds/round-admin';
import type { Locale } from '../domain/locale';
import { t } from '../../cards/messages/index';
import type { Actor } from '../domain/permissions';
import type { PostponeProblem } from '../domain/round-form';
import { DEFAULT_TIME_ZONE, formatDate, formatDateTime, formatDay, localDateOf } from '../domain/time';
import type { CardActionHandler, CardActionRequest } from './card-data';
import { refusalReply, type CardReply } from './replies';
import { formReply, roundCardTimeZone, roundProblemLines } from './round-form-actions';
import { textIn } from '../domain/card-input';

/**
 * `ny omgång` / `omgångar`. The cards' buttons answer in the personal chat only (card actions
 * elsewhere are refused), so a channel gets a pointer there.
 */
export async function roundsCommandReply(
  deps: AppDeps,
  actor: Actor,
  locale: Locale,
  personal: boolean,
  command: 'newRound' | 'rounds',
  timeZone: string = DEFAULT_TIME_ZONE,
): Promise<CardReply> {
  if (!personal) {
    const listed = await listRounds(deps, actor, 0);
    return { kind: 'text', text: t(locale, listed.kind === 'refused' ? 'notCoordinator' : 'roundsInPersonal') };
  }
  if (command === 'newRound') return formReply(await openRoundForm(deps, actor, timeZone), locale);
  return listReply(deps, actor, locale, timeZone);
}

async function listReply(deps: AppDeps, actor: Actor, locale: Locale, timeZone: string, lines: { notice?: string; error?: string } = {}): Promise<CardReply> {
  const listed = await listRounds(deps, actor);
  if (listed.kind === 'refused') return refusalReply(listed, locale);
  return { kind: 'card', card: listCard(listed, locale, timeZone, lines) };
}

function listCard(listed: RoundList, locale: Locale, timeZone: string, lines: { notice?: string; error?: string }) {
  const states = { planned: 'roundListPlanned', open: 'roundListOpen', closed: 'roundListClosed' } as const;
  return buildRoundListCard({
    locale,
    timeZone,
    ...lines,
    rows: listed.rows.map(({ round, phase, answered, total }) => {
      const tz = round.timeZone;
      const dates = round.closedAt
        ? t(locale, 'roundListClosedAt', { closed: formatDateTime(round.closedAt, tz, locale), due: formatDate(round.dueAt, tz, locale) })
        : t(locale, 'roundListDates', {
            opens: formatDateTime(round.opensAt, tz, locale),
            due: formatDate(round.dueAt, tz, locale),
            closes: formatDate(round.closesAt, tz, locale),
          });
      return {
        id: round.id,
        title: round.title,
        phase,
        state: t(locale, states[phase]),
        dates,
        answered: answered === undefined ? '' : t(locale, 'roundListAnswered', { answered, total: total ?? 0 }),
        due: localDateOf(round.dueAt, tz),
        closeQuestion: t(locale, 'roundListCloseQuestion', { round: round.title }),
      };
    }),
  });
}

function postponeProblemLine(problem: PostponeProblem, locale: Locale): string {
  switch (problem.kind) {
    case 'invalid-date':
      return t(locale, 'roundPostponeInvalidDate');
    case 'not-later':
      return t(locale, 'roundPostponeNotLater', { due: formatDay(problem.due, locale) });
    case 'in-past':
      return t(locale, 'roundPostponeInPast');
    case 'day-off':
      return roundProblemLines([problem], locale)[0];
  }
}

/** What the list says after a change: a notice when it was made, an error line when not. */
function changeLines(outcome: Exclude<RoundChangeOutcome, AdminRefusal>, locale: Locale): { notice?: string; error?: string } {
  if (outcome.kind === 'unknown-round') return { error: t(locale, 'roundGone') };
  const round = outcome.round.title;
  const due = formatDate(outcome.round.dueAt, outcome.round.timeZone, locale);
  switch (outcome.kind) {
    case 'opened':
      return { notice: t(locale, 'roundOpened', { round }) };
    case 'closed':
      return { notice: t(locale, 'roundClosed', { round }) };
    case 'postponed':
      return outcome.told + outcome.unreachable > 0
        ? { notice: t(locale, 'roundPostponed', { round, due, told: outcome.told, unreachable: outcome.unreachable }) }
        : { notice: t(locale, 'roundPostponedPlanned', { round, due }) };
    case 'unchanged':
      // Öppna nu on an open round is answered before this; here it is the same due date again.
      return { notice: t(locale, 'roundPostponedSame', { round, due }) };
    case 'invalid':
      return { error: postponeProblemLine(outcome.problem, locale) };
    case 'already-closed':
      return { error: t(locale, 'roundAlreadyClosed', { round }) };
    case 'changed-meanwhile':
      return { error: t(locale, 'roundChangedMeanwhile', { round }) };
  }
}

/** What every round button reads from its card: the time zone the card was made in, the round. */
function roundButton(data: Record<string, unknown>) {
  return { timeZone: roundCardTimeZone(data), roundId: textIn(data, 'roundId') };
}

/** Omgångar on a card: the list. */
export const showRounds: CardActionHandler = (deps, { actor, data, locale }) => listReply(deps, actor, locale, roundButton(data).timeZone);

/** Öppna nu on the list. */
export const openRoundNow: CardActionHandler = async (deps, request) => {
  const { timeZone, roundId } = roundButton(request.data);
  const outcome = await openRoundEarly(deps, request.actor, roundId);
  if (outcome.kind === 'unchanged') {
    return listReply(deps, request.actor, request.locale, timeZone, { notice: t(request.locale, 'roundAlreadyOpen', { round: outcome.round.title }) });
  }
  return listAfterChange(deps, request, outcome);
};

/** Skjut upp on the list: the new due date from the row's date input. */
export const postponeRoundFromList: CardActionHandler = async (deps, request) => {
  const { data } = request;
  const outcome = await postponeRound(deps, request.actor, roundButton(data).roundId, textIn(data, textIn(data, 'input')));
  return listAfterChange(deps, request, outcome);
};

/** Stäng on the list. */
export const closeRoundFromList: CardActionHandler = async (deps, request) => {
  const { actor, data, locale } = request;
  const { timeZone, roundId } = roundButton(data);
  // The list asks first (Stäng shows the question); a close without the answer only shows the list.
  if (data.confirmed !== 'yes') return listReply(deps, actor, locale, timeZone);
  return listAfterChange(deps, request, await closeRoundEarly(deps, actor, roundId));
};

/** The list again after Öppna nu, Skjut upp or Stäng, saying what happened. */
async function listAfterChange(deps: AppDeps, { actor, data, locale }: CardActionRequest, outcome: RoundChangeOutcome): Promise<CardReply> {
  if (outcome.kind === 'refused') return refusalReply(outcome, locale);
  return listReply(deps, actor, locale, roundButton(data).timeZone, changeLines(outcome, locale));
}
