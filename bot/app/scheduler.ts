// A simple scheduler: runs the tick at a fixed interval, one tick at a time. The cadence and
// reminder engine builds on this; tests call the tick directly with a set clock instead.

import type { Logger } from './logger';
import { errorMessage } from '../domain/errors';

export interface Scheduler {
  stop(): Promise<void>;
}

export function startScheduler(tick: () => Promise<unknown>, intervalMs: number, log: Logger): Scheduler {
  let running: Promise<void> | undefined;
  const run = () => {
    if (running) return; // the previous tick is still going: skip rather than overlap
    running = tick()
      .then(() => undefined)
      .catch((err: unknown) => log.error('scheduler.tick-failed', { error: errorMessage(err) }))
      .finally(() => {
        running = undefined;
      });
  };
  const timer = setInterval(run, intervalMs);
  run();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
