// Dates as the page shows them: Swedish or English words, in the round's own time zone (the
// municipality's, Europe/Stockholm, unless the round says otherwise), so that a date reads the
// same in the tab as in the bot's cards.

import type { Locale } from '../../bot/domain/locale';

/** The zone of what belongs to no round (an export link's expiry); DEFAULT_TIME_ZONE of bot/domain/time.ts, not imported, which would bring date-fns into the page. */
const DEFAULT_TIME_ZONE = 'Europe/Stockholm';
const LANGUAGE: Record<Locale, string> = { sv: 'sv-SE', en: 'en-GB' };

export interface Formats {
  dateTime(iso: string | undefined): string;
  date(iso: string | undefined): string;
  /** A yyyy-mm-dd day of the round's calendar, as a short date. */
  day(day: string): string;
  collator: Intl.Collator;
  /** The same formats in another time zone (a round's). */
  inZone(timeZone: string): Formats;
}

export function formatsFor(locale: Locale, timeZone = DEFAULT_TIME_ZONE): Formats {
  const zones = new Map<string, Formats>();
  const inZone = (zone: string): Formats => {
    if (!zones.has(zone)) zones.set(zone, formatsInZone(locale, zone, inZone));
    return zones.get(zone)!;
  };
  return inZone(timeZone);
}

function formatsInZone(locale: Locale, timeZone: string, inZone: (zone: string) => Formats): Formats {
  const language = LANGUAGE[locale];
  const dateTime = new Intl.DateTimeFormat(language, { timeZone, day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' });
  const date = new Intl.DateTimeFormat(language, { timeZone, day: 'numeric', month: 'long', year: 'numeric' });
  const day = new Intl.DateTimeFormat(language, { timeZone: 'UTC', day: 'numeric', month: 'short' });
  return {
    dateTime: (iso) => (iso ? dateTime.format(new Date(iso)) : ''),
    date: (iso) => (iso ? date.format(new Date(iso)) : ''),
    day: (d) => day.format(new Date(`${d}T12:00:00Z`)),
    // Swedish order (å, ä, ö last) whatever the page's language: the titles are Swedish.
    collator: new Intl.Collator('sv-SE', { sensitivity: 'base', numeric: true }),
    inZone,
  };
}
