// When the bot may send unprompted messages: inside office hours on weekdays, local time.
// (Public holidays come with the Swedish calendar of the reminders work.)

import { TZDate } from '@date-fns/tz';
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
  const local = new TZDate(now.getTime(), timeZone);
  const weekday = local.getDay();
  if (weekday === 0 || weekday === 6) return false;
  const minute = local.getHours() * 60 + local.getMinutes();
  return minute >= hours.start && minute < hours.end;
}
