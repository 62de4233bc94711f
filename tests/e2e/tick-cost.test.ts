// What the scheduler tick costs the storage account, counted on the Table clients: a tick with
// nothing to do makes the same few requests whatever the register's size, and a follow-up check
// reads what changed since the last one, not every answer and delivery of the round again.

import type { RunningBot } from '../../bot/main';
import { createStorageMeter, createTableStores, type StorageMeter } from '../../storage/tables';
import { benchAnswer, ROUND_ID, seedOpenRound } from '../../bench/seed-round';
import { azuriteConnectionString, uniqueTablePrefix } from '../support/storage';
import { startTestBot } from './support/test-bot';

const TICK_MS = 30_000;
const CHECK_MS = 5 * 60_000;
/** How far before its previous read a refresh reads again with overlapMs 0: the Date header's whole second, and the second before it. */
const LOOK_BACK_MS = 2000;

interface Cost {
  requests: number;
  bytes: number;
  /** Bytes read per table, e.g. `Answers`. */
  byTable: Record<string, number>;
}

async function botWithRound(plans: number): Promise<{ bot: RunningBot; meter: StorageMeter; setNow: (ms: number) => void; answer: (plan: number) => Promise<void> }> {
  // A Tuesday, 10:00 in Stockholm (office hours); the round opened yesterday and is due in four weeks.
  let now = new Date('2026-03-10T09:00:00Z');
  const meter = createStorageMeter();
  const tablePrefix = uniqueTablePrefix();
  // No look-back for late writes: the rows the test just wrote are not read again for it.
  const stores = await createTableStores(azuriteConnectionString(), { tablePrefix, meter, readModel: { overlapMs: 0 } });
  await seedOpenRound(stores, { plans, now });
  // A refresh reads again what was written up to two seconds before the previous read (the
  // service's Date header has whole seconds, and the refresh starts a second before it).
  // Let the seeded rows fall out of that window, so that the follow-up check reads only what
  // the test writes afterwards, at every size and speed of the machine.
  await new Promise((resolve) => setTimeout(resolve, LOOK_BACK_MS + 100));
  const bot = await startTestBot(stores, () => now, { FOLLOW_UP_CHECK_MINUTES: '5', SCHEDULER_INTERVAL_SECONDS: '30' });
  const start = now.getTime();
  return {
    bot,
    meter,
    setNow: (ms) => (now = new Date(start + ms)),
    answer: async (plan) => {
      const current = await stores.answers.current(ROUND_ID, `plan-${plan}`);
      await stores.answers.append(benchAnswer(ROUND_ID, plan, (current?.value.latest.version ?? 0) + 1, 'submitted', now), current?.etag ?? null);
    },
  };
}

async function costOf(meter: StorageMeter, work: () => Promise<unknown>): Promise<Cost> {
  const byTable: Record<string, number> = {};
  meter.reset();
  meter.trace = (request, bytes) => {
    const table = /^\w+ \/[^/]+\/t[a-z0-9]+?([A-Z][A-Za-z]+)[(?]/.exec(request)?.[1] ?? 'other';
    byTable[table] = (byTable[table] ?? 0) + bytes;
  };
  await work();
  meter.trace = undefined;
  return { requests: meter.requests, bytes: meter.bytesRead, byTable };
}

describe('the cost of a scheduler tick', () => {
  const bots: RunningBot[] = [];
  afterAll(async () => {
    for (const bot of bots) await bot.stop();
  });

  async function measure(plans: number): Promise<{ idle: Cost[]; check: Cost }> {
    const { bot, meter, setNow, answer } = await botWithRound(plans);
    bots.push(bot);
    // The first tick after start reads everything once (and runs the first follow-up check).
    await bot.tick();
    const idle: Cost[] = [];
    for (let i = 1; i <= 3; i++) {
      setNow(i * TICK_MS);
      idle.push(await costOf(meter, () => bot.tick()));
    }
    // Two officers answer; then the follow-up check is due.
    await answer(1);
    await answer(2);
    setNow(CHECK_MS);
    const check = await costOf(meter, () => bot.tick());
    return { idle, check };
  }

  it('makes the same few requests when nothing is to be done, at 50 plans as at 500', async () => {
    const small = await measure(50);
    const large = await measure(500);
    for (const tick of [...small.idle, ...large.idle]) {
      expect(tick.requests).toBeLessThanOrEqual(5);
      // The register head, the rounds' and requests' changes (none), the channel and the lease.
      expect(tick.bytes).toBeLessThan(4 * 1024);
    }
    expect(large.idle.map((t) => t.requests)).toEqual(small.idle.map((t) => t.requests));

    // The follow-up check reads the two answers written since, not the round's 500 answers and deliveries.
    expect(large.check.requests).toBe(small.check.requests);
    expect(large.check.byTable.Answers).toBeLessThan(8 * 1024); // two rows of about 1 KiB; all of them: some 180 KiB
    expect(large.check.byTable.Deliveries ?? 0).toBeLessThan(1024);
    expect(large.check.byTable.Registers).toBeLessThan(1024);
    expect(large.check.byTable.Contacts ?? 0).toBe(0);
    expect(large.check.bytes).toBeLessThan(small.check.bytes + 1024);
  });
});
