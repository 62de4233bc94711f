// The whole officer flow over HTTP: the real restify server and CloudAdapter, table storage in
// Azurite, and a local stand-in for the Bot Connector. The clock is set, never waited for.

import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { RunningBot } from '../../bot/main';
import type { Stores } from '../../storage/ports';
import { BOT, TENANT_ID, executeAction, message, personalConversationId, post, submitAction, teamInstall } from '../support/activities';
import { standInUser, startConnectorStandIn, type ConnectorStandIn } from '../support/connector-stand-in';
import { testTableStores } from '../support/storage';
import { once } from './support/steps';
import { adminCommand, cardsIn, startTestBot, stopTestBot } from './support/test-bot';

const anna = standInUser('anna', 'anna.andersson@kalmar.se');
const bo = standInUser('bo', 'bo.berg@kalmar.se');
const cecilia = standInUser('cecilia', 'cecilia.ek@kalmar.se');

const REGISTER_CSV =
  '\uFEFFPlan-id;Plan;Genomförandetid;Notering;Utgår (skäl);Ansvarig (e-post);Namn;Titel;Enhet;Chef (e-post);Roll\r\n' +
  'drog;Drogpolitiskt program 2016-2020;2016-2020;;;Anna.Andersson@kalmar.se;Anna Andersson;folkhälsostrateg;Kommunledningskontoret;;\r\n' +
  'vald;Förebygga våld mot kvinnor i nära relationer;Antogs 2010;revidering pågår;;anna.andersson@kalmar.se;Anna Andersson;;;;\r\n' +
  'vatten;God vattenstatus – handlingsplan;Ska gälla till 2027;arbete pågår;;bo.berg@kalmar.se;Bo Berg;miljöstrateg;Samhällsbyggnad;;\r\n' +
  'fossil;Fossilbränslefria Kalmar 2030;;;Följs upp i det årliga miljöbokslutet.;;;;;;\r\n' +
  ';;;;;sara@kalmar.se;Sara Samordnare;verksamhetsutvecklare;Kommunledningskontoret;;samordnare\r\n';

const ANSWERS = {
  status: 'Uppföljning av insatser för 2018 genomförd i januari 2019.',
  done: 'Samordnande grupp – förvaltningsövergripande.',
  current: 'Fortsatt arbete med ANDT-frågor.',
  risks: 'Att uppföljningen görs i varierande omfattning.',
  completion: 'Programmet gäller till och med 2020.',
  planStatus: 'on-track',
};

