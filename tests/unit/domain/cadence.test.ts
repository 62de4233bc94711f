// Cadences: which period an instant belongs to, the round that follows a period up (id, title,
// year, dates moved off days off), and which rounds should exist at an instant.

import {
  DEFAULT_CADENCES,
  checkCadence,
  describeCadence,
  periodAt,
  periodBounds,
  periodContaining,
  roundInputFor,
  roundsDue,
  shiftPeriod,
  upcomingRounds,
  type Cadence,
  type Period,
} from '../../../bot/domain/cadence';
import { formatLocalDate } from '../../../bot/domain/calendar';
import { buildRound } from '../../../bot/domain/round';

const TZ = 'Europe/Stockholm';
const yearly = DEFAULT_CADENCES.yearly;
const tertial = DEFAULT_CADENCES.tertial;
const quarterly = DEFAULT_CADENCES.quarterly;
const monthly = DEFAULT_CADENCES.monthly;

function local(date: string): { year: number; month: number; day: number } {
  const [year, month, day] = date.split('-').map(Number);
  return { year, month, day };
}

describe('periods', () => {
  it.each<[string, Cadence['kind'], string, string]>([
    ['January is tertial 1', 'tertial', '2026-01-15', 'tertial 1 2026'],
    ['April is still tertial 1', 'tertial', '2026-04-30', 'tertial 1 2026'],
    ['May begins tertial 2', 'tertial', '2026-05-01', 'tertial 2 2026'],
    ['December is tertial 3', 'tertial', '2026-12-31', 'tertial 3 2026'],
    ['September is quarter 3', 'quarterly', '2026-09-30', 'quarterly 3 2026'],
    ['October is quarter 4', 'quarterly', '2026-10-01', 'quarterly 4 2026'],
    ['March is month 3', 'monthly', '2026-03-01', 'monthly 3 2026'],
    ['any day is in its year', 'yearly', '2019-11-30', 'yearly 1 2019'],
  ])('%s', (_name, kind, date, expected) => {
    const p = periodContaining(kind, local(date));
    expect(`${p.kind} ${p.index} ${p.year}`).toBe(expected);
  });

  it('reads the local date of an instant: 00:30 on 1 May in Stockholm is still 30 April in UTC', () => {
    expect(periodAt('tertial', new Date('2026-04-30T22:30:00Z'), TZ)).toEqual({ kind: 'tertial', year: 2026, index: 2 });
    expect(periodAt('monthly', new Date('2026-12-31T23:30:00Z'), TZ)).toEqual({ kind: 'monthly', year: 2027, index: 1 });
  });

  it.each<[Period, number, Period]>([
    [{ kind: 'tertial', year: 2026, index: 1 }, -1, { kind: 'tertial', year: 2025, index: 3 }],
    [{ kind: 'tertial', year: 2026, index: 3 }, 1, { kind: 'tertial', year: 2027, index: 1 }],
    [{ kind: 'quarterly', year: 2026, index: 1 }, -5, { kind: 'quarterly', year: 2024, index: 4 }],
    [{ kind: 'monthly', year: 2026, index: 12 }, 1, { kind: 'monthly', year: 2027, index: 1 }],
    [{ kind: 'monthly', year: 2026, index: 3 }, 0, { kind: 'monthly', year: 2026, index: 3 }],
    [{ kind: 'yearly', year: 2019, index: 1 }, 1, { kind: 'yearly', year: 2020, index: 1 }],
  ])('moves from %j by %i to %j', (from, steps, expected) => {
    expect(shiftPeriod(from, steps)).toEqual(expected);
  });

  it.each<[Period, string, string]>([
    [{ kind: 'tertial', year: 2024, index: 1 }, '2024-01-01', '2024-04-30'],
    [{ kind: 'tertial', year: 2017, index: 2 }, '2017-05-01', '2017-08-31'],
    [{ kind: 'tertial', year: 2026, index: 3 }, '2026-09-01', '2026-12-31'],
    [{ kind: 'quarterly', year: 2026, index: 4 }, '2026-10-01', '2026-12-31'],
    [{ kind: 'monthly', year: 2024, index: 2 }, '2024-02-01', '2024-02-29'],
    [{ kind: 'yearly', year: 2019, index: 1 }, '2019-01-01', '2019-12-31'],
  ])('%j runs from %s to %s', (period, first, last) => {
    const bounds = periodBounds(period);
    expect([formatLocalDate(bounds.first), formatLocalDate(bounds.last)]).toEqual([first, last]);
  });
});

