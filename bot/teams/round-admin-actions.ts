// Rounds in cards, in Teams: `ny omgång` answers with the round form and `omgångar` with the
// list of rounds; the form's and the list's buttons (Skapa omgången, Använd …, Öppna nu, Skjut
// upp, Stäng, Ny omgång) come back here as card actions. Every reply is a card, except
// refusals, which are sentences. Each action checks the coordinator role again.

import { buildRoundCreatedCard, buildRoundFormCard, buildRoundListCard } from '../../cards/round-cards';
import type { AppDeps } from '../app/deps';
import {
  closeRoundEarly,
  createRoundFromForm,
  listRounds,
  openRoundEarly,
  openRoundForm,
  postponeRound,
  reviewRoundForm,
  type RoundAdminRefusal,
  type RoundChangeOutcome,
  type RoundForm,
  type RoundList,
} from '../app/rounds/round-admin';
import { formatLocalDate } from '../domain/calendar';
import { ANSWER_RULES, answerPolicyOf, describeAnswerPolicy, describeRoundAnswerRule, EMPTY_SECTION_TEXTS, policyFromRule } from '../domain/answer-policy';
import type { FollowUpPolicy } from '../domain/reminder-policy';
import type { Locale } from '../domain/locale';
import { t, type MessageKey } from '../../cards/messages/index';
import type { Actor } from '../domain/permissions';
import { summaryTime, type Round } from '../domain/round';
import {
  calendarProblemText,
  ESCALATION_CHOICES,
  followDueDate,
  summaryFollowsDue,
  readRoundForm,
  reminderChoiceOf,
  type PostponeProblem,
  type ReminderChoice,
  type RoundFormField,
  type RoundFormProblem,
} from '../domain/round-form';
import { DEFAULT_TIME_ZONE, formatDate, formatDateTime, formatDay, isValidTimeZone, localDateOf, parseLocalDate } from '../domain/time';
import { adminRefusalReply } from './admin-refusal';
import { textIn, type CardActionHandler, type CardActionRequest } from './card-data';
import type { CardReply } from './replies';

/** The time zone the form was opened in (it travels in the card's data), else the default. */
function timeZoneOf(data: Record<string, unknown>, fallback: string): string {
  return typeof data.timeZone === 'string' && data.timeZone && isValidTimeZone(data.timeZone) ? data.timeZone : fallback;
}

/** The due date the card's summary date was the suggestion for (see summaryFollowsDue). */
function shownDue(data: Record<string, unknown>): string | undefined {
  return typeof data.summaryFollows === 'string' && parseLocalDate(data.summaryFollows) ? data.summaryFollows : undefined;
}

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

// ---------------------------------------------------------------------------------------------
// The form

const FIELD_LABELS: Record<Exclude<RoundFormField, ''>, MessageKey> = {
  title: 'roundFormTitle',
  year: 'roundFormYear',
  opensDate: 'roundFormOpensDate',
  opensTime: 'roundFormOpensTime',
  dueDate: 'roundFormDueDate',
  summaryDate: 'roundFormSummaryDate',
  summaryTime: 'roundFormSummaryTime',
  reminders: 'roundFormReminders',
  escalateAfter: 'roundFormEscalation',
  openNow: 'roundFormOpenNow',
  answerRule: 'roundFormAnswers',
  emptySection: 'roundFormEmptySection',
};

/** One line per problem, led by the field's label as the form shows it. */
export function roundProblemLines(problems: RoundFormProblem[], locale: Locale): string[] {
  return problems.map((p) => {
    let message: string;
    switch (p.kind) {
      case 'rule':
        message = p.message;
        break;
      case 'day-off':
      case 'no-such-time':
        message = calendarProblemText(p, locale);
        break;
      case 'in-past':
        message = t(locale, 'roundFormInPast');
        break;
      case 'unknown-choice':
        message = t(locale, 'roundFormUnknownChoice');
        break;
    }
    return p.field ? t(locale, 'roundFormFieldError', { field: t(locale, FIELD_LABELS[p.field]), message }) : message;
  });
}

const REMINDER_KEYS: Record<ReminderChoice, MessageKey> = {
  standard: 'roundFormReminderStandard',
  light: 'roundFormReminderLight',
  strict: 'roundFormReminderStrict',
  register: 'roundFormReminderRegister',
};

function escalationTitle(days: number, locale: Locale): string {
  return days === 0 ? t(locale, 'roundFormEscalationNever') : t(locale, 'roundFormEscalationAfter', { days });
}

