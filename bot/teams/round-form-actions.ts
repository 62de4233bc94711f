// The round form in cards, in Teams: `ny omgång` answers with it, and its buttons (Skapa
// omgången, Använd …, and Ny omgång on the list) come back here as card actions. Every reply is
// a card, except refusals, which are sentences. Each action checks the coordinator role again.

import { buildRoundCreatedCard, buildRoundFormCard } from '../../cards/round-cards';
import { createRoundFromForm, openRoundForm, reviewRoundForm, type RoundForm } from '../app/rounds/round-admin';
import type { AdminRefusal } from '../app/access';
import { formatLocalDate } from '../domain/calendar';
import { ANSWER_RULES, answerPolicyOf, describeAnswerRule, describeEmptySection, describeRoundAnswerRule, EMPTY_SECTION_TEXTS } from '../domain/answer-policy';
import type { LatenessPolicy } from '../domain/reminder-policy';
import type { Locale } from '../domain/locale';
import { t, type MessageKey } from '../../cards/messages/index';
import { summaryTime, type Round } from '../domain/round';
import {
  calendarProblemText,
  ESCALATION_CHOICES,
  followDueDate,
  summaryFollowsDue,
  readRoundForm,
  reminderChoiceOf,
  type ReminderChoice,
  type RoundFormField,
  type RoundFormProblem,
} from '../domain/round-form';
import { DEFAULT_TIME_ZONE, formatDate, formatDateTime, formatDay, isValidTimeZone, parseLocalDate } from '../domain/time';
import type { CardActionHandler } from './card-data';
import { refusalReply, type CardReply } from './replies';
import { textIn } from '../domain/card-input';
import { templateOf } from '../domain/templates/builtin';

/** The time zone a round card was made in (it travels in the card's data), else the default. */
export function roundCardTimeZone(data: Record<string, unknown>): string {
  const timeZone = textIn(data, 'timeZone');
  return timeZone && isValidTimeZone(timeZone) ? timeZone : DEFAULT_TIME_ZONE;
}

/** The due date the card's summary date was the suggestion for (see summaryFollowsDue). */
function shownDue(data: Record<string, unknown>): string | undefined {
  const due = textIn(data, 'summaryFollows');
  return parseLocalDate(due) ? due : undefined;
}

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
  template: 'roundFormTemplate',
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
    templateChoices: form.templates.map((template) => ({ title: template.name[locale], value: template.id })),
    answerRuleChoices: ANSWER_RULES.map((rule) => ({ title: describeAnswerRule(rule, locale), value: rule })),
    emptySectionChoices: EMPTY_SECTION_TEXTS.map((text) => ({ title: describeEmptySection(text, locale), value: text })),
    errors: problems.length ? roundProblemLines(problems, locale) : undefined,
    fixes: problems.flatMap((p) =>
      p.kind === 'day-off'
        ? [{ title: t(locale, 'roundFormUseDate', { date: formatDay(p.suggestion, locale), field: t(locale, FIELD_LABELS[p.field]).toLowerCase() }), field: p.field, date: formatLocalDate(p.suggestion) }]
        : [],
    ),
  });
}

export function formReply(opened: RoundForm | AdminRefusal, locale: Locale): CardReply {
  if (opened.kind === 'refused') return refusalReply(opened, locale);
  return { kind: 'card', card: formCard(opened, locale) };
}

function policyWords(policy: LatenessPolicy | undefined, locale: Locale): string {
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
    round.template ? t(locale, 'roundCreatedTemplate', { name: round.template.name[locale] }) : '',
    describeRoundAnswerRule(answerPolicyOf(round), locale, templateOf(round)),
    ...(again ? [t(locale, 'roundCreatedAgain')] : []),
  ].filter(Boolean);
  return buildRoundCreatedCard({ locale, lines });
}

/** Ny omgång on the list: the empty form. */
export const openNewRoundForm: CardActionHandler = async (deps, { actor, data, locale }) =>
  formReply(await openRoundForm(deps, actor, roundCardTimeZone(data)), locale);

/** Använd … on the form: the suggested working day in place of the day off, reviewed again. */
export const useSuggestedDate: CardActionHandler = async (deps, { actor, data, locale }) => {
  const timeZone = roundCardTimeZone(data);
  const values = readRoundForm(data);
  const field = textIn(data, 'fixField');
  const date = textIn(data, 'fixDate');
  if ((field === 'opensDate' || field === 'dueDate' || field === 'summaryDate') && parseLocalDate(date)) values[field] = date;
  const reviewed = await reviewRoundForm(deps, actor, followDueDate(values, shownDue(data)), timeZone);
  if (reviewed.kind === 'refused') return refusalReply(reviewed, locale);
  return { kind: 'card', card: formCard(reviewed.form, locale, reviewed.problems) };
};

/** Skapa omgången on the form. */
export const createRoundFromCard: CardActionHandler = async (deps, { actor, data, locale }) => {
  const timeZone = roundCardTimeZone(data);
  const outcome = await createRoundFromForm(deps, actor, followDueDate(readRoundForm(data), shownDue(data)), timeZone);
  if (outcome.kind === 'refused') return refusalReply(outcome, locale);
  if (outcome.kind === 'invalid') return { kind: 'card', card: formCard(outcome.form, locale, outcome.problems) };
  return { kind: 'card', card: createdCard(outcome.round, locale, outcome.again, deps.clock.now()) };
};
