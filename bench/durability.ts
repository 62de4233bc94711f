// npm run bench:durability — what the embedded storage's journal costs an officer per submit.
// Measured on the real server over HTTP: the bot (startBot, local mode) on a location-backed
// Azurite, with the journal (the embedded default: each write synced to disk before it is
// confirmed) and without it (Azurite alone, which loses the last five seconds when killed), each
// answering the same submits through the real CloudAdapter, with a small local Bot Connector.
// Runs alternate between the two so that a busy machine weighs on both alike. Prints the
// submit's round trip (p50, p95, mean) one at a time and with several officers at once.
//
//   npm run bench:durability [-- --submits 300 --concurrency 8]

import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createRound } from '../bot/app/rounds/create-round';
import { importRegister } from '../bot/app/register/import-register';
import { silentLogger } from '../bot/app/logger';
import { loadConfig } from '../bot/config';
import { startBot, type RunningBot } from '../bot/main';
import { systemClock } from '../bot/system-clock';
import { startAzurite, tableClientOptions } from '../storage/azurite';
import { WriteJournal } from '../storage/journal';
import { TableClient } from '@azure/data-tables';
import { createTableStores } from '../storage/tables';

const { values } = parseArgs({
  options: {
    submits: { type: 'string', default: '300' },
    concurrency: { type: 'string', default: '8' },
  },
});
const SUBMITS = Number(values.submits);
const CONCURRENCY = Number(values.concurrency);
const OFFICERS = Math.max(CONCURRENCY, 1);
const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';

type Mode = 'journal off' | 'journal on';
const appendsPerSubmit: number[] = [];

