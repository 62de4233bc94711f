// Table stores for tests: every call gets its own tables (a unique prefix) in the run's
// Azurite, so tests never see each other's data, also across parallel workers.

import type { TableClient } from '@azure/data-tables';
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { tableClientOptions } from '../../storage/azurite';
import { WriteJournal } from '../../storage/journal';
import type { Stores } from '../../storage/ports';
import { createTableStores, openTableClient, type JournaledTables } from '../../storage/tables';

let counter = 0;

export function azuriteConnectionString(): string {
  const connectionString = process.env.AZURITE_CONNECTION_STRING;
  if (!connectionString) {
    throw new Error('AZURITE_CONNECTION_STRING is not set: run the tests through jest (tests/support/global-setup.ts)');
  }
  return connectionString;
}

/** A table prefix of letters and digits (table names: 3–63 alphanumerics, starting with a letter). */
export function uniqueTablePrefix(): string {
  counter += 1;
  return `t${process.pid.toString(36)}${counter.toString(36)}${randomBytes(3).toString('hex')}`;
}

export async function testTableStores(): Promise<Stores> {
  return createTableStores(azuriteConnectionString(), { tablePrefix: uniqueTablePrefix() });
}

/** A plain client of one table in the run's Azurite (as the stores have it): no journal, as a test reads or damages it. */
export function testTableClient(table: string): TableClient {
  const connectionString = azuriteConnectionString();
  return openTableClient(connectionString, table, tableClientOptions(connectionString));
}

/**
 * Table stores over the run's Azurite that write through a journal of their own (as the embedded
 * storage does), with the journal, so tests can read what it holds. A test that also writes
 * beside the journal passes the table prefix it shares with its other stores.
 */
export async function journaledTestTableStores(tablePrefix = uniqueTablePrefix()): Promise<Stores & { journal: WriteJournal }> {
  const journal = await WriteJournal.open(path.join(mkdtempSync(path.join(os.tmpdir(), 'journal-')), 'journal.jsonl'));
  const tables: JournaledTables = { journal, client: testTableClient, whenUp: async () => {} };
  const stores = await createTableStores(azuriteConnectionString(), { tablePrefix, journaled: tables });
  return Object.assign(stores, { journal });
}
