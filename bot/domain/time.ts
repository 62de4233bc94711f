// Local calendar times (Europe/Stockholm by default) to instants and back. Pure: the instant
// to format is always passed in.

import { TZDate } from '@date-fns/tz';
// Each function and locale from its own module: the package's index loads all of them (1.7 MB
// of source that a running bot would keep in memory).
import { format } from 'date-fns/format';
import { enGB } from 'date-fns/locale/en-GB';
import { sv } from 'date-fns/locale/sv';
import type { Locale } from './locale';

export const DEFAULT_TIME_ZONE = 'Europe/Stockholm';

export function isValidTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone }).format(0);
    return true;
  } catch {
    return false;
  }
}

/** Parses `yyyy-mm-dd`, refusing dates that do not exist (2019-02-30). */
export function parseLocalDate(text: string): { year: number; month: number; day: number } | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text.trim());
  if (!m) return undefined;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const probe = new Date(Date.UTC(year, month - 1, day));
  if (probe.getUTCMonth() !== month - 1 || probe.getUTCDate() !== day) return undefined;
  return { year, month, day };
}

/** Parses `HH:mm` (24-hour). */
export function parseLocalTime(text: string): { hour: number; minute: number } | undefined {
  const m = /^([01]?\d|2[0-3])[:.]([0-5]\d)$/.exec(text.trim());
  return m ? { hour: Number(m[1]), minute: Number(m[2]) } : undefined;
}

type WallDate = { year: number; month: number; day: number };
type WallTime = { hour: number; minute: number };

function showsWallClock(instant: number, date: WallDate, time: WallTime, timeZone: string): boolean {
  const local = new TZDate(instant, timeZone);
  return (
    local.getFullYear() === date.year &&
    local.getMonth() === date.month - 1 &&
    local.getDate() === date.day &&
    local.getHours() === time.hour &&
    local.getMinutes() === time.minute
  );
}

/**
 * The instant of a wall-clock time in a time zone (daylight saving included). A time that occurs
 * twice, when the clocks go back (02:30 on the last Sunday of October in Stockholm), is the
 * first time the clock shows it. A time that does not occur (02:30 on the last Sunday of March)
 * comes out as the instant the same minutes after the change (03:30): check such a time with
 * `localTimeExists` first where a person typed it.
 */
export function zonedInstant(date: WallDate, time: WallTime, timeZone: string): Date {
  const instant = new TZDate(date.year, date.month - 1, date.day, time.hour, time.minute, timeZone).getTime();
  // The clocks went back within the last hours: the same wall-clock time may have come earlier.
  const offsetNow = new TZDate(instant, timeZone).getTimezoneOffset();
  const offsetBefore = new TZDate(instant - 3 * 3_600_000, timeZone).getTimezoneOffset();
  if (offsetBefore < offsetNow) {
    const earlier = instant - (offsetNow - offsetBefore) * 60_000;
    if (showsWallClock(earlier, date, time, timeZone)) return new Date(earlier);
  }
  return new Date(instant);
}

/** False for a wall-clock time the clocks skip when they go forward (02:30 on 28 March 2027 in Stockholm). */
export function localTimeExists(date: WallDate, time: WallTime, timeZone: string): boolean {
  return showsWallClock(zonedInstant(date, time, timeZone).getTime(), date, time, timeZone);
}

export function formatDate(instant: Date, timeZone: string, locale: Locale): string {
  const local = new TZDate(instant.getTime(), timeZone);
  return locale === 'en' ? format(local, 'd MMMM yyyy', { locale: enGB }) : format(local, 'd MMMM yyyy', { locale: sv });
}

/** A calendar date in words, "1 april 2026": the day itself, whatever the time zone. */
export function formatDay(date: { year: number; month: number; day: number }, locale: Locale): string {
  return formatDate(zonedInstant(date, { hour: 12, minute: 0 }, 'UTC'), 'UTC', locale);
}

export function formatDateTime(instant: Date, timeZone: string, locale: Locale): string {
  const local = new TZDate(instant.getTime(), timeZone);
  return locale === 'en'
    ? format(local, "d MMMM yyyy 'at' HH:mm", { locale: enGB })
    : format(local, "d MMMM yyyy 'kl.' HH:mm", { locale: sv });
}

/** The local calendar date (`yyyy-mm-dd`) of an instant in a time zone. */
export function localDateOf(instant: Date, timeZone: string): string {
  return format(new TZDate(instant.getTime(), timeZone), 'yyyy-MM-dd');
}

/** Local date and time as `yyyy-mm-dd HH:mm`, which Excel reads as a date. */
export function localDateTimeOf(instant: Date, timeZone: string): string {
  return format(new TZDate(instant.getTime(), timeZone), 'yyyy-MM-dd HH:mm');
}
