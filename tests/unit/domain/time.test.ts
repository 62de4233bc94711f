// Dates as a person reads them: "1 april 2026" in Swedish, "1 April 2026" in English, the
// calendar day itself whatever the time zone.

import { formatDay } from '../../../bot/domain/time';

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
