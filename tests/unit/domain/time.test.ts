// Dates as a person reads them: "1 april 2026" in Swedish, "1 April 2026" in English, the
// calendar day itself whatever the time zone.

import { formatDay, localTimeExists, zonedInstant } from '../../../bot/domain/time';

describe('a calendar date in words', () => {
  it('reads "1 april 2026" in Swedish and "1 April 2026" in English', () => {
    expect(formatDay({ year: 2026, month: 4, day: 1 }, 'sv')).toBe('1 april 2026');
    expect(formatDay({ year: 2026, month: 4, day: 1 }, 'en')).toBe('1 April 2026');
  });

  it('keeps the day at the turn of the year and on the day summer time begins', () => {
    expect(formatDay({ year: 2026, month: 12, day: 31 }, 'sv')).toBe('31 december 2026');
    expect(formatDay({ year: 2026, month: 3, day: 29 }, 'sv')).toBe('29 mars 2026');
  });
});

describe('a local time on the nights the clocks change', () => {
  const TZ = 'Europe/Stockholm';
  it('knows that 02:30 does not exist when summer time begins', () => {
    expect(localTimeExists({ year: 2027, month: 3, day: 28 }, { hour: 2, minute: 30 }, TZ)).toBe(false);
    expect(localTimeExists({ year: 2027, month: 3, day: 28 }, { hour: 3, minute: 0 }, TZ)).toBe(true);
    expect(localTimeExists({ year: 2027, month: 3, day: 27 }, { hour: 2, minute: 30 }, TZ)).toBe(true);
  });

  it('takes a time that occurs twice when summer time ends as the first time the clock shows it', () => {
    // 02:30 summer time (UTC+2) comes an hour before 02:30 winter time (UTC+1).
    expect(zonedInstant({ year: 2027, month: 10, day: 31 }, { hour: 2, minute: 30 }, TZ).toISOString()).toBe('2027-10-31T00:30:00.000Z');
    expect(zonedInstant({ year: 2027, month: 10, day: 31 }, { hour: 3, minute: 0 }, TZ).toISOString()).toBe('2027-10-31T02:00:00.000Z');
    expect(zonedInstant({ year: 2027, month: 10, day: 31 }, { hour: 1, minute: 59 }, TZ).toISOString()).toBe('2027-10-30T23:59:00.000Z');
    expect(zonedInstant({ year: 2027, month: 10, day: 31 }, { hour: 0, minute: 0 }, TZ).toISOString()).toBe('2027-10-30T22:00:00.000Z');
  });
});
