// The coordinator channel in Table Storage: one partition with a `current` row and one row per
// binding ever made (sortable by time), written together in one transaction.

import { odata, type TableClient } from '@azure/data-tables';
import type { ChannelBinding, ChannelBindingStore } from '../ports';
import {
  checkStorable,
  entity,
  getJson,
  getOptional,
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

const PARTITION = 'coordinator-channel';
const CURRENT = 'current';
const HISTORY = 'binding:';

function toEntity(binding: ChannelBinding, rowKey: string): Entity {
  const e = entity(PARTITION, rowKey);
  putString(e, 'conversationId', binding.conversationId);
  putString(e, 'name', binding.name);
  putJson(e, 'reference', binding.reference);
  putString(e, 'boundBy', binding.boundBy);
  putDate(e, 'boundAt', binding.boundAt);
  return checkStorable(e, fromEntity);
}

function fromEntity(e: Props): ChannelBinding {
  return {
    conversationId: requireString(e, 'conversationId'),
    name: getString(e, 'name'),
    reference: getJson(e, 'reference'),
    boundBy: requireString(e, 'boundBy'),
    boundAt: requireDate(e, 'boundAt'),
  };
}

export class TableChannelBindingStore implements ChannelBindingStore {
  constructor(
    private readonly client: TableClient,
    private readonly skipped: SkippedRowReport = ignoreSkippedRows,
  ) {}

  async current(): Promise<ChannelBinding | undefined> {
    const found = await getOptional(this.client, PARTITION, CURRENT);
    return found && fromEntity(found);
  }

  async bind(binding: ChannelBinding): Promise<void> {
    const at = String(binding.boundAt.getTime()).padStart(15, '0');
    await this.client.submitTransaction([
      ['upsert', toEntity(binding, CURRENT), 'Replace'],
      ['upsert', toEntity(binding, `${HISTORY}${at}`), 'Replace'],
    ]);
  }

  async history(): Promise<ChannelBinding[]> {
    const filter = odata`PartitionKey eq ${PARTITION} and RowKey ge ${HISTORY} and RowKey lt ${'binding;'}`;
    return listReadable(this.client, filter, fromEntity, this.skipped);
  }
}
