// The sender of an activity kept as a contact: completed from the roster once, written only
// when it changed, reachable where they wrote from their 1:1 chat.

import { recordSender, type SeenSender } from '../../../../bot/app/contacts/sender-contact';
import { appFixture } from '../../../support/app-fixture';

const chat = { serviceUrl: 'https://smba.example/emea/', channelId: 'msteams', bot: { id: '28:bot' }, conversationId: 'a:1' };
const anna: SeenSender = { aadObjectId: 'aad-anna', teamsUserId: '29:anna', name: 'Anna A', tenantId: 'tenant', locale: 'sv-SE', personalChat: chat };
const fromRoster = { name: 'Anna Andersson', email: 'anna@kalmar.se', userPrincipalName: 'anna@kalmar.se' };

describe('recordSender', () => {
  it('keeps a first-time sender with the roster’s name and addresses, reachable in their 1:1 chat', async () => {
    const f = await appFixture();
    const { contact, before } = await recordSender(f.deps, anna, async () => fromRoster);
    expect(before).toBeUndefined();
    expect(contact).toMatchObject({ aadObjectId: 'aad-anna', name: 'Anna Andersson', upn: 'anna@kalmar.se', locale: 'sv-SE', conversation: chat });
    expect(await f.stores.contacts.get('aad-anna')).toEqual(contact);
  });

  it('asks the roster only while no address of the sender is known', async () => {
    const f = await appFixture();
    const lookUp = jest.fn(async () => fromRoster);
    await recordSender(f.deps, anna, lookUp);
    await recordSender(f.deps, anna, lookUp);
    expect(lookUp).toHaveBeenCalledTimes(1);
    // The roster could not say: asked again next time.
    const noAnswer = jest.fn(async () => undefined);
    await recordSender(f.deps, { ...anna, aadObjectId: 'aad-bo', teamsUserId: '29:bo' }, noAnswer);
    await recordSender(f.deps, { ...anna, aadObjectId: 'aad-bo', teamsUserId: '29:bo' }, noAnswer);
    expect(noAnswer).toHaveBeenCalledTimes(2);
  });

  it('takes the name the activity gives over the stored one once the roster has been asked', async () => {
    const f = await appFixture();
    await recordSender(f.deps, anna, async () => fromRoster);
    const { contact, before } = await recordSender(f.deps, { ...anna, name: 'Anna B' }, async () => fromRoster);
    expect([before?.name, contact.name]).toEqual(['Anna Andersson', 'Anna B']);
  });

  it('writes the contact only when something in it changed, whatever the time', async () => {
    const f = await appFixture();
    await recordSender(f.deps, anna, async () => fromRoster);
    await recordSender(f.deps, anna, async () => fromRoster);
    const save = jest.spyOn(f.stores.contacts, 'save');
    f.setNow('2019-03-02T08:00:00Z');
    const again = await recordSender(f.deps, anna, async () => fromRoster);
    expect(save).not.toHaveBeenCalled();
    expect(again.before).toMatchObject({ name: 'Anna A' });
    await recordSender(f.deps, { ...anna, locale: 'en-GB' }, async () => fromRoster);
    expect(save).toHaveBeenCalledTimes(1);
    expect((await f.stores.contacts.get('aad-anna'))?.locale).toBe('en-GB');
  });

  it('keeps the 1:1 chat known from before when the sender writes in a channel', async () => {
    const f = await appFixture();
    await recordSender(f.deps, anna, async () => fromRoster);
    const { contact } = await recordSender(f.deps, { ...anna, personalChat: undefined }, async () => fromRoster);
    expect(contact.conversation).toEqual(chat);
  });
});
