// Rounds in cards over HTTP, with the Bot Connector stand-in and Azurite: a coordinator opens the
// round form, tries a due date on Kristi himmelsfärdsdag and is shown the problem with a one-click
// fix, creates the round, lists the rounds, postpones the open one (the officers who have not
// submitted are told once, also when Teams delivers the action twice) and closes it after the
// confirmation. Anyone else is refused; an action from another tenant is refused before anything.

import { buildRound } from '../../bot/domain/round';
import type { RunningBot } from '../../bot/main';
import type { Stores } from '../../storage/ports';
import { executeAction, message, personalConversationId, post, TENANT_ID } from '../support/activities';
import { standInUser, startConnectorStandIn, type ConnectorStandIn } from '../support/connector-stand-in';
import { testTableStores } from '../support/storage';
import { chapters } from './support/steps';
import { startTestBot, stopTestBot, texts } from './support/test-bot';

const sara = standInUser('sara', 'sara@kalmar.se'); // coordinator
const anna = standInUser('anna', 'anna@kalmar.se');
const bo = standInUser('bo', 'bo@kalmar.se');

function actionsOf(card: unknown, verb: string): any[] {
  const found: any[] = [];
  const walk = (node: any) => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      if (node.type === 'Action.Execute' && node.verb === verb) found.push(node);
      Object.values(node).forEach(walk);
    }
  };
  walk(card);
  return found;
}

/** The card's inputs as Teams would merge them into an action's data. */
function inputsOf(card: any): Record<string, string> {
  const values: Record<string, string> = {};
  const walk = (node: any) => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      if (typeof node.type === 'string' && node.type.startsWith('Input.') && node.id) values[node.id] = node.value ?? '';
      Object.values(node).forEach(walk);
    }
  };
  walk(card.body);
  return values;
}

