// The round form a coordinator fills in on a card (`ny omgång`) and the due date of a postponed
// round (`omgångar` → Skjut upp): what the form holds, what it suggests, and every problem with
// what was typed. The round's own rules are buildRound's; on top of them the Swedish calendar:
// a date on a weekend or a day off is flagged by name, with the next working day suggested.
// Pure: the instant is always passed in.

import { upcomingRounds, type Cadence } from './cadence';
import {
  addDays,
  addWorkingDays,
  compareDates,
  endOfLocalDay,
  formatLocalDate,
  holidayOn,
  isWorkingDay,
  localDateIn,
  nextWorkingDay,
  workingDayOnOrAfter,
  type LocalDate,
} from './calendar';
import {
  ANSWER_RULES,
  DEFAULT_ANSWER_POLICY,
  EMPTY_SECTION_TEXTS,
  policyFromRule,
  type AnswerPolicy,
  type AnswerRule,
  type EmptySectionText,
} from './answer-policy';
import { DEFAULT_LATENESS_POLICY, type LatenessPolicy, type ReminderPolicy } from './reminder-policy';
import { buildRound, type Round, type RoundInput } from './round';
import type { Locale } from './locale';
import { t } from '../../cards/messages/index';
import { formatDay, localTimeExists, parseLocalDate, parseLocalTime, zonedInstant } from './time';
import { DEFAULT_TEMPLATE } from './templates/builtin';
import type { FollowUpTemplate } from './templates/template';
import { trimmedTextIn } from './card-input';

/** The reminder choices on the form; `register` is the register's own policy when it is none of the others. */
export type ReminderChoice = 'standard' | 'light' | 'strict' | 'register';

/** Working days after the due date before the managers hear of overdue plans (0: never). */
export const ESCALATION_CHOICES = [0, 2, 3, 5, 10] as const;

/** The presets, at the time of day the base policy sends reminders. */
export function reminderPresets(at: string): Record<Exclude<ReminderChoice, 'register'>, ReminderPolicy> {
  return {
    standard: { ...DEFAULT_LATENESS_POLICY.reminders, at },
    light: { beforeDue: [2], onDueDate: true, overdueEvery: 5, overdueMax: 1, at },
    strict: { beforeDue: [10, 5, 2, 1], onDueDate: true, overdueEvery: 1, overdueMax: 5, at },
  };
}

/** What the form shows and sends back, every value as typed (Input.Date sends `yyyy-mm-dd`). */
export interface RoundFormValues {
  title: string;
  year: string;
  opensDate: string;
  opensTime: string;
  dueDate: string;
  summaryDate: string;
  summaryTime: string;
  reminders: string;
  escalateAfter: string;
  /** "true": open the round as soon as it is created, whatever the opening date says. */
  openNow: string;
  /** What a submit needs: `one` (the status and at least one section) or `all` (every section). */
  answerRule: string;
  /** Under a section left empty in the council document: `blank` or `nothing-to-report`. */
  emptySection: string;
  /** The follow-up template's id; the default's when absent (a form sent before it had the choice). */
  template?: string;
}

export type RoundFormField = keyof RoundFormValues | '';

export type DayOffField = 'opensDate' | 'dueDate' | 'summaryDate';

export type RoundFormProblem =
  /** One of the round's rules (buildRound's Swedish message). */
  | { field: RoundFormField; kind: 'rule'; message: string }
  /** A weekend or a day off: `holiday` names it, else `weekday` (6 Saturday, 0 Sunday). */
  | { field: DayOffField; kind: 'day-off'; date: LocalDate; holiday?: string; weekday?: number; suggestion: LocalDate }
  /** A time the clocks skip on that day when they go forward to summer time (02:30 on 28 March 2027). */
  | { field: 'opensTime' | 'summaryTime'; kind: 'no-such-time'; date: LocalDate; time: string }
  /** The opening has passed and the coordinator did not ask to open now. */
  | { field: 'opensDate'; kind: 'in-past' }
  | { field: 'reminders' | 'escalateAfter' | 'template' | 'answerRule' | 'emptySection'; kind: 'unknown-choice' };

