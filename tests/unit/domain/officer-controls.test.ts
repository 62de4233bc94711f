import { decideAbsence, decideDeputy, decideSnooze, earlierRounds } from '../../../bot/domain/officer-controls';
import type { Actor } from '../../../bot/domain/permissions';
import { kf2019 } from '../../support/rounds';

const round = kf2019(); // due by the end of 1 April 2019, Stockholm
const at = (iso: string) => new Date(iso);
const anna: Actor = { aadObjectId: 'aad-anna', name: 'Anna', addresses: ['anna@kalmar.se'] };
const plan = { id: 'drog', title: 'Drogpolitiskt program', officer: 'Anna@Kalmar.se' };

describe('remind me later', () => {
  it('snoozes a Friday to Monday 09:00 in Stockholm', () => {
    expect(decideSnooze(round, at('2019-03-08T14:00:00Z'), '')).toEqual({ kind: 'decided', value: at('2019-03-11T08:00:00Z') });
  });

  it('skips långfredagen and annandag påsk, and keeps 09:00 across the change to summer time', () => {
    const late = kf2019({ dueAt: at('2019-05-31T21:59:59Z') });
    expect(decideSnooze(late, at('2019-04-18T12:00:00Z'), undefined)).toEqual({ kind: 'decided', value: at('2019-04-23T07:00:00Z') });
  });

  it('takes a chosen day after today and before the due date, at 09:00', () => {
    expect(decideSnooze(round, at('2019-03-08T14:00:00Z'), '2019-03-20')).toEqual({ kind: 'decided', value: at('2019-03-20T08:00:00Z') });
    expect(decideSnooze(round, at('2019-03-08T14:00:00Z'), '2019-03-31')).toEqual({ kind: 'decided', value: at('2019-03-31T07:00:00Z') });
  });

  it.each([
    ['today', '2019-03-08', 'date-not-after-today'],
    ['yesterday', '2019-03-07', 'date-not-after-today'],
    ['the due date itself', '2019-04-01', 'date-not-before-due'],
    ['after the due date', '2019-04-15', 'date-not-before-due'],
    ['a day that does not exist', '2019-02-30', 'date-invalid'],
    ['text that is not a date', 'imorgon', 'date-invalid'],
    ['a number', 20190320, 'date-invalid'],
  ])('refuses %s with a reason', (_name, chosen, error) => {
    expect(decideSnooze(round, at('2019-03-08T14:00:00Z'), chosen)).toEqual({ kind: 'invalid', error });
  });
});

describe('out of office', () => {
  it('pauses until the end of the chosen local day', () => {
    expect(decideAbsence('Europe/Stockholm', at('2019-03-08T14:00:00Z'), '2019-03-15')).toEqual({ kind: 'decided', value: at('2019-03-15T22:59:59.999Z') });
    expect(decideAbsence('Europe/Stockholm', at('2019-03-08T14:00:00Z'), '2019-04-05')).toEqual({ kind: 'decided', value: at('2019-04-05T21:59:59.999Z') });
  });

  it('accepts today, and refuses a past day, a day more than a year ahead and a non-date', () => {
    expect(decideAbsence('Europe/Stockholm', at('2019-03-08T23:30:00Z'), '2019-03-08')).toEqual({ kind: 'invalid', error: 'date-in-past' }); // already the 9th in Stockholm
    expect(decideAbsence('Europe/Stockholm', at('2019-03-08T14:00:00Z'), '2019-03-08').kind).toBe('decided');
    expect(decideAbsence('Europe/Stockholm', at('2019-03-08T14:00:00Z'), '2020-03-09')).toEqual({ kind: 'invalid', error: 'date-too-far' });
    expect(decideAbsence('Europe/Stockholm', at('2019-03-08T14:00:00Z'), '')).toEqual({ kind: 'invalid', error: 'date-invalid' });
    expect(decideAbsence('Europe/Stockholm', at('2019-03-08T14:00:00Z'), { date: '2019-03-10' })).toEqual({ kind: 'invalid', error: 'date-invalid' });
  });
});

describe('delegate', () => {
  it('takes a valid address, trimmed and in lower case', () => {
    expect(decideDeputy(plan, anna, '  Bo.Berg@Kalmar.se ')).toEqual({ kind: 'decided', value: { kind: 'deputy', address: 'bo.berg@kalmar.se' } });
  });

  it('refuses an invalid address, an overlong one, and the actor themselves', () => {
    for (const typed of ['', 'bo', 'bo@kalmar', 'bo berg@kalmar.se', 'bo\u0000@kalmar.se', 'bo@kal\u0007mar.se', `${'x'.repeat(250)}@kalmar.se`, 42, undefined]) {
      expect(decideDeputy(plan, anna, typed)).toEqual({ kind: 'invalid', error: 'address-invalid' });
    }
    const coordinator: Actor = { aadObjectId: 'aad-sara', name: 'Sara', addresses: ['sara@kalmar.se'] };
    expect(decideDeputy(plan, coordinator, 'SARA@kalmar.se')).toEqual({ kind: 'invalid', error: 'deputy-self' });
  });

  it('takes the delegation back when the plan’s own officer is named', () => {
    expect(decideDeputy(plan, anna, 'anna@kalmar.se')).toEqual({ kind: 'decided', value: { kind: 'back-to-officer' } });
    const deputy: Actor = { aadObjectId: 'aad-bo', name: 'Bo', addresses: ['bo@kalmar.se'] };
    expect(decideDeputy(plan, deputy, 'anna@kalmar.se')).toEqual({ kind: 'decided', value: { kind: 'back-to-officer' } });
  });
});

describe('last round', () => {
  it('lists the rounds opened before this one, the latest first', () => {
    const r2017 = kf2019({ id: 'kf-2017', opensAt: at('2017-03-01T07:00:00Z') });
    const r2018 = kf2019({ id: 'kf-2018', opensAt: at('2018-03-01T07:00:00Z') });
    const later = kf2019({ id: 'kf-2020', opensAt: at('2020-03-01T07:00:00Z') });
    expect(earlierRounds([r2017, later, round, r2018], round).map((r) => r.id)).toEqual(['kf-2018', 'kf-2017']);
  });
});
