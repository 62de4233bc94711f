// Installations (teams, group chats, personal scopes) in Table Storage: one partition, read
// whole when rosters are searched. The conversation reference is kept as JSON text.

import { odata, type TableClient } from '@azure/data-tables';
import { encodeKey } from '../keys';
import type { InstallationRecord, InstallationStore } from '../ports';
import {
  checkStorable,
  defined,
  entity,
  getDate,
  getJson,
  getString,
  ignoreSkippedRows,
  listReadable,
  putDate,
  putJson,
  putString,
  requireDate,
  requireString,
  type Entity,
  type Props,
  type SkippedRowReport,
} from './entity';

const PARTITION = 'installation';
const KINDS = ['team', 'groupChat', 'personal'] as const;

export class TableInstallationStore implements InstallationStore {
  constructor(
    private readonly client: TableClient,
    private readonly skipped: SkippedRowReport = ignoreSkippedRows,
  ) {}

  async save(installation: InstallationRecord): Promise<void> {
    await this.client.upsertEntity(toEntity(installation), 'Replace');
  }

  async list(): Promise<InstallationRecord[]> {
    return listReadable(this.client, odata`PartitionKey eq ${PARTITION}`, fromEntity, this.skipped);
  }
}

function toEntity(i: InstallationRecord): Entity {
  const e = entity(PARTITION, encodeKey(i.conversationId));
  putString(e, 'conversationId', i.conversationId);
  putString(e, 'kind', i.kind);
  putString(e, 'tenantId', i.tenantId);
  putString(e, 'name', i.name);
  putJson(e, 'reference', i.reference);
  putDate(e, 'installedAt', i.installedAt);
  putDate(e, 'removedAt', i.removedAt);
  return checkStorable(e, fromEntity);
}

function fromEntity(e: Props): InstallationRecord {
  const kind = requireString(e, 'kind');
  if (!(KINDS as readonly string[]).includes(kind)) throw new Error(`Unknown installation kind ${kind}`);
  return defined<InstallationRecord>({
    conversationId: requireString(e, 'conversationId'),
    kind: kind as InstallationRecord['kind'],
    tenantId: getString(e, 'tenantId'),
    name: getString(e, 'name'),
    reference: getJson(e, 'reference'),
    installedAt: requireDate(e, 'installedAt'),
    removedAt: getDate(e, 'removedAt'),
  });
}
