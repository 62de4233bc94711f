// What the coordinator's use cases posted or produced (a summary, a weekly digest, an export) is
// kept as a record exactly as sent or produced, with who asked and when, and the keeping audited.

import { randomUUID } from 'node:crypto';
import type { StoredRecord } from '../../../storage/ports';
import type { AppDeps } from '../deps';

/** Stores the record under a new id and audits it; returns it as stored. */
export async function keepRecord(deps: AppDeps, record: Omit<StoredRecord, 'id' | 'at'>): Promise<StoredRecord> {
  const at = deps.clock.now();
  const stored: StoredRecord = { ...record, id: `${record.kind}-${at.getTime()}-${randomUUID().slice(0, 8)}`, at };
  await deps.stores.records.save(stored);
  await deps.stores.audit.record({
    at,
    actor: record.requestedBy,
    action: `${record.kind}.recorded`,
    subject: `round:${record.roundId}/record:${stored.id}`,
    details: { format: record.format, bytes: record.bytes.length },
  });
  return stored;
}
