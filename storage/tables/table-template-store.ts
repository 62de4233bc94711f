// The coordinators' follow-up templates in Table Storage, beside the register in its table.
//
// Layout: one partition `template-{id}` per template, with row `head` (the current version,
// whole) and one row `version:{0000000003}` per version. A new version is created and the head
// moved in ONE transaction, the head with the ETag read before: two coordinators adding at once
// cannot both win, and nothing is ever overwritten but the head. A template is one JSON property
// (the validator keeps it far below the 32,768-unit limit of a string).

import { odata, type TableClient, type TransactionAction } from '@azure/data-tables';
import type { FollowUpTemplate } from '../../bot/domain/templates/template';
import { readStoredTemplate } from '../../bot/domain/templates/validate';
import { paddedNumber, prefixEnd } from '../keys';
import { ConcurrencyError, type StoredTemplate, type TemplateStore } from '../ports';
import {
  checkStorable,
  entity,
  getJson,
  getOptional,
  ignoreSkippedRows,
  listReadable,
  putDate,
  putJson,
  putString,
  requireDate,
  requireString,
  statusOf,
  type Entity,
  type Props,
  type SkippedRowReport,
} from './entity';

const PARTITION_PREFIX = 'template-';
const HEAD = 'head';

const partitionOf = (id: string) => `${PARTITION_PREFIX}${id}`;
const versionRow = (version: number) => `version:${paddedNumber(version)}`;

function toEntity(stored: StoredTemplate, rowKey: string): Entity {
  const e = entity(partitionOf(stored.template.id), rowKey);
  putJson(e, 'template', stored.template);
  putString(e, 'addedBy', stored.addedBy);
  putDate(e, 'addedAt', stored.addedAt);
  putString(e, 'source', stored.source);
  return checkStorable(e, fromEntity);
}

/** A stored template is checked by its structure (readStoredTemplate): a row that does not read as one is an error, not a guess. */
function fromEntity(e: Props): StoredTemplate {
  const raw = getJson<FollowUpTemplate>(e, 'template');
  const reading = readStoredTemplate(raw, raw?.version);
  if (reading.kind === 'invalid') throw new Error(`Template row ${String(e.rowKey)} is not a template: ${reading.problems.map((p) => `${p.path}: ${p.code}`).join('; ')}`);
  return { template: reading.template, addedBy: requireString(e, 'addedBy'), addedAt: requireDate(e, 'addedAt'), source: requireString(e, 'source') };
}

export class TableTemplateStore implements TemplateStore {
  constructor(
    private readonly client: TableClient,
    private readonly skipped: SkippedRowReport = ignoreSkippedRows,
  ) {}

  async current(id: string): Promise<StoredTemplate | undefined> {
    const head = await getOptional(this.client, partitionOf(id), HEAD);
    return head && fromEntity(head);
  }

  async version(id: string, version: number): Promise<StoredTemplate | undefined> {
    if (!Number.isSafeInteger(version) || version < 1) return undefined;
    const row = await getOptional(this.client, partitionOf(id), versionRow(version));
    return row && fromEntity(row);
  }

  async list(): Promise<StoredTemplate[]> {
    const filter = odata`PartitionKey ge ${PARTITION_PREFIX} and PartitionKey lt ${prefixEnd(PARTITION_PREFIX)} and RowKey eq ${HEAD}`;
    return listReadable(this.client, filter, fromEntity, this.skipped);
  }

  async saveVersion(template: FollowUpTemplate, meta: { addedBy: string; addedAt: Date; source: string }): Promise<StoredTemplate> {
    const head = await getOptional(this.client, partitionOf(template.id), HEAD);
    const version = head ? fromEntity(head).template.version + 1 : 1;
    const stored: StoredTemplate = { template: { ...template, version }, ...meta, addedAt: new Date(meta.addedAt.getTime()) };
    const actions: TransactionAction[] = [
      ['create', toEntity(stored, versionRow(version))],
      head ? ['update', toEntity(stored, HEAD), 'Replace', { etag: head.etag }] : ['create', toEntity(stored, HEAD)],
    ];
    try {
      await this.client.submitTransaction(actions);
    } catch (err) {
      const status = statusOf(err);
      if (status === 409 || status === 412) throw new ConcurrencyError(`Another version of template ${template.id} was added meanwhile`);
      throw err;
    }
    return stored;
  }
}