describe('the round that follows a period up', () => {
  it.each<[string, Cadence, Period, { id: string; title: string; year: string; opensDate: string; dueDate: string }]>([
    [
      'yearly, for the council in May',
      yearly,
      { kind: 'yearly', year: 2019, index: 1 },
      { id: 'uppfoljning-kf-2019', title: 'Uppföljning KF 2019', year: '2019', opensDate: '2019-03-01', dueDate: '2019-04-01' },
    ],
    [
      'yearly, 1 March 2026 being a Sunday',
      yearly,
      { kind: 'yearly', year: 2026, index: 1 },
      { id: 'uppfoljning-kf-2026', title: 'Uppföljning KF 2026', year: '2026', opensDate: '2026-03-02', dueDate: '2026-04-01' },
    ],
    [
      'yearly, due on första maj',
      { kind: 'yearly', opens: '04-01', due: '05-01' },
      { kind: 'yearly', year: 2026, index: 1 },
      { id: 'uppfoljning-kf-2026', title: 'Uppföljning KF 2026', year: '2026', opensDate: '2026-04-01', dueDate: '2026-05-04' },
    ],
    [
      'tertial 2 2017, after August',
      tertial,
      { kind: 'tertial', year: 2017, index: 2 },
      { id: 'tertial-2-2017', title: 'Tertial 2 2017', year: '2017', opensDate: '2017-09-01', dueDate: '2017-09-15' },
    ],
    [
      'tertial 1 2026: 1 May is första maj, and Kristi himmelsfärdsdag falls within the ten days',
      tertial,
      { kind: 'tertial', year: 2026, index: 1 },
      { id: 'tertial-1-2026', title: 'Tertial 1 2026', year: '2026', opensDate: '2026-05-04', dueDate: '2026-05-19' },
    ],
    [
      'tertial 3 2026: answered in January 2027 about 2026, skipping nyårsdagen and trettondedag jul',
      tertial,
      { kind: 'tertial', year: 2026, index: 3 },
      { id: 'tertial-3-2026', title: 'Tertial 3 2026', year: '2026', opensDate: '2027-01-04', dueDate: '2027-01-19' },
    ],
    [
      'quarter 3 2026',
      quarterly,
      { kind: 'quarterly', year: 2026, index: 3 },
      { id: 'kvartal-3-2026', title: 'Kvartal 3 2026', year: '2026', opensDate: '2026-10-01', dueDate: '2026-10-15' },
    ],
    [
      'March 2026: five working days across Easter',
      monthly,
      { kind: 'monthly', year: 2026, index: 3 },
      { id: 'manad-2026-03', title: 'Mars 2026', year: '2026', opensDate: '2026-04-01', dueDate: '2026-04-10' },
    ],
    [
      'December 2026',
      monthly,
      { kind: 'monthly', year: 2026, index: 12 },
      { id: 'manad-2026-12', title: 'December 2026', year: '2026', opensDate: '2027-01-04', dueDate: '2027-01-12' },
    ],
    [
      'a tertial that opens on its last day (0 days after)',
      { kind: 'tertial', opensAfterDays: 0, dueAfterWorkingDays: 5 },
      { kind: 'tertial', year: 2026, index: 2 },
      { id: 'tertial-2-2026', title: 'Tertial 2 2026', year: '2026', opensDate: '2026-08-31', dueDate: '2026-09-07' },
    ],
    [
      'a quarter that opens two weeks after its end',
      { kind: 'quarterly', opensAfterDays: 14, dueAfterWorkingDays: 15 },
      { kind: 'quarterly', year: 2026, index: 1 },
      { id: 'kvartal-1-2026', title: 'Kvartal 1 2026', year: '2026', opensDate: '2026-04-14', dueDate: '2026-05-06' },
    ],
  ])('%s', (_name, cadence, period, expected) => {
    expect(roundInputFor(cadence, period)).toEqual(expected);
  });

  it('gives inputs that make valid rounds, for every period of several years and every cadence', () => {
    const meta = { timeZone: TZ, createdBy: 'schedule', createdAt: new Date('2026-01-01T00:00:00Z') };
    for (const cadence of [yearly, tertial, quarterly, monthly, { kind: 'yearly' as const, opens: '12-20', due: '12-31' }]) {
      for (let period = periodContaining(cadence.kind, local('2024-01-01')); period.year < 2040; period = shiftPeriod(period, 1)) {
        const { errors } = buildRound(roundInputFor(cadence, period), meta);
        expect(errors).toEqual([]);
      }
    }
  });
});

