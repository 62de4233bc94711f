// A stored row that a list skipped (its store could not read it) is reported, not left to fail
// quietly: logged once per process, and once in all (across ticks, restarts and processes, by a
// claimed delivery) told to the coordinators and audited. The row itself is kept untouched.
// A report that fails part-way (or whose process dies) leaves its claim behind: a later list
// that meets the row takes the claim over once its lease has expired and reports it then.

import { createHash } from 'node:crypto';
import type { Delivery, UnreadableRow } from '../../storage/ports';
import { t } from '../../cards/messages/index';
import { claimDelivery, pending, staleBefore } from './sending/deliveries';
import type { AppDeps } from './deps';
import { SYSTEM_DELIVERIES, tellCoordinators } from './storage-incident';
import { errorMessage } from '../domain/errors';

/** Developer text from the reader: long enough to tell what is wrong, never a whole value. */
const MAX_PROBLEM_CHARS = 200;

/** Listens to the stores' skipped rows for as long as the process runs. */
export function reportUnreadableRows(deps: AppDeps): void {
  const logged = new Set<string>();
  /** Rows reported (here or by another process), or whose report was given up. */
  const settled = new Set<string>();
  const reporting = new Set<string>();
  deps.stores.unreadable.subscribe((row) => {
    const id = rowId(row);
    // Every list meets the row again (each tick): it is logged the first time only.
    if (!logged.has(id)) {
      logged.add(id);
      deps.log.error('storage.unreadable-row', {
        table: row.table,
        partitionKey: row.partitionKey,
        rowKey: row.rowKey,
        problem: row.problem.slice(0, MAX_PROBLEM_CHARS),
      });
    }
    if (settled.has(id) || reporting.has(id)) return;
    reporting.add(id);
    reportOnce(deps, row, id)
      .then((done) => {
        if (done) settled.add(id);
      })
      .catch((err: unknown) =>
        deps.log.error('storage.unreadable-row-report-failed', { table: row.table, error: errorMessage(err) }),
      )
      .finally(() => reporting.delete(id));
  });
}

/** Keys may be long and hold any character: the notice's id is a digest of where the row is. */
function rowId(row: UnreadableRow): string {
  return createHash('sha256').update(JSON.stringify([row.table, row.partitionKey, row.rowKey])).digest('hex').slice(0, 32);
}

/**
 * Reports the row unless it was reported before; true when nothing is left to do for it, false
 * when a claim within its lease (another process's report under way, or one that failed) may
 * yet have to be taken over.
 */
async function reportOnce(deps: AppDeps, row: UnreadableRow, id: string): Promise<boolean> {
  const marker: Delivery = {
    roundId: SYSTEM_DELIVERIES,
    id: `unreadable-row:${id}`,
    kind: 'notice',
    planId: '',
    recipient: 'audit',
    outcome: 'claimed',
    claimedAt: deps.clock.now(),
  };
  if (!(await claimDelivery(deps, marker))) return !pending(await deps.stores.deliveries.get(marker.roundId, marker.id), staleBefore(deps));
  // The coordinators first: each notice is a claimed delivery of its own, so a report taken
  // over after a failure tells no one twice; the audit follows, once the telling is done.
  const told = await tellCoordinators(deps, marker.id, (locale) => t(locale, 'unreadableRowNotice', { table: row.table }));
  await deps.stores.audit.record({
    at: deps.clock.now(),
    actor: 'system',
    action: 'storage.unreadable-row',
    subject: `table:${row.table}`,
    details: { table: row.table, partitionKey: row.partitionKey, rowKey: row.rowKey },
  });
  await deps.stores.deliveries.complete({ ...marker, outcome: 'sent', completedAt: deps.clock.now() });
  deps.log.info('storage.unreadable-row-told', { table: row.table, ...told });
  return true;
}
