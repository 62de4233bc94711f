// Jest global setup of the integration and e2e projects (jest.config.js; the unit project has
// none): one in-memory Azurite for the whole run, on a free loopback port, however many of those
// projects run. Test files reach it through AZURITE_CONNECTION_STRING (workers inherit the
// environment) and keep apart by table prefix (tests/support/storage.ts).

import { startAzurite, type RunningAzurite } from '../../storage/azurite';

declare global {
  // eslint-disable-next-line no-var
  var __AZURITE__: RunningAzurite | undefined;
}

export default async function globalSetup(): Promise<void> {
  const azurite = await startAzurite({ inMemory: true });
  globalThis.__AZURITE__ = azurite;
  process.env.AZURITE_CONNECTION_STRING = azurite.connectionString;
}
