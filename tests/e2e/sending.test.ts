// Sending under Teams' refusals, over HTTP: the real restify server and CloudAdapter, table
// storage in Azurite, and the Bot Connector stand-in answering 429, 403 and 5xx on cue. The
// bot's own policy decides about retries; botbuilder's connector client makes none of its own.

import { progressOf } from '../../bot/app/coordinator/progress';
import type { Contact } from '../../bot/domain/contact';
import { buildRound } from '../../bot/domain/round';
import type { RunningBot } from '../../bot/main';
import type { Stores } from '../../storage/ports';
import { BOT, TENANT_ID } from '../support/activities';
import { standInUser, startConnectorStandIn, type ConnectorStandIn, type StandInUser } from '../support/connector-stand-in';
import { testTableStores } from '../support/storage';
import { skippingTime } from '../support/virtual-time';
import { chapters } from './support/steps';
import { startTestBot, stopTestBot } from './support/test-bot';

const anna = standInUser('anna', 'anna@kalmar.se');
const bo = standInUser('bo', 'bo@kalmar.se');
const cecilia = standInUser('cecilia', 'cecilia@kalmar.se');
const david = standInUser('david', 'david@kalmar.se');

describe('sending prompts when Teams refuses', () => {
  let standIn: ConnectorStandIn;
  let bot: RunningBot;
  let stores: Stores;
  const now = new Date('2019-03-01T09:00:00Z');
  // Retry-After and backoff are waited for on virtual time, not sat out.
  const time = skippingTime();
  let roundId: string;

  const chatOf = (user: StandInUser) => `a:chat-${user.id.slice(3)}`;
  const contactOf = (user: StandInUser, withChat = true): Contact => ({
    aadObjectId: user.aadObjectId,
    teamsUserId: user.id,
    name: user.name,
    upn: user.userPrincipalName,
    email: user.email,
    tenantId: TENANT_ID,
    conversation: { serviceUrl: standIn.url, channelId: 'msteams', bot: BOT, tenantId: TENANT_ID, ...(withChat ? { conversationId: chatOf(user) } : {}) },
    updatedAt: now,
  });
  const cardsTo = (user: StandInUser) => standIn.sentTo(chatOf(user)).filter((a) => a.attachments?.length);

  beforeAll(async () => {
    standIn = await startConnectorStandIn([anna, bo, cecilia, david]);
    stores = await testTableStores();
    await stores.registers.saveVersion(
      {
        plans: [
          { id: 'drog', title: 'Drogpolitiskt program 2016-2020', officer: anna.email },
          { id: 'vatten', title: 'God vattenstatus – handlingsplan', officer: bo.email },
          { id: 'vald', title: 'Förebygga våld mot kvinnor i nära relationer', officer: cecilia.email },
          { id: 'miljo', title: 'Miljöprogram', officer: david.email },
        ],
        people: [anna, bo, cecilia, david].map((u) => ({ id: u.email, name: u.name })),
        coordinators: [],
      },
      { importedBy: 'test', importedAt: now, source: 'test' },
    );
    const { round } = buildRound(
      { title: 'Uppföljning KF 2019', year: '2019', opensDate: '2019-03-01', opensTime: '08:00', dueDate: '2019-04-01', closesDate: '2019-04-30' },
      { timeZone: 'Europe/Stockholm', createdBy: 'test', createdAt: now },
    );
    roundId = round!.id;
    await stores.rounds.create(round!);
    for (const user of [anna, bo, cecilia]) await stores.contacts.save(contactOf(user));
    // David has no 1:1 chat yet: it is created first.
    await stores.contacts.save(contactOf(david, false));
    bot = await startTestBot(stores, () => now, {}, undefined, { pacingTime: time });
  });

  afterAll(() => stopTestBot(bot, standIn));

  // Each test builds on the ones before it, and when run alone tells them first (see support/steps.ts).
  const chapter = chapters();

  chapter('waits out a 429, retries a 502, gives up on a 500 at once, and marks a blocked officer unreachable', async () => {
    standIn.failNext(new RegExp(`${chatOf(anna)}/activities`), 429, { retryAfter: '1', code: 'Throttled' });
    standIn.failNext(new RegExp(`${chatOf(bo)}/activities`), 403, { code: 'ConversationBlockedByUser' });
    standIn.failNext(new RegExp(`${chatOf(cecilia)}/activities`), 500, { code: 'InternalServerError' });
    standIn.failNext(/^\/v3\/conversations$/, 502);

    const started = time.now();
    const [report] = await bot.tick();
    expect(report).toMatchObject({ sent: 2, failed: 1, unreachable: [bo.email], pending: 0 });
    // The 429's Retry-After of one second was waited for.
    expect(time.now() - started).toBeGreaterThanOrEqual(1000);

    // Anna: refused once, then exactly one card.
    expect(cardsTo(anna)).toHaveLength(1);
    // Cecilia: one request only — neither the bot nor botbuilder retries a 500.
    expect(standIn.refused.filter((r) => r.path.includes(chatOf(cecilia)))).toHaveLength(1);
    expect(cardsTo(cecilia)).toHaveLength(0);
    // David: creating the chat failed with 502 once, the retry created it, one card went there.
    expect(standIn.refused.filter((r) => r.path === '/v3/conversations')).toHaveLength(1);
    expect(standIn.created).toHaveLength(1);
    expect(standIn.sentTo(standIn.created[0].id).filter((a) => a.attachments?.length)).toHaveLength(1);

    const deliveries = new Map((await stores.deliveries.list(roundId)).map((d) => [d.planId, d]));
    expect(deliveries.get('drog')).toMatchObject({ outcome: 'sent', attempts: 1 });
    expect(deliveries.get('vatten')).toMatchObject({ outcome: 'unreachable', statusCode: 403, error: expect.stringContaining('ConversationBlockedByUser') });
    expect(deliveries.get('vald')).toMatchObject({ outcome: 'failed', statusCode: 500 });
    expect(deliveries.get('miljo')).toMatchObject({ outcome: 'sent', conversationId: standIn.created[0].id });
    expect((await stores.contacts.get(bo.aadObjectId))?.stale).toBe(true);

    // The coordinator's progress names the officer who cannot be reached.
    const round = (await stores.rounds.get(roundId))!.value;
    expect((await progressOf(bot.deps, round)).unreachable).toEqual([expect.stringContaining('God vattenstatus')]);
  });

  chapter('sends nothing again at the next tick', async () => {
    const before = standIn.calls.length;
    await bot.tick();
    expect(standIn.calls.length).toBe(before);
    expect(cardsTo(anna)).toHaveLength(1);
  });
});
