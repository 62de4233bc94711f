// The kinds of register items and the counts by kind in the form of seed 003's Måluppfyllelse
// table: one row per kind, then the total, each level with its share in whole percents.
//
// The rounding rule: of the seed's seven non-zero cells, whole percents (rounded half up, as
// Intl does) reproduce five: 50 %, 50 %, 93 % (25 of 27 = 92.6), 25 % and 75 %. The other two,
// "1 (3,5%)" of 27, are 3.7 %: one decimal would give 3,7 % and 92,6 %, four cells of seven;
// no rule gives 3,5 % (the author seems to have split the 7 % left by 93 % in two).

import { canonicalKind, followedUpIn, kindLabel, kindsIn } from '../../../bot/domain/kinds';
import { decideLateActions } from '../../../bot/domain/reminders';
import { compileSummary } from '../../../bot/domain/summary';
import { TERTIAL_TEMPLATE } from '../../../bot/domain/templates/builtin';
import { fulfilmentByKind } from '../../../bot/domain/templates/fulfilment';
import { readTemplate } from '../../../bot/domain/templates/validate';
import { templateListLines, templateProblemLines } from '../../../cards/replies/templates';
import { seed003Answers, seed003Register } from '../../support/kinds-register';
import { kf2019 } from '../../support/rounds';

const nbsp = (text: string) => text.replace(/ %/g, '\u00a0%');

describe('the kinds of register items', () => {
  it('stores the four known kinds in one spelling, whatever the case, number or language', () => {
    expect(['Nämndsmål', 'nämndmål', 'Aktiviteter', 'activity', ' UPPDRAG ', 'Planer', 'Handlingsplan'].map(canonicalKind)).toEqual([
      'nämndsmål', 'nämndsmål', 'aktivitet', 'aktivitet', 'uppdrag', 'plan', 'plan',
    ]);
    expect(canonicalKind(' Indikator ')).toBe('Indikator');
  });

  it('heads a row with the kind in the plural, another kind as written', () => {
    expect(['plan', 'nämndsmål', 'aktivitet', 'uppdrag', 'Indikator'].map((k) => kindLabel(k, 'sv'))).toEqual(['Planer', 'Nämndsmål', 'Aktiviteter', 'Uppdrag', 'Indikator']);
    expect(['plan', 'nämndsmål', 'aktivitet', 'uppdrag'].map((k) => kindLabel(k, 'en'))).toEqual(['Plans', 'Committee goals', 'Activities', 'Assignments']);
  });

  it('orders the kinds the known ones first, then the others as they first occur', () => {
    const plans = ['Indikator', 'uppdrag', undefined, 'nämndsmål', 'Projekt', 'uppdrag'].map((kind, i) => ({ id: `p${i}`, title: 'T', kind }));
    expect(kindsIn(plans)).toEqual(['plan', 'nämndsmål', 'uppdrag', 'Indikator', 'Projekt']);
  });
});

describe('the counts by kind of a round, as seed 003\'s Måluppfyllelse table', () => {
  const round = kf2019({ id: 't2-2017', title: 'Måluppföljning tertial 2 2017', year: 2017, template: TERTIAL_TEMPLATE });

  it('gives the seed\'s own rows for its 8 nämndsmål, 27 aktiviteter and 4 uppdrag, then the total', () => {
    const { register, statuses } = seed003Register();
    const summary = compileSummary(round, register, seed003Answers(round.id, statuses));
    expect(fulfilmentByKind(summary, 'sv')).toEqual([
      { label: 'Nämndsmål', cells: ['0', nbsp('4 (50 %)'), nbsp('4 (50 %)'), '8'] },
      // The seed writes "1 (3,5%)" for these two cells; see the rounding rule above.
      { label: 'Aktiviteter', cells: [nbsp('1 (4 %)'), nbsp('25 (93 %)'), nbsp('1 (4 %)'), '27'] },
      { label: 'Uppdrag', cells: [nbsp('1 (25 %)'), nbsp('3 (75 %)'), '0', '4'] },
      { label: 'Totalt', cells: [nbsp('2 (5 %)'), nbsp('32 (82 %)'), nbsp('5 (13 %)'), '39'] },
    ]);
  });

  it('counts only submitted answers: a draft or an unanswered item is in no cell', () => {
    const { register, statuses } = seed003Register();
    const answers = seed003Answers(round.id, statuses);
    // One of the uppdrag on Positiv trend only has a draft; another nämndsmål is not answered at all.
    const draftId = statuses.find((s) => s.planId.startsWith('uppdrag-positive'))!.planId;
    const withDraft = answers.map((a) => (a.planId === draftId ? { ...a, state: 'draft' as const } : a));
    const unansweredId = statuses.find((s) => s.planId.startsWith('mal-unchanged'))!.planId;
    const summary = compileSummary(round, register, withDraft.filter((a) => a.planId !== unansweredId));
    const rows = fulfilmentByKind(summary, 'sv');
    expect(rows[0]).toEqual({ label: 'Nämndsmål', cells: ['0', nbsp('4 (57 %)'), nbsp('3 (43 %)'), '7'] });
    expect(rows[2]).toEqual({ label: 'Uppdrag', cells: [nbsp('1 (33 %)'), nbsp('2 (67 %)'), '0', '3'] });
    expect(rows[3].cells.at(-1)).toBe('37');
  });

  it('writes English labels and percents for the en locale', () => {
    const { register, statuses } = seed003Register();
    const rows = fulfilmentByKind(compileSummary(round, register, seed003Answers(round.id, statuses)), 'en');
    expect(rows.map((r) => r.label)).toEqual(['Committee goals', 'Activities', 'Assignments', 'Total']);
    expect(rows[1].cells[1]).toBe('25 (93%)');
  });
});

