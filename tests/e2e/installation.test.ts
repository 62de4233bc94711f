// Installing and removing the app, over HTTP: the greeting (once), the conversation reference,
// the team roster that makes register people reachable, and stale references after removal.

import type { RunningBot } from '../../bot/main';
import type { Stores } from '../../storage/ports';
import { BOT, TENANT_ID, baseActivity, personalConversationId, post, teamInstall } from '../support/activities';
import { standInUser, startConnectorStandIn, type ConnectorStandIn } from '../support/connector-stand-in';
import { testTableStores } from '../support/storage';
import { once } from './support/steps';
import { startTestBot, stopTestBot } from './support/test-bot';

const anna = standInUser('anna', 'anna@kalmar.se');
const bo = standInUser('bo', 'bo@kalmar.se');
const visitor = standInUser('visitor', 'visitor@kalmar.se');
const TEAM = '19:kommunledning@thread.tacv2';

describe('installing and removing the app', () => {
  let standIn: ConnectorStandIn;
  let bot: RunningBot;
  let stores: Stores;

  beforeAll(async () => {
    standIn = await startConnectorStandIn([anna, bo, visitor]);
    stores = await testTableStores();
    await stores.registers.saveVersion(
      {
        plans: [
          { id: 'drog', title: 'Drogpolitiskt program', officer: 'anna@kalmar.se' },
          { id: 'vatten', title: 'God vattenstatus', officer: 'bo@kalmar.se' },
        ],
        people: [
          { id: 'anna@kalmar.se', name: 'Anna' },
          { id: 'bo@kalmar.se', name: 'Bo' },
        ],
        coordinators: ['anna@kalmar.se'],
      },
      { importedBy: 'test', importedAt: new Date('2019-01-01T00:00:00Z'), source: 'test' },
    );
    bot = await startTestBot(stores, () => new Date('2019-03-05T09:00:00Z'));
  });

  afterAll(() => stopTestBot(bot, standIn));

  const personalInstall = (action: 'add' | 'remove') => ({ ...baseActivity(standIn.url, anna), type: 'installationUpdate', action });
  const personalMembersAdded = () => ({ ...baseActivity(standIn.url, anna), type: 'conversationUpdate', membersAdded: [{ id: anna.id }, BOT] });

  // The story's steps: each test takes the steps it builds on (see support/steps.ts).
  const installedForAnna = once(async () => {
    // Teams sends both events for one installation.
    await Promise.all([post(bot.url, personalInstall('add')), post(bot.url, personalMembersAdded())]);
    await post(bot.url, personalInstall('add'));
  });
  const installedInTeam = once(async () => {
    await installedForAnna();
    await post(bot.url, teamInstall(standIn.url, visitor, TEAM));
    await post(bot.url, { ...teamInstall(standIn.url, visitor, TEAM), type: 'installationUpdate', action: 'add', membersAdded: undefined });
  });
  const removedBoth = once(async () => {
    await installedInTeam();
    await post(bot.url, personalInstall('remove'));
    const annaAfterRemoval = await stores.contacts.get(anna.aadObjectId);
    await post(bot.url, { ...teamInstall(standIn.url, visitor, TEAM), type: 'installationUpdate', action: 'remove', membersAdded: undefined });
    return { annaAfterRemoval };
  });

  it('greets an officer once when the app is installed for them, and keeps the conversation', async () => {
    await installedForAnna();
    const greetings = standIn.sentTo(personalConversationId(anna)).filter((a) => /Hej! Jag är Uppföljning/.test(a.text));
    expect(greetings).toHaveLength(1);
    expect(await stores.contacts.get(anna.aadObjectId)).toMatchObject({
      upn: 'anna@kalmar.se',
      conversation: { conversationId: personalConversationId(anna), serviceUrl: standIn.url },
    });
  });

  it('greets a team once and makes the register people in its roster reachable, nobody else', async () => {
    await installedInTeam();
    const greetings = standIn.sentTo(TEAM).filter((a) => /samlar in uppföljningen/.test(a.text));
    expect(greetings).toHaveLength(1);
    const bosContact = await stores.contacts.get(bo.aadObjectId);
    expect(bosContact).toMatchObject({ upn: 'bo@kalmar.se', conversation: { serviceUrl: standIn.url, tenantId: TENANT_ID, bot: { id: BOT.id } } });
    expect((bosContact!.conversation as { conversationId?: string }).conversationId).toBeUndefined();
    expect(await stores.contacts.get(visitor.aadObjectId)).toBeUndefined(); // not in the register
    // Anna already had a 1:1 chat: the roster did not replace it.
    expect((await stores.contacts.get(anna.aadObjectId))!.conversation).toMatchObject({ conversationId: personalConversationId(anna) });
  });

  it('marks the reference stale when an officer removes the app, and the team when it is removed there', async () => {
    const { annaAfterRemoval } = await removedBoth();
    expect(annaAfterRemoval).toMatchObject({ stale: true });
    const [team] = await stores.installations.list();
    expect(team).toMatchObject({ conversationId: TEAM, kind: 'team', removedAt: expect.any(Date) });
  });

  it('greets nobody again on reinstalling, and the officer is reachable again', async () => {
    await removedBoth();
    const before = standIn.sentTo(personalConversationId(anna)).length;
    await post(bot.url, personalInstall('add'));
    expect(standIn.sentTo(personalConversationId(anna))).toHaveLength(before);
    expect((await stores.contacts.get(anna.aadObjectId))!.stale).toBeUndefined();
  });
});
