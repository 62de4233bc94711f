// The Swedish working calendar: weekends, public holidays and the de facto days off ("afton"
// days), computed for any year. Local dates carry no time zone, so arithmetic on them cannot
// drift across a daylight-saving change; instants are made only at the edge (`atLocalTime`).

import { TZDate } from '@date-fns/tz';
import { zonedInstant } from './time';

export interface LocalDate {
  year: number;
  month: number;
  day: number;
}

export interface Holiday {
  date: LocalDate;
  /** The Swedish name, e.g. "Kristi himmelsfärdsdag". */
  name: string;
}

function utc(date: LocalDate): Date {
  return new Date(Date.UTC(date.year, date.month - 1, date.day));
}

function fromUtc(d: Date): LocalDate {
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

export function addDays(date: LocalDate, days: number): LocalDate {
  return fromUtc(new Date(Date.UTC(date.year, date.month - 1, date.day + days)));
}

/** Negative when a is before b, 0 on the same day. */
export function compareDates(a: LocalDate, b: LocalDate): number {
  return utc(a).getTime() - utc(b).getTime();
}

/** `yyyy-mm-dd` */
export function formatLocalDate(date: LocalDate): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.year}-${pad(date.month)}-${pad(date.day)}`;
}

/** 0 = Sunday … 6 = Saturday */
function weekday(date: LocalDate): number {
  return utc(date).getUTCDay();
}

/** Easter Sunday (Gregorian), by the anonymous algorithm (Meeus/Jones/Butcher). */
export function easterSunday(year: number): LocalDate {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return { year, month, day };
}

/** The first date on or after `from` that falls on `wanted` (0 = Sunday … 6 = Saturday). */
function weekdayOnOrAfter(from: LocalDate, wanted: number): LocalDate {
  return addDays(from, (wanted - weekday(from) + 7) % 7);
}

interface HolidayYear {
  list: Holiday[];
  /** By `yyyy-mm-dd`; where two holidays share a day (1 May 2008 was also Kristi himmelsfärdsdag), the first in date order. */
  byDate: Map<string, string>;
}

const years = new Map<number, HolidayYear>();

function holidayYear(year: number): HolidayYear {
  const known = years.get(year);
  if (known) return known;
  const easter = easterSunday(year);
  const on = (month: number, day: number) => ({ year, month, day });
  const list: Holiday[] = [
    { date: on(1, 1), name: 'Nyårsdagen' },
    { date: on(1, 6), name: 'Trettondedag jul' },
    { date: addDays(easter, -2), name: 'Långfredagen' },
    { date: addDays(easter, -1), name: 'Påskafton' },
    { date: easter, name: 'Påskdagen' },
    { date: addDays(easter, 1), name: 'Annandag påsk' },
    { date: on(5, 1), name: 'Första maj' },
    { date: addDays(easter, 39), name: 'Kristi himmelsfärdsdag' },
    { date: addDays(easter, 49), name: 'Pingstdagen' },
    { date: on(6, 6), name: 'Sveriges nationaldag' },
    // Midsommarafton is the Friday between 19 and 25 June, midsommardagen the Saturday after;
    // alla helgons dag the Saturday between 31 October and 6 November.
    { date: weekdayOnOrAfter(on(6, 19), 5), name: 'Midsommarafton' },
    { date: weekdayOnOrAfter(on(6, 20), 6), name: 'Midsommardagen' },
    { date: weekdayOnOrAfter(on(10, 31), 6), name: 'Alla helgons dag' },
    { date: on(12, 24), name: 'Julafton' },
    { date: on(12, 25), name: 'Juldagen' },
    { date: on(12, 26), name: 'Annandag jul' },
    { date: on(12, 31), name: 'Nyårsafton' },
  ].sort((a, b) => compareDates(a.date, b.date));
  const byDate = new Map<string, string>();
  for (const h of list) if (!byDate.has(formatLocalDate(h.date))) byDate.set(formatLocalDate(h.date), h.name);
  const computed = { list, byDate };
  years.set(year, computed);
  return computed;
}

/**
 * The days off in a year, in date order: the public holidays (helgdagar) and the "afton" days
 * that Swedish workplaces treat as days off (påskafton, midsommarafton, julafton, nyårsafton).
 * A fresh list each call, so that a caller cannot change the calendar.
 */
export function swedishHolidays(year: number): Holiday[] {
  return holidayYear(year).list.map((h) => ({ date: { ...h.date }, name: h.name }));
}

/** The name of the holiday on a date, if it is one. */
export function holidayOn(date: LocalDate): string | undefined {
  return holidayYear(date.year).byDate.get(formatLocalDate(date));
}

export function isWorkingDay(date: LocalDate): boolean {
  const day = weekday(date);
  return day !== 0 && day !== 6 && !holidayOn(date);
}

/** The first working day strictly after `date`. */
export function nextWorkingDay(date: LocalDate): LocalDate {
  return addWorkingDays(date, 1);
}

/** `date` itself when it is a working day, otherwise the next one. */
export function workingDayOnOrAfter(date: LocalDate): LocalDate {
  return isWorkingDay(date) ? date : nextWorkingDay(date);
}

/**
 * Moves by whole working days: +1 is the next working day after `date`, -1 the one before it,
 * 0 is `date` itself (working day or not).
 */
export function addWorkingDays(date: LocalDate, days: number): LocalDate {
  const step = days < 0 ? -1 : 1;
  let current = date;
  for (let left = Math.abs(days); left > 0; ) {
    current = addDays(current, step);
    if (isWorkingDay(current)) left--;
  }
  return current;
}

/** How many working days lie after `from`, up to and including `to` (0 when `to` ≤ `from`). */
export function workingDaysBetween(from: LocalDate, to: LocalDate): number {
  let count = 0;
  for (let d = addDays(from, 1); compareDates(d, to) <= 0; d = addDays(d, 1)) if (isWorkingDay(d)) count++;
  return count;
}

/** The local calendar date of an instant in a time zone. */
export function localDateIn(instant: Date, timeZone: string): LocalDate {
  const local = new TZDate(instant.getTime(), timeZone);
  return { year: local.getFullYear(), month: local.getMonth() + 1, day: local.getDate() };
}

/** The instant of a wall-clock time on a local date (daylight saving included). */
export function atLocalTime(date: LocalDate, time: { hour: number; minute: number }, timeZone: string): Date {
  return zonedInstant(date, time, timeZone);
}

/** The last instant of a local day, so that "by the end of 1 April" includes 23:59:30. */
export function endOfLocalDay(date: LocalDate, timeZone: string): Date {
  return new Date(atLocalTime(addDays(date, 1), { hour: 0, minute: 0 }, timeZone).getTime() - 1);
}
