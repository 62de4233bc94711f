// A team's roster makes the register people in it reachable; nobody else is stored, and
// someone reachable in their own 1:1 chat keeps it.

import { captureRoster } from '../../../../bot/app/contacts/roster-capture';
import { silentLogger } from '../../../../bot/app/logger';
import { createMemoryStores } from '../../../../storage/memory';
import { appFixture, contact } from '../../../support/app-fixture';

const viaTeam = { serviceUrl: 'https://smba.example/emea/', channelId: 'msteams', bot: { id: '28:bot' } };

describe('captureRoster', () => {
  it('stores the register people in the roster and leaves alone who is reachable 1:1 already', async () => {
    const f = await appFixture();
    const reachable = contact('bo@kalmar.se');
    await f.stores.contacts.save(reachable);
    const members = [
      contact('anna@kalmar.se', { conversation: viaTeam }),
      contact('bo@kalmar.se', { conversation: viaTeam }),
      contact('okand@kalmar.se', { conversation: viaTeam }),
    ];
    await captureRoster(f.deps, async () => ({ memberCount: 4, contacts: members }));
    const stored = await f.stores.contacts.list();
    expect(stored.map((c) => c.upn).sort()).toEqual(['anna@kalmar.se', 'bo@kalmar.se']);
    expect(await f.stores.contacts.get('aad-anna')).toMatchObject({ conversation: viaTeam });
    expect(await f.stores.contacts.get('aad-bo')).toEqual(reachable);
  });

  it('takes over a contact whose 1:1 chat is gone', async () => {
    const f = await appFixture();
    await f.stores.contacts.save(contact('anna@kalmar.se', { stale: true }));
    await captureRoster(f.deps, async () => ({ memberCount: 1, contacts: [contact('anna@kalmar.se', { conversation: viaTeam })] }));
    expect(await f.stores.contacts.get('aad-anna')).toMatchObject({ conversation: viaTeam });
  });

  it('reads no roster while there is no register, and stores nothing when the roster cannot be read', async () => {
    const stores = createMemoryStores();
    const readRoster = jest.fn(async () => ({ memberCount: 1, contacts: [contact('anna@kalmar.se')] }));
    await captureRoster({ stores, log: silentLogger }, readRoster);
    expect(readRoster).not.toHaveBeenCalled();
    const f = await appFixture();
    await captureRoster(f.deps, async () => undefined);
    expect(await f.stores.contacts.list()).toEqual([]);
  });
});
