// The officer's controls over HTTP: the real server and CloudAdapter, table storage in Azurite,
// a Bot Connector stand-in and a set clock. Anna snoozes her card, delegates the round to
// Cecilia, Cecilia gets the card and submits, and Anna is told; a plan added to the register
// mid-round reaches its officer at the next tick.

import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { RunningBot } from '../../bot/main';
import type { Stores } from '../../storage/ports';
import { TENANT_ID, executeAction, message, personalConversationId, post, submitAction, teamInstall } from '../support/activities';
import { standInUser, startConnectorStandIn, type ConnectorStandIn } from '../support/connector-stand-in';
import { testTableStores } from '../support/storage';
import { once } from './support/steps';
import { adminCommand, cardsIn, conversationWith as createdConversation, startTestBot, stopTestBot } from './support/test-bot';

const anna = standInUser('anna', 'anna.andersson@kalmar.se');
const bo = standInUser('bo', 'bo.berg@kalmar.se');
const cecilia = standInUser('cecilia', 'cecilia.ek@kalmar.se');

const HEADER = '\uFEFFPlan-id;Plan;Genomförandetid;Notering;Utgår (skäl);Ansvarig (e-post);Namn;Titel;Enhet;Chef (e-post);Roll\r\n';
const REGISTER_CSV =
  HEADER +
  'drog;Drogpolitiskt program 2016-2020;2016-2020;;;anna.andersson@kalmar.se;Anna Andersson;folkhälsostrateg;Kommunledningskontoret;;\r\n' +
  'vatten;God vattenstatus – handlingsplan;Ska gälla till 2027;;;bo.berg@kalmar.se;Bo Berg;miljöstrateg;Samhällsbyggnad;;\r\n' +
  ';;;;;sara@kalmar.se;Sara Samordnare;verksamhetsutvecklare;Kommunledningskontoret;;samordnare\r\n';
const WITH_NEW_PLAN = REGISTER_CSV + 'trygg;Trygghetsskapande program;2019-2022;;;bo.berg@kalmar.se;Bo Berg;;;;\r\n';

const ANSWERS = {
  status: 'Programmet följs upp av den samordnande gruppen.',
  done: 'Föräldrautbildning genomförd.',
  current: 'Fortsatt arbete med ANDT-frågor.',
  risks: 'Resurser saknas.',
  completion: 'Programmet gäller till och med 2020.',
  planStatus: 'on-track',
};