describe('a template for some kinds', () => {
  const file = (kinds: unknown) => JSON.stringify({ ...TERTIAL_TEMPLATE, id: 'mal-tertial', version: undefined, kinds });

  it('reads the kinds it is for, each in the register\'s spelling', () => {
    const reading = readTemplate(file(['Nämndsmål', 'Aktiviteter', 'uppdrag']));
    expect(reading).toMatchObject({ kind: 'valid', template: { kinds: ['nämndsmål', 'aktivitet', 'uppdrag'] } });
    const none = readTemplate(JSON.stringify({ ...TERTIAL_TEMPLATE, id: 'alla' }));
    expect(none.kind === 'valid' && 'kinds' in none.template).toBe(false);
  });

  it('names an empty list, an empty or over-long kind, a kind twice and a list that is none', () => {
    const problems = (kinds: unknown) => {
      const reading = readTemplate(file(kinds));
      return reading.kind === 'invalid' ? reading.problems : [];
    };
    expect(problems([])).toEqual([{ path: 'kinds', code: 'too-few', params: { min: 1 } }]);
    expect(problems(['uppdrag', ' ', 'x'.repeat(51)])).toEqual([
      { path: 'kinds[1]', code: 'missing' },
      { path: 'kinds[2]', code: 'too-long', params: { max: 50 } },
    ]);
    expect(problems(['Aktivitet', 'aktiviteter'])).toEqual([{ path: 'kinds[1]', code: 'duplicate-kind', params: { value: 'aktivitet' } }]);
    expect(problems('nämndsmål')).toEqual([{ path: 'kinds', code: 'not-list' }]);
    expect(templateProblemLines(problems(['Aktivitet', 'aktiviteter']), 'sv')).toEqual(['kinds[1]: typen "aktivitet" står redan tidigare i listan.']);
    expect(templateProblemLines(problems('nämndsmål'), 'en')).toEqual(['kinds: must be a list within [ ].']);
  });

  it('is listed with the kinds it follows up', () => {
    const goals = readTemplate(file(['nämndsmål', 'Aktiviteter', 'Indikator']));
    if (goals.kind !== 'valid') throw new Error('the template should be valid');
    expect(templateListLines([TERTIAL_TEMPLATE, goals.template], 'sv').slice(1)).toEqual([
      'Måluppföljning tertial (maluppfoljning-tertial), version 1, antal frågor: 3',
      'Måluppföljning tertial (mal-tertial), version 1, antal frågor: 3, följer upp: Nämndsmål, Aktiviteter, Indikator',
    ]);
  });

  it('makes a round follow up only the items of those kinds, the others left out of its summary and its counts', () => {
    const goals = readTemplate(file(['nämndsmål', 'uppdrag']));
    if (goals.kind !== 'valid') throw new Error('the template should be valid');
    const goalRound = kf2019({ id: 'mal', template: goals.template });
    const { register, statuses } = seed003Register();
    const withPlan = { ...register, plans: [...register.plans, { id: 'drog', title: 'Drogpolitiskt program', officer: 'kerstin@kalmar.se' }] };
    expect(followedUpIn(goalRound, withPlan)).toHaveLength(12);
    const summary = compileSummary(goalRound, withPlan, seed003Answers(goalRound.id, statuses));
    expect(summary.total).toBe(12);
    expect(fulfilmentByKind(summary, 'sv').map((r) => r.label)).toEqual(['Nämndsmål', 'Uppdrag', 'Totalt']);
    // A template naming no kinds follows up every item, the plan too.
    expect(followedUpIn(kf2019({ template: TERTIAL_TEMPLATE }), withPlan)).toHaveLength(40);
  });
});

describe('a round on a template for some kinds, late', () => {
  it('reminds and escalates the items of those kinds only', () => {
    const template = { ...TERTIAL_TEMPLATE, id: 'uppdrag-tertial', kinds: ['uppdrag'] };
    const register = {
      plans: [
        { id: 'stodboende', title: 'Planera stödboende', officer: 'anna@kalmar.se', kind: 'uppdrag' },
        { id: 'drog', title: 'Drogpolitiskt program', officer: 'anna@kalmar.se' },
      ],
      people: [{ id: 'anna@kalmar.se', name: 'Anna Andersson', manager: 'chef@kalmar.se' }],
      coordinators: ['sara@kalmar.se'],
    };
    const late = kf2019({ template, promptedAt: new Date('2019-03-01T07:00:00Z') });
    const input = { round: late, register, answers: [], deliveries: [], settings: [], absences: [], now: new Date('2019-04-10T08:00:00Z') };
    const actions = decideLateActions(input);
    expect(actions.length).toBeGreaterThan(0);
    expect(JSON.stringify(actions)).not.toContain('drog');
    // The same round on a template for every kind chases the plan too.
    expect(JSON.stringify(decideLateActions({ ...input, round: { ...late, template: TERTIAL_TEMPLATE } }))).toContain('drog');
  });
});
