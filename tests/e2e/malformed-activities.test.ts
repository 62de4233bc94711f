// Whatever is posted to /api/messages, the bot answers it quickly and without a server error,
// and goes on serving: thousands of real Teams activity shapes (tests/support/activity-shapes.ts),
// mutated and framed oddly, against the real server and CloudAdapter with storage in Azurite
// and the Bot Connector stand-in. Seeded and bounded: FUZZ_SEED replays a run, FUZZ_RUNS makes
// it longer (FUZZ_RUNS=10000 for the run the outside tests made). Some requests are spoken over
// a raw socket with another Host, a declared length over the limit, or a body or headers that
// stop; each of those has the one answer it must get. A turn that failed inside the
// bot still answers 200 (the user gets a sentence), so the bot's own log is read too: any turn
// failure it logs fails the run.

import fc from 'fast-check';
import { performance } from 'node:perf_hooks';
import v8 from 'node:v8';
import vm from 'node:vm';
import { createRound } from '../../bot/app/rounds/create-round';
import { importRegister } from '../../bot/app/register/import-register';
import type { RunningBot } from '../../bot/main';
import { message, personalConversationId, post } from '../support/activities';
import { fuzzRequests, isLoopbackHost, postRaw, type Edge, type ShapeContext } from '../support/activity-shapes';
import { standInUser, startConnectorStandIn, type ConnectorStandIn } from '../support/connector-stand-in';
import { createRecordingLogger } from '../support/recording-logger';
import { testTableStores } from '../support/storage';
import { startTestBot, stopTestBot } from './support/test-bot';

const SEED = Number(process.env.FUZZ_SEED ?? 20_261_203);
const RUNS = Number(process.env.FUZZ_RUNS ?? 1_000);
const ANSWER_WITHIN_MS = 1_000;
/** The heap after the run, garbage collected, may have grown this much at most. */
const HEAP_GROWTH_BYTES = 40 * 1024 * 1024;

const anna = standInUser('anna', 'anna.andersson@kalmar.se');
const REGISTER = {
  plans: [{ id: 'drog', title: 'Drogpolitiskt program 2016-2020', period: '2016-2020', officer: anna.email }],
  people: [{ id: anna.email, name: 'Anna Andersson', title: 'folkhälsostrateg' }],
  coordinators: [anna.email],
};

/** Short server timeouts, so that a request that stops is answered well within ANSWER_WITHIN_MS. */
const TIMEOUTS = { bodyTimeoutMs: 200, headersTimeoutMs: 300 };

/** The answer a request with this edge must get, whatever its body (undefined: any below 500). */
function statusFor(edge: Edge | undefined): number | undefined {
  switch (edge?.kind) {
    case 'host':
      return isLoopbackHost(edge.host) ? undefined : 403;
    case 'over-limit':
      return 413;
    case 'slow-body':
    case 'slow-headers':
      return 408;
    default:
      return undefined;
  }
}

/** A full garbage collection, also where node runs without --expose-gc. */
function collectGarbage(): () => void {
  v8.setFlagsFromString('--expose-gc');
  return vm.runInNewContext('gc') as () => void;
}

describe('input that must never fail', () => {
  let standIn: ConnectorStandIn;
  let bot: RunningBot;
  let shapes: ShapeContext;
  const log = createRecordingLogger();
  const now = new Date('2019-03-05T09:00:00Z');

  beforeAll(async () => {
    standIn = await startConnectorStandIn([anna]);
    bot = await startTestBot(await testTableStores(), () => now, {}, log, TIMEOUTS);
    const imported = await importRegister(bot.deps, { bytes: Buffer.from(JSON.stringify(REGISTER)), fileName: 'register.json', importedBy: 'test' });
    expect(imported.kind).toBe('imported');
    const created = await createRound(
      bot.deps,
      { title: 'Uppföljning KF 2019', year: '2019', opensDate: '2019-03-01', dueDate: '2019-04-01', openNow: true },
      { createdBy: 'test', timeZone: 'Europe/Stockholm' },
    );
    if (created.kind === 'invalid') throw new Error(`The test's round is not valid: ${JSON.stringify(created.errors)}`);
    shapes = {
      serviceUrl: standIn.url,
      user: anna,
      roundId: created.round.id,
      planId: 'drog',
      fileUrl: standIn.serveFile('register.json', Buffer.from(JSON.stringify(REGISTER))),
      hugeFileUrl: standIn.serveFile('register.csv', Buffer.from(`Plan-id;Plan\n${'x;y\n'.repeat(200_000)}`)),
    };
  });

  afterAll(() => stopTestBot(bot, standIn));

  it(`answers ${RUNS} mutated Teams activities without a server error or a failed turn, each within a second, and keeps serving with a flat heap`, async () => {
    const gc = collectGarbage();
    const sample = fc.sample(fuzzRequests(shapes), { seed: SEED + 1, numRuns: 100 });
    for (const request of sample) await postRaw(bot.url, request, 5_000); // warm up
    gc();
    const heapBefore = process.memoryUsage().heapUsed;

    const statuses = new Map<number, number>();
    const edges = new Map<string, number>();
    try {
      await fc.assert(
        fc.asyncProperty(fuzzRequests(shapes), async (request) => {
          const logged = log.events.length;
          const started = performance.now();
          const status = await postRaw(bot.url, request, 5_000);
          const ms = performance.now() - started;
          statuses.set(status, (statuses.get(status) ?? 0) + 1);
          if (request.edge) edges.set(request.edge.kind, (edges.get(request.edge.kind) ?? 0) + 1);
          if (status === 0) throw new Error('no answer within 5 s');
          if (status >= 500) throw new Error(`answered ${status}`);
          const expected = statusFor(request.edge);
          if (expected !== undefined && status !== expected) throw new Error(`answered ${status} where ${expected} was due`);
          const failures = log.turnFailures(logged);
          if (failures.length > 0) throw new Error(`answered ${status}, but the turn failed: ${JSON.stringify(failures)}`);
          if (ms > ANSWER_WITHIN_MS) throw new Error(`answered ${status} after ${Math.round(ms)} ms`);
        }),
        { seed: SEED, numRuns: RUNS, endOnFailure: true, includeErrorInReport: true },
      );
    } catch (err) {
      throw new Error(`Replay with FUZZ_SEED=${SEED} FUZZ_RUNS=${RUNS}.\n${err instanceof Error ? err.message : String(err)}`);
    }
    // Most requests are refused at the door, but many get through to the turn logic.
    expect(statuses.get(400)).toBeGreaterThan(RUNS / 10);
    expect(statuses.get(200)).toBeGreaterThan(RUNS / 10);
    // And every edge came up a few times.
    for (const kind of ['host', 'over-limit', 'slow-body', 'slow-headers']) expect(edges.get(kind)).toBeGreaterThan(0);

    const before = standIn.sentTo(personalConversationId(anna)).length;
    expect((await post(bot.url, message(standIn.url, anna, 'hjälp'))).status).toBe(200);
    expect(standIn.sentTo(personalConversationId(anna)).slice(before).map((a) => a.text)).toEqual([expect.stringContaining('**mina planer**')]);

    gc();
    const growth = process.memoryUsage().heapUsed - heapBefore;
    expect(growth).toBeLessThan(HEAP_GROWTH_BYTES);
  }, Math.max(180_000, RUNS * 100));
});
