// The follow-up rules as the product promises them: when officers are reminded, when managers
// and the coordinators hear of overdue plans, and that asking twice sends nothing twice.

import { decideLateActions, escalationSlots, reminderSlots, type LateAction, type LateActionInput } from '../../../bot/domain/reminders';
import { DEFAULT_LATENESS_POLICY, type LatenessPolicy } from '../../../bot/domain/reminder-policy';
import type { RegisterContent } from '../../../bot/domain/register';
import { buildRound, type Round } from '../../../bot/domain/round';

const register: RegisterContent = {
  plans: [
    { id: 'drog', title: 'Drogpolitiskt program', officer: 'anna@kalmar.se' },
    { id: 'vald', title: 'Förebygga våld i nära relationer', officer: 'anna@kalmar.se' },
    { id: 'vatten', title: 'God vattenstatus', officer: 'bo@kalmar.se' },
    { id: 'kultur', title: 'Kulturplan', officer: 'cia@kalmar.se' },
    { id: 'miljo', title: 'Fossilbränslefria Kalmar 2030', excludedReason: 'Följs upp i miljöbokslutet.' },
  ],
  people: [
    { id: 'anna@kalmar.se', name: 'Anna Andersson', manager: 'chef@kalmar.se' },
    { id: 'bo@kalmar.se', name: 'Bo Berg', manager: 'chef@kalmar.se' },
    { id: 'cia@kalmar.se', name: 'Cia Carlsson', manager: 'kulturchef@kalmar.se' },
    { id: 'dan@kalmar.se', name: 'Dan Dahl' },
  ],
  coordinators: ['sara@kalmar.se'],
};

/** A round due by the end of `due` (Stockholm), prompted when it opened. */
function round(due: string, overrides: Partial<Round> = {}): Round {
  const { round: built } = buildRound(
    { title: 'Uppföljning KF 2019', year: '2019', opensDate: '2019-01-07', opensTime: '08:00', dueDate: due },
    { timeZone: 'Europe/Stockholm', createdBy: 'sara@kalmar.se', createdAt: new Date('2019-01-01T00:00:00Z') },
  );
  return { ...built!, promptedAt: built!.opensAt, ...overrides };
}

function input(r: Round, now: string, overrides: Partial<LateActionInput> = {}): LateActionInput {
  return { round: r, register, answers: [], deliveries: [], settings: [], absences: [], now: new Date(now), ...overrides };
}

const submitted = (planId: string) => ({ latest: { planId }, submittedAt: new Date('2019-03-01T10:00:00Z') });
const draft = (planId: string) => ({ latest: { planId } });
const delivered = (...ids: string[]) => ids.map((id) => ({ id, planId: id.split(':')[1] ?? '', claimedAt: new Date('2019-01-07T07:00:00Z') }));
const ids = (actions: LateAction[]) => actions.map((a) => a.id);
const reminders = (actions: LateAction[]) => ids(actions.filter((a) => a.kind === 'reminder'));

/** Performs the actions: their deliveries are in the history afterwards. */
function perform(i: LateActionInput, actions: LateAction[]): LateActionInput {
  return { ...i, deliveries: [...i.deliveries, ...actions.map((a) => ({ id: a.id, planId: a.kind === 'reminder' ? a.planId : '', claimedAt: i.now }))] };
}

