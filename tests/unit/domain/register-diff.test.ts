import { countDiff, diffRegisters, isEmptyDiff } from '../../../bot/domain/register-diff';
import type { RegisterContent } from '../../../bot/domain/register';

const before: RegisterContent = {
  plans: [
    { id: 'drog', title: 'Drogpolitiskt program 2016-2020', period: '2016-2020', officer: 'anna@kalmar.se' },
    { id: 'vald', title: 'Förebygga våld i nära relationer', period: 'Antogs 2010', note: 'revidering pågår', officer: 'anna@kalmar.se' },
    { id: 'vatten', title: 'God vattenstatus', officer: 'bo@kalmar.se' },
    { id: 'miljo', title: 'Fossilbränslefria Kalmar 2030', excludedReason: 'Följs upp i det årliga miljöbokslutet.' },
  ],
  people: [
    { id: 'anna@kalmar.se', name: 'Anna Andersson', title: 'folkhälsostrateg', manager: 'chef@kalmar.se' },
    { id: 'bo@kalmar.se', name: 'Bo Berg', title: 'miljöstrateg' },
    { id: 'sara@kalmar.se', name: 'Sara Samordnare' },
  ],
  coordinators: ['sara@kalmar.se'],
};

describe('the difference between two register versions', () => {
  it('finds nothing when the same register comes back, whatever the case of ids and addresses or empty optional fields', () => {
    const again: RegisterContent = {
      plans: before.plans.map((p) => ({ ...p, id: p.id.toUpperCase(), officer: p.officer?.toUpperCase(), deputy: '' })),
      people: before.people.map((p) => ({ ...p, id: p.id.toUpperCase(), unit: '' })),
      coordinators: ['SARA@kalmar.se'],
    };
    const diff = diffRegisters(before, again);
    expect(isEmptyDiff(diff)).toBe(true);
  });

  it('lists plans added, changed with the fields that changed, and removed', () => {
    const after: RegisterContent = {
      ...before,
      plans: [
        { id: 'drog', title: 'Drogpolitiskt program 2021-2025', period: '2021-2025', officer: 'bo@kalmar.se' },
        { id: 'vald', title: 'Förebygga våld i nära relationer', period: 'Antogs 2010', officer: 'anna@kalmar.se' },
        { id: 'miljo', title: 'Fossilbränslefria Kalmar 2030', officer: 'bo@kalmar.se', deputy: 'anna@kalmar.se' },
        { id: 'skola', title: 'Skolplan', officer: 'anna@kalmar.se' },
      ],
    };
    const diff = diffRegisters(before, after);
    expect(diff.plans.added.map((p) => p.id)).toEqual(['skola']);
    expect(diff.plans.removed.map((p) => p.id)).toEqual(['vatten']);
    expect(diff.plans.changed.map((c) => [c.after.id, c.fields])).toEqual([
      ['drog', ['title', 'period', 'officer']],
      ['vald', ['note']],
      ['miljo', ['officer', 'excludedReason', 'deputy']],
    ]);
    expect(countDiff(diff)).toMatchObject({ plansAdded: 1, plansChanged: 3, plansRemoved: 1, peopleAdded: 0 });
  });

  it('lists people added, changed and removed, and coordinators added and removed', () => {
    const after: RegisterContent = {
      plans: before.plans,
      people: [
        { id: 'anna@kalmar.se', name: 'Anna Andersson', title: 'folkhälsostrateg', manager: 'CHEF@kalmar.se' },
        { id: 'bo@kalmar.se', name: 'Bo Berg', title: 'miljöchef', unit: 'Miljö' },
        { id: 'cilla@kalmar.se', name: 'Cilla Carlsson' },
      ],
      coordinators: ['cilla@kalmar.se'],
    };
    const diff = diffRegisters(before, after);
    expect(diff.people.added.map((p) => p.id)).toEqual(['cilla@kalmar.se']);
    expect(diff.people.changed.map((c) => [c.after.id, c.fields])).toEqual([['bo@kalmar.se', ['title', 'unit']]]);
    expect(diff.people.removed.map((p) => p.id)).toEqual(['sara@kalmar.se']);
    expect(diff.coordinators).toEqual({ added: ['cilla@kalmar.se'], removed: ['sara@kalmar.se'] });
    expect(isEmptyDiff(diff)).toBe(false);
  });

  it('counts everything as added when there was no register before', () => {
    const counts = countDiff(diffRegisters(undefined, before));
    expect(counts).toEqual({
      plansAdded: 4,
      plansChanged: 0,
      plansRemoved: 0,
      peopleAdded: 3,
      peopleChanged: 0,
      peopleRemoved: 0,
      coordinatorsAdded: 1,
      coordinatorsRemoved: 0,
      scheduleChanged: false,
    });
  });

  it('notices a changed schedule, and a schedule that is kept is no change', () => {
    const schedule = { cadence: { kind: 'yearly' } } as unknown as RegisterContent['schedule'];
    expect(diffRegisters(before, { ...before, schedule }).scheduleChanged).toBe(true);
    expect(diffRegisters({ ...before, schedule }, { ...before, schedule }).scheduleChanged).toBe(false);
  });

  // How long the diff takes at this size is measured by `npm run bench:register`, not here.
  it('diffs 5,000 plans, every one revised, as 5,000 changes', () => {
    const many = (n: number, suffix: string): RegisterContent => ({
      plans: Array.from({ length: n }, (_, i) => ({ id: `p${i}`, title: `Plan ${i}${suffix}`, officer: 'anna@kalmar.se' })),
      people: before.people,
      coordinators: before.coordinators,
    });
    const diff = diffRegisters(many(5000, ''), many(5000, ' (rev)'));
    expect(diff.plans.changed).toHaveLength(5000);
  });
});
