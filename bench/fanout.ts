// npm run bench:fanout — a round opening for a whole municipality: one answer card per plan to
// 10,000 officers, sent by the bot's real sending path (startBot and its scheduler tick, in
// forked bot processes) through a local Bot Connector that enforces Teams' documented limits,
// answers 429 with Retry-After when they are exceeded and fails 1% of requests with 502.
// Storage is Azurite in memory. Prints the rate achieved against the configured tenant rate, the
// time against its lower bound (messages / rate), the 429s and 502s, duplicates and lost
// prompts (checked at the connector and in the stored deliveries), and the peak RSS.
//
// With `--processes 2 --kill` two bot processes share the storage and the tenant's limit, and one
// of them is killed (SIGKILL) part-way; the other must finish the round: a delivery the dead one
// left claimed is sent again once its lease (DELIVERY_LEASE_SECONDS) has expired.
//
//   npm run bench:fanout [-- --officers 10000 --plans N --rate 30 --bot-rate R --fail502 0.01
//                           --processes 1 --kill --kill-at 0.3 --delivery-lease 15
//                           --scheduler-interval 5 --stall 120 --timeout S]
//
// Every option can also be given as FANOUT_<OPTION> in the environment (e.g. FANOUT_OFFICERS).

import { fork, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createRound } from '../bot/app/rounds/create-round';
import type { Contact } from '../bot/domain/contact';
import type { RegisterContent } from '../bot/domain/register';
import { DEFAULT_TIME_ZONE, localDateOf } from '../bot/domain/time';
import { systemClock } from '../bot/system-clock';
import { startAzurite } from '../storage/azurite';
import type { Delivery, Stores } from '../storage/ports';
import { createTableStores } from '../storage/tables';
import { deliveryKey, startConnectorSimulator, type ConnectorSimulator } from './connector-simulator';
import type { WorkerReport } from './fanout-worker';

const OPTIONS = {
  officers: { type: 'string', default: '10000' },
  plans: { type: 'string' },
  rate: { type: 'string', default: '30' },
  'bot-rate': { type: 'string' },
  fail502: { type: 'string', default: '0.01' },
  processes: { type: 'string', default: '1' },
  kill: { type: 'boolean', default: false },
  'kill-at': { type: 'string', default: '0.3' },
  'delivery-lease': { type: 'string', default: '15' },
  'scheduler-interval': { type: 'string', default: '5' },
  stall: { type: 'string' },
  timeout: { type: 'string' },
  seed: { type: 'string', default: '1' },
} as const;

function options() {
  const { values } = parseArgs({ options: OPTIONS });
  const given = values as Record<string, string | boolean | undefined>;
  const fromEnv = (name: string) => process.env[`FANOUT_${name.toUpperCase().replace(/-/g, '_')}`];
  const option = (name: keyof typeof OPTIONS): string | undefined => {
    const explicit = process.argv.some((a) => a === `--${name}` || a.startsWith(`--${name}=`));
    return explicit ? String(given[name]) : (fromEnv(name) ?? (given[name] === undefined ? undefined : String(given[name])));
  };
  const number = (name: keyof typeof OPTIONS, min: number, max: number, integer = true): number => {
    const raw = option(name);
    const value = Number(raw);
    if (raw === undefined || !Number.isFinite(value) || value < min || value > max || (integer && !Number.isInteger(value))) {
      throw new Error(`--${name} must be a ${integer ? 'whole ' : ''}number from ${min} to ${max} (got "${raw}")`);
    }
    return value;
  };
  const officers = number('officers', 1, 1_000_000);
  const rate = number('rate', 1, 1000);
  const processes = number('processes', 1, 8);
  const kill = option('kill') === 'true';
  if (kill && processes < 2) throw new Error('--kill needs --processes 2 or more: someone must finish the round');
  const deliveryLease = number('delivery-lease', 1, 3600);
  const plans = option('plans') === undefined ? officers : number('plans', 1, 1_000_000);
  return {
    officers,
    plans,
    rate,
    // The bot's own configuration allows at most 50 per second (RATE_LIMIT_PER_SECOND).
    botRate: option('bot-rate') === undefined ? Math.min(rate, 50) : number('bot-rate', 1, 50),
    fail502: number('fail502', 0, 1, false),
    processes,
    kill,
    killAt: number('kill-at', 0, 1, false),
    deliveryLease,
    schedulerInterval: number('scheduler-interval', 1, 3600),
    stallSeconds: option('stall') === undefined ? Math.max(60, 4 * deliveryLease) : number('stall', 1, 86_400),
    timeoutSeconds: option('timeout') === undefined ? Math.ceil((3 * plans) / rate) + 600 : number('timeout', 1, 7 * 86_400),
    seed: number('seed', 0, 2 ** 31),
  };
}

