// How often the plans are followed up, as data: once a year (for the council in May), after each
// tertial (April, August, December), each quarter or each month. A cadence turns a period
// ("Tertial 2 2017") into the round that follows it up, with a deterministic id, so that creating
// that round twice is harmless. Pure: the instant is always passed in.
//
// How a coordinator states the dates:
// - yearly: the opening and due dates in the year the round speaks of, `MM-DD`
//   (opens 03-01, due 04-01 gives "Uppföljning KF 2019" open from 1 March to 1 April 2019);
// - tertial, quarterly, monthly: the round opens `opensAfterDays` calendar days after the last
//   day of the period (1 = the first day after it) and answers are due `dueAfterWorkingDays`
//   working days after the opening. "Tertial 1 2026" ends 30 April; opening 1 day after is
//   1 May, a holiday, so it opens Monday 4 May; 10 working days later, Kristi himmelsfärdsdag
//   skipped, answers are due 19 May.
// A date that falls on a weekend or a Swedish day off moves to the next working day.

import {
  addDays,
  addWorkingDays,
  compareDates,
  formatLocalDate,
  localDateIn,
  workingDayOnOrAfter,
  type LocalDate,
} from './calendar';
import type { RoundInput } from './round';

export type PeriodicCadenceKind = 'tertial' | 'quarterly' | 'monthly';
export type CadenceKind = 'yearly' | PeriodicCadenceKind;

export interface YearlyCadence {
  kind: 'yearly';
  /** `MM-DD`: the day the round opens in the year it speaks of. */
  opens: string;
  /** `MM-DD`: answers are due by the end of this day, in the same year. */
  due: string;
}

export interface PeriodicCadence {
  kind: PeriodicCadenceKind;
  /** Calendar days after the period's last day on which the round opens (1: the day after). */
  opensAfterDays: number;
  /** Working days after the opening by which answers are due. */
  dueAfterWorkingDays: number;
}

export type Cadence = YearlyCadence | PeriodicCadence;

/** One period of a cadence: `index` is the tertial (1–3), quarter (1–4), month (1–12), or 1 for a year. */
export interface Period {
  kind: CadenceKind;
  year: number;
  index: number;
}

/** What a cadence gives when the coordinator names only its kind. */
export const DEFAULT_CADENCES: Record<CadenceKind, Cadence> = {
  yearly: { kind: 'yearly', opens: '03-01', due: '04-01' },
  tertial: { kind: 'tertial', opensAfterDays: 1, dueAfterWorkingDays: 10 },
  quarterly: { kind: 'quarterly', opensAfterDays: 1, dueAfterWorkingDays: 10 },
  monthly: { kind: 'monthly', opensAfterDays: 1, dueAfterWorkingDays: 5 },
};

/** Rounds are created this many days before they open, so a coordinator sees them coming. */
export const CREATE_DAYS_BEFORE_OPENING = 14;

export const CADENCE_LIMITS = {
  opensAfterDays: { min: 0, max: 60 },
  dueAfterWorkingDays: { min: 1, max: 60 },
} as const;

const MONTHS_PER_PERIOD: Record<CadenceKind, number> = { yearly: 12, tertial: 4, quarterly: 3, monthly: 1 };

const MONTH_NAMES = [
  'Januari', 'Februari', 'Mars', 'April', 'Maj', 'Juni',
  'Juli', 'Augusti', 'September', 'Oktober', 'November', 'December',
];

/** The period that contains a local date. */
export function periodContaining(kind: CadenceKind, date: LocalDate): Period {
  return { kind, year: date.year, index: Math.floor((date.month - 1) / MONTHS_PER_PERIOD[kind]) + 1 };
}

/** The period that contains an instant, by the local date in the time zone. */
export function periodAt(kind: CadenceKind, instant: Date, timeZone: string): Period {
  return periodContaining(kind, localDateIn(instant, timeZone));
}

export function periodsPerYear(kind: CadenceKind): number {
  return 12 / MONTHS_PER_PERIOD[kind];
}

/** The period `steps` periods later (earlier when negative). */
export function shiftPeriod(period: Period, steps: number): Period {
  const perYear = periodsPerYear(period.kind);
  const ordinal = period.year * perYear + (period.index - 1) + steps;
  return { kind: period.kind, year: Math.floor(ordinal / perYear), index: (((ordinal % perYear) + perYear) % perYear) + 1 };
}

/** The first and last day of a period. */
export function periodBounds(period: Period): { first: LocalDate; last: LocalDate } {
  const months = MONTHS_PER_PERIOD[period.kind];
  const first = { year: period.year, month: (period.index - 1) * months + 1, day: 1 };
  const next = first.month + months > 12 ? { year: period.year + 1, month: 1, day: 1 } : { ...first, month: first.month + months };
  return { first, last: addDays(next, -1) };
}

