// Contacts in Table Storage: one partition, so that opening a round reads them all at once.
// The conversation reference is opaque to storage and kept as JSON text. Every turn looks up
// its sender: get() reads from the kept partition, refreshed with the contacts changed since
// (partition-read-model.ts), so commands that arrive at once share one request and a change
// made by another process is seen at the next call. Saves asked for at once (every officer's
// first turn in a rush) go out together as one transaction (group-commit.ts).

import { odata, type TableClient } from '@azure/data-tables';
import type { Contact } from '../../bot/domain/contact';
import { encodeKey } from '../keys';
import type { ContactStore } from '../ports';
import { GroupCommit } from './group-commit';
import { PartitionReadModel, type ReadModelOptions } from './partition-read-model';
import {
  checkStorable,
  defined,
  entity,
  getBoolean,
  getJson,
  getString,
  ignoreSkippedRows,
  listReadable,
  putBoolean,
  putDate,
  putJson,
  putString,
  requireDate,
  requireString,
  type Entity,
  type Props,
  type SkippedRowReport,
} from './entity';

const PARTITION = 'contact';

export class TableContactStore implements ContactStore {
  private readonly contacts: PartitionReadModel<Contact>;
  private readonly writes: GroupCommit;

  constructor(
    private readonly client: TableClient,
    private readonly skipped: SkippedRowReport = ignoreSkippedRows,
    changes: ReadModelOptions = {},
  ) {
    this.contacts = new PartitionReadModel(client, { read: fromEntity, skipped, ...changes });
    this.writes = new GroupCommit(client);
  }

  /** From the kept contacts, refreshed first. The contact is frozen: copy to change. */
  async get(aadObjectId: string): Promise<Contact | undefined> {
    return (await this.contacts.get(PARTITION, encodeKey(aadObjectId)))?.value;
  }

  async list(): Promise<Contact[]> {
    return listReadable(this.client, odata`PartitionKey eq ${PARTITION}`, fromEntity, this.skipped);
  }

  async save(contact: Contact): Promise<void> {
    // Last writer wins by design: a contact is refreshed from Teams, not edited by people.
    const row = toEntity(contact);
    let etag: string | undefined;
    try {
      [etag] = await this.writes.submit(PARTITION, [['upsert', row, 'Replace']]);
    } finally {
      // Kept as written: the next read does not read it back (none when the write failed).
      this.contacts.wrote(PARTITION, row, etag);
    }
  }
}

function toEntity(c: Contact): Entity {
  const e = entity(PARTITION, encodeKey(c.aadObjectId));
  putString(e, 'aadObjectId', c.aadObjectId);
  putString(e, 'teamsUserId', c.teamsUserId);
  putString(e, 'name', c.name);
  putString(e, 'upn', c.upn);
  putString(e, 'email', c.email);
  putString(e, 'tenantId', c.tenantId);
  putString(e, 'locale', c.locale);
  putJson(e, 'conversation', c.conversation);
  putBoolean(e, 'stale', c.stale);
  putDate(e, 'updatedAt', c.updatedAt);
  return checkStorable(e, fromEntity);
}

function fromEntity(e: Props): Contact {
  return defined<Contact>({
    aadObjectId: requireString(e, 'aadObjectId'),
    teamsUserId: requireString(e, 'teamsUserId'),
    name: requireString(e, 'name'),
    upn: getString(e, 'upn'),
    email: getString(e, 'email'),
    tenantId: getString(e, 'tenantId'),
    locale: getString(e, 'locale'),
    conversation: getJson(e, 'conversation'),
    stale: getBoolean(e, 'stale'),
    updatedAt: requireDate(e, 'updatedAt'),
  });
}