/** What the form is checked against: the instant, the bot's time zone and the register's policy. */
export interface RoundFormContext {
  now: Date;
  timeZone: string;
  /** The register's schedule policy, else the defaults: the base that the choices change. */
  basePolicy?: LatenessPolicy;
  /** The template chosen, found by the caller; the default when absent. */
  template?: FollowUpTemplate;
}

/** The choice that describes a policy's reminders, `register` when none of the presets does. */
export function reminderChoiceOf(policy: LatenessPolicy): ReminderChoice {
  const presets = reminderPresets(policy.reminders.at);
  const same = (a: ReminderPolicy, b: ReminderPolicy) => JSON.stringify({ ...a, at: '' }) === JSON.stringify({ ...b, at: '' });
  for (const key of ['standard', 'light', 'strict'] as const) if (same(presets[key], policy.reminders)) return key;
  return 'register';
}

/** The policy the form's two choices give, on top of the base (its times and escalation rhythm). */
export function policyFromChoices(base: LatenessPolicy, reminders: ReminderChoice, escalateAfter: number): LatenessPolicy {
  const chosen = reminders === 'register' ? base.reminders : reminderPresets(base.reminders.at)[reminders];
  return { reminders: { ...chosen, beforeDue: [...chosen.beforeDue] }, escalation: { ...base.escalation, afterWorkingDays: escalateAfter } };
}

/**
 * The form as it opens: the cadence's next round not yet created (title, year, dates), else
 * "Uppföljning KF {year}" opening on the next working day with answers due four weeks later;
 * the summary on the first working day after the due date at 09:00; the register's policy.
 */
export function suggestRoundForm(
  context: RoundFormContext & { cadence?: Cadence; existingIds?: Iterable<string> },
): RoundFormValues {
  const { now, timeZone } = context;
  const today = localDateIn(now, timeZone);
  const taken = new Set(context.existingIds ?? []);
  let title = `Uppföljning KF ${today.year}`;
  let year = String(today.year);
  let opens = nextWorkingDay(today);
  let due = addWorkingDays(opens, 20);
  if (context.cadence) {
    const next = upcomingRounds(context.cadence, now, timeZone, 4).find((r) => !taken.has(r.input.id ?? ''));
    if (next) {
      title = next.input.title;
      year = next.input.year;
      const o = parseLocalDate(next.input.opensDate);
      const d = parseLocalDate(next.input.dueDate);
      // A period whose round should already be open starts tomorrow instead of in the past.
      if (o && d && compareDates(d, today) > 0) {
        opens = compareDates(o, today) > 0 ? o : nextWorkingDay(today);
        due = compareDates(d, opens) > 0 ? d : addWorkingDays(opens, 10);
      }
    }
  }
  const base = context.basePolicy ?? DEFAULT_LATENESS_POLICY;
  return {
    title,
    year,
    opensDate: formatLocalDate(opens),
    opensTime: '08:00',
    dueDate: formatLocalDate(due),
    summaryDate: defaultSummaryDate(formatLocalDate(due))!,
    summaryTime: '09:00',
    reminders: reminderChoiceOf(base),
    escalateAfter: String(base.escalation.afterWorkingDays),
    openNow: 'false',
    answerRule: 'one',
    emptySection: DEFAULT_ANSWER_POLICY.emptySection,
  };
}

/** The summary date the form suggests for a due date: the first working day after it (undefined for no date). */
export function defaultSummaryDate(dueText: string): string | undefined {
  const due = parseLocalDate(dueText);
  return due && formatLocalDate(nextWorkingDay(due));
}

/**
 * The due date the form's summary date still is the suggestion for, if it is. A card cannot work
 * a field out again when another changes (Adaptive Cards 1.5 has no client-side computation),
 * so the card carries this date and the bot compares when the form comes back.
 */
export function summaryFollowsDue(values: RoundFormValues): string | undefined {
  return values.summaryDate && values.summaryDate === defaultSummaryDate(values.dueDate) ? values.dueDate : undefined;
}

/**
 * The form as sent back, with the summary date following the due date: a summary date left at
 * the suggestion for the due date the card showed (`shownDue`, from summaryFollowsDue) becomes
 * the suggestion for the due date now typed. A summary date the coordinator changed stays.
 */