/** The round's opening and due dates for a period, moved off weekends and holidays. */
export function scheduledDates(cadence: Cadence, period: Period): { opens: LocalDate; due: LocalDate } {
  if (cadence.kind === 'yearly') {
    return {
      opens: workingDayOnOrAfter(monthDayIn(cadence.opens, period.year)),
      due: workingDayOnOrAfter(monthDayIn(cadence.due, period.year)),
    };
  }
  const opens = workingDayOnOrAfter(addDays(periodBounds(period).last, cadence.opensAfterDays));
  return { opens, due: addWorkingDays(opens, cadence.dueAfterWorkingDays) };
}

/** "Tertial 2 2017", "Kvartal 3 2026", "Mars 2026", "Uppföljning KF 2019". */
export function periodTitle(period: Period): string {
  switch (period.kind) {
    case 'yearly':
      return `Uppföljning KF ${period.year}`;
    case 'tertial':
      return `Tertial ${period.index} ${period.year}`;
    case 'quarterly':
      return `Kvartal ${period.index} ${period.year}`;
    case 'monthly':
      return `${MONTH_NAMES[period.index - 1]} ${period.year}`;
  }
}

/** A key-safe id that only the period decides: `uppfoljning-kf-2019`, `tertial-2-2017`, `manad-2026-03`. */
export function periodRoundId(period: Period): string {
  switch (period.kind) {
    case 'yearly':
      return `uppfoljning-kf-${period.year}`;
    case 'tertial':
      return `tertial-${period.index}-${period.year}`;
    case 'quarterly':
      return `kvartal-${period.index}-${period.year}`;
    case 'monthly':
      return `manad-${period.year}-${String(period.index).padStart(2, '0')}`;
  }
}

/** The round that follows up a period, as a coordinator would have typed it. */
export function roundInputFor(cadence: Cadence, period: Period): RoundInput {
  const { opens, due } = scheduledDates(cadence, period);
  return {
    id: periodRoundId(period),
    title: periodTitle(period),
    // The year the questions speak of: tertial 3 2026 is answered in January 2027 about 2026.
    year: String(period.year),
    opensDate: formatLocalDate(opens),
    dueDate: formatLocalDate(due),
  };
}

export interface ScheduledRound {
  period: Period;
  input: RoundInput;
}

/**
 * The rounds that should exist at an instant: those whose opening is at most `daysBefore` days
 * away or has passed, and whose due date has not. A round whose due date has passed is never
 * created afterwards, so a bot that was stopped for months does not send stale rounds.
 */
export function roundsDue(
  cadence: Cadence,
  now: Date,
  timeZone: string,
  daysBefore: number = CREATE_DAYS_BEFORE_OPENING,
): ScheduledRound[] {
  const today = localDateIn(now, timeZone);
  const dueOf = (p: Period) => scheduledDates(cadence, p).due;
  // Rounds open after (or, for a yearly cadence, within) their period, later periods later: go
  // back to the earliest period whose round is still before its due date, then forwards.
  let period = periodContaining(cadence.kind, today);
  for (let i = 0; i < 24 && compareDates(dueOf(shiftPeriod(period, -1)), today) > 0; i++) period = shiftPeriod(period, -1);
  const out: ScheduledRound[] = [];
  for (let i = 0; i < 24; i++, period = shiftPeriod(period, 1)) {
    const { opens, due } = scheduledDates(cadence, period);
    if (compareDates(addDays(opens, -daysBefore), today) > 0) break;
    if (compareDates(due, today) > 0) out.push({ period, input: roundInputFor(cadence, period) });
  }
  return out;
}

/**
 * The next `count` rounds of a cadence, from the earliest whose due date is still ahead (it may
 * already be open). For telling the coordinator what the schedule will create.
 */
export function upcomingRounds(cadence: Cadence, now: Date, timeZone: string, count = 1): ScheduledRound[] {
  const today = localDateIn(now, timeZone);
  const stillAhead = (p: Period) => compareDates(scheduledDates(cadence, p).due, today) > 0;
  let period = periodContaining(cadence.kind, today);
  for (let i = 0; i < 24 && stillAhead(shiftPeriod(period, -1)); i++) period = shiftPeriod(period, -1);
  for (let i = 0; i < 24 && !stillAhead(period); i++) period = shiftPeriod(period, 1);
  const out: ScheduledRound[] = [];
  for (let i = 0; i < count; i++, period = shiftPeriod(period, 1)) out.push({ period, input: roundInputFor(cadence, period) });
  return out;
}

/** In Swedish, for the coordinator: "varje tertial: öppnar 1 dag efter periodens slut, svar inom 10 arbetsdagar". */
export function describeCadence(cadence: Cadence): string {
  if (cadence.kind === 'yearly') {
    return `en gång om året: öppnar ${describeMonthDay(cadence.opens)}, svar senast ${describeMonthDay(cadence.due)}`;
  }
  const every = { tertial: 'varje tertial', quarterly: 'varje kvartal', monthly: 'varje månad' }[cadence.kind];
  const days = cadence.opensAfterDays;
  const opens =
    days === 0 ? 'öppnar periodens sista dag' : `öppnar ${days} ${days === 1 ? 'dag' : 'dagar'} efter periodens slut`;
  const n = cadence.dueAfterWorkingDays;
  return `${every}: ${opens}, svar inom ${n} ${n === 1 ? 'arbetsdag' : 'arbetsdagar'}`;
}