describe('which rounds should exist at an instant', () => {
  const ids = (cadence: Cadence, iso: string, daysBefore?: number) => roundsDue(cadence, new Date(iso), TZ, daysBefore).map((r) => r.input.id);

  it.each<[string, Cadence, string, string[]]>([
    ['yearly: two weeks before 1 March, the year\'s round', yearly, '2019-02-20T10:00:00Z', ['uppfoljning-kf-2019']],
    ['yearly: not yet three weeks before', yearly, '2019-02-10T10:00:00Z', []],
    ['yearly: while open, the same round', yearly, '2019-03-20T10:00:00Z', ['uppfoljning-kf-2019']],
    ['yearly: once the due date has passed, nothing until next year', yearly, '2019-04-02T10:00:00Z', []],
    ['yearly: in December, nothing yet', yearly, '2019-12-31T10:00:00Z', []],
    ['tertial: 20 August, the round of tertial 2 opening 1 September', tertial, '2026-08-20T10:00:00Z', ['tertial-2-2026']],
    ['tertial: 10 August, too early', tertial, '2026-08-10T10:00:00Z', []],
    ['tertial: 10 September, the open round of tertial 2 at once', tertial, '2026-09-10T10:00:00Z', ['tertial-2-2026']],
    ['tertial: on its due date, too late', tertial, '2026-09-15T10:00:00Z', []],
    ['tertial: Christmas, the round of tertial 3 opening in January', tertial, '2026-12-25T10:00:00Z', ['tertial-3-2026']],
    ['tertial: March after months away, no missed round of tertial 3', tertial, '2027-03-01T10:00:00Z', []],
    ['monthly: 20 March, the round of March', monthly, '2026-03-20T10:00:00Z', ['manad-2026-03']],
    ['quarterly: 17 September, the round of quarter 3', quarterly, '2026-09-17T10:00:00Z', ['kvartal-3-2026']],
  ])('%s', (_name, cadence, iso, expected) => {
    expect(ids(cadence, iso)).toEqual(expected);
  });

  it('counts the days in local time: 00:30 on 18 August in Stockholm is two weeks before 1 September', () => {
    expect(ids(tertial, '2026-08-17T21:59:00Z')).toEqual([]);
    expect(ids(tertial, '2026-08-17T22:30:00Z')).toEqual(['tertial-2-2026']);
  });

  it('can create rounds the day they open only', () => {
    expect(ids(tertial, '2026-08-31T10:00:00Z', 0)).toEqual([]);
    expect(ids(tertial, '2026-09-01T10:00:00Z', 0)).toEqual(['tertial-2-2026']);
  });

  it('gives every round whose window is open when windows overlap', () => {
    const long: Cadence = { kind: 'monthly', opensAfterDays: 0, dueAfterWorkingDays: 40 };
    // January's round (opened 2 February) is due 30 March; February's and March's follow.
    expect(ids(long, '2026-03-20T10:00:00Z')).toEqual(['manad-2026-01', 'manad-2026-02', 'manad-2026-03']);
  });

  it('tells the coming rounds, from the one still before its due date', () => {
    const at = (iso: string, cadence: Cadence) => upcomingRounds(cadence, new Date(iso), TZ, 2).map((r) => r.input.id);
    expect(at('2026-09-10T10:00:00Z', tertial)).toEqual(['tertial-2-2026', 'tertial-3-2026']);
    expect(at('2026-09-16T10:00:00Z', tertial)).toEqual(['tertial-3-2026', 'tertial-1-2027']);
    expect(at('2019-04-02T10:00:00Z', yearly)).toEqual(['uppfoljning-kf-2020', 'uppfoljning-kf-2021']);
    expect(at('2019-01-10T10:00:00Z', yearly)).toEqual(['uppfoljning-kf-2019', 'uppfoljning-kf-2020']);
  });
});

