// The tab's round dashboard as a read model, on the in-memory stores: the plans a viewer may see,
// at risk and delayed first; the lists a coordinator chases; the answers day by day.

import { tabViewerOf } from '../../../../bot/app/access';
import { roundDashboard } from '../../../../bot/app/dashboard/round-dashboard';
import { roundList } from '../../../../bot/app/dashboard/round-list';
import type { AnswerVersion } from '../../../../bot/domain/answer';
import { actor, appFixture, register } from '../../../support/app-fixture';

type Fixture = Awaited<ReturnType<typeof appFixture>>;

async function submit(f: Fixture, planId: string, at: string, status?: string, state: AnswerVersion['state'] = 'submitted') {
  await f.stores.answers.append(
    {
      roundId: f.round.id,
      planId,
      version: 1,
      state,
      content: { texts: { status: 'Text', done: '', current: '', risks: '', completion: '' }, ...(status ? { status } : {}) },
      answeredBy: 'anna@kalmar.se',
      answeredByName: 'Anna Andersson',
      at: new Date(at),
    },
    null,
  );
}

const dashboardFor = async (f: Fixture, address: string, locale: 'sv' | 'en' = 'sv') =>
  (await roundDashboard(f.deps, f.round, tabViewerOf(register, actor(address)), locale))!;

describe('the round dashboard', () => {
  it('lists the plans at risk and delayed first, in the scale\'s order, then by title', async () => {
    const f = await appFixture();
    await submit(f, 'vatten', '2019-03-07T10:00:00Z', 'delayed');
    await submit(f, 'drog', '2019-03-05T10:00:00Z', 'at-risk');
    const dashboard = await dashboardFor(f, 'samordnare@kalmar.se');
    expect(dashboard.plans.map((p) => [p.planId, p.statusLabel])).toEqual([
      ['drog', 'Risk för försening'],
      ['vatten', 'Försenad/avvaktar'],
      ['vald', 'Ej besvarad'],
    ]);
  });

  it('puts the plans on track after the ones at risk, by title', async () => {
    const f = await appFixture();
    await submit(f, 'drog', '2019-03-05T10:00:00Z', 'on-track');
    await submit(f, 'vatten', '2019-03-05T10:00:00Z', 'at-risk');
    expect((await dashboardFor(f, 'samordnare@kalmar.se')).plans.map((p) => p.planId)).toEqual(['vatten', 'drog', 'vald']);
  });

  it('lists the drafts only, the unanswered, and after the due date the overdue and the away', async () => {
    const f = await appFixture();
    await submit(f, 'drog', '2019-03-05T10:00:00Z', 'on-track');
    await submit(f, 'vald', '2019-03-06T10:00:00Z', undefined, 'draft');
    await f.stores.settings.saveAbsence({ address: 'bo@kalmar.se', until: new Date('2019-04-10T21:59:59Z'), setBy: 'bo@kalmar.se', setAt: new Date('2019-03-02T10:00:00Z') });
    const before = await dashboardFor(f, 'samordnare@kalmar.se');
    expect(before.lists).toMatchObject({ unanswered: ['vatten'], draftsOnly: ['vald'], overdue: [], away: ['vatten'] });
    expect(before.round.overdue).toBe(false);
    f.setNow('2019-04-02T08:00:00Z');
    const after = await dashboardFor(f, 'samordnare@kalmar.se');
    expect(after.lists.overdue).toEqual(['vald', 'vatten']);
    expect(after.round.overdue).toBe(true);
  });

  it('counts the answers day by day from the opening to the due date, then up to today', async () => {
    const f = await appFixture();
    await submit(f, 'drog', '2019-03-05T10:00:00Z', 'on-track');
    await submit(f, 'vatten', '2019-03-05T22:30:00Z', 'on-track'); // 23:30 in Stockholm: still the 5th
    const days = (await dashboardFor(f, 'samordnare@kalmar.se')).byDay;
    expect(days[0]).toEqual({ day: '2019-03-01', submitted: 0, cumulative: 0 });
    expect(days.find((d) => d.day === '2019-03-05')).toEqual({ day: '2019-03-05', submitted: 2, cumulative: 2 });
    expect(days.at(-1)).toEqual({ day: '2019-04-01', submitted: 0, cumulative: 2 });
    f.setNow('2019-04-03T08:00:00Z');
    expect((await dashboardFor(f, 'samordnare@kalmar.se')).byDay.at(-1)?.day).toBe('2019-04-03');
  });

  it('shows a manager their officers\' plans and an officer their own, counted over those only', async () => {
    const f = await appFixture();
    await submit(f, 'vatten', '2019-03-05T10:00:00Z', 'at-risk');
    expect((await dashboardFor(f, 'chef@kalmar.se')).plans.map((p) => p.planId)).toEqual(['vatten', 'drog', 'vald']);
    const bo = await dashboardFor(f, 'bo@kalmar.se');
    expect(bo.plans.map((p) => p.planId)).toEqual(['vatten']);
    expect(bo.statuses.find((s) => s.id === 'at-risk')).toEqual({ id: 'at-risk', label: 'Risk för försening', colour: 'warning', count: 1 });
    expect(bo.canRemind).toBe(false);
    expect(await roundDashboard(f.deps, f.round, tabViewerOf(register, actor('okand@kalmar.se')), 'sv')).toBeUndefined();
  });

  it('lists the rounds with the answered and total a viewer may see', async () => {
    const f = await appFixture();
    await submit(f, 'drog', '2019-03-05T10:00:00Z', 'on-track');
    const list = await roundList(f.deps, tabViewerOf(register, actor('anna@kalmar.se')));
    expect(list.map((r) => [r.id, r.phase, r.answered, r.total])).toEqual([[f.round.id, 'open', 1, 2]]);
    expect(await roundList(f.deps, tabViewerOf(register, actor('okand@kalmar.se')))).toEqual([]);
  });
});
