// npm run bench:tick — what the scheduler tick costs the storage account when nothing happens,
// and what a follow-up check costs, with an open round of 1,000 and of 10,000 plans. The real
// composition root (startBot, local mode) over an in-memory Azurite; every Table client carries
// a pipeline policy that counts requests and the bytes of the responses. The clock is virtual:
// the tick runs as the scheduler would run it, 30 s apart, and the follow-up check comes every
// FOLLOW_UP_CHECK_MINUTES (5). A few answers are written between the checks, as officers would.
//
//   npm run bench:tick [-- --plans 1000,10000 --idle 5 --checks 3]
//
// Targets: an idle tick ≤ 5 requests and ≤ 50 ms at any size; a follow-up check ≤ 1 s at
// 10,000 plans. Times are wall-clock on this machine: others sharing the CPU make them longer.

import { parseArgs } from 'node:util';
import { silentLogger } from '../bot/app/logger';
import { loadConfig } from '../bot/config';
import { startBot, type RunningBot } from '../bot/main';
import { startAzurite } from '../storage/azurite';
import { createStorageMeter, createTableStores, type StorageMeter } from '../storage/tables';
import type { Stores } from '../storage/ports';
import { benchAnswer, letSeedAge, seedOpenRound, ROUND_ID } from './seed-round';

const { values } = parseArgs({
  options: {
    plans: { type: 'string', default: '1000,10000' },
    idle: { type: 'string', default: '5' },
    checks: { type: 'string', default: '3' },
  },
});
const SIZES = values.plans.split(',').map(Number);
const IDLE_TICKS = Number(values.idle);
const CHECKS = Number(values.checks);
const TICK_MS = 30_000;
const CHECK_MS = 5 * 60_000;
/** Answers written between two follow-up checks (officers at work). */
const ANSWERS_BETWEEN_CHECKS = 20;
if (!(IDLE_TICKS >= 1 && IDLE_TICKS * TICK_MS < CHECK_MS)) throw new Error(`--idle must be 1 to ${CHECK_MS / TICK_MS - 1}: the idle ticks come between two follow-up checks`);
// A Tuesday, 10:00 in Stockholm: inside office hours.
const START = new Date('2026-03-10T09:00:00Z');

interface Cost {
  requests: number;
  bytes: number;
  ms: number;
}

async function measure(meter: StorageMeter, work: () => Promise<unknown>): Promise<Cost> {
  meter.reset();
  const started = process.hrtime.bigint();
  await work();
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  return { requests: meter.requests, bytes: meter.bytesRead, ms };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function describe(label: string, costs: Cost[]): string {
  const worst = (key: keyof Cost) => Math.max(...costs.map((c) => c[key]));
  const mid = (key: keyof Cost) => median(costs.map((c) => c[key]));
  const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;
  return (
    `  ${label.padEnd(34)} requests ${mid('requests')} (max ${worst('requests')}), ` +
    `read ${kb(mid('bytes'))} (max ${kb(worst('bytes'))}), ` +
    `time ${mid('ms').toFixed(1)} ms (max ${worst('ms').toFixed(1)} ms)`
  );
}

async function runSize(connectionString: string, plans: number): Promise<void> {
  const meter = createStorageMeter();
  if (process.env.BENCH_TRACE) meter.trace = (request, bytes) => console.log(`    ${bytes} ${request.slice(0, 300)}`);
  let now = new Date(START);
  const stores: Stores = await createTableStores(connectionString, { tablePrefix: `tick${plans}`, meter });
  const seedStarted = Date.now();
  await seedOpenRound(stores, { plans, now });
  const seeded = ((Date.now() - seedStarted) / 1000).toFixed(1);
  await letSeedAge();
  const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', DEMO_REGISTER: 'false' });
  const bot: RunningBot = await startBot(config, { clock: { now: () => now }, log: silentLogger, scheduler: false, stores });
  try {
    const tick = () => bot.tick();
    const first = await measure(meter, tick);
    const idle: Cost[] = [];
    const checks: Cost[] = [];
    let answered = 0;
    for (let check = 0; check < CHECKS; check++) {
      for (let i = 0; i < IDLE_TICKS; i++) {
        now = new Date(now.getTime() + TICK_MS);
        idle.push(await measure(meter, tick));
      }
      // Officers answer meanwhile (not counted: it is their commands' cost, not the tick's).
      for (let i = 0; i < ANSWERS_BETWEEN_CHECKS; i++, answered++) {
        const plan = (answered * 7 + 1) % plans;
        const current = await stores.answers.current(ROUND_ID, `plan-${plan}`);
        const version = (current?.value.latest.version ?? 0) + 1;
        await stores.answers.append(benchAnswer(ROUND_ID, plan, version, 'submitted', now), current?.etag ?? null);
      }
      now = new Date(START.getTime() + (check + 1) * CHECK_MS);
      checks.push(await measure(meter, tick));
    }
    console.log(`${plans} plans (seeded in ${seeded} s):`);
    console.log(describe('first tick after start (cold)', [first]));
    console.log(describe(`idle tick (${idle.length} ticks)`, idle));
    console.log(describe(`tick with follow-up check (${checks.length})`, checks));
  } finally {
    await bot.stop();
  }
}

async function main(): Promise<void> {
  const azurite = await startAzurite({ inMemory: true });
  try {
    console.log(`Scheduler tick against Azurite (in memory), ${IDLE_TICKS} idle ticks 30 s apart before each follow-up check, ` +
      `${ANSWERS_BETWEEN_CHECKS} answers written between checks. Median (max); wall-clock times on a shared machine.`);
    for (const plans of SIZES) await runSize(azurite.connectionString, plans);
  } finally {
    await azurite.stop();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