describe('officers answer the five questions in Teams', () => {
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
  const textOf = (card: any) => JSON.stringify(card);

  // The story's steps: each test takes the steps it builds on (see support/steps.ts).
  const registerImported = once(async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'register-'));
    const file = path.join(dir, 'planer.csv');
    await writeFile(file, REGISTER_CSV, 'utf8');
    return admin('import-register', file, '--by', 'sara@kalmar.se');
  });
  const reachable = once(async () => {
    const installed = await post(bot.url, teamInstall(standIn.url, cecilia, '19:kommunledning@thread.tacv2'));
    const installations = await stores.installations.list();
    const helped = await post(bot.url, message(standIn.url, anna, 'hjälp'));
    return { installed, installations, helped };
  });
  const roundOpened = once(async () => {
    await registerImported();
    await reachable();
    const created = await admin('create-round', '--title', 'Uppföljning KF 2019', '--year', '2019', '--opens', '2019-03-01', '--due', '2019-04-01', '--by', 'sara@kalmar.se');
    const early = await bot.tick(); // 28 February: not yet
    now = new Date('2019-03-01T07:00:00Z'); // 08:00 in Stockholm
    const [report] = await bot.tick();
    return { created, early, report };
  });
  const drogSubmitted = once(async () => {
    await roundOpened();
    now = new Date('2019-03-05T09:30:00Z');
    const invoke = executeAction(standIn.url, anna, 'answer.submit', { roundId, planId: 'drog', baseVersion: 0, ...ANSWERS });
    return { invoke, response: await post(bot.url, invoke) };
  });
  const vattenSubmitted = once(async () => {
    await drogSubmitted();
    const delivery = await stores.deliveries.get(roundId, 'prompt:vatten');
    const response = await post(bot.url, {
      ...submitAction(standIn.url, bo, delivery!.activityId!, { verb: 'answer.submit', roundId, planId: 'vatten', baseVersion: 0, ...ANSWERS }),
      conversation: { id: delivery!.conversationId, conversationType: 'personal', tenantId: TENANT_ID },
    });
    return { delivery, response };
  });
  const valdDrafted = once(async () => {
    await drogSubmitted();
    return post(bot.url, executeAction(standIn.url, anna, 'answer.draft', { roundId, planId: 'vald', baseVersion: 0, status: 'Revidering pågår.' }));
  });

  it('imports the register from an Excel CSV with the command-line tool', async () => {
    const result = await registerImported();
    expect(result).toEqual({ code: 0, out: expect.stringContaining('version 1: 3 planer som följs upp och 1 som inte följs upp') });
    const register = await stores.registers.current();
    expect(register!.plans.find((p) => p.id === 'drog')!.officer).toBe('anna.andersson@kalmar.se');
  });

  it('learns who is reachable: a team installation and an officer who writes to the bot', async () => {
    const { installed, installations, helped } = await reachable();
    expect(installed.status).toBe(200);
    expect(installations.map((i) => i.kind)).toEqual(['team']);

    expect(helped.status).toBe(200);
    const [help] = standIn.sentTo(annaConversation);
    expect(help.text).toContain('**mina planer**');
    expect(await stores.contacts.get(anna.aadObjectId)).toMatchObject({ upn: anna.userPrincipalName });
  });

  it('opens the round at its opening time and sends each officer one card per plan, 1:1', async () => {
    const { created, early, report } = await roundOpened();
    expect(created.code).toBe(0);

    expect(early).toEqual([]); // 28 February: not yet
    expect(report).toMatchObject({ sent: 3, failed: 0, unreachable: [] });

    const annasCards = cardsIn(standIn.sentTo(annaConversation));
    expect(annasCards.map((c) => c.actions[0].data.planId).sort()).toEqual(['drog', 'vald']);
    const vald = annasCards.find((c) => c.actions[0].data.planId === 'vald');
    for (const text of ['Förebygga våld mot kvinnor i nära relationer', 'Antogs 2010', 'revidering pågår', 'Uppföljning KF 2019', '2. Genomfört t.o.m. 2018', '3. Innevarande verksamhetsår, 2019']) {
      expect(textOf(vald)).toContain(text);
    }

    // Bo has never written to the bot: found in the team's roster, a 1:1 chat is created with the tenant id.
    expect(standIn.created).toHaveLength(1);
    expect(standIn.created[0].body).toMatchObject({ members: [{ id: bo.id }], tenantId: TENANT_ID, bot: { id: BOT.id } });
    expect(cardsIn(standIn.sentTo(standIn.created[0].id)).map((c) => c.actions[0].data.planId)).toEqual(['vatten']);
    expect((await stores.deliveries.list(roundId)).map((d) => d.outcome)).toEqual(['sent', 'sent', 'sent']);

    // A second tick sends nothing more.
    await bot.tick();
    expect(cardsIn(standIn.sentTo(annaConversation))).toHaveLength(2);
  });

  it('stores a submit made through Action.Execute and answers with the confirmation card', async () => {
    const { invoke, response } = await drogSubmitted();
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.card.adaptive' });
    expect(textOf(response.body.value)).toContain('Tack! Ditt svar är inskickat.');
    expect(textOf(response.body.value)).toContain('Att uppföljningen görs i varierande omfattning.');

    const stored = (await stores.answers.current(roundId, 'drog'))!.value.latest;
    expect(stored).toMatchObject({ version: 1, state: 'submitted', answeredBy: anna.userPrincipalName, activityId: invoke.id });
    expect(stored.content.texts).toEqual({
      status: ANSWERS.status,
      done: ANSWERS.done,
      current: ANSWERS.current,
      risks: ANSWERS.risks,
      completion: ANSWERS.completion,
    });

    // Teams delivers the same activity again: one effect, and the same confirmation.
    const again = await post(bot.url, invoke);
    expect(textOf(again.body.value)).toContain('Tack! Ditt svar är inskickat.');
    expect(await stores.answers.versions(roundId, 'drog')).toHaveLength(1);
  });

  it('stores a submit made through the Action.Submit fallback and replaces the card in place', async () => {
    const { delivery, response } = await vattenSubmitted();
    expect(response.status).toBe(200);
    const [update] = standIn.updatesOf(delivery!.activityId!);
    expect(textOf(cardsIn([update])[0])).toContain('Tack! Ditt svar är inskickat.');
    expect((await stores.answers.current(roundId, 'vatten'))!.value.latest.answeredBy).toBe(bo.userPrincipalName);
  });

  it('gives a redelivered Action.Submit one effect', async () => {
    await vattenSubmitted();
    const delivery = (await stores.deliveries.get(roundId, 'prompt:vatten'))!;
    const submit = {
      ...submitAction(standIn.url, bo, delivery.activityId!, { verb: 'answer.submit', roundId, planId: 'vatten', baseVersion: 1, ...ANSWERS, risks: 'Torka.' }),
      conversation: { id: delivery.conversationId, conversationType: 'personal', tenantId: TENANT_ID },
    };
    await post(bot.url, submit);
    await post(bot.url, submit);
    expect((await stores.answers.versions(roundId, 'vatten')).map((v) => v.content.texts.risks)).toEqual([ANSWERS.risks, 'Torka.']);
    expect(standIn.updatesOf(delivery.activityId!)).toHaveLength(2); // the first submit and this one, not three
  });

  it('keeps plans and answers out of channels: there only help is given', async () => {
    await drogSubmitted();
    const inChannel = { conversation: { id: '19:kommunledning@thread.tacv2', isGroup: true, conversationType: 'channel', tenantId: TENANT_ID } };
    const before = standIn.calls.length;
    await post(bot.url, message(standIn.url, anna, '<at>Uppföljning</at> svara', inChannel));
    const replies = standIn.calls.slice(before).filter((c) => c.method === 'POST' && c.kind === 'activities');
    expect(replies.map((c) => c.body.text)).toEqual([expect.stringContaining('personlig chatt')]);
    expect(replies[0].body.attachments ?? []).toEqual([]);
    const edit = await post(bot.url, executeAction(standIn.url, anna, 'answer.edit', { roundId, planId: 'drog' }, inChannel));
    expect(edit.body).toMatchObject({ type: 'application/vnd.microsoft.activity.message', value: expect.stringContaining('personlig chatt') });
  });

  it('refuses and logs a forged submit for somebody else’s plan', async () => {
    await drogSubmitted();
    const response = await post(bot.url, executeAction(standIn.url, bo, 'answer.submit', { roundId, planId: 'vald', baseVersion: 0, ...ANSWERS }));
    expect(response.body).toMatchObject({ type: 'application/vnd.microsoft.activity.message', value: expect.stringContaining('Du kan inte svara för den här planen') });
    expect(await stores.answers.current(roundId, 'vald')).toBeUndefined();
    const audit = await stores.audit.listDay('2019-03-05');
    expect(audit).toContainEqual(expect.objectContaining({ action: 'answer.refused', actor: bo.aadObjectId, details: { reason: 'not-permitted' } }));
  });

  it('saves a partial draft, and refuses an incomplete submit with a message on the card', async () => {
    const draft = await valdDrafted();
    expect(textOf(draft.body.value)).toContain('Utkastet är sparat.');
    expect((await stores.answers.current(roundId, 'vald'))!.value.latest).toMatchObject({ version: 1, state: 'draft' });

    const incomplete = await post(bot.url, executeAction(standIn.url, anna, 'answer.submit', { roundId, planId: 'vald', baseVersion: 1, ...ANSWERS, planStatus: '' }));
    expect(textOf(incomplete.body.value)).toContain('Välj en sammanfattande status.');
    expect(textOf(incomplete.body.value)).toContain(ANSWERS.status); // what was typed is kept
    expect((await stores.answers.current(roundId, 'vald'))!.value.latest.version).toBe(1);
  });

  it('tells the officer about their plans, and sends the cards again for what is not submitted', async () => {
    await valdDrafted();
    await post(bot.url, message(standIn.url, anna, 'Mina planer'));
    const status = standIn.sentTo(annaConversation).at(-1);
    expect(status.text).toContain('Drogpolitiskt program 2016-2020: inskickad 5 mars 2019 kl. 10:30');
    expect(status.text).toContain('Förebygga våld mot kvinnor i nära relationer: utkast sparat');

    const before = cardsIn(standIn.sentTo(annaConversation)).length;
    await post(bot.url, message(standIn.url, anna, 'svara'));
    const resent = cardsIn(standIn.sentTo(annaConversation)).slice(before);
    expect(resent.map((c) => c.actions[0].data)).toEqual([{ roundId, planId: 'vald', baseVersion: 1, locale: 'sv' }]);
    expect(textOf(resent[0])).toContain('Revidering pågår.');
  });

  it('reopens the filled card with Edit, and keeps both sides of a racing edit', async () => {
    await drogSubmitted();
    const edit = await post(bot.url, executeAction(standIn.url, anna, 'answer.edit', { roundId, planId: 'drog' }));
    const card = edit.body.value;
    expect(card.actions[0].data).toEqual({ roundId, planId: 'drog', baseVersion: 1, locale: 'sv' });
    expect(card.body.find((b: any) => b.id === 'risks').value).toBe(ANSWERS.risks);

    // Two edits made from the same card, as from two devices: the second is not written over the first.
    const first = await post(bot.url, executeAction(standIn.url, anna, 'answer.submit', { roundId, planId: 'drog', baseVersion: 1, ...ANSWERS, risks: 'Från datorn.' }));
    expect(textOf(first.body.value)).toContain('Tack! Ditt svar är inskickat.');
    const second = await post(bot.url, executeAction(standIn.url, anna, 'answer.submit', { roundId, planId: 'drog', baseVersion: 1, ...ANSWERS, risks: 'Från mobilen.' }));
    expect(textOf(second.body.value)).toContain('sparade en ny version');
    expect(textOf(second.body.value)).toContain('Från mobilen.');
    expect(second.body.value.actions[0].data.baseVersion).toBe(2);
    const versions = await stores.answers.versions(roundId, 'drog');
    expect(versions.map((v) => v.content.texts.risks)).toEqual([ANSWERS.risks, 'Från datorn.']);
  });

  it('answers English-locale users in English', async () => {
    await post(bot.url, message(standIn.url, anna, 'help', { locale: 'en-US' }));
    expect(standIn.sentTo(annaConversation).at(-1).text).toContain('**my plans**');
  });

  it('answers malformed requests with 400, never a crash', async () => {
    expect((await post(bot.url, '{not json')).status).toBe(400);
    expect((await post(bot.url, { type: 'message' })).status).toBe(400);
    const noAction = { ...executeAction(standIn.url, anna, 'answer.submit', {}), value: {} };
    expect((await post(bot.url, noAction)).status).toBe(400);
    expect((await post(bot.url, message(standIn.url, anna, 'hjälp'))).status).toBe(200);
  });
});
