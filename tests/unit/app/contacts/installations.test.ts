// Installations: a team or group chat is kept (removal included), a removed 1:1 chat leaves the
// contact in place but unreachable, and each conversation is greeted once.

import { claimWelcome, markPersonalChatRemoved, recordInstallation } from '../../../../bot/app/contacts/installations';
import { firstDelivery } from '../../../../bot/app/inbox';
import { appFixture, contact } from '../../../support/app-fixture';

describe('installations', () => {
  it('keeps a team that added the app, and when it removed it', async () => {
    const f = await appFixture({ now: '2019-03-01T08:00:00Z' });
    const team = { conversationId: '19:team', kind: 'team' as const, tenantId: 'tenant', name: 'Ledning', reference: { conversation: { id: '19:team' } } };
    await recordInstallation(f.deps, { ...team, removed: false });
    expect(await f.stores.installations.list()).toEqual([{ ...team, installedAt: new Date('2019-03-01T08:00:00Z'), removedAt: undefined }]);
    f.setNow('2019-03-05T08:00:00Z');
    await recordInstallation(f.deps, { ...team, removed: true });
    expect(await f.stores.installations.list()).toEqual([expect.objectContaining({ conversationId: '19:team', removedAt: new Date('2019-03-05T08:00:00Z') })]);
  });

  it('keeps the contact of someone who removed the app from their 1:1 chat, marked as not reachable there', async () => {
    const f = await appFixture();
    await f.stores.contacts.save(contact('anna@kalmar.se'));
    await markPersonalChatRemoved(f.deps, 'aad-anna');
    await markPersonalChatRemoved(f.deps, 'aad-unknown');
    expect(await f.stores.contacts.list()).toEqual([expect.objectContaining({ aadObjectId: 'aad-anna', upn: 'anna@kalmar.se', stale: true })]);
  });

  it('greets a conversation once, however often Teams announces the installation', async () => {
    const f = await appFixture();
    expect([await claimWelcome(f.deps, 'a:1'), await claimWelcome(f.deps, 'a:1'), await claimWelcome(f.deps, 'a:2')]).toEqual([true, false, true]);
  });
});

describe('firstDelivery', () => {
  it('tells a redelivered activity from the first, and lets one without an id through', async () => {
    const f = await appFixture();
    const activity = { conversationId: 'a:1', id: 'act-1', type: 'message' };
    expect([await firstDelivery(f.deps, activity), await firstDelivery(f.deps, activity)]).toEqual([true, false]);
    const withoutId = { conversationId: 'a:1', type: 'message' };
    expect([await firstDelivery(f.deps, withoutId), await firstDelivery(f.deps, withoutId)]).toEqual([true, true]);
  });
});
