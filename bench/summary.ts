// npm run bench:summary — the coordinator's summary and council document at the size of a
// large municipality: a round of 1,000 plans, each with five submitted answers of 2,000
// characters, stored in Azurite. Prints the time to compile and render the Teams summary, the
// number of messages and the largest, the storage requests made, and the time and size of the
// .docx. The same is measured at 100 plans to show that the number of storage queries does not
// grow with the plans: the register's head row, the register's partition and the round's answer
// versions (a partition query answers with at most 1,000 rows per response, so large partitions
// come back in further pages of the same query).
//
//   npm run bench:summary [-- --plans 1000 --runs 5 --out DIR]

import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { buildSummaryMessages } from '../cards/summary-cards';
import { exportRound, type DocumentSettings } from '../bot/app/coordinator/exports/export-round';
import { postSummary, summarise } from '../bot/app/coordinator/summary';
import type { AppDeps } from '../bot/app/deps';
import { silentLogger } from '../bot/app/logger';
import type { ChannelMessage, Messenger } from '../bot/app/ports';
import type { AnswerVersion } from '../bot/domain/answer';
import { t } from '../cards/messages/index';
import { PLAN_STATUSES } from '../bot/domain/questions';
import type { RegisterContent } from '../bot/domain/register';
import { buildRound } from '../bot/domain/round';
import { startAzurite, type RunningAzurite } from '../storage/azurite';
import { createTableStores } from '../storage/tables';
import { startStorageRequestCounter } from './storage-request-counter';

const { values } = parseArgs({
  options: {
    plans: { type: 'string', default: '1000' },
    runs: { type: 'string', default: '5' },
    out: { type: 'string', default: path.join('bench', 'out') },
  },
});
const PLANS = Number(values.plans);
const RUNS = Number(values.runs);
const ANSWER_CHARS = 2000;
const NOW = new Date('2019-04-02T07:00:00Z');

const DOCUMENT: DocumentSettings = {
  organisation: 'Kalmar kommun',
  department: 'Kommunledningskontoret',
  handlaggare: { name: 'Sara Samordnare', title: 'verksamhetsutvecklare' },
  addressee: 'Kommunfullmäktige',
  caseNumber: 'KS 2019/0408',
};

const WORDS = (
  'arbetet med handlingsplanen fortlöper enligt tidplanen åtgärderna följs upp av förvaltningen och nämnden ' +
  'resurser saknas för två insatser under året samverkan med regionen polisen skolan socialtjänsten föreningar ' +
  'har utvecklats drogvaneundersökningen genomfördes i årskurs nio gymnasiet visar minskad användning av alkohol ' +
  'tobak narkotika spel tillsyn serveringstillstånd familjestöd föräldrautbildning kartläggning vattenstatus ' +
  'åtgärdsprogram miljökvalitetsnormer övergödning fosfor kväve enskilda avlopp dagvatten våtmarker kustvatten ' +
  'risk försening avvaktar budget personal rekrytering uppdrag beslut revidering remiss kommunfullmäktige 2019 2020'
).split(' ');

/** Varied Swedish prose of exactly `length` characters (å, ä and ö included: two bytes each in UTF-8). */
function answerText(seed: number, length: number): string {
  // mulberry32: a small seeded generator, so every run writes the same text.
  let state = seed + 1;
  const next = () => {
    state = (state + 0x6d2b79f5) | 0;
    let x = Math.imul(state ^ (state >>> 15), 1 | state);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return (x ^ (x >>> 14)) >>> 0;
  };
  let text = `Plan ${seed}: `;
  while (text.length < length) text += `${WORDS[next() % WORDS.length]}${next() % 9 === 0 ? '. ' : ' '}`;
  return text.slice(0, length);
}

function register(plans: number): RegisterContent {
  const people = Array.from({ length: plans }, (_, i) => ({ id: `officer${i}@kalmar.se`, name: `Tjänsteperson ${i}`, title: 'strateg' }));
  return {
    plans: Array.from({ length: plans }, (_, i) => ({
      id: `plan-${i}`,
      title: `Handlingsplan ${String(i).padStart(4, '0')} för ${['miljö', 'folkhälsa', 'trygghet', 'näringsliv'][i % 4]}`,
      period: '2016-2020',
      officer: people[i].id,
    })),
    people: [...people, { id: 'sara@kalmar.se', name: 'Sara Samordnare', title: 'verksamhetsutvecklare' }],
    coordinators: ['sara@kalmar.se'],
  };
}

/** A messenger that posts nowhere and keeps the size of the largest message. */
class MeasuringMessenger implements Messenger {
  largest = 0;
  messages = 0;
  async postToChannel(_reference: unknown, messages: ChannelMessage[]): Promise<string[]> {
    for (const m of messages) this.largest = Math.max(this.largest, Buffer.byteLength(JSON.stringify(m.card ?? m.text)));
    this.messages += messages.length;
    return messages.map((_m, i) => `m${i}`);
  }
  updateCard(): never {
    throw new Error('not used');
  }
  sendCard(): never {
    throw new Error('not used');
  }
  sendText(): never {
    throw new Error('not used');
  }
}

async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const start = process.hrtime.bigint();
  const value = await fn();
  return { ms: Number(process.hrtime.bigint() - start) / 1e6, value };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fmt = (ms: number) => `${ms.toFixed(0)} ms`;
const storageLine = (counts: Map<string, number>) =>
  [...counts].map(([k, v]) => `${k} ×${v}`).join(', ') || 'none';

