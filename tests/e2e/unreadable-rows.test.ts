// One bad stored row never stops the bot for everyone: rows written beside the bot (a plain
// table client, as an older version or a hand edit would leave them) that the stores cannot
// read are skipped by every list, and reported once (log, audit, the coordinators), while
// läge, påminn and a round opening keep working for everyone else. Over HTTP, in Azurite.

import { buildRound } from '../../bot/domain/round';
import type { RunningBot } from '../../bot/main';
import type { Stores } from '../../storage/ports';
import { createTableStores, TABLE_NAMES } from '../../storage/tables';
import { message, personalConversationId, post } from '../support/activities';
import { standInUser, startConnectorStandIn, type ConnectorStandIn, type StandInUser } from '../support/connector-stand-in';
import { createRecordingLogger, type RecordingLogger } from '../support/recording-logger';
import { azuriteConnectionString, testTableClient, uniqueTablePrefix } from '../support/storage';
import { chapters } from './support/steps';
import { cardsIn, startTestBot, stopTestBot } from './support/test-bot';

const sara = standInUser('sara', 'sara@kalmar.se'); // coordinator
const anna = standInUser('anna', 'anna@kalmar.se');
const bo = standInUser('bo', 'bo@kalmar.se');
const NOTICE = 'kunde inte läsas och har hoppats över. I övrigt fungerar boten som vanligt.';

/** Waits for something the bot does after its reply (the report runs beside the list). */
async function until(check: () => boolean | Promise<boolean>, what: string): Promise<void> {
  for (const started = Date.now(); !(await check()); ) {
    if (Date.now() - started > 5_000) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('a stored row the bot cannot read', () => {
  let standIn: ConnectorStandIn;
  let bot: RunningBot;
  let stores: Stores;
  let log: RecordingLogger;
  let prefix: string;
  const now = new Date('2019-03-05T09:00:00Z');
  const lastText = (user: StandInUser) => standIn.sentTo(personalConversationId(user)).at(-1)?.text as string;
  const noticesTo = (user: StandInUser) => standIn.sentTo(personalConversationId(user)).filter((a) => String(a.text ?? '').includes(NOTICE));
  const skippedLogged = () => log.events.filter((e) => e.event === 'storage.unreadable-row');

  beforeAll(async () => {
    standIn = await startConnectorStandIn([sara, anna, bo]);
    prefix = uniqueTablePrefix();
    stores = await createTableStores(azuriteConnectionString(), { tablePrefix: prefix });
    await stores.registers.saveVersion(
      {
        plans: [
          { id: 'drog', title: 'Drogpolitiskt program 2016-2020', officer: anna.email },
          { id: 'vatten', title: 'God vattenstatus – handlingsplan', officer: bo.email },
        ],
        people: [anna, bo, sara].map((u) => ({ id: u.email, name: u.name })),
        coordinators: [sara.email],
      },
      { importedBy: 'test', importedAt: now, source: 'test' },
    );
    log = createRecordingLogger();
    bot = await startTestBot(stores, () => now, {}, log);
    for (const user of [sara, anna, bo]) await post(bot.url, message(standIn.url, user, 'hjälp'));
    // The shape of issue 16: a contact whose name is the number 123; and a round without dates.
    await testTableClient(prefix + TABLE_NAMES.contacts).createEntity({
      partitionKey: 'contact',
      rowKey: 'trasig',
      aadObjectId: 'trasig',
      teamsUserId: '29:trasig',
      name: 123,
      updatedAt: now,
    });
    await testTableClient(prefix + TABLE_NAMES.rounds).createEntity({ partitionKey: 'round', rowKey: 'trasig', id: 'trasig', title: 'Utan datum' });
  });

  afterAll(() => stopTestBot(bot, standIn));

  // Each test builds on the ones before it, and when run alone tells them first (see support/steps.ts).
  const chapter = chapters();

  chapter('still opens a round for everyone else and sends each officer their card', async () => {
    const { round } = buildRound(
      { title: 'Uppföljning KF 2019', year: '2019', opensDate: '2019-03-05', opensTime: '08:00', dueDate: '2019-04-01' },
      { timeZone: 'Europe/Stockholm', createdBy: 'test', createdAt: now },
    );
    await stores.rounds.create(round!);
    await bot.tick();
    for (const user of [anna, bo]) expect(cardsIn(standIn.sentTo(personalConversationId(user)))).toHaveLength(1);
    expect(log.events.filter((e) => e.event === 'scheduler.tick-failed')).toEqual([]);
  });

  chapter('still shows progress to the coordinator (läge)', async () => {
    await post(bot.url, message(standIn.url, sara, 'läge'));
    expect(lastText(sara)).toContain('0 av 2');
  });

  chapter('still reminds everyone who has not answered (påminn)', async () => {
    await post(bot.url, message(standIn.url, sara, 'påminn'));
    expect(lastText(sara)).toContain('skickade till 2, 0 kunde inte nås');
  });

  chapter('logs, audits and tells the coordinators once per row, however often the lists meet it', async () => {
    await until(() => noticesTo(sara).length === 2, 'the coordinator to be told of both rows');
    await bot.tick();
    await post(bot.url, message(standIn.url, sara, 'läge'));
    await until(async () => (await stores.audit.listDay('2019-03-05')).filter((e) => e.action === 'storage.unreadable-row').length >= 2, 'the audit');

    expect(skippedLogged().map((e) => [e.fields.table, e.fields.rowKey]).sort()).toEqual([
      [prefix + TABLE_NAMES.contacts, 'trasig'],
      [prefix + TABLE_NAMES.rounds, 'trasig'],
    ]);
    expect(String(skippedLogged().find((e) => e.fields.table === prefix + TABLE_NAMES.contacts)?.fields.problem)).toContain('lacks name');
    const audited = (await stores.audit.listDay('2019-03-05')).filter((e) => e.action === 'storage.unreadable-row');
    expect(audited.map((e) => e.details?.table).sort()).toEqual([prefix + TABLE_NAMES.contacts, prefix + TABLE_NAMES.rounds]);
    expect(noticesTo(sara)).toHaveLength(2);
    expect(noticesTo(sara)[0].text).toContain(`tabellen ${prefix}`);
    expect(noticesTo(anna)).toHaveLength(0);
  });

  chapter('is not fed such rows by Teams: an activity whose from.name is a number is refused at the edge', async () => {
    const cecilia = standInUser('cecilia', 'cecilia@kalmar.se');
    const odd = message(standIn.url, cecilia, 'hjälp');
    const response = await post(bot.url, { ...odd, from: { ...odd.from, name: 123 } });
    expect(response.status).toBe(400);
    expect(await stores.contacts.get(cecilia.aadObjectId)).toBeUndefined();
  });

  chapter('keeps the bad rows untouched', async () => {
    const row = await testTableClient(prefix + TABLE_NAMES.contacts).getEntity('contact', 'trasig');
    expect(row.name).toBe(123);
  });
});
