// Rounds from the register's cadence: the scheduler tick creates the round of the current or
// next period some days before it opens (at once when its opening has passed but its due date
// has not), as if a coordinator had typed it. The round's id follows from the period alone, so a
// second tick or a second process finds it already there and does nothing. A round whose due
// date has passed is never created afterwards: there is no backfill of missed periods.

import { CREATE_DAYS_BEFORE_OPENING, checkCadence, roundsDue } from '../../domain/cadence';
import type { AppDeps } from '../deps';
import { createRound } from './create-round';

/** Who creates scheduled rounds, in the round's `createdBy` and the audit log. */
export const SCHEDULE_ACTOR = 'schedule';

export interface GenerateRoundsOptions {
  /** Local dates of the schedule are read in this time zone (the bot's TIME_ZONE). */
  timeZone: string;
  /** How many days before its opening a round is created. */
  daysBefore?: number;
}

/** Creates the rounds the cadence calls for now; returns the ids of those it created. */
export async function generateRounds(
  deps: Pick<AppDeps, 'stores' | 'clock' | 'log'>,
  options: GenerateRoundsOptions,
): Promise<string[]> {
  const cadence = (await deps.stores.registers.current())?.schedule?.cadence;
  if (!cadence) return [];
  // Checked on import; a stored one that is not valid must not stop the rest of the tick.
  if (checkCadence(cadence).length > 0) {
    deps.log.error('round.schedule-invalid', { kind: String((cadence as { kind?: unknown }).kind) });
    return [];
  }
  const now = deps.clock.now();
  const created: string[] = [];
  const due = roundsDue(cadence, now, options.timeZone, options.daysBefore ?? CREATE_DAYS_BEFORE_OPENING);
  // Usually there: created by an earlier tick, or by a coordinator with the same id.
  const existing = due.length > 0 ? new Set((await deps.stores.rounds.list()).map((r) => r.id)) : new Set<string>();
  for (const { input } of due) {
    const id = input.id!;
    if (existing.has(id)) continue;
    const result = await createRound(deps, input, { createdBy: SCHEDULE_ACTOR, timeZone: options.timeZone });
    if (result.kind === 'created') {
      created.push(id);
      deps.log.info('round.scheduled', { round: id, opensAt: result.round.opensAt.toISOString() });
      continue;
    }
    // Another process created it between the read and the write: done either way.
    if (result.errors.some((e) => e.field === 'id') && (await deps.stores.rounds.get(id))) continue;
    // A cadence that passed validation always gives a valid round. Logged, not audited: the
    // next tick tries again, and the audit log is no place for a line a minute.
    deps.log.error('round.schedule-failed', { round: id, errors: result.errors.map((e) => `${e.field}: ${e.message}`).join(' | ') });
  }
  return created;
}