export function followDueDate(values: RoundFormValues, shownDue: string | undefined): RoundFormValues {
  if (!shownDue || values.dueDate === shownDue || values.summaryDate !== defaultSummaryDate(shownDue)) return values;
  const summaryDate = defaultSummaryDate(values.dueDate);
  return summaryDate ? { ...values, summaryDate } : values;
}

/** Reads the card's inputs as Teams sends them (strings; a toggle sends "true"/"false"). */
export function readRoundForm(data: Record<string, unknown>): RoundFormValues {
  const text = (key: string): string => trimmedTextIn(data, key);
  return {
    title: text('title'),
    year: text('year'),
    opensDate: text('opensDate'),
    opensTime: text('opensTime'),
    dueDate: text('dueDate'),
    summaryDate: text('summaryDate'),
    summaryTime: text('summaryTime'),
    reminders: text('reminders'),
    escalateAfter: text('escalateAfter'),
    openNow: data.openNow === true || text('openNow') === 'true' ? 'true' : 'false',
    // A form sent before the form had these choices reads as their defaults.
    answerRule: text('answerRule') || 'one',
    emptySection: text('emptySection') || DEFAULT_ANSWER_POLICY.emptySection,
    template: text('template') || DEFAULT_TEMPLATE.id,
  };
}

/** A weekend or a day off on `date`, with the next working day, or undefined on a working day. */
export function dayOffProblem(field: DayOffField, date: LocalDate): Extract<RoundFormProblem, { kind: 'day-off' }> | undefined {
  if (isWorkingDay(date)) return undefined;
  const holiday = holidayOn(date);
  const weekday = new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay();
  return { field, kind: 'day-off', date, ...(holiday ? { holiday } : { weekday }), suggestion: workingDayOnOrAfter(date) };
}

/** The dates and times of a round as typed, by the form or on the command line. */
export interface RoundDatesInput {
  /** Left out when the round opens now. */
  opensDate?: string;
  opensTime?: string;
  dueDate: string;
  summaryDate?: string;
  summaryTime?: string;
}

export type RoundCalendarProblem = Extract<RoundFormProblem, { kind: 'day-off' | 'no-such-time' }>;

/**
 * The Swedish calendar's objections to a round's dates, the same for the form in Teams and the
 * command line: an opening, due or summary date on a weekend or a day off (named, with the next
 * working day), and an opening or summary time that does not exist on its day because the
 * clocks go forward. A time that occurs twice when the clocks go back is not a problem: it
 * means the first time (see zonedInstant). Dates or times that cannot be read are left to
 * buildRound's rules.
 */
export function checkRoundCalendar(dates: RoundDatesInput, timeZone: string): RoundCalendarProblem[] {
  const problems: RoundCalendarProblem[] = [];
  const days: Array<[DayOffField, string | undefined]> = [
    ['opensDate', dates.opensDate],
    ['dueDate', dates.dueDate],
    ['summaryDate', dates.summaryDate],
  ];
  for (const [field, text] of days) {
    const date = text ? parseLocalDate(text) : undefined;
    const off = date && dayOffProblem(field, date);
    if (off) problems.push(off);
  }
  const times: Array<['opensTime' | 'summaryTime', string | undefined, string | undefined, string]> = [
    ['opensTime', dates.opensDate, dates.opensTime, '08:00'],
    ['summaryTime', dates.summaryDate, dates.summaryTime, '09:00'],
  ];
  for (const [field, dateText, timeText, fallback] of times) {
    const date = dateText ? parseLocalDate(dateText) : undefined;
    const time = parseLocalTime(timeText || fallback);
    if (date && time && !localTimeExists(date, time, timeZone)) {
      problems.push({ field, kind: 'no-such-time', date, time: `${String(time.hour).padStart(2, '0')}:${String(time.minute).padStart(2, '0')}` });
    }
  }
  return problems;
}

