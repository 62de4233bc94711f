// Table stores for tests: every call gets its own tables (a unique prefix) in the run's
// Azurite, so tests never see each other's data, also across parallel workers.

import { randomBytes } from 'node:crypto';
import type { Stores } from '../../storage/ports';
import { createTableStores } from '../../storage/tables';

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