const TENANT_ID = '11111111-2222-3333-4444-555555555555';
const BOT = { id: '28:00000000-0000-0000-0000-00000000b0b0', name: 'Uppföljning' };
const ROUND_ID = 'fanout';
const POLL_MS = 250;
const STORAGE_CHECK_MS = 5_000;
const PROGRESS_EVERY_MS = 15_000;

const officerAddress = (i: number) => `officer${i}@kalmar.se`;
const conversationOf = (i: number) => `a:1on1-officer-${i}`;
const planOfficer = (plan: number, officers: number) => plan % officers;

function register(plans: number, officers: number): RegisterContent {
  return {
    plans: Array.from({ length: plans }, (_, i) => ({
      id: `plan-${i}`,
      title: `Handlingsplan ${String(i).padStart(5, '0')} för ${['miljö', 'folkhälsa', 'trygghet', 'näringsliv'][i % 4]}`,
      period: '2016-2020',
      officer: officerAddress(planOfficer(i, officers)),
    })),
    people: [
      ...Array.from({ length: officers }, (_, i) => ({ id: officerAddress(i), name: `Tjänsteperson ${i}`, title: 'strateg' })),
      { id: 'sara@kalmar.se', name: 'Sara Samordnare', title: 'verksamhetsutvecklare' },
    ],
    coordinators: ['sara@kalmar.se'],
  };
}

/** An officer who has talked to the bot before: the 1:1 conversation exists and is known. */
function contact(i: number, serviceUrl: string, now: Date): Contact {
  return {
    aadObjectId: `00000000-0000-0000-0000-${String(i).padStart(12, '0')}`,
    teamsUserId: `29:officer-${i}`,
    name: `Tjänsteperson ${i}`,
    upn: officerAddress(i),
    email: officerAddress(i),
    tenantId: TENANT_ID,
    conversation: { serviceUrl, channelId: 'msteams', bot: BOT, tenantId: TENANT_ID, conversationId: conversationOf(i) },
    updatedAt: now,
  };
}

async function inParallel(count: number, width: number, work: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      for (let i = next++; i < count; i = next++) await work(i);
    }),
  );
}

async function seed(stores: Stores, o: ReturnType<typeof options>, serviceUrl: string): Promise<void> {
  const now = systemClock.now();
  await stores.registers.saveVersion(register(o.plans, o.officers), { importedBy: 'bench', importedAt: now, source: 'bench' });
  await inParallel(o.officers, 16, (i) => stores.contacts.save(contact(i, serviceUrl, now)));
  const today = localDateOf(now, DEFAULT_TIME_ZONE);
  const created = await createRound(
    { stores, clock: systemClock },
    {
      id: ROUND_ID,
      title: `Uppföljning KF ${today.slice(0, 4)}`,
      year: today.slice(0, 4),
      opensDate: today,
      dueDate: localDateOf(new Date(now.getTime() + 14 * 86_400_000), DEFAULT_TIME_ZONE),
      openNow: true,
    },
    { createdBy: 'bench', timeZone: DEFAULT_TIME_ZONE },
  );
  if (created.kind === 'invalid') throw new Error(`The round could not be created: ${JSON.stringify(created.errors)}`);
}

interface Worker {
  child: ChildProcess;
  pid: number;
  report?: WorkerReport;
  /** Connector requests at the last one-second snapshot: who is sending right now. */
  snapshot: number;
  exited?: string;
  killed?: boolean;
}

/**
 * The Node options `npm start` runs the bot with (package.json), so that each bot process is
 * measured as it runs in production: the heap bound among them decides the peak RSS.
 */
function startOptions(startScript: string): string[] {
  const command = /\bnode((?:\s+--[^\s]+)*)\s+dist\/bot\/index\.js\b/.exec(startScript);
  if (!command) throw new Error(`The start script does not run dist/bot/index.js with node: "${startScript}"`);
  return command[1].trim().split(/\s+/).filter(Boolean);
}

