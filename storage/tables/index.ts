// Azure Table Storage implementations of every storage port (Azurite locally and in tests).
// One table per aggregate; the partition layout of each is described in its file.

import type { TableClient } from '@azure/data-tables';
import { tableClientOptions } from '../azurite';
import type { StoreName, Stores } from '../ports';
import { UnreadableRowSignal } from '../unreadable-rows';
import { ensureTable } from './entity';
import { journaledTableClient, type JournaledTables } from './journaled-client';
import { TableAnswerStore } from './table-answer-store';
import { TableAuditLog } from './table-audit-log';
import { TableContactStore } from './table-contact-store';
import { TableDeliveryStore } from './table-delivery-store';
import { TableInboxStore, type StorageWarning } from './table-inbox-store';
import { TableInstallationStore } from './table-installation-store';
import { TableLeaseStore } from './table-lease-store';
import { TableChannelBindingStore } from './table-channel-binding-store';
import { TableRecordStore } from './table-record-store';
import { TableRegisterStore } from './table-register-store';
import { TableRoundStore } from './table-round-store';
import { TableSettingsStore } from './table-settings-store';
import { TableTemplateStore } from './table-template-store';
import type { StorageMeter } from './storage-meter';
import type { ReadModelOptions } from './partition-read-model';
import { responseTextPolicy } from './response-text';
import { openTableClient } from './lean-transaction';
import { TableAdminHistory } from './table-admin-history';

export {
  TableAnswerStore,
  TableAuditLog,
  TableContactStore,
  TableDeliveryStore,
  TableInboxStore,
  TableInstallationStore,
  TableLeaseStore,
  TableRegisterStore,
  TableRoundStore,
  TableSettingsStore,
  TableTemplateStore,
};
export { StorageLimitError } from './entity';
export { createStorageMeter, type StorageMeter } from './storage-meter';
export { journaledTableClient, replayJournal, type JournaledTables } from './journaled-client';
export { openTableClient } from './lean-transaction';

export const TABLE_NAMES = {
  registers: 'Registers',
  rounds: 'Rounds',
  answers: 'Answers',
  contacts: 'Contacts',
  installations: 'Installations',
  inbox: 'Inbox',
  deliveries: 'Deliveries',
  audit: 'Audit',
  leases: 'Leases',
  channels: 'Channels',
  records: 'Records',
  settings: 'Settings',
  history: 'AdminHistory',
} as const satisfies Record<StoreName, string>;

export interface TableStoresOptions {
  /** Prepended to every table name (letters and digits), e.g. to share an account. */
  tablePrefix?: string;
  /**
   * The embedded storage: every write also goes to its journal before it is reported done, and
   * the clients follow the emulator when it is restarted (the connection string is then unused).
   */
  journaled?: JournaledTables;
  /** Counts the requests and bytes read of every client (benchmarks and cost tests). */
  meter?: StorageMeter;
  /** How the kept lists read what changed (partition-read-model.ts); the defaults unless given. */
  readModel?: ReadModelOptions;
  /** Told of what a store went on past (the log's warn); nothing unless given. */
  warn?: StorageWarning;
}

/** Opens (and creates when missing) the tables, and returns the stores over them. */
export async function createTableStores(connectionString: string, opts: TableStoresOptions = {}): Promise<Stores> {
  const prefix = opts.tablePrefix ?? '';
  // Table names: 3–63 letters and digits, starting with a letter.
  if (!/^([A-Za-z][A-Za-z0-9]*)?$/.test(prefix) || prefix.length + 'Installations'.length > 63) {
    throw new Error(`Invalid table prefix "${prefix}": letters and digits only, starting with a letter`);
  }
  // The body reader last, so that a meter sees the text it hands on.
  const clientOptions = { ...tableClientOptions(connectionString), additionalPolicies: [...(opts.meter ? [opts.meter.policy] : []), responseTextPolicy] };
  const journaled = opts.journaled;
  const client = (name: string) =>
    journaled
      ? journaledTableClient(prefix + name, journaled)
      : openTableClient(connectionString, prefix + name, clientOptions);
  const clients = Object.fromEntries(
    Object.entries(TABLE_NAMES).map(([key, name]) => [key, client(name)]),
  ) as Record<StoreName, TableClient>;
  await Promise.all(Object.values(clients).map(ensureTable));
  // Every list skips a row its store cannot read and tells the application of it here.
  const unreadable = new UnreadableRowSignal();
  const skipped = unreadable.report;
  return {
    registers: new TableRegisterStore(clients.registers),
    rounds: new TableRoundStore(clients.rounds, skipped, opts.readModel),
    // The templates share the register's table: few rows, versions kept alike.
    templates: new TableTemplateStore(clients.registers, skipped),
    answers: new TableAnswerStore(clients.answers, skipped, opts.readModel),
    contacts: new TableContactStore(clients.contacts, skipped, opts.readModel),
    installations: new TableInstallationStore(clients.installations, skipped),
    inbox: new TableInboxStore(clients.inbox, opts.warn),
    deliveries: new TableDeliveryStore(clients.deliveries, skipped, opts.readModel),
    audit: new TableAuditLog(clients.audit, skipped),
    leases: new TableLeaseStore(clients.leases),
    channels: new TableChannelBindingStore(clients.channels, skipped),
    records: new TableRecordStore(clients.records, skipped),
    settings: new TableSettingsStore(clients.settings, skipped, opts.readModel),
    history: new TableAdminHistory(clients.history, skipped),
    unreadable,
  };
}
