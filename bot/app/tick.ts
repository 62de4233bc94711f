// The scheduler tick: what runs every SCHEDULER_INTERVAL_SECONDS, in which order, in the one
// process that holds the scheduler lease. Several processes may share one storage account: only
// the holder of the lease runs the tick; if it dies, another takes over when the lease expires.

import { randomUUID } from 'node:crypto';
import { newOverviewChecks, updateOverviewCards } from './coordinator/overview-updates';
import { postScheduled } from './coordinator/scheduled-posts';
import type { AppDeps } from './deps';
import { runReminders } from './reminders/run-reminders';
import { generateRounds } from './rounds/generate-rounds';
import { promptLateJoins } from './rounds/late-join';
import { openDueRounds, type PromptReport } from './rounds/open-rounds';
import { snapshotForTick } from './tick-snapshot';
import { errorMessage } from '../domain/errors';

export interface TickSettings {
  /** How often the scheduler runs the tick; the lease lasts two intervals. */
  intervalMs: number;
  /** How often the reminders are checked (every few minutes rather than every tick). */
  reminderCheckMs: number;
  /** The time zone of the rounds generated from the register's cadence. */
  timeZone: string;
}

/** One tick: the prompts it sent (rounds opened and late joins), empty when another process holds the lease. */
export type Tick = () => Promise<PromptReport[]>;

/** The tick of this process, holding the scheduler lease under an id of its own. */
export function createTick(deps: AppDeps, settings: TickSettings): Tick {
  const holder = randomUUID();
  const leaseMs = 2 * settings.intervalMs;
  const acquire = () => deps.stores.leases.acquire('scheduler', holder, deps.clock.now(), leaseMs);
  const runJobs = createJobs(deps, settings);
  return async () => {
    if (!(await acquire())) return [];
    // A round opening for thousands of officers takes minutes: the lease is renewed while the
    // tick runs, so another process does not start the same long work beside it. (The claims
    // would keep it from sending twice; the renewal keeps it from needlessly trying.)
    const renewal = setInterval(() => {
      acquire().then(
        (held) => {
          if (!held) deps.log.warn('scheduler.lease-lost', {});
        },
        (err: unknown) => deps.log.warn('scheduler.lease-renewal-failed', { error: errorMessage(err) }),
      );
    }, settings.intervalMs / 2);
    renewal.unref();
    try {
      return await runJobs();
    } finally {
      clearInterval(renewal);
    }
  };
}

/** The tick's jobs in their order, the reminders throttled to one check per `reminderCheckMs`. */
function createJobs(deps: AppDeps, settings: TickSettings): Tick {
  let remindersCheckedAt: number | undefined;
  const overviewChecks = newOverviewChecks();
  return async () => {
    // The register, the rounds and the channel are read once for the whole tick.
    const seen: AppDeps = { ...deps, stores: snapshotForTick(deps.stores) };
    // What every part of the tick reads, asked for at once rather than one after the other.
    await Promise.all([seen.stores.registers.current(), seen.stores.rounds.list(), seen.stores.channels.current()]);
    // Rounds of the register's cadence first, so that one whose opening has come opens now.
    await generateRounds(seen, { timeZone: settings.timeZone });
    const opened = await openDueRounds(seen);
    // Plans added to the register after a round opened join it (cheap when nothing changed).
    opened.push(...(await promptLateJoins(seen)));
    // Reminders, manager digests and the coordinators' overdue list (office hours checked inside),
    // every few minutes rather than every tick: a slot passed is sent at the next check.
    const now = deps.clock.now().getTime();
    if (remindersCheckedAt === undefined || now - remindersCheckedAt >= settings.reminderCheckMs || now < remindersCheckedAt) {
      remindersCheckedAt = now;
      await runReminders(seen);
    }
    await postScheduled(seen);
    // The overview card in the channel, updated in place when answers came in (at most every few minutes).
    await updateOverviewCards(seen, overviewChecks);
    return opened;
  };
}
