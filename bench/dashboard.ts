// npm run bench:dashboard — the Teams tab's API at the size of a large municipality: a round of
// 1,000 plans in the middle of its answers (bench/seed-round.ts) and the same plans in 3 earlier
// rounds, all submitted, in Azurite. The bot runs as `npm start` runs it (local mode, signing in
// with X-Sign-In-As as the coordinator); each API call of the dashboard is timed over loopback
// HTTP (so the time is the server's, plus a loopback round trip) and its storage requests are
// counted by a proxy in front of the emulator. The number of storage requests must not grow
// with the plans: the figures are printed at 100 plans too. Then the page itself in headless
// Chromium (bench/dashboard-page.ts): the time until the table of the plans is usable, and the
// page's JavaScript size.
//
//   npm run bench:dashboard [-- --plans 1000 --runs 10]

import path from 'node:path';
import { parseArgs } from 'node:util';
import { silentLogger } from '../bot/app/logger';
import { loadConfig } from '../bot/config';
import { buildRound, type Round } from '../bot/domain/round';
import { DEFAULT_TIME_ZONE } from '../bot/domain/time';
import { startBot, type RunningBot } from '../bot/main';
import { startAzurite, type RunningAzurite } from '../storage/azurite';
import type { Stores } from '../storage/ports';
import { createTableStores } from '../storage/tables';
import { dashboardPageFigures } from './dashboard-page';
import { benchAnswer, inParallel, letSeedAge, planId, ROUND_ID, seedOpenRound } from './seed-round';
import { startStorageRequestCounter } from './storage-request-counter';

const { values } = parseArgs({
  options: {
    plans: { type: 'string', default: '1000' },
    runs: { type: 'string', default: '10' },
  },
});
const PLANS = Number(values.plans);
const RUNS = Number(values.runs);
const EARLIER_ROUNDS = 3;
const NOW = new Date('2019-03-20T09:00:00Z');
const COORDINATOR = 'sara@kalmar.se';
const TARGET_MS = 150;

/** The same plans followed up in each of the years before, every plan submitted. */
async function seedEarlierRounds(stores: Stores, plans: number): Promise<void> {
  for (let n = 1; n <= EARLIER_ROUNDS; n++) {
    const year = NOW.getUTCFullYear() - n;
    const built = buildRound(
      { id: `${ROUND_ID}-${year}`, title: `Uppföljning KF ${year}`, year: String(year), opensDate: `${year}-03-01`, dueDate: `${year}-04-01`, closesDate: `${year}-04-30` },
      { timeZone: DEFAULT_TIME_ZONE, createdBy: 'bench', createdAt: new Date(`${year}-02-01T00:00:00Z`) },
    );
    const round = built.round as Round;
    await stores.rounds.create(round);
    await inParallel(plans, 32, (i) => stores.answers.append(benchAnswer(round.id, i, 1, 'submitted', new Date(`${year}-03-10T10:00:00Z`)), null).then(() => undefined));
  }
}

/** The API calls the dashboard makes, in the order the page makes them. */
const CALLS = [
  { name: 'GET rounds', path: '/api/tab/rounds' },
  { name: "GET a round's dashboard", path: `/api/tab/rounds/${ROUND_ID}` },
  { name: "GET a plan's page", path: `/api/tab/rounds/${ROUND_ID}/plans/${planId(0)}` },
  { name: 'GET the plan across rounds', path: `/api/tab/plans/${planId(0)}/rounds` },
];

async function timedGet(bot: RunningBot, path: string): Promise<{ ms: number; bytes: number }> {
  const start = process.hrtime.bigint();
  const response = await fetch(`${bot.url}${path}`, { headers: { 'x-sign-in-as': COORDINATOR } });
  const body = await response.arrayBuffer();
  if (response.status !== 200) throw new Error(`${path} answered ${response.status}`);
  return { ms: Number(process.hrtime.bigint() - start) / 1e6, bytes: body.byteLength };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function measure(azurite: RunningAzurite, plans: number): Promise<void> {
  const counter = await startStorageRequestCounter(azurite.port);
  const connectionString = azurite.connectionString.replace(`:${azurite.port}/`, `:${counter.port}/`);
  const stores = await createTableStores(connectionString, { tablePrefix: `dash${plans}` });
  await seedOpenRound(stores, { plans, now: NOW });
  await seedEarlierRounds(stores, plans);
  await letSeedAge();
  const bot = await startBot(loadConfig({ PORT: '0', DEMO_REGISTER: 'false' }), { clock: { now: () => NOW }, log: silentLogger, scheduler: false, stores });
  try {
    console.log(`\n${plans} plans, ${EARLIER_ROUNDS} earlier rounds; median (min–max) of ${RUNS} calls after a warm-up`);
    for (const call of CALLS) {
      await timedGet(bot, call.path); // warm-up: module loading, the JIT, the stores' kept lists
      const times: number[] = [];
      let requests = new Map<string, number>();
      let bytes = 0;
      for (let run = 0; run < RUNS; run++) {
        await counter.reset();
        const result = await timedGet(bot, call.path);
        times.push(result.ms);
        bytes = result.bytes;
        requests = await counter.counts();
      }
      const total = [...requests.values()].reduce((a, b) => a + b, 0);
      const within = median(times) <= TARGET_MS ? 'within' : 'OVER';
      console.log(
        `  ${call.name.padEnd(28)} ${median(times).toFixed(1)} ms (${Math.min(...times).toFixed(1)}–${Math.max(...times).toFixed(1)}), ${within} the ${TARGET_MS} ms target; ` +
          `${(bytes / 1024).toFixed(0)} KiB; storage requests ${total}: ${[...requests].map(([k, v]) => `${k} ×${v}`).join(', ') || 'none'}`,
      );
    }
    for (const line of await browserFigures(bot.url, plans)) console.log(line);
  } finally {
    await bot.stop();
    counter.close();
  }
}

/** The page's figures (bench/dashboard-page.ts) from the page `npm run build` put in dist/tab. */
function browserFigures(baseUrl: string, plans: number): Promise<string[]> {
  return dashboardPageFigures({ baseUrl, personId: COORDINATOR, pageDir: path.resolve('dist', 'tab'), screenshotPath: path.resolve('bench', 'out', `dashboard-${plans}.png`) });
}

async function main() {
  const azurite = await startAzurite({ inMemory: true });
  try {
    console.log(`Dashboard benchmark (the tab's API). Node ${process.version}.`);
    for (const plans of [...new Set([100, PLANS])]) await measure(azurite, plans);
    console.log('\nTimes are taken over loopback HTTP on a shared machine: read them as an upper bound.');
  } finally {
    await azurite.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
