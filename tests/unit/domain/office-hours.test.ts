import { parseOfficeHours, withinOfficeHours } from '../../../bot/domain/office-hours';

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
});
