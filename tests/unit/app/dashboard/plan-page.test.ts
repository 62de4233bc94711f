// A plan's page and the plan across rounds as read models, on the in-memory stores: what was
// sent for the plan, its versions newest first, and the rounds a deputy may see it in.

import { tabViewerOf } from '../../../../bot/app/access';
import { planAcrossRounds, planPage } from '../../../../bot/app/dashboard/plan-page';
import type { AnswerVersion } from '../../../../bot/domain/answer';
import { buildRound, type Round } from '../../../../bot/domain/round';
import type { TabPlanAcrossRounds, TabPlanPage } from '../../../../bot/domain/tab-views';
import type { Delivery } from '../../../../storage/ports';
import { actor, appFixture, contact, register } from '../../../support/app-fixture';

type Fixture = Awaited<ReturnType<typeof appFixture>>;

const viewer = (address: string) => tabViewerOf(register, actor(address));

function version(round: Round, planId: string, n: number, state: AnswerVersion['state'], at: string, status?: string): AnswerVersion {
  return {
    roundId: round.id,
    planId,
    version: n,
    state,
    content: { texts: { status: `Version ${n}`, done: '', current: '', risks: '', completion: '' }, ...(status ? { status } : {}) },
    answeredBy: 'anna@kalmar.se',
    answeredByName: 'Anna Andersson',
    at: new Date(at),
  };
}

async function sent(f: Fixture, d: Partial<Delivery> & Pick<Delivery, 'id' | 'kind' | 'planId' | 'recipient'>, at: string, outcome: Delivery['outcome'] = 'sent') {
  await f.stores.deliveries.claim({ roundId: f.round.id, outcome: 'claimed', claimedAt: new Date(at), ...d });
  await f.stores.deliveries.complete({ roundId: f.round.id, outcome, claimedAt: new Date(at), completedAt: new Date(at), ...d });
}

async function earlierRound(f: Fixture): Promise<Round> {
  const { round } = buildRound(
    { id: 'kf-2018', title: 'Uppföljning KF 2018', year: '2018', opensDate: '2018-03-01', dueDate: '2018-04-01', closesDate: '2018-04-30' },
    { timeZone: 'Europe/Stockholm', createdBy: 'samordnare@kalmar.se', createdAt: new Date('2018-02-01T00:00:00Z') },
  );
  await f.stores.rounds.create(round!);
  return round!;
}

