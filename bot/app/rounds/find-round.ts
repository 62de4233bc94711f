// Which round is meant when nobody names one: the open rounds, the one due first first. The
// coordinator's commands, the plan list's status and the officer's own plans all read it so.

import { latestOpenedFirst, roundPhase, type Round } from '../../domain/round';
import type { AppDeps } from '../deps';

/** The rounds open at `now`, the one due first first. */
export function openRoundsDueFirst(rounds: readonly Round[], now: Date): Round[] {
  return rounds.filter((r) => roundPhase(r, now) === 'open').sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime());
}

/** The round a coordinator means: by id or title, else the open one due first, else the one opened last. */
export async function findRound(deps: AppDeps, name?: string): Promise<Round | undefined> {
  const rounds = await deps.stores.rounds.list();
  const wanted = name?.trim().toLowerCase();
  if (wanted) return rounds.find((r) => r.id === wanted || r.title.toLowerCase() === wanted);
  const now = deps.clock.now();
  return openRoundsDueFirst(rounds, now)[0] ?? latestOpenedFirst(rounds.filter((r) => r.opensAt <= now))[0];
}
