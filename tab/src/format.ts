// Dates as the page shows them: Swedish or English words, in the municipality's time zone, so
// that a date reads the same in the tab as in the bot's cards.

import type { Locale } from '../../bot/domain/locale';

const TIME_ZONE = 'Europe/Stockholm';
const LANGUAGE: Record<Locale, string> = { sv: 'sv-SE', en: 'en-GB' };

export interface Formats {
  dateTime(iso: string | undefined): string;
  date(iso: string | undefined): string;
  /** A yyyy-mm-dd day of the round's calendar, as a short date. */
  day(day: string): string;
  collator: Intl.Collator;
}

export function formatsFor(locale: Locale): Formats {
  const language = LANGUAGE[locale];
  const dateTime = new Intl.DateTimeFormat(language, { timeZone: TIME_ZONE, day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' });
  const date = new Intl.DateTimeFormat(language, { timeZone: TIME_ZONE, day: 'numeric', month: 'long', year: 'numeric' });
  const day = new Intl.DateTimeFormat(language, { timeZone: 'UTC', day: 'numeric', month: 'short' });
  return {
    dateTime: (iso) => (iso ? dateTime.format(new Date(iso)) : ''),
    date: (iso) => (iso ? date.format(new Date(iso)) : ''),
    day: (d) => day.format(new Date(`${d}T12:00:00Z`)),
    // Swedish order (å, ä, ö last) whatever the page's language: the titles are Swedish.
    collator: new Intl.Collator('sv-SE', { sensitivity: 'base', numeric: true }),
  };
}
