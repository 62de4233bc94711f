// Every change a coordinator makes to the register, its plans or the rounds is kept with who,
// when, and what it was before and after (`historik`), beside the ids-only audit trail.

import type { AdminAction } from '../../../storage/ports';
import { describeCadence } from '../../domain/cadence';
import { countRegister, type Register } from '../../domain/register';
import { summaryTime, type Round } from '../../domain/round';
import { countDiff, diffRegisters, type RegisterChangeSnapshot, type RegisterSnapshot } from '../../domain/register-diff';
import type { AppDeps } from '../deps';

/** Records the change in the admin history and, by ids only, in the audit trail. */
export async function recordAdminAction(deps: Pick<AppDeps, 'stores'>, action: AdminAction): Promise<void> {
  await deps.stores.history.record(action);
  await deps.stores.audit.record({ at: action.at, actor: action.actor, action: action.action, subject: action.subject });
}

// ---------------------------------------------------------------------------------------------
// Before and after of a new register version (`register.imported` from the command line,
// `register.applied` from an upload in Teams, `register.schedule-set`): the version and its
// counts, and after it what changed, so that `historik` can say "version 3: 2 planer tillagda".

export function registerSnapshot(register: Register): RegisterSnapshot {
  const cadence = register.schedule?.cadence;
  return { version: register.version, ...countRegister(register), ...(cadence ? { cadence: describeCadence(cadence) } : {}) };
}

/** The before and after of replacing one register version with the next. */
export function registerChange(before: Register | undefined, after: Register): { before?: RegisterSnapshot; after: RegisterChangeSnapshot } {
  return {
    ...(before ? { before: registerSnapshot(before) } : {}),
    after: { ...registerSnapshot(after), ...countDiff(diffRegisters(before, after)) },
  };
}

// ---------------------------------------------------------------------------------------------
// A round's dates before and after (`round.created`, `round.opened`, `round.postponed`,
// `round.closed`), from a card in Teams or from the command line alike.

/** A round's dates and policy as the history keeps them (plain JSON). */
export function roundSnapshot(round: Round): Record<string, unknown> {
  return {
    title: round.title,
    year: round.year,
    opensAt: round.opensAt.toISOString(),
    dueAt: round.dueAt.toISOString(),
    closesAt: round.closesAt.toISOString(),
    summaryAt: summaryTime(round).toISOString(),
    ...(round.closedAt ? { closedAt: round.closedAt.toISOString() } : {}),
    ...(round.policy ? { policy: round.policy } : {}),
    ...(round.answerPolicy ? { answerPolicy: round.answerPolicy } : {}),
  };
}

/** Who made a change, as the history names them: the id, and the display name where Teams gave one. */
export interface HistoryActor {
  actor: string;
  actorName?: string;
}

/**
 * `round.created` with the round's dates and policy, from a card or the command line alike.
 * createRound has already written the audit event, so only the history gets this.
 */
export async function recordRoundCreated(deps: Pick<AppDeps, 'stores'>, round: Round, by: HistoryActor): Promise<void> {
  await deps.stores.history.record({ at: round.createdAt, ...byOf(by), action: 'round.created', subject: `round:${round.id}`, after: roundSnapshot(round) });
}

/** `round.opened` with the dates before and after; openRoundNow has already written the audit event. */
export async function recordRoundOpened(deps: Pick<AppDeps, 'stores' | 'clock'>, before: Round, after: Round, by: HistoryActor): Promise<void> {
  await deps.stores.history.record({
    at: deps.clock.now(),
    ...byOf(by),
    action: 'round.opened',
    subject: `round:${after.id}`,
    before: roundSnapshot(before),
    after: roundSnapshot(after),
  });
}

function byOf(by: HistoryActor): HistoryActor {
  return by.actorName ? { actor: by.actor, actorName: by.actorName } : { actor: by.actor };
}