const BOT_NODE_OPTIONS = startOptions(
  (JSON.parse(readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8')) as { scripts: { start: string } }).scripts.start,
);

function startWorker(env: NodeJS.ProcessEnv): Worker {
  const child = fork(path.join(__dirname, 'fanout-worker.js'), [], {
    env,
    execArgv: BOT_NODE_OPTIONS,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const worker: Worker = { child, pid: child.pid!, snapshot: 0 };
  child.on('message', (message: WorkerReport) => (worker.report = message));
  child.on('exit', (code, signal) => (worker.exited = signal ?? `exit ${code}`));
  return worker;
}

async function stopWorker(worker: Worker): Promise<void> {
  if (worker.exited) return;
  const exited = new Promise<void>((resolve) => worker.child.once('exit', () => resolve()));
  if (worker.child.connected) worker.child.send({ type: 'stop' });
  const timer = setTimeout(() => worker.child.kill('SIGKILL'), 15_000);
  await exited;
  clearTimeout(timer);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const n = (x: number) => x.toLocaleString('en-US');
const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const mib = (kib: number) => `${(kib / 1024).toFixed(0)} MiB`;

/** What storage says about the round's prompts. */
async function storedPrompts(stores: Stores, plans: number) {
  const deliveries = (await stores.deliveries.list(ROUND_ID)).filter((d) => d.kind === 'prompt');
  const byOutcome: Record<string, number> = {};
  for (const d of deliveries) byOutcome[d.outcome] = (byOutcome[d.outcome] ?? 0) + 1;
  return { deliveries, byOutcome, missing: plans - new Set(deliveries.map((d) => d.planId)).size, allSent: (byOutcome.sent ?? 0) === plans && deliveries.length === plans };
}

async function main() {
  const o = options();
  const azurite = await startAzurite({ inMemory: true });
  let simulator: ConnectorSimulator | undefined;
  const workers: Worker[] = [];
  try {
    simulator = await startConnectorSimulator({ tenantPerSecond: o.rate, fail502: o.fail502, seed: o.seed });
    const stores = await createTableStores(azurite.connectionString);
    const seeding = performance.now();
    await seed(stores, o, simulator.url);
    const seededIn = performance.now() - seeding;

    const mode = o.processes === 1 ? 'one bot process' : `${o.processes} bot processes${o.kill ? `, one killed (SIGKILL) at ${Math.round(o.killAt * 100)}% delivered` : ''}`;
    console.log(`Fan-out benchmark: ${n(o.plans)} prompts to ${n(o.officers)} officers, ${mode}. Node ${process.version}.`);
    console.log(`  Bot Connector simulator: tenant ${o.rate} requests/s, per conversation 7/s, 8/2 s and 60/30 s, ${(o.fail502 * 100).toFixed(1)}% 502s.`);
    console.log(`  Bot: node ${BOT_NODE_OPTIONS.join(' ')} (as npm start), RATE_LIMIT_PER_SECOND=${o.botRate} per process, DELIVERY_LEASE_SECONDS=${o.deliveryLease}, SCHEDULER_INTERVAL_SECONDS=${o.schedulerInterval}.`);
    console.log(`  Seeded register, contacts and round in ${s(seededIn)}.`);

    const env: NodeJS.ProcessEnv = {
      ...process.env,
      STORAGE_CONNECTION_STRING: azurite.connectionString,
      HOST: '127.0.0.1',
      PORT: '0',
      MicrosoftAppId: '',
      DEMO_REGISTER: 'false',
      OFFICE_HOURS: 'always',
      RATE_LIMIT_PER_SECOND: String(o.botRate),
      DELIVERY_LEASE_SECONDS: String(o.deliveryLease),
      SCHEDULER_INTERVAL_SECONDS: String(o.schedulerInterval),
      LOG_LEVEL: 'info',
    };
    for (let i = 0; i < o.processes; i++) workers.push(startWorker(env));

    // Wait for the first process to start ticking: the clock of the run starts there.
    while (!workers.some((w) => w.report)) {
      const dead = workers.find((w) => w.exited);
      if (dead) throw new Error(`Bot process ${dead.pid} ended before it started (${dead.exited})`);
      await sleep(20);
    }
    const started = performance.now();

    const deliveredPlans = new Set<string>();
    let scanned = 0;
    let lastProgress = { at: started, delivered: 0, sent: -1 };
    let lastStorageCheck = 0;
    let lastSnapshot = started;
    let lastLine = started;
    let kill: { at: number; pid: number; delivered: number } | undefined;
    let stored: Awaited<ReturnType<typeof storedPrompts>> | undefined;
    let allSentAt: number | undefined;
    let ending = 'every prompt delivered and recorded as sent';

    for (;;) {
      await sleep(POLL_MS);
      const now = performance.now();
      const deliveries = simulator.deliveries();
      for (; scanned < deliveries.length; scanned++) if (deliveries[scanned].planId) deliveredPlans.add(deliveries[scanned].planId!);
      const stats = simulator.stats();

      if (o.kill && !kill && deliveredPlans.size >= o.killAt * o.plans) {
        // Kill the process that is sending now (the one whose requests grew most lately).
        const alive = workers.filter((w) => !w.exited);
        const victim = alive.reduce((a, b) => ((b.report?.connectorRequests ?? 0) - b.snapshot > (a.report?.connectorRequests ?? 0) - a.snapshot ? b : a));
        victim.child.kill('SIGKILL');
        victim.killed = true;
        kill = { at: now - started, pid: victim.pid, delivered: deliveredPlans.size };
        console.log(`  ${s(now - started)}: killed bot process ${victim.pid} (SIGKILL) at ${n(deliveredPlans.size)} delivered.`);
      }
      if (now - lastSnapshot >= 1000) {
        for (const w of workers) w.snapshot = w.report?.connectorRequests ?? 0;
        lastSnapshot = now;
      }

      if (deliveredPlans.size === o.plans && now - lastStorageCheck >= (stored?.allSent ? 0 : STORAGE_CHECK_MS / 5)) {
        stored = await storedPrompts(stores, o.plans);
        lastStorageCheck = performance.now();
        if (stored.allSent) {
          allSentAt = performance.now();
          // A moment's quiet, so that a late second copy would still be seen.
          await sleep(2_000);
          break;
        }
      } else if (now - lastStorageCheck >= STORAGE_CHECK_MS * 6) {
        stored = await storedPrompts(stores, o.plans);
        lastStorageCheck = performance.now();
      }

      const sent = stored?.byOutcome.sent ?? 0;
      if (deliveredPlans.size !== lastProgress.delivered || sent !== lastProgress.sent) {
        lastProgress = { at: now, delivered: deliveredPlans.size, sent };
      }
      if (now - lastLine >= PROGRESS_EVERY_MS) {
        lastLine = now;
        console.log(`  ${s(now - started)}: ${n(deliveredPlans.size)} delivered, ${n(stats.throttled)} 429s, ${n(stats.failed502)} 502s`);
      }
      if (now - lastProgress.at > o.stallSeconds * 1000) {
        ending = `stopped: no progress for ${o.stallSeconds} s`;
        break;
      }
      if (now - started > o.timeoutSeconds * 1000) {
        ending = `stopped: time limit of ${o.timeoutSeconds} s reached`;
        break;
      }
      if (workers.every((w) => w.exited)) {
        ending = 'stopped: every bot process ended';
        break;
      }
    }

    await Promise.all(workers.map(stopWorker));
    stored = await storedPrompts(stores, o.plans);
    const stats = simulator.stats();

    // Duplicates: the same plan delivered twice into one conversation. Lost: never delivered.
    let duplicates = 0;
    let duplicatedPlans = 0;
    for (const count of simulator.deliveryCounts().values()) {
      if (count > 1) {
        duplicates += count - 1;
        duplicatedPlans++;
      }
    }
    const delivered = new Set<string>();
    const activities = new Map<string, string | undefined>();
    for (const d of simulator.deliveries()) {
      if (d.planId) delivered.add(deliveryKey(d.conversationId, d.planId));
      activities.set(d.activityId, d.planId);
    }
    let lost = 0;
    let misdirected = 0;
    for (let p = 0; p < o.plans; p++) {
      if (!delivered.has(deliveryKey(conversationOf(planOfficer(p, o.officers)), `plan-${p}`))) lost++;
    }
    for (const d of simulator.deliveries()) {
      const p = Number(d.planId?.replace('plan-', ''));
      if (!Number.isInteger(p) || d.conversationId !== conversationOf(planOfficer(p, o.officers))) misdirected++;
    }
    const notSent = stored.deliveries.filter((d: Delivery) => d.outcome !== 'sent');
    const unknownActivity = stored.deliveries.filter((d) => d.outcome === 'sent' && activities.get(d.activityId ?? '') !== d.planId).length;

    const sendingMs = (stats.lastDeliveredAt ?? 0) - (stats.firstRequestAt ?? 0);
    const totalMs = (stats.lastDeliveredAt ?? started) - started;
    const achieved = stats.delivered / (sendingMs / 1000);
    const lowerBoundMs = (o.plans / o.rate) * 1000;
    const reports = workers.map((w) => w.report).filter((r): r is WorkerReport => !!r);
    const events: Record<string, number> = {};
    for (const r of reports) for (const [k, v] of Object.entries(r.events)) events[k] = (events[k] ?? 0) + v;
    const eventLine = Object.entries(events)
      .filter(([k]) => !k.startsWith('debug'))
      .map(([k, v]) => `${k} ×${n(v)}`)
      .join(', ');

    console.log(`\nResult (${ending}):`);
    console.log(`  officers / messages:          ${n(o.officers)} / ${n(o.plans)}`);
    console.log(`  configured tenant rate:       ${o.rate} requests/s (simulator); bot ${o.botRate}/s per process × ${o.processes}`);
    console.log(`  messages/s achieved:          ${achieved.toFixed(1)} = ${((achieved / o.rate) * 100).toFixed(1)}% of ${o.rate}/s   (target ≥ 90%; ${n(stats.delivered)} delivered in ${s(sendingMs)}, first request to last delivery; peak ${stats.peakPerSecond} in one second)`);
    console.log(`  total time:                   ${s(totalMs)} from the first tick to the last delivery; lower bound ${s(lowerBoundMs)} (${n(o.plans)} / ${o.rate}/s) = ${((totalMs / lowerBoundMs) * 100).toFixed(0)}%`);
    if (allSentAt !== undefined) console.log(`  every delivery stored 'sent': ${s(allSentAt - started)} after the first tick`);
    console.log(`  429s received:                ${n(stats.throttled)} (tenant ${n(stats.throttledBy.tenant)}, conversation 7/s ${n(stats.throttledBy.conversationPerSecond)}, 8/2 s ${n(stats.throttledBy.conversationPer2Seconds)}, 60/30 s ${n(stats.throttledBy.conversationPer30Seconds)})`);
    console.log(`  502s injected:                ${n(stats.failed502)} of ${n(stats.requests)} requests`);
    console.log(`  duplicates:                   ${n(duplicates)}${duplicatedPlans ? ` (${n(duplicatedPlans)} plans delivered more than once)` : ''}   (target 0)`);
    console.log(`  lost:                         ${n(lost)} never delivered   (target 0)`);
    console.log(
      `  stored deliveries:            ${Object.entries(stored.byOutcome).map(([k, v]) => `${k} ${n(v)}`).join(', ') || 'none'}; ` +
        `${n(stored.missing)} plans without one; ${n(notSent.length)} not 'sent'; ${n(unknownActivity)} 'sent' with an activity id the connector did not deliver for that plan` +
        (misdirected ? `; ${n(misdirected)} deliveries into the wrong conversation` : ''),
    );
    if (kill) console.log(`  killed:                       process ${kill.pid} at ${s(kill.at)} (${n(kill.delivered)} delivered by then)`);
    for (const w of workers) {
      const r = w.report;
      console.log(
        `  ${`bot process ${w.pid}:`.padEnd(30)}peak RSS ${r ? mib(r.maxRssKiB) : '?'}, ${n(r?.connectorRequests ?? 0)} connector requests, ${n(r?.ticks ?? 0)} ticks` +
          `${r?.tickErrors ? `, ${r.tickErrors} failed ticks` : ''}${w.killed ? ' (killed; last report before the kill)' : ''}`,
      );
    }
    console.log(`  peak RSS:                     ${mib(Math.max(...reports.map((r) => r.maxRssKiB), 0))} (largest bot process); benchmark process ${mib(process.resourceUsage().maxRSS)}`);
    console.log(`  bot log:                      ${eventLine || 'nothing'}`);
    for (const sample of [...new Set(reports.flatMap((r) => r.samples))].slice(0, 5)) console.log(`    ${sample}`);
    if (notSent.length > 0) {
      console.log(`  not sent, e.g.: ${notSent.slice(0, 3).map((d) => `${d.planId} ${d.outcome}${d.statusCode ? ` ${d.statusCode}` : ''}${d.error ? ` "${d.error.slice(0, 80)}"` : ''}`).join('; ')}`);
    }
  } finally {
    for (const w of workers) if (!w.exited) w.child.kill('SIGKILL');
    await simulator?.close();
    await azurite.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