describe('describing and checking a cadence', () => {
  it.each<[Cadence, string]>([
    [yearly, 'en gång om året: öppnar 1 mars, svar senast 1 april'],
    [tertial, 'varje tertial: öppnar 1 dag efter periodens slut, svar inom 10 arbetsdagar'],
    [{ kind: 'quarterly', opensAfterDays: 0, dueAfterWorkingDays: 1 }, 'varje kvartal: öppnar periodens sista dag, svar inom 1 arbetsdag'],
    [{ kind: 'monthly', opensAfterDays: 3, dueAfterWorkingDays: 5 }, 'varje månad: öppnar 3 dagar efter periodens slut, svar inom 5 arbetsdagar'],
  ])('describes %j in Swedish', (cadence, expected) => {
    expect(describeCadence(cadence)).toBe(expected);
  });

  it('accepts the defaults', () => {
    for (const cadence of Object.values(DEFAULT_CADENCES)) expect(checkCadence(cadence)).toEqual([]);
  });

  it.each<[string, unknown, Array<{ path: string; message: string }>]>([
    ['not an object', 'tertial', [{ path: '', message: 'Kadensen ska vara ett objekt, t.ex. { "kind": "tertial" }.' }]],
    ['an unknown kind', { kind: 'veckovis' }, [{ path: 'kind', message: 'Okänd kadens "veckovis". Välj yearly, tertial, quarterly eller monthly.' }]],
    [
      'a date that does not exist, and 29 February',
      { kind: 'yearly', opens: '02-30', due: '02-29' },
      [
        { path: 'opens', message: 'Öppningsdagen "02-30" är ingen dag på året. Ange den som MM-DD, t.ex. "03-01" för 1 mars.' },
        { path: 'due', message: 'Sista svarsdag kan inte vara 29 februari, som inte finns varje år.' },
      ],
    ],
    [
      'a due date before the opening',
      { kind: 'yearly', opens: '04-01', due: '03-01' },
      [{ path: 'due', message: 'Sista svarsdag (03-01) måste ligga efter öppningsdagen (04-01) samma år.' }],
    ],
    [
      'a missing opening date and a field of another kind',
      { kind: 'yearly', due: '04-01', dueAfterWorkingDays: 10 },
      [
        { path: 'dueAfterWorkingDays', message: 'Okänt fält "dueAfterWorkingDays" för kadensen yearly. Tillåtna fält: kind, opens, due.' },
        { path: 'opens', message: 'Öppningsdagen saknas. Ange den som MM-DD, t.ex. "03-01" för 1 mars.' },
      ],
    ],
    [
      'numbers out of range or not whole',
      { kind: 'tertial', opensAfterDays: -1, dueAfterWorkingDays: 2.5 },
      [
        { path: 'opensAfterDays', message: 'Antalet dagar efter periodens slut till öppningen ska vara ett heltal från 0 till 60, inte -1.' },
        { path: 'dueAfterWorkingDays', message: 'Antalet arbetsdagar till sista svarsdag ska vara ett heltal från 1 till 60, inte 2.5.' },
      ],
    ],
    [
      'missing numbers',
      { kind: 'monthly' },
      [
        { path: 'opensAfterDays', message: 'Antalet dagar efter periodens slut till öppningen ska vara ett heltal från 0 till 60.' },
        { path: 'dueAfterWorkingDays', message: 'Antalet arbetsdagar till sista svarsdag ska vara ett heltal från 1 till 60.' },
      ],
    ],
  ])('refuses %s', (_name, value, expected) => {
    expect(checkCadence(value)).toEqual(expected);
  });
});
