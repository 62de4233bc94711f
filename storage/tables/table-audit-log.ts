// The audit trail in Table Storage: partition = UTC day, so a day's events are one partition
// query; row key = the instant (zero-padded milliseconds, so keys sort by time) plus a random
// suffix, so two events in the same millisecond, from two instances, never collide. Events
// recorded at once (many officers submitting together) are written as one transaction of the
// day's partition (group-commit.ts); each is reported recorded only once it is stored.

import { randomBytes } from 'node:crypto';
import { odata, type TableClient } from '@azure/data-tables';
import { paddedNumber } from '../keys';
import type { AuditEvent, AuditLog } from '../ports';
import { GroupCommit } from './group-commit';
import {
  checkStorable,
  defined,
  entity,
  getJson,
  ignoreSkippedRows,
  listReadable,
  putDate,
  putJson,
  putString,
  requireDate,
  requireString,
  type Props,
  type SkippedRowReport,
} from './entity';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

export class TableAuditLog implements AuditLog {
  private readonly writes: GroupCommit;

  constructor(
    private readonly client: TableClient,
    private readonly skipped: SkippedRowReport = ignoreSkippedRows,
  ) {
    this.writes = new GroupCommit(client);
  }

  async record(event: AuditEvent): Promise<void> {
    const day = event.at.toISOString().slice(0, 10);
    const rowKey = `${paddedNumber(event.at.getTime(), 15)}-${randomBytes(6).toString('hex')}`;
    const e = entity(day, rowKey);
    putDate(e, 'at', event.at);
    putString(e, 'actor', event.actor);
    putString(e, 'action', event.action);
    putString(e, 'subject', event.subject);
    putJson(e, 'details', event.details);
    await this.writes.create(checkStorable(e, fromEntity));
  }

  async listDay(day: string): Promise<AuditEvent[]> {
    if (!DAY.test(day)) throw new Error(`Not a day (yyyy-mm-dd): ${day}`);
    return listReadable(this.client, odata`PartitionKey eq ${day}`, fromEntity, this.skipped);
  }
}

function fromEntity(e: Props): AuditEvent {
  return defined<AuditEvent>({
    at: requireDate(e, 'at'),
    actor: requireString(e, 'actor'),
    action: requireString(e, 'action'),
    subject: requireString(e, 'subject'),
    details: getJson(e, 'details'),
  });
}
