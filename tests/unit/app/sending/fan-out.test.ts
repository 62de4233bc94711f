// A round opening for many officers, in virtual time: a messenger with Teams-like latency behind
// the real pacing and send policy shows the rate promptRound reaches, and that each officer's
// 1:1 chat is created once and reused for their other plans.

import type { AppDeps } from '../../../../bot/app/deps';
import { silentLogger } from '../../../../bot/app/logger';
import { openDueRounds, promptRound } from '../../../../bot/app/rounds/open-rounds';
import { SendPacing } from '../../../../bot/app/sending/pacer';
import type { Messenger, SentCard } from '../../../../bot/app/ports';
import { DEFAULT_RETRY, SendPolicy } from '../../../../bot/app/sending/send-policy';
import type { Contact } from '../../../../bot/domain/contact';
import type { RegisterContent } from '../../../../bot/domain/register';
import { buildRound } from '../../../../bot/domain/round';
import { createMemoryStores } from '../../../../storage/memory';
import { appFixture, contact } from '../../../support/app-fixture';
import { virtualTime, type VirtualTime } from '../../../support/virtual-time';

const LATENCY_MS = 150;

/** Sends through the real policy; every request takes LATENCY_MS; records when it reached "Teams". */
class LatentMessenger implements Messenger {
  readonly delivered: Array<{ at: number; conversationId: string; plan: string }> = [];
  created = 0;
  constructor(
    private readonly time: VirtualTime,
    private readonly policy: SendPolicy,
  ) {}
  async sendCard(contact: Contact, card: any): Promise<SentCard> {
    let conversationId = (contact.conversation as { conversationId?: string }).conversationId;
    if (!conversationId) {
      conversationId = await this.policy.run(undefined, async () => {
        await this.time.wait(LATENCY_MS);
        this.created++;
        return `a:${contact.aadObjectId}`;
      });
    }
    const id = conversationId;
    await this.policy.run(id, async () => {
      await this.time.wait(LATENCY_MS);
      this.delivered.push({ at: this.time.now(), conversationId: id, plan: JSON.stringify(card).match(/plan-\d+-\d+/)?.[0] ?? '' });
    });
    return { activityId: `act-${this.delivered.length}`, conversationId: id, contact: { ...contact, conversation: { conversationId: id } } };
  }
  async sendText(): Promise<SentCard> {
    throw new Error('not used');
  }
  async postToChannel(): Promise<string[]> {
    return [];
  }
  async updateCard(): Promise<void> {}
}

async function openRoundFor(officers: number, plansPerOfficer: (i: number) => number, rate: number, concurrency: number, chats = false) {
  const time = virtualTime(Date.parse('2019-03-01T08:00:00Z'));
  const stores = createMemoryStores();
  const pacing = new SendPacing({ perTenant: rate, perConversation: 7 }, time.now, time.wait);
  const messenger = new LatentMessenger(time, new SendPolicy(pacing, DEFAULT_RETRY, time.wait, () => 0.5));
  const deps: AppDeps = {
    stores,
    clock: { now: () => new Date(time.now()) },
    messenger,
    directory: { findUsers: async () => [] },
    log: silentLogger,
    officeHours: 'always',
    sending: { concurrency },
  };
  const register: RegisterContent = { plans: [], people: [], coordinators: [] };
  for (let i = 0; i < officers; i++) {
    const address = `officer${i}@kommun.se`;
    register.people.push({ id: address, name: `Officer ${i}` });
    for (let p = 0; p < plansPerOfficer(i); p++) register.plans.push({ id: `plan-${i}-${p}`, title: `plan-${i}-${p}`, officer: address });
    await stores.contacts.save({ aadObjectId: `aad-${i}`, teamsUserId: `29:${i}`, name: `Officer ${i}`, upn: address, conversation: chats ? { conversationId: `a:aad-${i}` } : {}, updatedAt: new Date(0) });
  }
  await stores.registers.saveVersion(register, { importedBy: 'test', importedAt: new Date(time.now()), source: 'test' });
  const { round } = buildRound(
    { title: 'Uppföljning KF 2019', year: '2019', opensDate: '2019-03-01', opensTime: '08:00', dueDate: '2019-04-01', closesDate: '2019-04-30' },
    { timeZone: 'Europe/Stockholm', createdBy: 'test', createdAt: new Date(time.now()) },
  );
  await stores.rounds.create(round!);
  const started = time.now();
  const [report] = await time.run(() => openDueRounds(deps));
  return { report, messenger, started, stores, roundId: round!.id, time, deps };
}

