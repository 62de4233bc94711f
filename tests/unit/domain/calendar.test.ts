// The Swedish working calendar: days off computed for any year, working-day arithmetic across
// Easter, Christmas and the new year, and local dates in Europe/Stockholm across daylight saving.

import {
  addDays,
  addWorkingDays,
  atLocalTime,
  compareDates,
  easterSunday,
  endOfLocalDay,
  formatLocalDate,
  holidayOn,
  isWorkingDay,
  localDateIn,
  nextWorkingDay,
  swedishHolidays,
  workingDayOnOrAfter,
  workingDaysBetween,
  type LocalDate,
} from '../../../bot/domain/calendar';

const TZ = 'Europe/Stockholm';

function d(text: string): LocalDate {
  const [year, month, day] = text.split('-').map(Number);
  return { year, month, day };
}

describe('the Swedish days off', () => {
  it.each([
    [2019, '2019-04-21'],
    [2024, '2024-03-31'],
    [2025, '2025-04-20'],
    [2026, '2026-04-05'],
    [2027, '2027-03-28'],
    [2038, '2038-04-25'],
    [2008, '2008-03-23'],
    [2011, '2011-04-24'],
  ])('puts Easter Sunday %i on %s', (year, expected) => {
    expect(formatLocalDate(easterSunday(year))).toBe(expected);
  });

  // Långfredagen, annandag påsk, Kristi himmelsfärdsdag, pingstdagen, midsommarafton,
  // midsommardagen, alla helgons dag: the days that move from year to year.
  it.each([
    [2019, ['04-19', '04-22', '05-30', '06-09', '06-21', '06-22', '11-02']],
    [2024, ['03-29', '04-01', '05-09', '05-19', '06-21', '06-22', '11-02']],
    [2025, ['04-18', '04-21', '05-29', '06-08', '06-20', '06-21', '11-01']],
    [2026, ['04-03', '04-06', '05-14', '05-24', '06-19', '06-20', '10-31']],
    [2027, ['03-26', '03-29', '05-06', '05-16', '06-25', '06-26', '11-06']],
    [2038, ['04-23', '04-26', '06-03', '06-13', '06-25', '06-26', '11-06']],
  ])('places the movable days of %i', (year, dates) => {
    const names = ['Långfredagen', 'Annandag påsk', 'Kristi himmelsfärdsdag', 'Pingstdagen', 'Midsommarafton', 'Midsommardagen', 'Alla helgons dag'];
    const byName = new Map(swedishHolidays(year).map((h) => [h.name, formatLocalDate(h.date).slice(5)]));
    expect(names.map((n) => byName.get(n))).toEqual(dates);
  });

  it('lists the whole year of 2026 in date order, the afton days included', () => {
    expect(swedishHolidays(2026).map((h) => `${formatLocalDate(h.date)} ${h.name}`)).toEqual([
      '2026-01-01 Nyårsdagen',
      '2026-01-06 Trettondedag jul',
      '2026-04-03 Långfredagen',
      '2026-04-04 Påskafton',
      '2026-04-05 Påskdagen',
      '2026-04-06 Annandag påsk',
      '2026-05-01 Första maj',
      '2026-05-14 Kristi himmelsfärdsdag',
      '2026-05-24 Pingstdagen',
      '2026-06-06 Sveriges nationaldag',
      '2026-06-19 Midsommarafton',
      '2026-06-20 Midsommardagen',
      '2026-10-31 Alla helgons dag',
      '2026-12-24 Julafton',
      '2026-12-25 Juldagen',
      '2026-12-26 Annandag jul',
      '2026-12-31 Nyårsafton',
    ]);
  });

  it('names the holiday on a date, and nothing on an ordinary day', () => {
    expect(holidayOn(d('2026-06-19'))).toBe('Midsommarafton');
    expect(holidayOn(d('2026-10-31'))).toBe('Alla helgons dag');
    expect(holidayOn(d('2038-06-03'))).toBe('Kristi himmelsfärdsdag');
    expect(holidayOn(d('2026-04-02'))).toBeUndefined(); // skärtorsdagen is a working day
    expect(holidayOn(d('2026-01-05'))).toBeUndefined(); // trettondagsafton too
  });

  it('names one holiday when two fall on the same day (1 May 2008 was also Kristi himmelsfärdsdag)', () => {
    expect(holidayOn(d('2008-05-01'))).toBe('Första maj');
    expect(isWorkingDay(d('2008-05-01'))).toBe(false);
  });

  it('cannot be changed by a caller', () => {
    swedishHolidays(2030).splice(0);
    swedishHolidays(2030)[0].date.day = 2;
    expect(holidayOn(d('2030-01-01'))).toBe('Nyårsdagen');
    expect(swedishHolidays(2030)).toHaveLength(17);
  });
});

