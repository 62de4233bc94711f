// A stored row that a list skipped (its store could not read it) is reported, not left to fail
// quietly: logged once per process, and once in all (across ticks, restarts and processes, by a
// claimed delivery) audited and told to the coordinators. The row itself is kept untouched.

import { createHash } from 'node:crypto';
import type { Delivery, UnreadableRow } from '../../storage/ports';
import { t } from '../domain/messages';
import type { AppDeps } from './deps';
import { SYSTEM_DELIVERIES, tellCoordinators } from './storage-incident';

/** Developer text from the reader: long enough to tell what is wrong, never a whole value. */
const MAX_PROBLEM_CHARS = 200;

/** Listens to the stores' skipped rows for as long as the process runs. */
export function reportUnreadableRows(deps: AppDeps): void {
  const seen = new Set<string>();
  deps.stores.unreadable.subscribe((row) => {
    const id = rowId(row);
    // Every list meets the row again (each tick): it is reported the first time only.
    if (seen.has(id)) return;
    seen.add(id);
    deps.log.error('storage.unreadable-row', {
      table: row.table,
      partitionKey: row.partitionKey,
      rowKey: row.rowKey,
      problem: row.problem.slice(0, MAX_PROBLEM_CHARS),
    });
    reportOnce(deps, row, id).catch((err: unknown) =>
      deps.log.error('storage.unreadable-row-report-failed', { table: row.table, error: err instanceof Error ? err.message : String(err) }),
    );
  });
}

/** Keys may be long and hold any character: the notice's id is a digest of where the row is. */
function rowId(row: UnreadableRow): string {
  return createHash('sha256').update(JSON.stringify([row.table, row.partitionKey, row.rowKey])).digest('hex').slice(0, 32);
}

async function reportOnce(deps: AppDeps, row: UnreadableRow, id: string): Promise<void> {
  const marker: Delivery = {
    roundId: SYSTEM_DELIVERIES,
    id: `unreadable-row:${id}`,
    kind: 'notice',
    planId: '',
    recipient: 'audit',
    outcome: 'claimed',
    claimedAt: deps.clock.now(),
  };
  // Another process (or this one before a restart) reported it already.
  if (!(await deps.stores.deliveries.claim(marker))) return;
  await deps.stores.audit.record({
    at: deps.clock.now(),
    actor: 'system',
    action: 'storage.unreadable-row',
    subject: `table:${row.table}`,
    details: { table: row.table, partitionKey: row.partitionKey, rowKey: row.rowKey },
  });
  const told = await tellCoordinators(deps, marker.id, (locale) => t(locale, 'unreadableRowNotice', { table: row.table }));
  await deps.stores.deliveries.complete({ ...marker, outcome: 'sent', completedAt: deps.clock.now() });
  deps.log.info('storage.unreadable-row-told', { table: row.table, ...told });
}