describe('the officer snoozes, delegates, and the deputy answers', () => {
  let standIn: ConnectorStandIn;
  let bot: RunningBot;
  let stores: Stores;
  let now = new Date('2019-02-28T12:00:00Z');
  const roundId = 'uppfoljning-kf-2019';
  const annaConversation = personalConversationId(anna);

  beforeAll(async () => {
    standIn = await startConnectorStandIn([anna, bo, cecilia]);
    stores = await testTableStores();
    bot = await startTestBot(stores, () => now);
  });

  afterAll(() => stopTestBot(bot, standIn));

  const admin = adminCommand(() => stores, () => now);
  const importRegister = async (csv: string) => {
    const file = path.join(await mkdtemp(path.join(os.tmpdir(), 'register-')), 'planer.csv');
    await writeFile(file, csv, 'utf8');
    return admin('import-register', file, '--by', 'sara@kalmar.se');
  };
  const textOf = (card: unknown) => JSON.stringify(card);
  const conversationWith = (user: { id: string }) => createdConversation(standIn, user);

  // The story's steps: each test takes the steps it builds on (see support/steps.ts).
  const roundOpened = once(async () => {
    const imported = await importRegister(REGISTER_CSV);
    const installed = await post(bot.url, teamInstall(standIn.url, bo, '19:kommunledning@thread.tacv2'));
    const helped = await post(bot.url, message(standIn.url, anna, 'hjälp'));
    const created = await admin('create-round', '--title', 'Uppföljning KF 2019', '--year', '2019', '--opens', '2019-03-01', '--due', '2019-04-01', '--by', 'sara@kalmar.se');
    now = new Date('2019-03-01T07:00:00Z');
    await bot.tick();
    return { imported, installed, helped, created };
  });
  const snoozed = once(async () => {
    await roundOpened();
    now = new Date('2019-03-08T10:00:00Z'); // a Friday
    return post(bot.url, executeAction(standIn.url, anna, 'plan.snooze', { roundId, planId: 'drog', baseVersion: 0, locale: 'sv', snoozeUntil: '', status: 'Påbörjat' }));
  });
  const delegated = once(async () => {
    await snoozed();
    return post(bot.url, executeAction(standIn.url, anna, 'plan.delegate', { roundId, planId: 'drog', baseVersion: 0, deputy: 'cecilia.ek@kalmar.se' }));
  });

  it('opens the round with the register, a team installation and Anna in a 1:1 chat', async () => {
    const { imported, installed, helped, created } = await roundOpened();
    expect(imported.code).toBe(0);
    expect(installed.status).toBe(200);
    expect(helped.status).toBe(200);
    expect(created.code).toBe(0);
    expect(cardsIn(standIn.sentTo(annaConversation)).map((c) => c.actions[0].data.planId)).toEqual(['drog']);
  });

  it('snoozes the reminders to the next working day at 09:00, and answers with the card and a confirmation line', async () => {
    const response = await snoozed();
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.card.adaptive' });
    expect(textOf(response.body.value)).toContain('Du får ingen påminnelse om den här planen före 11 mars 2019 kl. 09:00.');
    expect(response.body.value.body.find((b: any) => b.id === 'status').value).toBe('Påbörjat');
    expect((await stores.settings.getPlan(roundId, 'drog'))?.value.snoozedUntil).toEqual(new Date('2019-03-11T08:00:00Z'));

    const refused = await post(bot.url, executeAction(standIn.url, anna, 'plan.snooze', { roundId, planId: 'drog', baseVersion: 0, snoozeUntil: '2019-04-02' }));
    expect(textOf(refused.body.value)).toContain('Välj en dag före sista svarsdagen, 1 april 2019.');
  });

  it('delegates to Cecilia, found in the team roster: she gets the card saying who delegated', async () => {
    const response = await delegated();
    expect(textOf(response.body.value)).toContain('cecilia.ek@kalmar.se har fått kortet och kan svara för planen i den här omgången.');
    expect((await stores.settings.getPlan(roundId, 'drog'))?.value).toMatchObject({
      deputy: 'cecilia.ek@kalmar.se',
      delegatedBy: 'anna.andersson@kalmar.se',
      snoozedUntil: new Date('2019-03-11T08:00:00Z'),
    });
    const toCecilia = conversationWith(cecilia);
    expect(toCecilia).toBeDefined();
    const [card] = cardsIn(standIn.sentTo(toCecilia!));
    expect(card.actions[0].data).toMatchObject({ roundId, planId: 'drog' });
    expect(textOf(card)).toContain('anna har delegerat planen till dig i den här omgången.');
    const audit = await stores.audit.listDay('2019-03-08');
    expect(audit.map((e) => e.action)).toEqual(expect.arrayContaining(['plan.snoozed', 'plan.delegated']));
  });

  it('lets Cecilia submit; the confirmation shows her as the one who answered, and Anna is told', async () => {
    await delegated();
    now = new Date('2019-03-11T13:00:00Z');
    const response = await post(bot.url, {
      ...executeAction(standIn.url, cecilia, 'answer.submit', { roundId, planId: 'drog', baseVersion: 0, locale: 'sv', ...ANSWERS }),
      conversation: { id: conversationWith(cecilia), conversationType: 'personal', tenantId: TENANT_ID },
    });
    expect(textOf(response.body.value)).toContain('Tack! Ditt svar är inskickat.');
    expect(textOf(response.body.value)).toContain('av cecilia');
    expect((await stores.answers.current(roundId, 'drog'))!.value.latest).toMatchObject({ state: 'submitted', answeredBy: 'cecilia.ek@kalmar.se' });
    expect(standIn.sentTo(annaConversation).at(-1).text).toBe('cecilia har skickat in svaret för **Drogpolitiskt program 2016-2020** i Uppföljning KF 2019.');

    // Bo is neither officer nor deputy of the plan.
    const forged = await post(bot.url, executeAction(standIn.url, bo, 'answer.submit', { roundId, planId: 'drog', baseVersion: 1, ...ANSWERS }));
    expect(forged.body.value).toContain('Du kan inte svara för den här planen');
  });

  it('answers a control sent through the Action.Submit fallback by replacing the card in place', async () => {
    await roundOpened();
    const delivery = (await stores.deliveries.get(roundId, 'prompt:vatten'))!;
    const response = await post(bot.url, {
      ...submitAction(standIn.url, bo, delivery.activityId!, { verb: 'answer.previous', roundId, planId: 'vatten', baseVersion: 0, locale: 'sv' }),
      conversation: { id: delivery.conversationId, conversationType: 'personal', tenantId: TENANT_ID },
    });
    expect(response.status).toBe(200);
    const [update] = standIn.updatesOf(delivery.activityId!);
    expect(textOf(cardsIn([update])[0])).toContain('Det finns inget inskickat svar för planen från en tidigare omgång.');
  });

  it('prompts a plan added to the register mid-round at the next tick, and only that one', async () => {
    await roundOpened();
    now = new Date('2019-03-12T09:00:00Z');
    expect((await importRegister(WITH_NEW_PLAN)).code).toBe(0);
    // Bo wrote to the bot from his own 1:1 chat since the round opened: cards go there now.
    const cardsToBo = () => cardsIn([...standIn.sentTo(conversationWith(bo)!), ...standIn.sentTo(personalConversationId(bo))]);
    const before = cardsToBo().length;
    const [report] = await bot.tick();
    expect(report).toMatchObject({ roundId, sent: 1, failed: 0, unreachable: [] });
    expect(cardsToBo().slice(before).map((c) => c.actions[0].data.planId)).toEqual(['trygg']);
    expect(await stores.deliveries.get(roundId, 'prompt:trygg')).toMatchObject({ outcome: 'sent' });
    expect((await stores.rounds.get(roundId))?.value.promptedRegisterVersion).toBe(2);

    await bot.tick();
    expect(cardsToBo().slice(before).filter((c) => c.actions[0].data.planId === 'trygg')).toHaveLength(1);
  });
});
