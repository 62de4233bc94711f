// Plans that join a round after it opened: a plan added to the register mid-round (or given an
// officer) is prompted at the next tick. The round remembers the register version it was last
// prompted for, so the check costs one register read per tick; only a newer register makes the
// round's prompts run again (which skips every plan already prompted by its delivery claim).
// Officers who install the app late are handled where the installation arrives
// (promptOpenRounds).

import { withinOfficeHours } from '../../domain/office-hours';
import { roundPhase, type Round } from '../../domain/round';
import { ConcurrencyError } from '../../../storage/ports';
import type { AppDeps } from '../deps';
import { promptRound, type PromptReport } from './open-rounds';

/**
 * Prompts the open, already opened rounds again when the register changed since their
 * prompts went out. Returns the reports of the runs that sent or missed something.
 */
export async function promptLateJoins(deps: AppDeps): Promise<PromptReport[]> {
  const now = deps.clock.now();
  const register = await deps.stores.registers.current();
  if (!register) return [];
  const reports: PromptReport[] = [];
  for (const round of await deps.stores.rounds.list()) {
    // Before its first prompting a round belongs to openDueRounds.
    if (!round.promptedAt || roundPhase(round, now) !== 'open') continue;
    if (round.promptedRegisterVersion === register.version) continue;
    // Prompted before versions were remembered, from a register that is still current.
    const unchanged = round.promptedRegisterVersion === undefined && register.importedAt.getTime() <= round.promptedAt.getTime();
    if (!unchanged) {
      if (!withinOfficeHours(now, deps.officeHours, round.timeZone)) continue;
      const report = await promptRound(deps, round);
      deps.log.info('round.late-joins', { round: round.id, register: register.version, sent: report.sent });
      if (report.sent + report.failed + report.unreachable.length > 0) reports.push(report);
      // A claim left by a process that died is sent when its lease expires: look again next tick.
      if (report.pending > 0) continue;
    }
    await rememberRegisterVersion(deps, round, register.version);
  }
  return reports;
}

async function rememberRegisterVersion(deps: AppDeps, round: Round, version: number): Promise<void> {
  const stored = await deps.stores.rounds.get(round.id);
  if (!stored || (stored.value.promptedRegisterVersion ?? -1) >= version) return;
  try {
    await deps.stores.rounds.update({ ...stored.value, promptedRegisterVersion: version }, stored.etag);
  } catch (err) {
    // Another process updated the round meanwhile: the next tick checks again.
    if (!(err instanceof ConcurrencyError)) throw err;
  }
}