describe('a round opening for many officers', () => {
  it('reaches at least 90% of the configured tenant rate despite the round trip of each send', async () => {
    // Officers whose 1:1 chat exists (creating one is a request of its own against the rate).
    const { report, messenger } = await openRoundFor(600, () => 1, 30, 90, true);
    expect(report).toMatchObject({ sent: 600, failed: 0, pending: 0 });
    const times = messenger.delivered.map((d) => d.at).sort((a, b) => a - b);
    const perSecond = (times.length - 1) / ((times[times.length - 1] - times[0]) / 1000);
    expect(perSecond).toBeGreaterThanOrEqual(27);
    expect(perSecond).toBeLessThanOrEqual(30.5);
  });

  it('stays at the round trip (about 6 a second here) when only one send is in flight', async () => {
    const { messenger } = await openRoundFor(30, () => 1, 30, 1, true);
    const times = messenger.delivered.map((d) => d.at).sort((a, b) => a - b);
    expect((times.length - 1) / ((times[times.length - 1] - times[0]) / 1000)).toBeLessThan(7);
  });

  it("creates each officer's 1:1 chat once and sends their plans one after the other into it", async () => {
    const { report, messenger } = await openRoundFor(40, (i) => (i % 4 === 0 ? 3 : 1), 30, 90);
    expect(report.sent).toBe(10 * 3 + 30);
    expect(messenger.created).toBe(40);
    const officer0 = messenger.delivered.filter((d) => d.conversationId === 'a:aad-0');
    expect(officer0.map((d) => d.plan)).toEqual(['plan-0-0', 'plan-0-1', 'plan-0-2']);
  });

  it('sends nothing twice when the round is opened again', async () => {
    const { stores, roundId, messenger, deps, time } = await openRoundFor(20, () => 2, 30, 90);
    const round = (await stores.rounds.get(roundId))!.value;
    expect(await time.run(() => promptRound(deps, round))).toMatchObject({ sent: 0, alreadyClaimed: 40, pending: 0 });
    const deliveries = await stores.deliveries.list(roundId);
    expect(deliveries).toHaveLength(40);
    expect(deliveries.every((d) => d.outcome === 'sent' && d.attempts === 1)).toBe(true);
    expect(messenger.delivered).toHaveLength(40);
  });
});

describe('a restart after a crash between claim and send', () => {
  async function crashedRound() {
    const f = await appFixture();
    await f.stores.contacts.save(contact('anna@kalmar.se'));
    await f.stores.contacts.save(contact('bo@kalmar.se'));
    // The process that died had claimed Bo's prompt at 08:00 and sent Anna's first one.
    const claimedAt = new Date('2019-03-01T08:00:00Z');
    const base = { roundId: f.round.id, kind: 'prompt' as const, recipient: 'aad-x', outcome: 'claimed' as const, claimedAt };
    await f.stores.deliveries.claim({ ...base, id: 'prompt:vatten', planId: 'vatten' });
    await f.stores.deliveries.claim({ ...base, id: 'prompt:drog', planId: 'drog' });
    await f.stores.deliveries.complete({ ...base, id: 'prompt:drog', planId: 'drog', outcome: 'sent', completedAt: claimedAt });
    f.deps.sending = { deliveryLeaseMs: 300_000 };
    return f;
  }

  it('sends what was never claimed at once, and leaves the claim of the dead process until its lease expires', async () => {
    const f = await crashedRound();
    f.setNow('2019-03-01T08:02:00Z');
    const [report] = await openDueRounds(f.deps);
    expect(report).toMatchObject({ sent: 1, pending: 1 });
    expect(f.messenger.sent.map((s) => s.to.upn)).toEqual(['anna@kalmar.se']);
    // Not done opening: the next tick looks again.
    expect((await f.stores.rounds.get(f.round.id))!.value.promptedAt).toBeUndefined();
  });

  it('sends the left-behind prompt once its lease expired, once, and never what was sent', async () => {
    const f = await crashedRound();
    f.setNow('2019-03-01T08:06:00Z');
    const [report] = await openDueRounds(f.deps);
    expect(report).toMatchObject({ sent: 2, pending: 0 });
    expect(f.messenger.sent.map((s) => s.to.upn).sort()).toEqual(['anna@kalmar.se', 'bo@kalmar.se']);
    expect(await f.stores.deliveries.get(f.round.id, 'prompt:vatten')).toMatchObject({ outcome: 'sent', attempts: 2 });
    expect((await f.stores.rounds.get(f.round.id))!.value.promptedAt).toBeDefined();
  });

  it('does not take over a second time when the taker died too', async () => {
    const f = await crashedRound();
    f.setNow('2019-03-01T08:06:00Z');
    const vatten = { roundId: f.round.id, id: 'prompt:vatten', kind: 'prompt' as const, planId: 'vatten', recipient: 'aad-bo', outcome: 'claimed' as const };
    expect(await f.stores.deliveries.claim({ ...vatten, claimedAt: f.deps.clock.now() }, { staleBefore: new Date('2019-03-01T08:01:00Z') })).toBe(true);
    f.setNow('2019-03-01T09:00:00Z');
    const [report] = await openDueRounds(f.deps);
    expect(report).toMatchObject({ sent: 1, alreadyClaimed: 2, pending: 0 });
    expect(f.messenger.sent.map((s) => s.to.upn)).toEqual(['anna@kalmar.se']);
  });
});