async function measure(azurite: RunningAzurite, plans: number, prefix: string) {
  const proxy = await startStorageRequestCounter(azurite.port);
  const connectionString = azurite.connectionString.replace(`:${azurite.port}/`, `:${proxy.port}/`);
  const stores = await createTableStores(connectionString, { tablePrefix: prefix });
  const messenger = new MeasuringMessenger();
  const deps = { stores, clock: { now: () => NOW }, messenger, directory: { findUsers: async () => [] }, log: silentLogger, officeHours: 'always' } as AppDeps;

  await stores.registers.saveVersion(register(plans), { importedBy: 'bench', importedAt: NOW, source: 'bench' });
  const { round } = buildRound({ title: 'Uppföljning KF 2019', year: '2019', opensDate: '2019-03-01', dueDate: '2019-04-01' }, { timeZone: 'Europe/Stockholm', createdBy: 'bench', createdAt: NOW });
  await stores.rounds.create(round!);
  await stores.channels.bind({ conversationId: '19:bench@thread.tacv2', reference: {}, boundBy: 'sara@kalmar.se', boundAt: NOW });
  const seeding = await timed(async () => {
    const queue = Array.from({ length: plans }, (_, i) => i);
    const worker = async () => {
      for (let i = queue.shift(); i !== undefined; i = queue.shift()) {
        const version: AnswerVersion = {
          roundId: round!.id,
          planId: `plan-${i}`,
          version: 1,
          state: 'submitted',
          content: {
            texts: { status: answerText(i, ANSWER_CHARS), done: answerText(i + 1, ANSWER_CHARS), current: answerText(i + 2, ANSWER_CHARS), risks: answerText(i + 3, ANSWER_CHARS), completion: answerText(i + 4, ANSWER_CHARS) },
            status: PLAN_STATUSES[i % PLAN_STATUSES.length],
          },
          answeredBy: `officer${i}@kalmar.se`,
          answeredByName: `Tjänsteperson ${i}`,
          at: NOW,
        };
        await stores.answers.append(version, null);
      }
    };
    await Promise.all(Array.from({ length: 8 }, worker));
  });

  const compile: number[] = [];
  const render: number[] = [];
  const total: number[] = [];
  const posted: number[] = [];
  const docx: number[] = [];
  let sizes: number[] = [];
  let summaryRequests = new Map<string, number>();
  let docxBytes = 0;
  let docxFile: Buffer | undefined;
  for (let run = 0; run <= RUNS; run++) {
    // Run 0 warms up (module loading, the JIT) and is not counted.
    await proxy.reset();
    // Each step is measured as the bot runs it: the summary read and rendered here is let go
    // before the post and the export, which read the round again, so the peak RSS is theirs.
    const { compiled, rendered, cardSizes } = await (async () => {
      const compiled = await timed(() => summarise(deps, round!));
      const rendered = await timed(async () => buildSummaryMessages(compiled.value, 'sv', { fullTextNote: t('sv', 'summaryFullText') }));
      return { compiled: compiled.ms, rendered: rendered.ms, cardSizes: rendered.value.map((c) => Buffer.byteLength(JSON.stringify(c))) };
    })();
    const requests = await proxy.counts();
    // Every plan's card after the overview (`sammanställning alla`): the largest summary there is.
    const post = await timed(() => postSummary(deps, round!, 'sara@kalmar.se', 'sv', { all: true }));
    const word = await timed(() => exportRound(deps, round!, 'word', 'sara@kalmar.se', DOCUMENT));
    if (run === 0) continue;
    compile.push(compiled);
    render.push(rendered);
    total.push(compiled + rendered);
    posted.push(post.ms);
    docx.push(word.ms);
    sizes = cardSizes;
    summaryRequests = requests;
    docxBytes = word.value.bytes.length;
    docxFile = word.value.bytes;
  }
  proxy.close();
  return { plans, seedingMs: seeding.ms, compile, render, total, posted, docx, cards: sizes.length, largest: Math.max(...sizes), summaryRequests, docxBytes, docxFile };
}

async function main() {
  const azurite = await startAzurite({ inMemory: true });
  try {
    console.log(`Summary benchmark: ${RUNS} runs after a warm-up; median (min–max). Node ${process.version}.`);
    for (const plans of [...new Set([100, PLANS])]) {
      const r = await measure(azurite, plans, `bench${plans}`);
      const range = (xs: number[]) => `${fmt(median(xs))} (${fmt(Math.min(...xs))}–${fmt(Math.max(...xs))})`;
      console.log(`\n${r.plans} plans × 5 answers × ${ANSWER_CHARS} characters (stored in ${fmt(r.seedingMs)})`);
      console.log(`  summary, read from storage:          ${range(r.compile)}`);
      console.log(`  summary, rendered as cards:          ${range(r.render)}`);
      console.log(`  summary, compiled and rendered:      ${range(r.total)}   (target ≤ 1000 ms)`);
      console.log(`  summary posted and kept as a record: ${range(r.posted)}`);
      console.log(`  messages: ${r.cards}, largest ${r.largest} bytes (Teams' limit 28,672)`);
      console.log(`  storage requests for the summary:    ${storageLine(r.summaryRequests)}`);
      console.log(`  .docx:                               ${range(r.docx)}, ${(r.docxBytes / 1024 / 1024).toFixed(2)} MiB   (target ≤ 5000 ms)`);
      if (r.docxFile && values.out) {
        await mkdir(values.out, { recursive: true });
        const file = path.join(values.out, `council-document-${r.plans}.docx`);
        await writeFile(file, r.docxFile);
        console.log(`  written to ${file}`);
      }
    }
    console.log(`\nPeak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB.`);
  } finally {
    await azurite.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
