// The promise behind every "Tack! Ditt svar är inskickat.": a confirmed answer is never lost when
// the embedded storage dies. The bot runs as `npm start` runs it (its own process, local mode,
// embedded Azurite on a data folder, demo register) and officers submit over HTTP through the
// Bot Connector stand-in. Right after confirmations, at instants drawn from a seeded generator,
// the emulator process is killed with SIGKILL, again and again; then the bot; then both at once,
// each time the bot started again on the same folder. At the end every confirmed version and its
// audit row must be there. CRASH_SEED=<n> repeats a run.

import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createTableStores } from '../../storage/tables';
import { executeAction, post } from '../support/activities';
import { standInUser, startConnectorStandIn, type ConnectorStandIn } from '../support/connector-stand-in';
import { once } from './support/steps';

jest.setTimeout(120_000);

const ROOT = path.resolve(__dirname, '..', '..');
const SEED = Number(process.env.CRASH_SEED ?? 20190305);

/** mulberry32: a small seeded generator, so a failing run can be repeated exactly. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// The demo register's officers (the Agents Playground's people) and their plans.
const officers = [
  { user: standInUser('alex', 'alexw@example.com'), plans: ['serviceplan', 'extremism'] },
  { user: standInUser('megan', 'meganb@example.com'), plans: ['drog'] },
  { user: standInUser('adele', 'adelev@example.com'), plans: ['vald-nara-relationer', 'hbtq'] },
  { user: standInUser('isaiah', 'isaiahl@example.com'), plans: ['god-vattenstatus', 'giftfria-miljoer'] },
];
const plans = officers.flatMap((o) => o.plans.map((plan) => ({ plan, user: o.user })));

interface Confirmed {
  plan: string;
  version: number;
  status: string;
  at: Date;
}

interface BotProcess {
  child: ChildProcess;
  url: string;
  logs: string[];
  exited: Promise<void>;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function until(check: () => boolean | Promise<boolean>, what: string, ms = 20_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what} (CRASH_SEED=${SEED})`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Starts the bot as `npm start` does (the TypeScript sources, not a build) on the data folder. */
function startBotProcess(dataDir: string): Promise<BotProcess> {
  const child = spawn(process.execPath, ['-r', './tests/support/ts-register.js', 'bot/index.ts'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', PORT: '0', DATA_DIR: dataDir, LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: string[] = [];
  let stderr = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    let buffer = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      const lines = buffer.split('\n');
      buffer = lines.pop()!;
      for (const line of lines) {
        logs.push(line);
        const running = /Uppföljning is running at (http:\/\/[^\s]+)\/api\/messages/.exec(line);
        if (running) resolve({ child, url: running[1], logs, exited });
      }
    });
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`The bot exited (${code}) before it was running:\n${stderr}`)));
  });
}

async function lockOf(dataDir: string): Promise<{ pid: number; azuritePid: number; connectionString: string }> {
  return JSON.parse(await readFile(path.join(dataDir, 'azurite.lock.json'), 'utf8'));
}

