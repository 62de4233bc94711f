// Local calendar times (Europe/Stockholm by default) to instants and back. Pure: the instant
// to format is always passed in.

import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
import { enGB, sv } from 'date-fns/locale';
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

/** The instant of a wall-clock time in a time zone (daylight saving included). */
export function zonedInstant(
  date: { year: number; month: number; day: number },
  time: { hour: number; minute: number },
  timeZone: string,
): Date {
  const local = new TZDate(date.year, date.month - 1, date.day, time.hour, time.minute, timeZone);
  return new Date(local.getTime());
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