describe('working days', () => {
  it.each([
    ['2026-03-02', true, 'a Monday'],
    ['2026-03-07', false, 'a Saturday'],
    ['2026-03-08', false, 'a Sunday'],
    ['2026-04-02', true, 'skärtorsdagen'],
    ['2026-04-03', false, 'långfredagen'],
    ['2026-04-06', false, 'annandag påsk'],
    ['2026-05-01', false, 'första maj'],
    ['2026-05-14', false, 'Kristi himmelsfärdsdag'],
    ['2026-05-15', true, 'the Friday after Kristi himmelsfärdsdag'],
    ['2026-06-19', false, 'midsommarafton'],
    ['2027-06-25', false, 'midsommarafton 2027'],
    ['2025-12-24', false, 'julafton on a Wednesday'],
    ['2025-12-31', false, 'nyårsafton'],
    ['2026-01-06', false, 'trettondedag jul'],
    ['2026-01-07', true, 'the day after trettondedag jul'],
  ])('%s is a working day: %s (%s)', (date, expected) => {
    expect(isWorkingDay(d(date))).toBe(expected);
  });

  it.each([
    ['Skärtorsdagen + 1 is the Tuesday after annandag påsk', '2026-04-02', 1, '2026-04-07'],
    ['and back again', '2026-04-07', -1, '2026-04-02'],
    ['the day before Kristi himmelsfärdsdag + 1 is the Friday', '2026-05-13', 1, '2026-05-15'],
    ['the Thursday before midsommar + 1 is the Monday', '2026-06-18', 1, '2026-06-22'],
    ['23 December 2025 + 1 is the Monday after Christmas', '2025-12-23', 1, '2025-12-29'],
    ['23 December 2025 + 3 skips nyårsafton and nyårsdagen', '2025-12-23', 3, '2026-01-02'],
    ['23 December 2025 + 5 skips trettondedag jul', '2025-12-23', 5, '2026-01-07'],
    ['2 January 2026 − 1 is 30 December', '2026-01-02', -1, '2025-12-30'],
    ['a Friday + 5 is the next Friday', '2026-03-06', 5, '2026-03-13'],
    ['0 is the date itself, even on a day off', '2026-12-25', 0, '2026-12-25'],
    ['from a Saturday + 1 is the Monday', '2026-03-07', 1, '2026-03-09'],
  ])('%s', (_name, from, days, expected) => {
    expect(formatLocalDate(addWorkingDays(d(from), days))).toBe(expected);
  });

  it('finds the next working day, and keeps a working day as it is', () => {
    expect(formatLocalDate(nextWorkingDay(d('2019-12-24')))).toBe('2019-12-27');
    expect(formatLocalDate(nextWorkingDay(d('2026-12-23')))).toBe('2026-12-28');
    expect(formatLocalDate(workingDayOnOrAfter(d('2026-05-01')))).toBe('2026-05-04');
    expect(formatLocalDate(workingDayOnOrAfter(d('2026-05-04')))).toBe('2026-05-04');
  });

  it.each([
    ['a week with Easter', '2026-04-01', '2026-04-10', 5],
    ['Christmas to the new year 2025', '2025-12-23', '2026-01-07', 5],
    ['the same day', '2026-03-02', '2026-03-02', 0],
    ['backwards', '2026-03-10', '2026-03-02', 0],
    ['a Friday to the Monday', '2026-03-06', '2026-03-09', 1],
  ])('counts working days: %s', (_name, from, to, expected) => {
    expect(workingDaysBetween(d(from), d(to))).toBe(expected);
  });

  it('counts back what it added, across a whole year', () => {
    const start = d('2026-01-01');
    for (let n = 0; n <= 260; n += 13) {
      expect(workingDaysBetween(start, addWorkingDays(start, n))).toBe(n);
    }
  });
});