describe('rounds in cards', () => {
  let standIn: ConnectorStandIn;
  let bot: RunningBot;
  let stores: Stores;
  const now = new Date('2019-03-05T09:00:00Z');

  beforeAll(async () => {
    standIn = await startConnectorStandIn([sara, anna, bo]);
    stores = await testTableStores();
    await stores.registers.saveVersion(
      {
        plans: [
          { id: 'drog', title: 'Drogpolitiskt program 2016-2020', officer: 'anna@kalmar.se' },
          { id: 'vatten', title: 'God vattenstatus – handlingsplan', officer: 'bo@kalmar.se' },
        ],
        people: [
          { id: 'anna@kalmar.se', name: 'Anna Andersson' },
          { id: 'bo@kalmar.se', name: 'Bo Berg' },
          { id: 'sara@kalmar.se', name: 'Sara Samordnare' },
        ],
        coordinators: ['sara@kalmar.se'],
      },
      { importedBy: 'test', importedAt: now, source: 'test' },
    );
    const { round } = buildRound(
      { title: 'Uppföljning KF 2019', year: '2019', opensDate: '2019-03-01', dueDate: '2019-04-01' },
      { timeZone: 'Europe/Stockholm', createdBy: 'sara@kalmar.se', createdAt: now },
    );
    await stores.rounds.create({ ...round!, promptedAt: now });
    bot = await startTestBot(stores, () => now, { ALLOWED_TENANT_IDS: TENANT_ID });
    // The officers have talked to the bot: their 1:1 chats are known.
    for (const user of [anna, bo]) await post(bot.url, message(standIn.url, user, 'hej'));
  });

  afterAll(() => stopTestBot(bot, standIn));

  // Each test builds on the ones before it, and when run alone tells them first (see support/steps.ts).
  const chapter = chapters();

  chapter('creates a round from the form, after fixing a due date on Kristi himmelsfärdsdag with one click', async () => {
    await post(bot.url, message(standIn.url, sara, 'ny omgång'));
    const form = standIn.sentTo(personalConversationId(sara)).at(-1).attachments[0].content;
    expect(texts(form)).toContain('Ny uppföljningsomgång');
    const create = actionsOf(form, 'round.create')[0];
    const typed = { ...inputsOf(form), title: 'Tertial 1 2019', opensDate: '2019-05-06', dueDate: '2019-05-30', summaryDate: '2019-06-03' };

    const flagged = await post(bot.url, executeAction(standIn.url, sara, 'round.create', { ...create.data, ...typed }));
    const card = flagged.body.value;
    expect(texts(card)).toContain('Sista svarsdag: 30 maj 2019 är Kristi himmelsfärdsdag. Närmaste arbetsdag är 31 maj 2019.');
    expect(inputsOf(card)).toMatchObject({ title: 'Tertial 1 2019', dueDate: '2019-05-30' });
    expect(await stores.rounds.get('tertial-1-2019')).toBeUndefined();

    const [fix] = actionsOf(card, 'round.useDate');
    expect(fix.title).toBe('Använd 31 maj 2019 (sista svarsdag)');
    const fixed = (await post(bot.url, executeAction(standIn.url, sara, 'round.useDate', { ...fix.data, ...inputsOf(card) }))).body.value;
    expect(inputsOf(fixed)).toMatchObject({ title: 'Tertial 1 2019', dueDate: '2019-05-31' });
    expect(texts(fixed).join('\n')).not.toContain('Omgången är inte skapad');

    const created = await post(bot.url, executeAction(standIn.url, sara, 'round.create', { ...actionsOf(fixed, 'round.create')[0].data, ...inputsOf(fixed) }));
    expect(texts(created.body.value)).toEqual(
      expect.arrayContaining([
        'Omgången är skapad',
        'Tertial 1 2019 öppnar 6 maj 2019 kl. 08:00. Svaren ska vara inne senast 31 maj 2019, och sammanställningen postas 3 juni 2019 kl. 09:00.',
      ]),
    );
    const round = (await stores.rounds.get('tertial-1-2019'))!.value;
    expect(round).toMatchObject({ title: 'Tertial 1 2019', year: 2019, createdBy: 'sara@kalmar.se', dueAt: new Date('2019-05-31T21:59:59.999Z') });
    expect((await stores.history.recent(1))[0]).toMatchObject({ action: 'round.created', actor: 'sara@kalmar.se', subject: 'round:tertial-1-2019' });
  });

  chapter('moves the prefilled summary date along when only the due date is changed', async () => {
    await post(bot.url, message(standIn.url, sara, 'ny omgång'));
    const form = standIn.sentTo(personalConversationId(sara)).at(-1).attachments[0].content;
    // Prefilled: due 3 April 2019, the summary the working day after.
    expect(inputsOf(form)).toMatchObject({ dueDate: '2019-04-03', summaryDate: '2019-04-04' });
    const typed = { ...inputsOf(form), title: 'Uppföljning KF 2019 extra', dueDate: '2019-04-18' };
    const created = await post(bot.url, executeAction(standIn.url, sara, 'round.create', { ...actionsOf(form, 'round.create')[0].data, ...typed }));
    // 18 April 2019 is skärtorsdagen: långfredagen, påsk and annandag påsk follow, so the summary is Tuesday 23 April.
    expect(texts(created.body.value).join('\n')).toContain('sammanställningen postas 23 april 2019 kl. 09:00');
    expect((await stores.rounds.get('uppfoljning-kf-2019-extra'))!.value.summaryAt).toEqual(new Date('2019-04-23T07:00:00Z'));
  });

  chapter('lists the rounds with their state and postpones the open one, telling each officer once', async () => {
    await post(bot.url, message(standIn.url, sara, 'omgångar'));
    const list = standIn.sentTo(personalConversationId(sara)).at(-1).attachments[0].content;
    const all = texts(list).join('\n');
    for (const line of ['Uppföljningsomgångar', 'Uppföljning KF 2019', ' · Öppen', '0 av 2 planer inskickade.', 'Tertial 1 2019', ' · Planerad']) expect(all).toContain(line);
    const [postpone] = actionsOf(list, 'round.postpone').filter((a) => a.data.roundId === 'uppfoljning-kf-2019');
    const activity = executeAction(standIn.url, sara, 'round.postpone', { ...postpone.data, [postpone.data.input]: '2019-04-08' });
    const reply = await post(bot.url, activity);
    expect(texts(reply.body.value).join('\n')).toContain('Sista svarsdag för Uppföljning KF 2019 är nu 8 april 2019. 2 personer har fått besked, 0 kunde inte nås.');
    for (const officer of [anna, bo]) {
      expect(standIn.sentTo(personalConversationId(officer)).filter((a) => /flyttad till 8 april 2019/.test(a.text ?? ''))).toHaveLength(1);
    }
    // Teams delivers the same invoke again: nobody is told twice.
    await post(bot.url, activity);
    expect(standIn.sentTo(personalConversationId(anna)).filter((a) => /flyttad/.test(a.text ?? ''))).toHaveLength(1);
    expect((await stores.rounds.get('uppfoljning-kf-2019'))!.value.dueAt).toEqual(new Date('2019-04-08T21:59:59.999Z'));
    // The clock stands still in this test: the actions share one instant, so look for it by kind.
    const postponed = (await stores.history.recent(5)).filter((a) => a.action === 'round.postponed');
    expect(postponed).toEqual([expect.objectContaining({ before: expect.objectContaining({ dueAt: '2019-04-01T21:59:59.999Z' }) })]);
  });

  chapter('closes a round early only after the confirmation', async () => {
    const unconfirmed = await post(bot.url, executeAction(standIn.url, sara, 'round.close', { roundId: 'uppfoljning-kf-2019', locale: 'sv' }));
    expect(texts(unconfirmed.body.value)).toContain('Uppföljningsomgångar');
    expect((await stores.rounds.get('uppfoljning-kf-2019'))!.value.closedAt).toBeUndefined();
    const closed = await post(bot.url, executeAction(standIn.url, sara, 'round.close', { roundId: 'uppfoljning-kf-2019', confirmed: 'yes', locale: 'sv' }));
    expect(texts(closed.body.value).join('\n')).toContain('Uppföljning KF 2019 är stängd.');
    expect((await stores.rounds.get('uppfoljning-kf-2019'))!.value.closedAt).toEqual(now);
  });

  chapter('refuses anyone who is not a coordinator, and any other tenant', async () => {
    await post(bot.url, message(standIn.url, anna, 'ny omgång'));
    expect(standIn.sentTo(personalConversationId(anna)).at(-1).text).toContain('Bara samordnare');
    const refused = await post(bot.url, executeAction(standIn.url, anna, 'round.open', { roundId: 'tertial-1-2019', locale: 'sv' }));
    expect(refused.body).toMatchObject({ value: expect.stringContaining('Bara samordnare') });
    const foreign = await post(
      bot.url,
      executeAction(standIn.url, sara, 'round.open', { roundId: 'tertial-1-2019', locale: 'sv' }, { channelData: { tenant: { id: '00000000-0000-4000-8000-000000000000' } } }),
    );
    expect(foreign.status).toBe(403);
    expect((await stores.rounds.get('tertial-1-2019'))!.value.opensAt).toEqual(new Date('2019-05-06T06:00:00Z'));
  });
});
