// Jest global teardown: stops the Azurite started by global-setup (same process, so the handle
// is still on globalThis).

import type { RunningAzurite } from '../../storage/azurite';

export default async function globalTeardown(): Promise<void> {
  const azurite = (globalThis as { __AZURITE__?: RunningAzurite }).__AZURITE__;
  (globalThis as { __AZURITE__?: RunningAzurite }).__AZURITE__ = undefined;
  await azurite?.stop();
}
