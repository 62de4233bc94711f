// Dates as a person reads them: "1 april 2026" in Swedish, "1 April 2026" in English, the
// calendar day itself whatever the time zone.

import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns/format';
import { enGB } from 'date-fns/locale/en-GB';
import { sv } from 'date-fns/locale/sv';
import { formatDate, formatDateTime, formatDay, localTimeExists, zonedInstant } from '../../../bot/domain/time';

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

describe("an instant in words, in the round's time zone", () => {
  it('reads "1 april 2026 kl. 09:05" in Swedish and "1 April 2026 at 09:05" in English', () => {
    const instant = new Date('2026-04-01T07:05:00Z');
    expect(formatDateTime(instant, 'Europe/Stockholm', 'sv')).toBe('1 april 2026 kl. 09:05');
    expect(formatDateTime(instant, 'Europe/Stockholm', 'en')).toBe('1 April 2026 at 09:05');
    expect(formatDate(instant, 'Europe/Stockholm', 'sv')).toBe('1 april 2026');
  });

  it("reads as date-fns's own format does, at midnight, around the clock changes and in other zones", () => {
    // Every 37 minutes over the weeks of both clock changes of 2026, and a stretch of a leap year in other zones.
    const instants = [
      ...Array.from({ length: 600 }, (_, i) => new Date(Date.parse('2026-03-27T00:00:00Z') + i * 37 * 60_000)),
      ...Array.from({ length: 600 }, (_, i) => new Date(Date.parse('2026-10-23T00:00:00Z') + i * 37 * 60_000)),
      ...Array.from({ length: 400 }, (_, i) => new Date(Date.parse('2028-02-27T00:00:00Z') + i * 61 * 60_000)),
    ];
    for (const timeZone of ['Europe/Stockholm', 'UTC', 'America/St_Johns', 'Asia/Kolkata']) {
      for (const instant of instants) {
        const local = new TZDate(instant.getTime(), timeZone);
        expect(formatDateTime(instant, timeZone, 'sv')).toBe(format(local, "d MMMM yyyy 'kl.' HH:mm", { locale: sv }));
        expect(formatDateTime(instant, timeZone, 'en')).toBe(format(local, "d MMMM yyyy 'at' HH:mm", { locale: enGB }));
        expect(formatDate(instant, timeZone, 'en')).toBe(format(local, 'd MMMM yyyy', { locale: enGB }));
      }
    }
  });
});

describe('an instant read again', () => {
  it('reads as the first time, with other zones and other instants of the same second read in between', () => {
    const instant = new Date('2026-10-25T00:59:59.100Z');
    const sameSecond = new Date('2026-10-25T00:59:59.900Z');
    const nextSecond = new Date('2026-10-25T01:00:00.000Z');
    const reads = () => [
      formatDateTime(instant, 'Europe/Stockholm', 'sv'),
      formatDateTime(instant, 'America/St_Johns', 'en'),
      formatDateTime(sameSecond, 'Europe/Stockholm', 'en'),
      formatDateTime(nextSecond, 'Europe/Stockholm', 'sv'),
      formatDate(instant, 'Asia/Kolkata', 'sv'),
    ];
    const expected = ['25 oktober 2026 kl. 02:59', '24 October 2026 at 22:29', '25 October 2026 at 02:59', '25 oktober 2026 kl. 02:00', '25 oktober 2026'];
    expect(reads()).toEqual(expected);
    expect(reads()).toEqual(expected);
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