/** Answers what the bot sends and the member look-ups (each officer's e-mail). */
async function startConnector(): Promise<{ url: string; close(): Promise<void> }> {
  let n = 0;
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const member = /\/members\/([^/?]+)/.exec(req.url ?? '');
      res.writeHead(200, { 'content-type': 'application/json' });
      if (member) {
        const id = decodeURIComponent(member[1]);
        const name = id.replace(/^29:/, '');
        res.end(JSON.stringify({ id, aadObjectId: `aad-${name}`, name, email: `${name}@kalmar.se`, userPrincipalName: `${name}@kalmar.se` }));
      } else {
        res.end(JSON.stringify({ id: `activity-${++n}` }));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

function register(): Buffer {
  const plans = Array.from({ length: OFFICERS }, (_, i) => ({ id: `plan-${i}`, title: `Handlingsplan ${i}`, officer: `officer${i}@kalmar.se` }));
  const people = plans.map((p, i) => ({ id: p.officer, name: `Tjänsteperson ${i}` }));
  return Buffer.from(JSON.stringify({ plans, people, coordinators: ['officer0@kalmar.se'] }));
}

async function startFor(mode: Mode, dataDir: string): Promise<{ bot: RunningBot; stop(): Promise<void> }> {
  const config = loadConfig({ PORT: '0', DEMO_REGISTER: 'false', DATA_DIR: dataDir, LOG_LEVEL: 'error' });
  const options = { clock: systemClock, log: silentLogger, scheduler: false };
  if (mode === 'journal on') {
    const bot = await startBot(config, options);
    return { bot, stop: () => bot.stop() };
  }
  const azurite = await startAzurite({ location: path.join(dataDir, 'azurite') });
  const bot = await startBot(config, { ...options, stores: await createTableStores(azurite.connectionString) });
  return {
    bot,
    stop: async () => {
      await bot.stop();
      await azurite.stop();
    },
  };
}

/** One run: a fresh data folder, a round open for OFFICERS plans, `count` submits; the round trips in ms. */
async function run(mode: Mode, count: number, concurrency: number, connectorUrl: string): Promise<number[]> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'bench-durability-'));
  const { bot, stop } = await startFor(mode, dataDir);
  try {
    const imported = await importRegister(bot.deps, { bytes: register(), fileName: 'register.json', importedBy: 'bench' });
    if (imported.kind === 'invalid') throw new Error(JSON.stringify(imported.errors));
    const today = new Date().toISOString().slice(0, 10);
    const due = new Date(Date.now() + 14 * 86_400_000).toISOString().slice(0, 10);
    await createRound(bot.deps, { id: 'bench', title: 'Uppföljning bench', year: today.slice(0, 4), opensDate: today, dueDate: due, openNow: true }, { createdBy: 'bench', timeZone: 'Europe/Stockholm' });

    const versions = new Map<number, number>();
    const times: number[] = [];
    let next = 0;
    let made = 0;
    const submit = async (officer: number) => {
      const name = `officer${officer}`;
      const activity = {
        id: randomUUID(),
        type: 'invoke',
        name: 'adaptiveCard/action',
        channelId: 'msteams',
        serviceUrl: connectorUrl,
        timestamp: new Date().toISOString(),
        from: { id: `29:${name}`, name, aadObjectId: `aad-${name}` },
        recipient: { id: '28:uppfoljning-bot', name: 'Uppföljning' },
        conversation: { id: `a:personal-${name}`, conversationType: 'personal', tenantId: TENANT },
        channelData: { tenant: { id: TENANT } },
        locale: 'sv-SE',
        value: {
          action: {
            type: 'Action.Execute',
            verb: 'answer.submit',
            data: {
              roundId: 'bench',
              planId: `plan-${officer}`,
              baseVersion: versions.get(officer) ?? 0,
              // A new text each time: a submit of the same answer again stores nothing new.
              status: `Uppföljning av insatser genomförd, inlämning ${++made}.`,
              done: 'Samordnande grupp – förvaltningsövergripande.',
              current: 'Fortsatt arbete med ANDT-frågor.',
              risks: 'Att uppföljningen görs i varierande omfattning.',
              completion: 'Programmet gäller till och med 2020.',
              planStatus: 'on-track',
            },
          },
        },
      };
      const started = process.hrtime.bigint();
      const response = await fetch(`${bot.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
      const body = await response.text();
      const elapsed = Number(process.hrtime.bigint() - started) / 1e6;
      const version = /Version (\d+), sparad/.exec(body);
      if (response.status !== 200 || !version) throw new Error(`A submit was not confirmed (${mode}): ${response.status} ${body.slice(0, 300)}`);
      versions.set(officer, Number(version[1]));
      return elapsed;
    };
    // One submit per officer first: the first one of each looks the officer up in Teams.
    for (let officer = 0; officer < OFFICERS; officer++) await submit(officer);
    const journalLines = async () =>
      (await readFile(path.join(dataDir, 'azurite-journal.jsonl'), 'utf8').catch(() => '')).split('\n').length - 1;
    const linesBefore = await journalLines();
    await Promise.all(
      Array.from({ length: concurrency }, async (_, worker) => {
        while (next < count) {
          next++;
          times.push(await submit(worker));
        }
      }),
    );
    if (mode === 'journal on') appendsPerSubmit.push(((await journalLines()) - linesBefore) / times.length);
    return times;
  } finally {
    await stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

function percentile(xs: number[], p: number): number {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

function mean(xs: number[]): number {
  return xs.reduce((a, b) => a + b, 0) / xs.length;
}

/** One journal append (about the size of an answer's version row) with its sync, alone: the floor of the cost. */
async function syncTimes(count: number): Promise<number[]> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'bench-journal-'));
  const journal = await WriteJournal.open(path.join(dir, 'journal.jsonl'));
  const entity = { partitionKey: 'bench', rowKey: 'version:plan:1', texts: 'x'.repeat(2_000) };
  const times: number[] = [];
  try {
    for (let i = 0; i < count; i++) {
      const started = process.hrtime.bigint();
      await journal.append([{ op: 'put', table: 'Answers', entity }]);
      times.push(Number(process.hrtime.bigint() - started) / 1e6);
    }
  } finally {
    await journal.close();
    await rm(dir, { recursive: true, force: true });
  }
  return times;
}

/**
 * The same three writes a submit makes (the activity claimed, the answer version with its current
 * row, the audit row), straight on the stores over one location-backed Azurite, with and without
 * the journal, alternating: less noise than over HTTP, and the cost alone.
 */
async function storeLayer(count: number): Promise<Record<Mode, number[]>> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'bench-durability-stores-'));
  const azurite = await startAzurite({ location: path.join(dataDir, 'azurite') });
  const journal = await WriteJournal.open(path.join(dataDir, 'journal.jsonl'));
  const cs = azurite.connectionString;
  const times: Record<Mode, number[]> = { 'journal off': [], 'journal on': [] };
  try {
    const stores = {
      'journal off': await createTableStores(cs, { tablePrefix: 'off' }),
      'journal on': await createTableStores(cs, {
        tablePrefix: 'on',
        journaled: { journal, client: (t) => TableClient.fromConnectionString(cs, t, tableClientOptions(cs)), whenUp: async () => {} },
      }),
    };
    const etags: Record<Mode, string | null> = { 'journal off': null, 'journal on': null };
    for (let i = 1; i <= count; i++) {
      for (const mode of (i % 2 ? ['journal off', 'journal on'] : ['journal on', 'journal off']) as Mode[]) {
        const s = stores[mode];
        const at = new Date();
        const started = process.hrtime.bigint();
        await s.inbox.claim('a:personal-officer', randomUUID(), at);
        const current = await s.answers.append(
          { roundId: 'bench', planId: 'plan', version: i, state: 'submitted', answeredBy: 'officer@kalmar.se', answeredByName: 'Officer', at,
            content: { texts: { status: `Läge ${i}`, done: 'Gjort', current: 'Pågår', risks: 'Inga', completion: '2020' }, status: 'on-track' } },
          etags[mode],
        );
        await s.audit.record({ at, actor: 'officer', action: 'answer.submitted', subject: 'round:bench/plan:plan', details: { version: current.latest.version } });
        times[mode].push(Number(process.hrtime.bigint() - started) / 1e6);
        etags[mode] = (await s.answers.current('bench', 'plan'))!.etag;
      }
    }
  } finally {
    await journal.close();
    await azurite.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
  return times;
}

async function main(): Promise<void> {
  const syncs = await syncTimes(100);
  console.log(`One journal append with its fdatasync on this disk (${os.tmpdir()}): p50 ${percentile(syncs, 50).toFixed(2)} ms, p95 ${percentile(syncs, 95).toFixed(2)} ms.`);
  const connector = await startConnector();
  const modes: Mode[] = ['journal off', 'journal on'];
  const passes = 2;
  console.log(`Submits over HTTP to the real server, location-backed Azurite; ${SUBMITS} submits per mode and load, in ${passes} alternating passes.`);
  const rows: Array<{ load: string; mode: Mode; times: number[] }> = [];
  try {
    for (const concurrency of [1, CONCURRENCY]) {
      const load = concurrency === 1 ? 'one at a time' : `${concurrency} officers at once`;
      const times: Record<Mode, number[]> = { 'journal off': [], 'journal on': [] };
      for (let pass = 0; pass < passes; pass++) {
        for (const mode of pass % 2 === 0 ? modes : [...modes].reverse()) {
          times[mode].push(...(await run(mode, Math.ceil(SUBMITS / passes), concurrency, connector.url)));
        }
      }
      for (const mode of modes) rows.push({ load, mode, times: times[mode] });
    }
  } finally {
    await connector.close();
  }
  const f = (ms: number) => `${ms.toFixed(1)} ms`;
  const layer = await storeLayer(SUBMITS);
  console.log('\nload                  journal   submits   p50        p95        mean');
  for (const { load, mode, times } of rows) {
    console.log(`${load.padEnd(22)}${mode.replace('journal ', '').padEnd(10)}${String(times.length).padEnd(10)}${f(percentile(times, 50)).padEnd(11)}${f(percentile(times, 95)).padEnd(11)}${f(mean(times))}`);
  }
  for (const mode of modes) {
    const times = layer[mode];
    console.log(`${'store layer, 3 writes'.padEnd(22)}${mode.replace('journal ', '').padEnd(10)}${String(times.length).padEnd(10)}${f(percentile(times, 50)).padEnd(11)}${f(percentile(times, 95)).padEnd(11)}${f(mean(times))}`);
  }
  console.log(`\nJournal appends (each one synced write) per submit: ${mean(appendsPerSubmit).toFixed(1)}.`);
  rows.push({ load: 'on the store layer', mode: 'journal off', times: layer['journal off'] }, { load: 'on the store layer', mode: 'journal on', times: layer['journal on'] });
  for (const load of [...new Set(rows.map((r) => r.load))]) {
    const [off, on] = modes.map((m) => rows.find((r) => r.load === load && r.mode === m)!.times);
    console.log(
      `\nDurability costs ${load}: ${f(percentile(on, 50) - percentile(off, 50))} at p50, ${f(percentile(on, 95) - percentile(off, 95))} at p95, ${f(mean(on) - mean(off))} on average per submit.`,
    );
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