function formCard(form: RoundForm, locale: Locale, problems: RoundFormProblem[] = []) {
  const base = form.basePolicy;
  const reminders: ReminderChoice[] = ['standard', 'light', 'strict'];
  if (reminderChoiceOf(base) === 'register') reminders.push('register');
  const escalation = [...new Set<number>([...ESCALATION_CHOICES, base.escalation.afterWorkingDays])].sort((a, b) => a - b);
  return buildRoundFormCard({
    locale,
    timeZone: form.timeZone,
    values: form.values,
    summaryFollows: summaryFollowsDue(form.values) ?? '',
    reminderChoices: reminders.map((r) => ({ title: t(locale, REMINDER_KEYS[r]), value: r })),
    escalationChoices: escalation.map((d) => ({ title: escalationTitle(d, locale), value: String(d) })),
    answerRuleChoices: ANSWER_RULES.map((rule) => ({ title: describeAnswerPolicy(policyFromRule(rule, 'blank'), locale).rule, value: rule })),
    emptySectionChoices: EMPTY_SECTION_TEXTS.map((text) => ({ title: describeAnswerPolicy(policyFromRule('one', text), locale).empty, value: text })),
    errors: problems.length ? roundProblemLines(problems, locale) : undefined,
    fixes: problems.flatMap((p) =>
      p.kind === 'day-off'
        ? [{ title: t(locale, 'roundFormUseDate', { date: formatDay(p.suggestion, locale), field: t(locale, FIELD_LABELS[p.field]).toLowerCase() }), field: p.field, date: formatLocalDate(p.suggestion) }]
        : [],
    ),
  });
}

function formReply(opened: RoundForm | RoundAdminRefusal, locale: Locale): CardReply {
  if (opened.kind === 'refused') return adminRefusalReply(opened, locale);
  return { kind: 'card', card: formCard(opened, locale) };
}

function policyWords(policy: FollowUpPolicy | undefined, locale: Locale): string {
  if (!policy) return '';
  return t(locale, 'roundCreatedPolicy', {
    reminders: t(locale, REMINDER_KEYS[reminderChoiceOf(policy)]),
    escalation: escalationTitle(policy.escalation.afterWorkingDays, locale).toLowerCase(),
  });
}

function createdCard(round: Round, locale: Locale, again: boolean, now: Date) {
  const tz = round.timeZone;
  const params = {
    round: round.title,
    opens: formatDateTime(round.opensAt, tz, locale),
    due: formatDate(round.dueAt, tz, locale),
    summary: formatDateTime(summaryTime(round), tz, locale),
  };
  const lines = [
    t(locale, round.opensAt <= now ? 'roundCreatedOpenNow' : 'roundCreated', params),
    policyWords(round.policy, locale),
    describeRoundAnswerRule(answerPolicyOf(round), locale),
    ...(again ? [t(locale, 'roundCreatedAgain')] : []),
  ].filter(Boolean);
  return buildRoundCreatedCard({ locale, lines });
}

// ---------------------------------------------------------------------------------------------
// The list

async function listReply(deps: AppDeps, actor: Actor, locale: Locale, timeZone: string, lines: { notice?: string; error?: string } = {}): Promise<CardReply> {
  const listed = await listRounds(deps, actor);
  if (listed.kind === 'refused') return adminRefusalReply(listed, locale);
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
function changeLines(outcome: Exclude<RoundChangeOutcome, RoundAdminRefusal>, locale: Locale): { notice?: string; error?: string } {
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

// ---------------------------------------------------------------------------------------------
// The buttons

/** What every round button reads from its card: the time zone the card was made in, the round. */
function roundButton(data: Record<string, unknown>) {
  return { timeZone: timeZoneOf(data, DEFAULT_TIME_ZONE), roundId: typeof data.roundId === 'string' ? data.roundId : '' };
}

/** Ny omgång on the list: the empty form. */
export const openNewRoundForm: CardActionHandler = async (deps, { actor, data, locale }) =>
  formReply(await openRoundForm(deps, actor, roundButton(data).timeZone), locale);

/** Använd … on the form: the suggested working day in place of the day off, reviewed again. */
export const useSuggestedDate: CardActionHandler = async (deps, { actor, data, locale }) => {
  const { timeZone } = roundButton(data);
  const values = readRoundForm(data);
  const field = textIn(data, 'fixField');
  const date = textIn(data, 'fixDate');
  if ((field === 'opensDate' || field === 'dueDate' || field === 'summaryDate') && parseLocalDate(date)) values[field] = date;
  const reviewed = await reviewRoundForm(deps, actor, followDueDate(values, shownDue(data)), timeZone);
  if (reviewed.kind === 'refused') return adminRefusalReply(reviewed, locale);
  return { kind: 'card', card: formCard(reviewed.form, locale, reviewed.problems) };
};

/** Skapa omgången on the form. */
export const createRoundFromCard: CardActionHandler = async (deps, { actor, data, locale }) => {
  const { timeZone } = roundButton(data);
  const outcome = await createRoundFromForm(deps, actor, followDueDate(readRoundForm(data), shownDue(data)), timeZone);
  if (outcome.kind === 'refused') return adminRefusalReply(outcome, locale);
  if (outcome.kind === 'invalid') return { kind: 'card', card: formCard(outcome.form, locale, outcome.problems) };
  return { kind: 'card', card: createdCard(outcome.round, locale, outcome.again, deps.clock.now()) };
};

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
  const input = typeof data.input === 'string' ? data.input : '';
  const outcome = await postponeRound(deps, request.actor, roundButton(data).roundId, typeof data[input] === 'string' ? (data[input] as string) : '');
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
  if (outcome.kind === 'refused') return adminRefusalReply(outcome, locale);
  return listReply(deps, actor, locale, roundButton(data).timeZone, changeLines(outcome, locale));
}