describe('local dates in Europe/Stockholm', () => {
  it.each([
    ['midnight after a winter Saturday', '2026-03-28T23:30:00Z', '2026-03-29'],
    ['the last minute of the day summer time begins', '2026-03-29T21:59:00Z', '2026-03-29'],
    ['the first minute after it, in summer time', '2026-03-29T22:00:00Z', '2026-03-30'],
    ['the last minute of the day summer time ends', '2026-10-25T22:59:00Z', '2026-10-25'],
    ['the first minute after it, in winter time', '2026-10-25T23:00:00Z', '2026-10-26'],
    ['new year in Stockholm while still 31 December in UTC', '2025-12-31T23:30:00Z', '2026-01-01'],
  ])('%s', (_name, iso, expected) => {
    expect(formatLocalDate(localDateIn(new Date(iso), TZ))).toBe(expected);
  });

  it.each([
    ['08:00 the Saturday before summer time (UTC+1)', '2026-03-28', 8, 0, '2026-03-28T07:00:00.000Z'],
    ['08:00 the Sunday summer time begins (UTC+2)', '2026-03-29', 8, 0, '2026-03-29T06:00:00.000Z'],
    ['01:30 that Sunday, before the change', '2026-03-29', 1, 30, '2026-03-29T00:30:00.000Z'],
    ['03:30 that Sunday, after the change', '2026-03-29', 3, 30, '2026-03-29T01:30:00.000Z'],
    ['08:00 the Saturday before winter time (UTC+2)', '2026-10-24', 8, 0, '2026-10-24T06:00:00.000Z'],
    ['08:00 the Sunday winter time begins (UTC+1)', '2026-10-25', 8, 0, '2026-10-25T07:00:00.000Z'],
    ['09:00 the Monday after (UTC+1)', '2026-10-26', 9, 0, '2026-10-26T08:00:00.000Z'],
  ])('places %s', (_name, date, hour, minute, expected) => {
    expect(atLocalTime(d(date), { hour, minute }, TZ).toISOString()).toBe(expected);
  });

  it('moves a time that does not exist (02:30 as the clocks go forward) to the hour after', () => {
    expect(atLocalTime(d('2026-03-29'), { hour: 2, minute: 30 }, TZ).toISOString()).toBe('2026-03-29T01:30:00.000Z');
  });

  it.each([
    ['a winter day', '2026-03-27', '2026-03-27T22:59:59.999Z'],
    ['the day summer time begins (23 hours long)', '2026-03-29', '2026-03-29T21:59:59.999Z'],
    ['the day winter time begins (25 hours long)', '2026-10-25', '2026-10-25T22:59:59.999Z'],
  ])('ends %s at its last local millisecond', (_name, date, expected) => {
    expect(endOfLocalDay(d(date), TZ).toISOString()).toBe(expected);
  });

  it('round-trips a local date through an instant on every day of a year', () => {
    for (let date = d('2026-01-01'); date.year === 2026; date = addDays(date, 1)) {
      for (const hour of [0, 8, 23]) {
        expect(localDateIn(atLocalTime(date, { hour, minute: 0 }, TZ), TZ)).toEqual(date);
      }
    }
  });
});

describe('date arithmetic', () => {
  it('adds days across months, leap days and years', () => {
    expect(formatLocalDate(addDays(d('2024-02-28'), 1))).toBe('2024-02-29');
    expect(formatLocalDate(addDays(d('2026-02-28'), 1))).toBe('2026-03-01');
    expect(formatLocalDate(addDays(d('2026-12-31'), 1))).toBe('2027-01-01');
    expect(formatLocalDate(addDays(d('2026-01-01'), -1))).toBe('2025-12-31');
  });

  it('compares dates', () => {
    expect(compareDates(d('2026-03-01'), d('2026-03-02'))).toBeLessThan(0);
    expect(compareDates(d('2026-03-02'), d('2026-03-02'))).toBe(0);
    expect(compareDates(d('2027-01-01'), d('2026-12-31'))).toBeGreaterThan(0);
  });
});
