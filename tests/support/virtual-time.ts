// Virtual time for tests of pacing and retries: `wait` registers a timer and `run` advances the
// clock from timer to timer until the work is done, so a minute of sending takes milliseconds
// and every wait is known exactly.

export interface VirtualTime {
  now(): number;
  wait(ms: number): Promise<void>;
  /** Every wait asked for, in order. */
  waits: number[];
  /** Runs the work to its end, advancing the clock whenever everything is waiting. */
  run<T>(work: () => Promise<T>): Promise<T>;
}

/**
 * Virtual time for work that also waits on real I/O (the bot over HTTP, Azurite), where `run`
 * cannot tell when everything is waiting: a wait ends at the next turn of the event loop with the
 * clock moved on to its end, so no test sits out a real delay, and every wait asked for is known.
 */
export function skippingTime(start = 0): Pick<VirtualTime, 'now' | 'wait' | 'waits'> {
  let now = start;
  const waits: number[] = [];
  return {
    now: () => now,
    waits,
    wait(ms) {
      waits.push(ms);
      const end = now + Math.max(0, ms);
      return new Promise<void>((resolve) =>
        setImmediate(() => {
          now = Math.max(now, end);
          resolve();
        }),
      );
    },
  };
}

const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

export function virtualTime(start = 0): VirtualTime {
  let now = start;
  let sequence = 0;
  const timers: Array<{ at: number; seq: number; resolve: () => void }> = [];
  const waits: number[] = [];
  return {
    now: () => now,
    waits,
    wait(ms) {
      waits.push(ms);
      return new Promise<void>((resolve) => timers.push({ at: now + Math.max(0, ms), seq: sequence++, resolve }));
    },
    async run(work) {
      let done = false;
      let result: { ok: true; value: any } | { ok: false; error: unknown } | undefined;
      work().then(
        (value) => ((done = true), (result = { ok: true, value })),
        (error) => ((done = true), (result = { ok: false, error })),
      );
      while (!done) {
        await settle();
        if (done) break;
        if (timers.length === 0) {
          await settle();
          if (!done && timers.length === 0) throw new Error('The work is stuck: nothing to wait for');
          continue;
        }
        timers.sort((a, b) => a.at - b.at || a.seq - b.seq);
        const next = timers.shift()!;
        now = Math.max(now, next.at);
        next.resolve();
      }
      if (!result!.ok) throw result!.error;
      return result!.value;
    },
  };
}