describe("a plan's page", () => {
  it('lists the prompt, the reminders and the escalations to the manager before the plan was submitted, oldest first', async () => {
    const f = await appFixture();
    await f.stores.contacts.save(contact('anna@kalmar.se'));
    await sent(f, { id: 'reminder:drog:1', kind: 'reminder', planId: 'drog', recipient: 'aad-anna' }, '2019-03-10T08:00:00Z');
    await sent(f, { id: 'prompt:drog', kind: 'prompt', planId: 'drog', recipient: 'aad-anna' }, '2019-03-01T08:00:00Z');
    await sent(f, { id: 'reminder:drog:2', kind: 'reminder', planId: 'drog', recipient: 'aad-anna' }, '2019-03-11T08:00:00Z', 'failed');
    await sent(f, { id: 'prompt:vatten', kind: 'prompt', planId: 'vatten', recipient: 'aad-bo' }, '2019-03-01T08:00:00Z');
    await sent(f, { id: 'escalation:chef@kalmar.se:1', kind: 'escalation', planId: '', recipient: 'chef@kalmar.se' }, '2019-03-12T08:00:00Z');
    await f.stores.answers.append(version(f.round, 'drog', 1, 'submitted', '2019-03-15T08:00:00Z', 'on-track'), null);
    await sent(f, { id: 'escalation:chef@kalmar.se:2', kind: 'escalation', planId: '', recipient: 'chef@kalmar.se' }, '2019-03-20T08:00:00Z');
    const page = (await planPage(f.deps, f.round, 'drog', viewer('anna@kalmar.se'), 'sv')) as TabPlanPage;
    expect(page.sent).toEqual([
      { kind: 'prompt', at: '2019-03-01T08:00:00.000Z', to: 'Anna Andersson' },
      { kind: 'reminder', at: '2019-03-10T08:00:00.000Z', to: 'Anna Andersson' },
      { kind: 'escalation', at: '2019-03-12T08:00:00.000Z', to: 'chef@kalmar.se' },
    ]);
  });

  it('shows every version newest first, with the status in words', async () => {
    const f = await appFixture();
    await f.stores.answers.append(version(f.round, 'drog', 1, 'draft', '2019-03-02T08:00:00Z'), null);
    const current = await f.stores.answers.current(f.round.id, 'drog');
    await f.stores.answers.append(version(f.round, 'drog', 2, 'submitted', '2019-03-03T08:00:00Z', 'delayed'), current!.etag);
    const page = (await planPage(f.deps, f.round, 'drog', viewer('chef@kalmar.se'), 'en')) as TabPlanPage;
    expect(page.versions.map((v) => [v.version, v.state, v.statusLabel, v.answers[0].label, v.answers[0].text])).toEqual([
      [2, 'submitted', 'Delayed/on hold', 'Current status', 'Version 2'],
      [1, 'draft', undefined, 'Current status', 'Version 1'],
    ]);
  });

  it('refuses another officer, and names no plan outside the round', async () => {
    const f = await appFixture();
    expect(await planPage(f.deps, f.round, 'drog', viewer('bo@kalmar.se'), 'sv')).toEqual({ kind: 'refused' });
    expect(await planPage(f.deps, f.round, 'miljo', viewer('samordnare@kalmar.se'), 'sv')).toEqual({ kind: 'not-found' });
    expect(await planPage(f.deps, f.round, 'finns-inte', viewer('samordnare@kalmar.se'), 'sv')).toEqual({ kind: 'not-found' });
  });
});

describe('the plan across rounds', () => {
  it('gives each round its status and submitted answer, newest first; a draft is not an answer', async () => {
    const f = await appFixture();
    const earlier = await earlierRound(f);
    await f.stores.answers.append(version(earlier, 'drog', 1, 'submitted', '2018-03-10T08:00:00Z', 'on-track'), null);
    await f.stores.answers.append(version(f.round, 'drog', 1, 'draft', '2019-03-02T08:00:00Z'), null);
    const across = (await planAcrossRounds(f.deps, 'drog', viewer('anna@kalmar.se'), 'sv')) as TabPlanAcrossRounds;
    expect(across.rounds.map((r) => [r.roundId, r.statusLabel, r.submittedAt, r.answers.map((a) => a.text)[0]])).toEqual([
      [f.round.id, 'Utkast', undefined, undefined],
      ['kf-2018', 'I fas', '2018-03-10T08:00:00.000Z', 'Version 1'],
    ]);
  });

  it('shows a deputy only the rounds the plan was delegated to them in', async () => {
    const f = await appFixture();
    await earlierRound(f);
    await f.stores.settings.savePlan({ roundId: f.round.id, planId: 'vatten', deputy: 'anna@kalmar.se', delegatedBy: 'bo@kalmar.se', updatedBy: 'bo@kalmar.se', updatedAt: new Date('2019-03-02T08:00:00Z') }, null);
    const anna = (await planAcrossRounds(f.deps, 'vatten', viewer('anna@kalmar.se'), 'sv')) as TabPlanAcrossRounds;
    expect(anna.rounds.map((r) => r.roundId)).toEqual([f.round.id]);
    const bo = (await planAcrossRounds(f.deps, 'vatten', viewer('bo@kalmar.se'), 'sv')) as TabPlanAcrossRounds;
    expect(bo.rounds.map((r) => r.roundId)).toEqual([f.round.id, 'kf-2018']);
    expect(await planAcrossRounds(f.deps, 'drog', viewer('bo@kalmar.se'), 'sv')).toEqual({ kind: 'refused' });
  });
});
