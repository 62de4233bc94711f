// The coordinators' admin history in Table Storage: one partition, row key = the instant counted
// backwards (zero-padded) plus a random suffix, so the newest action comes first in a query
// and two actions in the same millisecond never collide. Rows are only ever inserted.

import { randomBytes } from 'node:crypto';
import { odata, type TableClient } from '@azure/data-tables';
import { paddedNumber } from '../keys';
import type { AdminAction, AdminHistoryStore } from '../ports';
import {
  checkStorable,
  defined,
  entity,
  getJson,
  getString,
  ignoreSkippedRows,
  putDate,
  putJson,
  putString,
  readOrSkip,
  requireDate,
  requireString,
  SKIPPED,
  type Props,
  type SkippedRowReport,
} from './entity';

const PARTITION = 'history';
/** Later than any instant this software will see (year 5138), so that keys count down. */
const LAST_MS = 99_999_999_999_999;

export class TableAdminHistory implements AdminHistoryStore {
  constructor(
    private readonly client: TableClient,
    private readonly skipped: SkippedRowReport = ignoreSkippedRows,
  ) {}

  async record(action: AdminAction): Promise<void> {
    const rowKey = `${paddedNumber(LAST_MS - action.at.getTime(), 15)}-${randomBytes(6).toString('hex')}`;
    const e = entity(PARTITION, rowKey);
    putDate(e, 'at', action.at);
    putString(e, 'actor', action.actor);
    putString(e, 'actorName', action.actorName);
    putString(e, 'action', action.action);
    putString(e, 'subject', action.subject);
    putJson(e, 'before', action.before);
    putJson(e, 'after', action.after);
    await this.client.createEntity(checkStorable(e, fromEntity));
  }

  async recent(limit: number): Promise<AdminAction[]> {
    const found: AdminAction[] = [];
    const pages = this.client.listEntities({ queryOptions: { filter: odata`PartitionKey eq ${PARTITION}` } }).byPage({ maxPageSize: Math.min(limit, 1000) });
    for await (const page of pages) {
      for (const e of page) {
        const action = readOrSkip(this.client, e as Props, fromEntity, this.skipped);
        if (action !== SKIPPED) found.push(action);
        if (found.length >= limit) return found;
      }
    }
    return found;
  }
}

function fromEntity(e: Props): AdminAction {
  return defined<AdminAction>({
    at: requireDate(e, 'at'),
    actor: requireString(e, 'actor'),
    actorName: getString(e, 'actorName'),
    action: requireString(e, 'action'),
    subject: requireString(e, 'subject'),
    before: getJson(e, 'before'),
    after: getJson(e, 'after'),
  });
}