/** "14 maj 2026 är Kristi himmelsfärdsdag. Närmaste arbetsdag är 15 maj 2026.": a calendar problem in words, without its field. */
export function calendarProblemText(problem: RoundCalendarProblem, locale: Locale): string {
  if (problem.kind === 'no-such-time') {
    return t(locale, 'roundFormNoSuchTime', { time: problem.time, date: formatDay(problem.date, locale) });
  }
  const day = problem.holiday
    ? t(locale, 'roundFormHoliday', { name: locale === 'sv' ? holidayInSentence(problem.holiday) : problem.holiday })
    : t(locale, problem.weekday === 6 ? 'roundFormSaturday' : 'roundFormSunday');
  return t(locale, 'roundFormDayOff', { date: formatDay(problem.date, locale), day, suggestion: formatDay(problem.suggestion, locale) });
}

/** "Första maj" reads "första maj" inside a sentence; a name led by a proper noun keeps it (Kristi, Sveriges). */
function holidayInSentence(name: string): string {
  return /^(Kristi|Sveriges) /.test(name) ? name : name.charAt(0).toLowerCase() + name.slice(1);
}

const BUILD_FIELDS: Record<string, RoundFormField> = {
  title: 'title',
  id: 'title',
  year: 'year',
  opens: 'opensDate',
  opensTime: 'opensTime',
  due: 'dueDate',
  summary: 'summaryDate',
  summaryTime: 'summaryTime',
};

export type CheckedRoundForm =
  | { kind: 'valid'; input: RoundInput & { openNow: boolean; policy: LatenessPolicy; answerPolicy: AnswerPolicy; templateId: string } }
  | { kind: 'invalid'; problems: RoundFormProblem[] };

/**
 * Every problem with the form at once: the round's rules, the Swedish calendar for the opening,
 * due and summary dates, an opening in the past (unless the round opens now), and the choices.
 */
