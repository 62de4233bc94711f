// In-memory SettingsStore with ETags on plan settings, refusing stale writes like the table
// implementation; absences are kept one per person (by lower-case address).

import { encodeKey } from '../keys';
import { ConcurrencyError, type Absence, type PlanSettings, type SettingsStore, type Versioned } from '../ports';
import { copy, nextEtag, sortByKey } from './copy';

export class MemorySettingsStore implements SettingsStore {
  /** Per round, per plan id. */
  private readonly plans = new Map<string, Map<string, Versioned<PlanSettings>>>();
  private readonly absences = new Map<string, Absence>();

  async listPlans(roundId: string): Promise<PlanSettings[]> {
    const round = [...(this.plans.get(roundId)?.values() ?? [])].map((s) => copy(s.value));
    return sortByKey(round, (s) => encodeKey(s.planId));
  }

  async getPlan(roundId: string, planId: string): Promise<Versioned<PlanSettings> | undefined> {
    const found = this.plans.get(roundId)?.get(planId);
    return found && copy(found);
  }

  async savePlan(settings: PlanSettings, etag: string | null): Promise<void> {
    let round = this.plans.get(settings.roundId);
    if (!round) this.plans.set(settings.roundId, (round = new Map()));
    const stored = round.get(settings.planId);
    if (etag === null ? stored !== undefined : stored?.etag !== etag) throw new ConcurrencyError();
    round.set(settings.planId, { value: copy(settings), etag: nextEtag() });
  }

  async listAbsences(): Promise<Absence[]> {
    return sortByKey([...this.absences.values()].map(copy), (a) => encodeKey(a.address.toLowerCase()));
  }

  async saveAbsence(absence: Absence): Promise<void> {
    this.absences.set(absence.address.toLowerCase(), copy(absence));
  }
}