describe('a confirmed answer survives the embedded storage dying at any instant', () => {
  let dataDir: string;
  let standIn: ConnectorStandIn;
  let bot: BotProcess | undefined;
  const random = seeded(SEED);
  const confirmed: Confirmed[] = [];
  const base = new Map<string, number>(plans.map((p) => [p.plan, 0]));
  let submits = 0;

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'crash-'));
    standIn = await startConnectorStandIn(officers.map((o) => o.user));
  });

  afterAll(async () => {
    if (bot && bot.child.exitCode === null && bot.child.signalCode === null) {
      bot.child.kill('SIGINT');
      await bot.exited;
    }
    // An emulator left by a bot killed in a failed run is not left behind.
    const lock = await lockOf(dataDir).catch(() => undefined);
    if (lock && alive(lock.azuritePid)) process.kill(lock.azuritePid, 'SIGKILL');
    await standIn.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  /** One officer submits one plan; a confirmation's version is recorded. */
  async function submit(): Promise<Confirmed | undefined> {
    const { plan, user } = plans[Math.floor(random() * plans.length)];
    const status = `Läget för ${plan}, inlämning ${++submits} (frö ${SEED}).`;
    const response = await post(
      bot!.url,
      executeAction(standIn.url, user, 'answer.submit', {
        roundId: 'demo',
        planId: plan,
        baseVersion: base.get(plan),
        status,
        done: 'Samordnande grupp – förvaltningsövergripande.',
        current: 'Fortsatt arbete.',
        risks: 'Att uppföljningen görs i varierande omfattning.',
        completion: 'Programmet gäller till och med 2020.',
        planStatus: 'on-track',
      }),
    ).catch(() => undefined);
    const card = JSON.stringify(response?.body?.value ?? '');
    const version = /Version (\d+), sparad/.exec(card);
    if (response?.status === 200 && card.includes('Tack! Ditt svar är inskickat.') && version) {
      const done = { plan, version: Number(version[1]), status, at: new Date() };
      base.set(plan, done.version);
      confirmed.push(done);
      return done;
    }
    // Not confirmed (the storage was down, or a conflict): go on from what the card says.
    const seen = /"baseVersion":(\d+)/.exec(card);
    if (seen) base.set(plan, Number(seen[1]));
    return undefined;
  }

  // The story's steps, drawing from the one seeded generator in the same order however many of
  // the tests run: each test takes the steps it builds on (see support/steps.ts).
  const started = once(async () => {
    bot = await startBotProcess(dataDir);
  });
  const emulatorKilledAgainAndAgain = once(async () => {
    await started();
    let kills = 0;
    for (let round = 0; round < 8; round++) {
      // A few submits, then a kill at once or a few milliseconds later, while more come in.
      const burst = 1 + Math.floor(random() * 4);
      for (let i = 0; i < burst; i++) await submit();
      const { azuritePid } = await lockOf(dataDir);
      const delay = Math.floor(random() * 15);
      const inFlight = Array.from({ length: Math.floor(random() * 3) }, () => submit());
      if (delay > 0) await new Promise((r) => setTimeout(r, delay));
      process.kill(azuritePid, 'SIGKILL');
      kills++;
      await Promise.all(inFlight);
      await until(async () => (await lockOf(dataDir)).azuritePid !== azuritePid, 'the emulator to be started again');
      await until(() => bot!.logs.filter((l) => l.includes('"storage.embedded-restarted"')).length === kills, 'the restart to be logged');
    }
    return kills;
  });
  /** Whether the emulator each killed bot left behind was still alive once the bot started again. */
  const botKilledThenBoth = once(async () => {
    await emulatorKilledAgainAndAgain();
    const leftAlive: boolean[] = [];
    for (const victims of ['bot', 'both'] as const) {
      const burst = 1 + Math.floor(random() * 3);
      for (let i = 0; i < burst; i++) await submit();
      const lock = await lockOf(dataDir);
      const inFlight = submit();
      await new Promise((r) => setTimeout(r, Math.floor(random() * 10)));
      bot!.child.kill('SIGKILL');
      if (victims === 'both') process.kill(lock.azuritePid, 'SIGKILL');
      await inFlight;
      await bot!.exited;
      bot = await startBotProcess(dataDir);
      leftAlive.push(alive(lock.azuritePid));
    }
    return leftAlive;
  });

  it('keeps every confirmed version when the emulator is killed right after confirmations, again and again', async () => {
    const kills = await emulatorKilledAgainAndAgain();
    const restarts = bot!.logs.filter((l) => l.includes('"storage.embedded-restarted"')).map((l) => JSON.parse(l));
    expect(restarts).toHaveLength(kills);
    expect(restarts.every((r) => r.cause === 'killed by SIGKILL')).toBe(true);
    expect(confirmed.length).toBeGreaterThanOrEqual(8);
  });

  it('keeps them when the bot is killed right after a confirmation, and when both are killed at once', async () => {
    const leftAlive = await botKilledThenBoth();
    // The emulator a killed bot left behind was stopped; a new one serves the folder.
    for (const stillAlive of leftAlive) expect(stillAlive).toBe(false);
  });

  it('has every confirmed version and its audit row after the last start', async () => {
    await botKilledThenBoth();
    const { connectionString } = await lockOf(dataDir);
    const stores = await createTableStores(connectionString);
    const missing: string[] = [];
    const days = [...new Set(confirmed.map((c) => c.at.toISOString().slice(0, 10)))];
    const audit = (await Promise.all(days.map((d) => stores.audit.listDay(d)))).flat();
    for (const c of confirmed) {
      const versions = await stores.answers.versions('demo', c.plan);
      const stored = versions.find((v) => v.version === c.version);
      if (!stored || stored.state !== 'submitted' || stored.content.texts.status !== c.status) missing.push(`${c.plan} version ${c.version}`);
      const row = audit.find((e) => e.action === 'answer.submitted' && e.subject === `round:demo/plan:${c.plan}` && e.details?.version === c.version);
      if (!row) missing.push(`audit of ${c.plan} version ${c.version}`);
    }
    expect({ seed: SEED, confirmed: confirmed.length, missing }).toEqual({ seed: SEED, confirmed: confirmed.length, missing: [] });
  });
});

describe('a bot whose embedded storage cannot be started again', () => {
  it('stops with a message saying why, and keeps what it confirmed for the next start', async () => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'crash-stop-'));
    const alex = officers[0].user;
    const standIn = await startConnectorStandIn([alex]);
    const answer = { roundId: 'demo', planId: 'serviceplan', baseVersion: 0, status: 'Pågår enligt plan.', done: 'Kartläggning.', current: 'Dialog.', risks: 'Inga.', completion: '2020', planStatus: 'on-track' };
    let restarted: BotProcess | undefined;
    try {
      const bot = await startBotProcess(dataDir);
      const confirmation = await post(bot.url, executeAction(standIn.url, alex, 'answer.submit', answer));
      expect(JSON.stringify(confirmation.body)).toContain('Tack! Ditt svar är inskickat.');
      let stderr = '';
      bot.child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      const exit = new Promise<number | null>((resolve) => bot.child.once('exit', (code) => resolve(code)));
      const { azuritePid } = await lockOf(dataDir);
      // The emulator's folder is replaced by a file: it cannot be started on it again.
      await rm(path.join(dataDir, 'azurite'), { recursive: true, force: true });
      await writeFile(path.join(dataDir, 'azurite'), 'not a folder');
      process.kill(azuritePid, 'SIGKILL');

      expect(await exit).toBe(1);
      expect(stderr).toContain('Uppföljning stops: The embedded storage (Azurite) stopped unexpectedly (killed by SIGKILL) and could not be started again after 3 attempts');
      expect(stderr).toContain(`What was confirmed is kept in ${dataDir}; start the bot again.`);
      expect(bot.logs.some((l) => l.includes('"storage.embedded-failed"'))).toBe(true);

      // Once the cause is dealt with, the next start has the answer: the journal kept it.
      await rm(path.join(dataDir, 'azurite'), { force: true });
      restarted = await startBotProcess(dataDir);
      const stores = await createTableStores((await lockOf(dataDir)).connectionString);
      expect((await stores.answers.versions('demo', 'serviceplan')).map((v) => [v.version, v.content.texts.status])).toEqual([[1, 'Pågår enligt plan.']]);
    } finally {
      if (restarted) {
        restarted.child.kill('SIGINT');
        await restarted.exited;
      }
      await standIn.close();
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