export function checkRoundForm(values: RoundFormValues, context: RoundFormContext): CheckedRoundForm {
  const { now, timeZone } = context;
  const problems: RoundFormProblem[] = [];
  const openNow = values.openNow === 'true';
  const base = context.basePolicy ?? DEFAULT_LATENESS_POLICY;

  const reminders = values.reminders as ReminderChoice;
  if (!['standard', 'light', 'strict', 'register'].includes(reminders)) problems.push({ field: 'reminders', kind: 'unknown-choice' });
  const escalateAfter = Number(values.escalateAfter);
  const escalationOk = /^\d{1,2}$/.test(values.escalateAfter) && (ESCALATION_CHOICES.includes(escalateAfter as never) || escalateAfter === base.escalation.afterWorkingDays);
  if (!escalationOk) problems.push({ field: 'escalateAfter', kind: 'unknown-choice' });
  const answerRule = values.answerRule as AnswerRule;
  if (!ANSWER_RULES.includes(answerRule)) problems.push({ field: 'answerRule', kind: 'unknown-choice' });
  const emptySection = values.emptySection as EmptySectionText;
  if (!EMPTY_SECTION_TEXTS.includes(emptySection)) problems.push({ field: 'emptySection', kind: 'unknown-choice' });

  // Opening now: the round's opening is this minute, whatever the date field says.
  const local = localDateIn(now, timeZone);
  const nowTime = new Intl.DateTimeFormat('sv-SE', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(now);
  const input: RoundInput = {
    title: values.title,
    year: values.year,
    opensDate: openNow ? formatLocalDate(local) : values.opensDate,
    opensTime: openNow ? nowTime : values.opensTime || '08:00',
    dueDate: values.dueDate,
    ...(values.summaryDate ? { summaryDate: values.summaryDate, summaryTime: values.summaryTime || '09:00' } : {}),
  };
  const built = buildRound(input, { timeZone, createdBy: '', createdAt: now });
  for (const e of built.errors) problems.push({ field: BUILD_FIELDS[e.field] ?? '', kind: 'rule', message: e.message });
  // buildRound stops before comparing the dates when the title or year is wrong: compare them
  // anyway, so that every problem shows at once.
  if (built.errors.length > 0 && built.errors.every((e) => ['title', 'id', 'year'].includes(e.field))) {
    const dates = buildRound({ ...input, id: 'form', title: 'form', year: '2000' }, { timeZone, createdBy: '', createdAt: now });
    for (const e of dates.errors) problems.push({ field: BUILD_FIELDS[e.field] ?? '', kind: 'rule', message: e.message });
  }

  const calendar = checkRoundCalendar(
    {
      ...(openNow ? {} : { opensDate: values.opensDate, opensTime: values.opensTime }),
      dueDate: values.dueDate,
      summaryDate: values.summaryDate,
      summaryTime: values.summaryTime,
    },
    timeZone,
  );
  // One problem per field: a date that is not a date is flagged by the round's rules already.
  for (const problem of calendar) if (!problems.some((p) => p.field === problem.field)) problems.push(problem);
  const opens = parseLocalDate(values.opensDate);
  const opensTime = /^([01]?\d|2[0-3])[:.]([0-5]\d)$/.exec((values.opensTime || '08:00').trim());
  if (!openNow && opens && opensTime && !problems.some((p) => p.field === 'opensDate')) {
    const opensAt = zonedInstant(opens, { hour: Number(opensTime[1]), minute: Number(opensTime[2]) }, timeZone);
    if (opensAt < now) problems.push({ field: 'opensDate', kind: 'in-past' });
  }
  if (problems.length > 0 || !built.round) return { kind: 'invalid', problems: order(problems) };
  return {
    kind: 'valid',
    input: {
      ...input,
      openNow,
      policy: policyFromChoices(base, reminders, escalateAfter),
      // "Every section" is the chosen template's sections.
      answerPolicy: policyFromRule(answerRule, emptySection, context.template),
      templateId: values.template ?? DEFAULT_TEMPLATE.id,
    },
  };
}

const FIELD_ORDER: RoundFormField[] = ['title', 'year', 'opensDate', 'opensTime', 'dueDate', 'summaryDate', 'summaryTime', 'reminders', 'escalateAfter', 'template', 'answerRule', 'emptySection', ''];

/** In the order the form shows its fields. */
function order(problems: RoundFormProblem[]): RoundFormProblem[] {
  return [...problems].sort((a, b) => FIELD_ORDER.indexOf(a.field) - FIELD_ORDER.indexOf(b.field));
}

// ---------------------------------------------------------------------------------------------
// Postponing a round's due date

export type PostponeProblem =
  | { kind: 'invalid-date' }
  | Extract<RoundFormProblem, { kind: 'day-off' }>
  /** Not after the current due date (a postponement moves it later). */
  | { kind: 'not-later'; due: LocalDate }
  /** Not after today. */
  | { kind: 'in-past' };

/**
 * The round with its due date moved to the end of `dueText` (local): the closing moves along
 * when it would come before the new due date (keeping the gap it had), and a summary time set
 * before the new due date moves to the first working day after it, at the same time of day.
 */
export function postponedRound(round: Round, dueText: string, now: Date): { round: Round } | { problem: PostponeProblem } {
  const date = parseLocalDate(dueText);
  if (!date) return { problem: { kind: 'invalid-date' } };
  const currentDue = localDateIn(round.dueAt, round.timeZone);
  if (compareDates(date, currentDue) <= 0) return { problem: { kind: 'not-later', due: currentDue } };
  if (compareDates(date, localDateIn(now, round.timeZone)) <= 0) return { problem: { kind: 'in-past' } };
  const off = dayOffProblem('dueDate', date);
  if (off) return { problem: off };
  const dueAt = endOfLocalDay(date, round.timeZone);
  const next: Round = { ...round, dueAt };
  if (round.closesAt < dueAt) {
    const gapDays = Math.max(0, Math.round((round.closesAt.getTime() - round.dueAt.getTime()) / 86_400_000));
    next.closesAt = endOfLocalDay(addDays(date, gapDays), round.timeZone);
  }
  if (round.summaryAt && round.summaryAt <= dueAt) {
    const local = new Intl.DateTimeFormat('sv-SE', { timeZone: round.timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(round.summaryAt);
    const [hour, minute] = local.split(':').map(Number);
    next.summaryAt = zonedInstant(nextWorkingDay(date), { hour, minute }, round.timeZone);
  }
  return { round: next };
}
