// One bot process of the fan-out benchmark (bench/fanout.ts forks it): the real composition root
// (startBot, local mode, configuration from the environment the benchmark sets) with the
// scheduler's tick called in a loop, as the scheduler would. It tells the benchmark over IPC
// how many requests it has made to the Bot Connector, what it logged and its peak RSS.

import diagnostics from 'node:diagnostics_channel';
import type { Logger, LogFields } from '../bot/app/logger';
import { loadConfig } from '../bot/config';
import { startBot } from '../bot/main';
import { systemClock } from '../bot/system-clock';
import { errorMessage } from '../bot/domain/errors';

export interface WorkerReport {
  type: 'ready' | 'progress' | 'stopped';
  pid: number;
  /** Requests made to the Bot Connector (paths under /v3/). */
  connectorRequests: number;
  ticks: number;
  tickErrors: number;
  /** Log events by `level event`, e.g. `error prompt.failed`. */
  events: Record<string, number>;
  /** The first few warnings and errors, with their fields. */
  samples: string[];
  maxRssKiB: number;
}

const TICK_EVERY_MS = Number(process.env.BENCH_TICK_EVERY_MS ?? 1000);
const SAMPLE_LIMIT = 5;

let connectorRequests = 0;
// Node's HTTP client announces each request it starts; storage calls go elsewhere than /v3/.
diagnostics.subscribe('http.client.request.start', (message) => {
  const path = (message as { request?: { path?: string } }).request?.path ?? '';
  if (path.startsWith('/v3/')) connectorRequests++;
});

const events: Record<string, number> = {};
const samples: string[] = [];
const countingLogger: Logger = Object.fromEntries(
  (['debug', 'info', 'warn', 'error'] as const).map((level) => [
    level,
    (event: string, fields: LogFields = {}) => {
      const key = `${level} ${event}`;
      events[key] = (events[key] ?? 0) + 1;
      if ((level === 'warn' || level === 'error') && samples.length < SAMPLE_LIMIT) samples.push(`${key} ${JSON.stringify(fields)}`);
    },
  ]),
) as unknown as Logger;

let ticks = 0;
let tickErrors = 0;
const report = (type: WorkerReport['type']): WorkerReport => ({
  type,
  pid: process.pid,
  connectorRequests,
  ticks,
  tickErrors,
  events: { ...events },
  samples: [...samples],
  maxRssKiB: process.resourceUsage().maxRSS,
});
const send = (type: WorkerReport['type']) => new Promise<void>((resolve) => process.send!(report(type), () => resolve()));

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const bot = await startBot(config, { clock: systemClock, log: countingLogger, scheduler: false });
  let stopping = false;
  let loop: Promise<void> = Promise.resolve();
  const progress = setInterval(() => void send('progress'), 250);
  process.on('message', (message: { type?: string }) => {
    if (message?.type !== 'stop' || stopping) return;
    stopping = true;
    clearInterval(progress);
    void (async () => {
      await loop;
      await bot.stop();
      await send('stopped');
      process.exit(0);
    })();
  });
  process.on('disconnect', () => process.exit(0));
  await send('ready');
  loop = (async () => {
    while (!stopping) {
      ticks++;
      try {
        await bot.tick();
      } catch (err) {
        tickErrors++;
        countingLogger.error('bench.tick-failed', { error: errorMessage(err) });
      }
      if (!stopping) await new Promise((resolve) => setTimeout(resolve, TICK_EVERY_MS));
    }
  })();
}

main().catch((err: unknown) => {
  process.stderr.write(`fan-out worker ${process.pid} could not start: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
