// When the bot may send unprompted messages: inside office hours on working days (weekends and
// Swedish holidays excluded), local time. Anything due outside waits for the next opening.

import { TZDate } from '@date-fns/tz';
import { atLocalTime, isWorkingDay, localDateIn, nextWorkingDay } from './calendar';
import { parseLocalTime } from './time';

export type OfficeHours = 'always' | { start: number; end: number };

/** "08:00-17:00" → minutes after midnight; "always" → always. */
export function parseOfficeHours(text: string): OfficeHours | undefined {
  if (text.trim().toLowerCase() === 'always') return 'always';
  const [from, to, extra] = text.split('-');
  const start = from === undefined ? undefined : parseLocalTime(from);
  const end = to === undefined ? undefined : parseLocalTime(to);
  if (!start || !end || extra !== undefined) return undefined;
  const hours = { start: start.hour * 60 + start.minute, end: end.hour * 60 + end.minute };
  return hours.start < hours.end ? hours : undefined;
}

export function withinOfficeHours(now: Date, hours: OfficeHours, timeZone: string): boolean {
  if (hours === 'always') return true;
  if (!isWorkingDay(localDateIn(now, timeZone))) return false;
  const local = new TZDate(now.getTime(), timeZone);
  const minute = local.getHours() * 60 + local.getMinutes();
  return minute >= hours.start && minute < hours.end;
}

/** `now` when inside office hours, otherwise the next time they open. */
export function nextOfficeOpening(now: Date, hours: OfficeHours, timeZone: string): Date {
  if (withinOfficeHours(now, hours, timeZone)) return now;
  if (hours === 'always') return now;
  const opening = { hour: Math.floor(hours.start / 60), minute: hours.start % 60 };
  const today = localDateIn(now, timeZone);
  const todayOpens = atLocalTime(today, opening, timeZone);
  if (isWorkingDay(today) && now < todayOpens) return todayOpens;
  return atLocalTime(nextWorkingDay(today), opening, timeZone);
}
