import { nextOfficeOpening, parseOfficeHours, withinOfficeHours } from '../../../bot/domain/office-hours';

describe('office hours', () => {
  const hours = parseOfficeHours('08:00-17:00')!;
  const tz = 'Europe/Stockholm';

  it.each([
    ['a Monday morning at 08:00 local time (winter, UTC+1)', '2026-03-02T07:00:00Z', true],
    ['a Monday at 07:59', '2026-03-02T06:59:00Z', false],
    ['a Friday at 16:59 in summer time (UTC+2)', '2026-06-05T14:59:00Z', true],
    ['a Friday at 17:00', '2026-06-05T15:00:00Z', false],
    ['a Saturday at noon', '2026-03-07T11:00:00Z', false],
    ['the Monday after the change to summer time, 08:00', '2026-03-30T06:00:00Z', true],
  ])('%s is inside: %s', (_name, iso, expected) => {
    expect(withinOfficeHours(new Date(iso), hours, tz)).toBe(expected);
  });

  it('can be switched off', () => {
    expect(withinOfficeHours(new Date('2026-03-07T23:00:00Z'), parseOfficeHours('always')!, tz)).toBe(true);
  });

  it.each(['17:00-08:00', '8-17', '08:00', '08:00-17:00-18:00', '25:00-26:00'])('refuses "%s"', (text) => {
    expect(parseOfficeHours(text)).toBeUndefined();
  });

  it.each([
    ['Kristi himmelsfärdsdag at 10:00', '2026-05-14T08:00:00Z'],
    ['midsommarafton at 10:00', '2026-06-19T08:00:00Z'],
    ['julafton at 10:00', '2026-12-24T09:00:00Z'],
    ['nyårsafton at 10:00', '2025-12-31T09:00:00Z'],
    ['långfredagen at 10:00', '2026-04-03T08:00:00Z'],
    ['trettondedag jul at 10:00', '2026-01-06T09:00:00Z'],
  ])('is closed on %s', (_name, iso) => {
    expect(withinOfficeHours(new Date(iso), hours, tz)).toBe(false);
  });

  it('is open on skärtorsdagen and on the Friday after Kristi himmelsfärdsdag', () => {
    expect(withinOfficeHours(new Date('2026-04-02T08:00:00Z'), hours, tz)).toBe(true);
    expect(withinOfficeHours(new Date('2026-05-15T08:00:00Z'), hours, tz)).toBe(true);
  });

  describe('the next opening', () => {
    it.each([
      ['inside office hours: now', '2026-03-04T10:00:00Z', '2026-03-04T10:00:00.000Z'],
      ['early on a working day: 08:00 the same day', '2026-03-04T05:00:00Z', '2026-03-04T07:00:00.000Z'],
      ['a Wednesday at 17:00: Thursday 08:00', '2026-03-04T16:00:00Z', '2026-03-05T07:00:00.000Z'],
      ['a Friday at 17:30: Monday 08:00', '2026-03-06T16:30:00Z', '2026-03-09T07:00:00.000Z'],
      ['a Saturday before summer time begins: Monday 08:00 in summer time', '2026-03-28T12:00:00Z', '2026-03-30T06:00:00.000Z'],
      ['a Friday evening before winter time begins: Monday 08:00 in winter time', '2026-10-23T17:00:00Z', '2026-10-26T07:00:00.000Z'],
      ['the day before Kristi himmelsfärdsdag at 18:00: the Friday 08:00', '2026-05-13T16:00:00Z', '2026-05-15T06:00:00.000Z'],
      ['Kristi himmelsfärdsdag before dawn: the Friday 08:00', '2026-05-14T03:00:00Z', '2026-05-15T06:00:00.000Z'],
      ['skärtorsdagen at 18:00: the Tuesday after annandag påsk', '2026-04-02T16:00:00Z', '2026-04-07T06:00:00.000Z'],
      ['the Thursday before midsommar at 18:00: the Monday', '2026-06-18T16:00:00Z', '2026-06-22T06:00:00.000Z'],
      ['julafton 2019 (a Tuesday): 27 December', '2019-12-24T09:00:00Z', '2019-12-27T07:00:00.000Z'],
      ['julafton 2026 (a Thursday): Monday 28 December', '2026-12-24T09:00:00Z', '2026-12-28T07:00:00.000Z'],
      ['23 December 2025 at 17:00: Monday 29 December', '2025-12-23T16:00:00Z', '2025-12-29T07:00:00.000Z'],
      ['nyårsafton 2025: Friday 2 January', '2025-12-31T09:00:00Z', '2026-01-02T07:00:00.000Z'],
      ['5 January 2026 at 20:00: 7 January, after trettondedag jul', '2026-01-05T19:00:00Z', '2026-01-07T07:00:00.000Z'],
    ])('%s', (_name, iso, expected) => {
      expect(nextOfficeOpening(new Date(iso), hours, tz).toISOString()).toBe(expected);
    });

    it('opens at the configured time, e.g. 09:30', () => {
      const late = parseOfficeHours('09:30-16:00')!;
      expect(nextOfficeOpening(new Date('2026-03-06T16:30:00Z'), late, tz).toISOString()).toBe('2026-03-09T08:30:00.000Z');
    });

    it('is now when office hours are switched off', () => {
      const now = new Date('2026-12-24T22:00:00Z');
      expect(nextOfficeOpening(now, 'always', tz)).toBe(now);
    });

    it('always lands inside office hours', () => {
      for (let t = Date.parse('2026-03-20T00:00:00Z'); t < Date.parse('2026-04-10T00:00:00Z'); t += 47 * 60_000) {
        const opening = nextOfficeOpening(new Date(t), hours, tz);
        expect(opening.getTime()).toBeGreaterThanOrEqual(t);
        expect(withinOfficeHours(opening, hours, tz)).toBe(true);
      }
    });
  });
});