describe('reminder slots', () => {
  it.each([
    // [what, due date, expected slots as local Stockholm dates and UTC instants]
    [
      'reminds 1 working day before the due date, skipping Kristi himmelsfärdsdag',
      '2019-05-31',
      { 'd-5': '2019-05-23T07:00:00.000Z', 'd-1': '2019-05-29T07:00:00.000Z', due: '2019-05-31T07:00:00.000Z', o1: '2019-06-04T07:00:00.000Z', o2: '2019-06-07T07:00:00.000Z', o3: '2019-06-11T07:00:00.000Z' },
    ],
    [
      'reminds on the working day before a due date on midsommarafton, once, and skips nationaldagen while overdue',
      '2019-06-21',
      { 'd-5': '2019-06-14T07:00:00.000Z', due: '2019-06-20T07:00:00.000Z', o1: '2019-06-25T07:00:00.000Z', o2: '2019-06-27T07:00:00.000Z', o3: '2019-07-01T07:00:00.000Z' },
    ],
    [
      'keeps 09:00 local time across the change to summer time (end of March)',
      '2019-04-01',
      { 'd-5': '2019-03-25T08:00:00.000Z', 'd-1': '2019-03-29T08:00:00.000Z', due: '2019-04-01T07:00:00.000Z', o1: '2019-04-03T07:00:00.000Z', o2: '2019-04-05T07:00:00.000Z', o3: '2019-04-09T07:00:00.000Z' },
    ],
    [
      'keeps 09:00 local time across the change to winter time (end of October), skipping alla helgons dag',
      '2019-10-28',
      { 'd-5': '2019-10-21T07:00:00.000Z', 'd-1': '2019-10-25T07:00:00.000Z', due: '2019-10-28T08:00:00.000Z', o1: '2019-10-30T08:00:00.000Z', o2: '2019-11-01T08:00:00.000Z', o3: '2019-11-05T08:00:00.000Z' },
    ],
  ])('%s', (_what, due, expected) => {
    const slots = reminderSlots(round(due));
    expect(Object.fromEntries(slots.map((s) => [s.key, s.at.toISOString()]))).toEqual(expected);
  });

  it('follows the policy of the round: other days, another time, nothing while overdue', () => {
    const policy: LatenessPolicy = { reminders: { beforeDue: [2], onDueDate: false, overdueEvery: 1, overdueMax: 0, at: '13:30' }, escalation: { afterWorkingDays: 0, every: 1, max: 1 } };
    const r = round('2019-05-31', { policy });
    expect(reminderSlots(r).map((s) => [s.key, s.at.toISOString()])).toEqual([['d-2', '2019-05-28T11:30:00.000Z']]);
    expect(escalationSlots(r)).toEqual([]);
  });

  it('escalates 3 working days after the due date, then every 5 working days, twice at most', () => {
    expect(escalationSlots(round('2019-05-31')).map((s) => [s.n, s.at.toISOString()])).toEqual([
      [1, '2019-06-05T07:00:00.000Z'],
      [2, '2019-06-13T07:00:00.000Z'],
    ]);
  });
});