// ---------------------------------------------------------------------------------------------
// Checking a cadence read from a file or typed on the command line

const KINDS: readonly CadenceKind[] = ['yearly', 'tertial', 'quarterly', 'monthly'];

/** Parses `MM-DD`; 29 February is refused, as it does not come every year. */
export function parseMonthDay(text: string): { month: number; day: number } | undefined {
  const m = /^(\d{2})-(\d{2})$/.exec(text.trim());
  if (!m) return undefined;
  const [month, day] = [Number(m[1]), Number(m[2])];
  const probe = new Date(Date.UTC(2019, month - 1, day));
  if (month < 1 || month > 12 || probe.getUTCMonth() !== month - 1 || probe.getUTCDate() !== day) return undefined;
  return { month, day };
}

function monthDayIn(text: string, year: number): LocalDate {
  const md = parseMonthDay(text);
  if (!md) throw new Error(`Not a valid MM-DD: ${text}`);
  return { year, ...md };
}

function describeMonthDay(text: string): string {
  const md = parseMonthDay(text);
  return md ? `${md.day} ${MONTH_NAMES[md.month - 1].toLowerCase()}` : text;
}

/**
 * Every problem with a cadence as read from a file, as (path below the cadence, message) pairs;
 * the value may be anything the file held.
 */
export function checkCadence(value: unknown): Array<{ path: string; message: string }> {
  const problems: Array<{ path: string; message: string }> = [];
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return [{ path: '', message: 'Kadensen ska vara ett objekt, t.ex. { "kind": "tertial" }.' }];
  }
  const v = value as Record<string, unknown>;
  const kind = v.kind;
  if (typeof kind !== 'string' || !KINDS.includes(kind as CadenceKind)) {
    return [{ path: 'kind', message: `Okänd kadens${typeof kind === 'string' ? ` "${kind}"` : ''}. Välj yearly, tertial, quarterly eller monthly.` }];
  }
  const allowed = kind === 'yearly' ? ['kind', 'opens', 'due'] : ['kind', 'opensAfterDays', 'dueAfterWorkingDays'];
  for (const key of Object.keys(v).filter((k) => !allowed.includes(k))) {
    problems.push({ path: key, message: `Okänt fält "${key}" för kadensen ${kind}. Tillåtna fält: ${allowed.join(', ')}.` });
  }
  if (kind === 'yearly') {
    const opens = checkMonthDay(v.opens, 'Öppningsdagen');
    const due = checkMonthDay(v.due, 'Sista svarsdag');
    if (opens) problems.push({ path: 'opens', message: opens });
    if (due) problems.push({ path: 'due', message: due });
    if (!opens && !due && (v.due as string).trim() <= (v.opens as string).trim()) {
      problems.push({ path: 'due', message: `Sista svarsdag (${(v.due as string).trim()}) måste ligga efter öppningsdagen (${(v.opens as string).trim()}) samma år.` });
    }
    return problems;
  }
  const opens = checkWhole(v.opensAfterDays, CADENCE_LIMITS.opensAfterDays, 'Antalet dagar efter periodens slut till öppningen');
  const due = checkWhole(v.dueAfterWorkingDays, CADENCE_LIMITS.dueAfterWorkingDays, 'Antalet arbetsdagar till sista svarsdag');
  if (opens) problems.push({ path: 'opensAfterDays', message: opens });
  if (due) problems.push({ path: 'dueAfterWorkingDays', message: due });
  return problems;
}

function checkMonthDay(value: unknown, what: string): string | undefined {
  if (typeof value !== 'string') return `${what} saknas. Ange den som MM-DD, t.ex. "03-01" för 1 mars.`;
  if (value.trim() === '02-29') return `${what} kan inte vara 29 februari, som inte finns varje år.`;
  return parseMonthDay(value) ? undefined : `${what} "${value}" är ingen dag på året. Ange den som MM-DD, t.ex. "03-01" för 1 mars.`;
}

export function isWhole(value: unknown, limits: { min: number; max: number }): boolean {
  return typeof value === 'number' && Number.isInteger(value) && value >= limits.min && value <= limits.max;
}

/** Why `value` is not a whole number within the limits (in Swedish), or undefined when it is. */
export function checkWhole(value: unknown, limits: { min: number; max: number }, what: string): string | undefined {
  if (!isWhole(value, limits)) {
    return `${what} ska vara ett heltal från ${limits.min} till ${limits.max}${value === undefined ? '' : `, inte ${JSON.stringify(value)}`}.`;
  }
  return undefined;
}
