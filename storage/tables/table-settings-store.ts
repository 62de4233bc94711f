// Officers' per-plan choices and absences in Table Storage. Plan settings: partition = the
// round (`round:{id}`), row = the plan id, so a round's settings are one partition query and
// a change is a replace guarded by the ETag that was read. Absences: one partition, row = the
// person's address, so the reminder run reads them all in one query.

import type { TableClient } from '@azure/data-tables';
import { encodeKey } from '../keys';
import { ConcurrencyError, type Absence, type PlanSettings, type SettingsStore, type Versioned } from '../ports';
import {
  checkStorable,
  defined,
  entity,
  getDate,
  getString,
  putDate,
  putString,
  requireDate,
  requireString,
  statusOf,
  type Entity,
  type Props,
  ignoreSkippedRows,
  type SkippedRowReport,
} from './entity';
import { PartitionReadModel, type ReadModelOptions } from './partition-read-model';

/** `:` never occurs in an encoded key, so no round's partition can be the absences partition. */
const ABSENCES = 'absences';
const planPartition = (roundId: string) => `round:${encodeKey(roundId)}`;

export class TableSettingsStore implements SettingsStore {
  /** Each round's plan settings and the absences, kept and refreshed with what changed since. */
  private readonly plans: PartitionReadModel<PlanSettings>;
  private readonly absences: PartitionReadModel<Absence>;

  constructor(
    private readonly client: TableClient,
    skipped: SkippedRowReport = ignoreSkippedRows,
    changes: ReadModelOptions = {},
  ) {
    this.plans = new PartitionReadModel(client, { read: planFromEntity, skipped, ...changes });
    this.absences = new PartitionReadModel(client, { read: absenceFromEntity, skipped, ...changes });
  }

  /** Shared and frozen: the same list until a plan's settings in the round change. */
  async listPlans(roundId: string): Promise<readonly PlanSettings[]> {
    return this.plans.list(planPartition(roundId));
  }

  /** From the kept settings, refreshed first: commands that ask at once share one read. */
  async getPlan(roundId: string, planId: string): Promise<Versioned<PlanSettings> | undefined> {
    return this.plans.get(planPartition(roundId), encodeKey(planId));
  }

  async savePlan(settings: PlanSettings, etag: string | null): Promise<void> {
    try {
      if (etag === null) await this.client.createEntity(planToEntity(settings));
      // updateEntity defaults to If-Match: * (unconditional); the ETag makes it a guarded write.
      else await this.client.updateEntity(planToEntity(settings), 'Replace', { etag });
    } catch (err) {
      const status = statusOf(err);
      if (status === 409 || status === 412 || status === 404) throw new ConcurrencyError();
      throw err;
    } finally {
      this.plans.changed(planPartition(settings.roundId));
    }
  }

  async listAbsences(): Promise<Absence[]> {
    return [...(await this.absences.list(ABSENCES))];
  }

  async saveAbsence(absence: Absence): Promise<void> {
    try {
      // Last writer wins on purpose: an absence is one person's own statement about themselves.
      await this.client.upsertEntity(absenceToEntity(absence), 'Replace');
    } finally {
      this.absences.changed(ABSENCES);
    }
  }
}

function planToEntity(s: PlanSettings): Entity {
  const e = entity(planPartition(s.roundId), encodeKey(s.planId));
  putString(e, 'roundId', s.roundId);
  putString(e, 'planId', s.planId);
  putDate(e, 'snoozedUntil', s.snoozedUntil);
  putString(e, 'deputy', s.deputy);
  putString(e, 'delegatedBy', s.delegatedBy);
  putString(e, 'updatedBy', s.updatedBy);
  putDate(e, 'updatedAt', s.updatedAt);
  return checkStorable(e, planFromEntity);
}

function planFromEntity(e: Props): PlanSettings {
  return defined<PlanSettings>({
    roundId: requireString(e, 'roundId'),
    planId: requireString(e, 'planId'),
    snoozedUntil: getDate(e, 'snoozedUntil'),
    deputy: getString(e, 'deputy'),
    delegatedBy: getString(e, 'delegatedBy'),
    updatedBy: requireString(e, 'updatedBy'),
    updatedAt: requireDate(e, 'updatedAt'),
  });
}

function absenceToEntity(a: Absence): Entity {
  const e = entity(ABSENCES, encodeKey(a.address.toLowerCase()));
  putString(e, 'address', a.address);
  putDate(e, 'until', a.until);
  putString(e, 'setBy', a.setBy);
  putDate(e, 'setAt', a.setAt);
  return checkStorable(e, absenceFromEntity);
}

function absenceFromEntity(e: Props): Absence {
  return {
    address: requireString(e, 'address'),
    until: requireDate(e, 'until'),
    setBy: requireString(e, 'setBy'),
    setAt: requireDate(e, 'setAt'),
  };
}