describe('deciding follow-ups', () => {
  const may = round('2019-05-31');

  it.each([
    ['nothing before the first slot', '2019-05-23T06:59:00Z', []],
    ['the 5-day reminder to every unsubmitted plan at 09:00', '2019-05-23T07:00:00Z', ['reminder:drog:d-5', 'reminder:vald:d-5', 'reminder:vatten:d-5', 'reminder:kultur:d-5']],
    ['the 1-day reminder on the Wednesday before Kristi himmelsfärdsdag', '2019-05-29T07:30:00Z', ['reminder:drog:d-1', 'reminder:vald:d-1', 'reminder:vatten:d-1', 'reminder:kultur:d-1']],
    ['the due-date reminder', '2019-05-31T07:00:00Z', ['reminder:drog:due', 'reminder:vald:due', 'reminder:vatten:due', 'reminder:kultur:due']],
  ])('%s', (_what, now, expected) => {
    expect(reminders(decideLateActions(input(may, now)))).toEqual(expected);
  });

  it('reminds only plans that are not submitted: a draft is not submitted, an excluded plan is never reminded', () => {
    const actions = decideLateActions(input(may, '2019-05-29T08:00:00Z', { answers: [submitted('drog'), draft('vald'), submitted('vatten'), submitted('kultur')] }));
    expect(actions).toEqual([{ kind: 'reminder', id: 'reminder:vald:d-1', planId: 'vald', recipient: 'anna@kalmar.se', slot: 'd-1', overdue: false }]);
  });

  it('returns nothing when asked again at the same instant after the actions were performed', () => {
    for (const now of ['2019-05-29T08:00:00Z', '2019-06-05T07:00:00Z', '2019-06-13T12:00:00Z']) {
      const first = input(may, now);
      const actions = decideLateActions(first);
      expect(actions.length).toBeGreaterThan(0);
      expect(decideLateActions(perform(first, actions))).toEqual([]);
    }
  });

  it('after downtime sends only the latest slot that has passed, and nothing when it was sent', () => {
    // Down from before the 5-day reminder until after the due date's.
    const back = input(may, '2019-06-03T10:00:00Z', { answers: [submitted('vald'), submitted('vatten'), submitted('kultur')] });
    expect(reminders(decideLateActions(back))).toEqual(['reminder:drog:due']);
    // The 5-day reminder went out before the downtime: still only the latest.
    expect(reminders(decideLateActions({ ...back, deliveries: delivered('reminder:drog:d-5') }))).toEqual(['reminder:drog:due']);
    expect(reminders(decideLateActions({ ...back, deliveries: delivered('reminder:drog:due') }))).toEqual([]);
  });

  it('sends nothing for a slot when a later slot was already delivered', () => {
    const i = input(may, '2019-05-31T08:00:00Z', { answers: [submitted('vald'), submitted('vatten'), submitted('kultur')], deliveries: delivered('reminder:drog:o1') });
    expect(decideLateActions(i)).toEqual([]);
  });

  it('marks reminders after the due date as overdue, at most overdueMax of them', () => {
    const only = { answers: [submitted('vald'), submitted('vatten'), submitted('kultur')] };
    const o3 = decideLateActions(input(may, '2019-06-11T07:00:00Z', only)).find((a) => a.kind === 'reminder');
    expect(o3).toMatchObject({ id: 'reminder:drog:o3', overdue: true });
    const later = input(may, '2019-06-20T07:00:00Z', { ...only, deliveries: delivered('reminder:drog:o3') });
    expect(reminders(decideLateActions(later))).toEqual([]);
  });

  it('sends nothing before the round was prompted, nor for slots that passed before the prompt', () => {
    expect(decideLateActions(input(round('2019-05-31', { promptedAt: undefined }), '2019-05-29T08:00:00Z'))).toEqual([]);
    // Prompted late, on the morning of the due date after 09:00: the due-date slot is covered by the prompt.
    const late = round('2019-05-31', { opensAt: new Date('2019-05-31T07:30:00Z'), promptedAt: new Date('2019-05-31T07:30:00Z') });
    expect(decideLateActions(input(late, '2019-05-31T12:00:00Z'))).toEqual([]);
  });

  it('counts the slots of a plan prompted later (its officer became reachable) from its own prompt', () => {
    const i = input(may, '2019-05-29T08:00:00Z', {
      answers: [submitted('drog'), submitted('vald'), submitted('kultur')],
      deliveries: [{ id: 'prompt:vatten', planId: 'vatten', claimedAt: new Date('2019-05-29T07:45:00Z') }],
    });
    expect(decideLateActions(i)).toEqual([]);
  });

  it('sends nothing once the round is closed', () => {
    expect(decideLateActions(input(round('2019-05-31', { closedAt: new Date('2019-06-03T12:00:00Z') }), '2019-06-05T08:00:00Z'))).toEqual([]);
    expect(decideLateActions(input(may, '2019-07-15T08:00:00Z', { deliveries: delivered('reminder:drog:o3') }))).toEqual([]);
  });

  describe('snooze, absence and deputy', () => {
    const only = { answers: [submitted('vald'), submitted('vatten'), submitted('kultur')] };
    const snoozed = (until: string) => ({ ...only, settings: [{ planId: 'drog', snoozedUntil: new Date(until) }] });

    it('does not remind a snoozed plan before the snooze ends, then reminds once when it ends', () => {
      expect(reminders(decideLateActions(input(may, '2019-05-29T08:00:00Z', snoozed('2019-05-30T12:00:00Z'))))).toEqual([]);
      const ended = input(may, '2019-05-30T12:00:00Z', snoozed('2019-05-30T12:00:00Z'));
      expect(reminders(decideLateActions(ended))).toEqual(['reminder:drog:s-2019-05-30T12:00:00.000Z']);
      expect(decideLateActions(perform(ended, decideLateActions(ended)))).toEqual([]);
    });

    it('goes on with the regular slots after the snooze', () => {
      const i = input(may, '2019-05-31T07:00:00Z', { ...snoozed('2019-05-30T12:00:00Z'), deliveries: delivered('reminder:drog:s-2019-05-30T12:00:00.000Z') });
      expect(reminders(decideLateActions(i))).toEqual(['reminder:drog:due']);
    });

    it('does not remind an absent officer until the absence ends, then sends the latest slot once', () => {
      const away = { ...only, absences: [{ address: 'Anna@Kalmar.se', until: new Date('2019-05-31T21:59:59Z') }] };
      expect(reminders(decideLateActions(input(may, '2019-05-31T08:00:00Z', away)))).toEqual([]);
      expect(reminders(decideLateActions(input(may, '2019-06-03T07:00:00Z', away)))).toEqual(['reminder:drog:due']);
    });

    it('counts a deputy\'s reminders from the card the delegation gave them, not from slots missed while the officer was away', () => {
      // Anna was away over the 1-day reminder and delegated to Dan at 10:00 on the due date, after its 09:00 slot.
      const i = input(may, '2019-05-31T08:05:00Z', {
        ...only,
        absences: [{ address: 'anna@kalmar.se', until: new Date('2019-06-30T00:00:00Z') }],
        settings: [{ planId: 'drog', deputy: 'dan@kalmar.se' }],
        deliveries: [{ id: 'delegate:drog:dan@kalmar.se', planId: 'drog', claimedAt: new Date('2019-05-31T08:00:00Z') }],
      });
      expect(decideLateActions(i)).toEqual([]);
      // A card that failed and was sent again under an id of its own counts as well.
      const retried = { ...i, deliveries: [{ id: 'delegate:drog:dan@kalmar.se:1559289600000', planId: 'drog', claimedAt: new Date('2019-05-31T08:00:00Z') }] };
      expect(decideLateActions(retried)).toEqual([]);
      // The next slot reaches him.
      expect(reminders(decideLateActions({ ...i, now: new Date('2019-06-04T07:00:00Z') }))).toEqual(['reminder:drog:o1']);
    });

    it('reminds the deputy instead of the officer', () => {
      const i = input(may, '2019-05-29T08:00:00Z', { ...only, settings: [{ planId: 'drog', deputy: 'Dan@Kalmar.se' }] });
      expect(decideLateActions(i)).toEqual([{ kind: 'reminder', id: 'reminder:drog:d-1', planId: 'drog', recipient: 'dan@kalmar.se', slot: 'd-1', overdue: false }]);
      // The officer's absence does not hold back a reminder to the deputy.
      const away = { ...i, absences: [{ address: 'anna@kalmar.se', until: new Date('2019-06-30T00:00:00Z') }] };
      expect(reminders(decideLateActions(away))).toEqual(['reminder:drog:d-1']);
    });
  });

  describe('escalation', () => {
    const escalations = (actions: LateAction[]) => actions.filter((a) => a.kind !== 'reminder');

    it('sends nothing to managers before 3 working days overdue', () => {
      expect(escalations(decideLateActions(input(may, '2019-06-05T06:59:00Z')))).toEqual([]);
    });

    it('sends one digest per manager listing all their people\'s overdue plans, and the coordinators the whole list', () => {
      const i = input(may, '2019-06-05T07:00:00Z', {
        answers: [submitted('kultur'), draft('vald')],
        absences: [{ address: 'bo@kalmar.se', until: new Date('2019-06-09T21:59:59Z') }],
      });
      const actions = escalations(decideLateActions(i));
      expect(actions.map((a) => a.id)).toEqual(['escalation:chef@kalmar.se:1', 'overdue:1']);
      const digest = actions[0];
      expect(digest.kind === 'escalation' && digest.manager).toBe('chef@kalmar.se');
      expect(digest.plans.map((p) => [p.officerName, p.planId, p.absentUntil?.toISOString()])).toEqual([
        ['Anna Andersson', 'drog', undefined],
        ['Anna Andersson', 'vald', undefined],
        ['Bo Berg', 'vatten', '2019-06-09T21:59:59.000Z'],
      ]);
      expect(actions[1].plans.map((p) => p.planId)).toEqual(['drog', 'vald', 'vatten']);
    });

    it('puts officers without a manager only on the coordinators\' list', () => {
      const withDan: RegisterContent = { ...register, plans: [...register.plans, { id: 'idrott', title: 'Idrottsplan', officer: 'dan@kalmar.se' }] };
      const i = input(may, '2019-06-05T07:00:00Z', { register: withDan, answers: [submitted('drog'), submitted('vald'), submitted('vatten'), submitted('kultur')] });
      const actions = decideLateActions(i).filter((a) => a.kind !== 'reminder');
      expect(actions.map((a) => a.id)).toEqual(['overdue:1']);
      expect(actions[0].plans).toEqual([{ planId: 'idrott', title: 'Idrottsplan', officer: 'dan@kalmar.se', officerName: 'Dan Dahl' }]);
    });

    it('escalates again every 5 working days, at most twice, only the latest slot after downtime', () => {
      const twice = input(may, '2019-06-20T07:00:00Z');
      expect(ids(escalations(decideLateActions(twice)))).toEqual(['escalation:chef@kalmar.se:2', 'escalation:kulturchef@kalmar.se:2', 'overdue:2']);
      const done = perform(twice, decideLateActions(twice));
      expect(decideLateActions({ ...done, now: new Date('2019-06-28T07:00:00Z') })).toEqual([]);
    });

    it('leaves out a manager whose people have all submitted', () => {
      const i = input(may, '2019-06-05T07:00:00Z', { answers: [submitted('drog'), submitted('vald'), submitted('vatten')] });
      expect(ids(escalations(decideLateActions(i)))).toEqual(['escalation:kulturchef@kalmar.se:1', 'overdue:1']);
    });

    it('sends nothing at all when every plan is submitted', () => {
      const all = ['drog', 'vald', 'vatten', 'kultur'].map(submitted);
      expect(decideLateActions(input(may, '2019-06-05T07:00:00Z', { answers: all }))).toEqual([]);
    });

    it('never escalates under a policy that says so', () => {
      const policy = { ...DEFAULT_LATENESS_POLICY, escalation: { afterWorkingDays: 0, every: 5, max: 2 } };
      expect(escalations(decideLateActions(input(round('2019-05-31', { policy }), '2019-06-20T07:00:00Z')))).toEqual([]);
    });
  });
});
