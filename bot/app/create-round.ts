// A coordinator creates a follow-up round. It opens by itself at its opening time (the
// scheduler tick); "open now" simply sets the opening time to now.

import { buildRound, type Round, type RoundInput } from '../domain/round';
import type { FieldError } from '../domain/errors';
import { ConcurrencyError } from '../../storage/ports';
import type { AppDeps } from './deps';

export type CreateRoundResult = { ok: true; round: Round } | { ok: false; errors: FieldError[] };

export async function createRound(
  deps: Pick<AppDeps, 'stores' | 'clock'>,
  input: RoundInput & { openNow?: boolean },
  meta: { createdBy: string; timeZone: string },
): Promise<CreateRoundResult> {
  const now = deps.clock.now();
  const { round, errors } = buildRound(input, { timeZone: meta.timeZone, createdBy: meta.createdBy, createdAt: now });
  if (!round) return { ok: false, errors };
  if (input.openNow) round.opensAt = now;
  if (round.dueAt <= round.opensAt) {
    return { ok: false, errors: [{ field: 'due', message: 'Sista svarsdag måste ligga efter öppningstiden.' }] };
  }
  try {
    await deps.stores.rounds.create(round);
  } catch (err) {
    if (!(err instanceof ConcurrencyError)) throw err;
    return { ok: false, errors: [{ field: 'id', message: `Det finns redan en omgång med id "${round.id}". Ange ett annat id.` }] };
  }
  await deps.stores.audit.record({
    at: now,
    actor: meta.createdBy,
    action: 'round.created',
    subject: `round:${round.id}`,
    details: { opensAt: round.opensAt.toISOString(), dueAt: round.dueAt.toISOString() },
  });
  return { ok: true, round };
}

/** Opens a planned round at once: its opening time becomes now. */
export async function openRoundNow(
  deps: Pick<AppDeps, 'stores' | 'clock'>,
  roundId: string,
  by: string,
): Promise<{ ok: true; round: Round } | { ok: false; message: string }> {
  const now = deps.clock.now();
  const stored = await deps.stores.rounds.get(roundId);
  if (!stored) return { ok: false, message: `Det finns ingen omgång med id "${roundId}".` };
  const round = stored.value;
  if (round.closedAt || round.closesAt <= now) return { ok: false, message: `Omgången "${round.title}" är stängd.` };
  if (round.opensAt <= now) return { ok: true, round };
  const opened = { ...round, opensAt: now };
  await deps.stores.rounds.update(opened, stored.etag);
  await deps.stores.audit.record({ at: now, actor: by, action: 'round.opened-early', subject: `round:${round.id}` });
  return { ok: true, round: opened };
}
