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

/** The wall clock of a time zone, read by one formatter per zone (making one costs far more than using it). */
const wallClocks = new Map<string, Intl.DateTimeFormat>();

function wallClockOf(timeZone: string): Intl.DateTimeFormat {
  let clock = wallClocks.get(timeZone);
  if (!clock) {
    clock = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric' });
    wallClocks.set(timeZone, clock);
  }
  return clock;
}

/** The local date and time of an instant in a time zone (month 1–12), read from the formatter. */
function readWallClock(instant: Date, timeZone: string): WallDate & WallTime {
  const parts: Record<string, number> = {};
  for (const part of wallClockOf(timeZone).formatToParts(instant)) if (part.type !== 'literal') parts[part.type] = Number(part.value);
  return { year: parts.year, month: parts.month, day: parts.day, hour: parts.hour, minute: parts.minute };
}

/**
 * The wall clocks last read, by zone and second (no zone's offset has a part of a second):
 * replies at the same moment show the same few instants (a round's deadline, answers stored in
 * the same second), and reading the formatter's parts is the costly step. Cleared when full.
 */
const recentWallClocks = new Map<string, Readonly<WallDate & WallTime>>();
const MAX_RECENT_WALL_CLOCKS = 1000;

/** The local date and time of an instant in a time zone (month 1–12). */
function wallClockAt(instant: Date, timeZone: string): Readonly<WallDate & WallTime> {
  const key = `${timeZone} ${Math.floor(instant.getTime() / 1000)}`;
  let local = recentWallClocks.get(key);
  if (!local) {
    local = Object.freeze(readWallClock(instant, timeZone));
    if (recentWallClocks.size >= MAX_RECENT_WALL_CLOCKS) recentWallClocks.clear();
    recentWallClocks.set(key, local);
  }
  return local;
}

const pad2 = (n: number) => String(n).padStart(2, '0');

/** "1 april 2026" / "1 April 2026": date-fns's `d MMMM yyyy` with the locale's month names. */
function dayInWords(local: WallDate, locale: Locale): string {
  const names = (locale === 'en' ? enGB : sv).localize;
  const month = names.month((local.month - 1) as Parameters<typeof names.month>[0], { width: 'wide', context: 'formatting' });
  return `${local.day} ${month} ${String(local.year).padStart(4, '0')}`;
}

export function formatDate(instant: Date, timeZone: string, locale: Locale): string {
  return dayInWords(wallClockAt(instant, timeZone), locale);
}

/** A calendar date in words, "1 april 2026": the day itself, whatever the time zone. */
export function formatDay(date: { year: number; month: number; day: number }, locale: Locale): string {
  return formatDate(zonedInstant(date, { hour: 12, minute: 0 }, 'UTC'), 'UTC', locale);
}

/** "1 april 2026 kl. 09:05" / "1 April 2026 at 09:05". */
export function formatDateTime(instant: Date, timeZone: string, locale: Locale): string {
  const local = wallClockAt(instant, timeZone);
  return `${dayInWords(local, locale)} ${locale === 'en' ? 'at' : 'kl.'} ${pad2(local.hour)}:${pad2(local.minute)}`;
}

/** The local calendar date (`yyyy-mm-dd`) of an instant in a time zone. */
export function localDateOf(instant: Date, timeZone: string): string {
  return format(new TZDate(instant.getTime(), timeZone), 'yyyy-MM-dd');
}

/** Local date and time as `yyyy-mm-dd HH:mm`, which Excel reads as a date. */
export function localDateTimeOf(instant: Date, timeZone: string): string {
  return format(new TZDate(instant.getTime(), timeZone), 'yyyy-MM-dd HH:mm');
}
