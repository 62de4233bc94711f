// A register naming kinds over HTTP: the real server and CloudAdapter, table storage in
// Azurite, a Bot Connector stand-in and a clock set between ticks. The register is read from a
// CSV file with a Typ column (nämndsmål, aktiviteter, uppdrag and one action plan); a template
// for the three goal kinds is added from its file, and a round on it prompts only their officers.
// The summary card, the CSV and the council document then count the answers by kind in the form
// of seed 003's Måluppfyllelse table.

import AdmZip from 'adm-zip';
import { parseRegisterFile } from '../../bot/app/register/files';
import { createRound } from '../../bot/app/rounds/create-round';
import { saveTemplate } from '../../bot/app/templates/templates';
import { TERTIAL_TEMPLATE } from '../../bot/domain/templates/builtin';
import type { RunningBot } from '../../bot/main';
import type { Stores } from '../../storage/ports';
import { executeAction, mentionInChannel, message, personalConversationId, post } from '../support/activities';
import { standInUser, startConnectorStandIn, type ConnectorStandIn } from '../support/connector-stand-in';
import { testTableStores } from '../support/storage';
import { startTestBot, stopTestBot } from './support/test-bot';

const sara = standInUser('sara', 'sara@kalmar.se'); // coordinator
const cecilia = standInUser('cecilia', 'cecilia@kalmar.se');
const kerstin = standInUser('kerstin', 'kerstin@kalmar.se');
const orjan = standInUser('orjan', 'orjan@kalmar.se'); // officer of the action plan only
const CHANNEL = '19:socialnamnden@thread.tacv2';
const ROUND = 'mal-tertial-2-2017';
const channel = { teamId: '19:soc@thread.tacv2', channelId: CHANNEL, name: 'Måluppföljning' };
const nbsp = (text: string) => text.replace(/ %/g, '\u00a0%');

const REGISTER_CSV = [
  'Plan-id;Plan;Ansvarig (e-post);Namn;Titel;Roll;Typ',
  'jamlik;Jämlik vård och omsorg;kerstin@kalmar.se;Kerstin Lagerlund;controller;;Nämndsmål',
  'trygg;Trygg vård och omsorg;kerstin@kalmar.se;;;;nämndsmål',
  'journal;Journalgranskning enligt rutin;kerstin@kalmar.se;;;;Aktiviteter',
  'dropin;Drop-in-tillfällen;cecilia@kalmar.se;Cecilia Frid;verksamhetsutvecklare;;aktivitet',
  'stodboende;Planera stödboende;cecilia@kalmar.se;;;;Uppdrag',
  'drog;Drogpolitiskt program 2016-2020;orjan@kalmar.se;Örjan Åström;folkhälsostrateg;;',
  ';;sara@kalmar.se;Sara Samordnare;samordnare;samordnare;',
].join('\r\n');

describe('a round on a template for the goal kinds of a register naming kinds', () => {
  let standIn: ConnectorStandIn;
  let bot: RunningBot;
  let stores: Stores;
  const now = new Date('2017-08-21T07:00:00Z');

  beforeAll(async () => {
    standIn = await startConnectorStandIn([sara, cecilia, kerstin, orjan]);
    stores = await testTableStores();
    const parsed = await parseRegisterFile(Buffer.from(`\uFEFF${REGISTER_CSV}\r\n`, 'utf8'), 'register.csv');
    expect(parsed.errors).toEqual([]);
    await stores.registers.saveVersion(parsed.content!, { importedBy: 'sara@kalmar.se', importedAt: now, source: 'register.csv' });
    bot = await startTestBot(stores, () => now, { OFFICE_HOURS: '08:00-17:00', DOCUMENT_ORGANISATION: 'Kalmar kommun', DOCUMENT_CASE_NUMBER: 'SN 2017/0123' });
    const json = JSON.stringify({ ...TERTIAL_TEMPLATE, id: 'mal-tertial', name: { sv: 'Mål tertial', en: 'Goals per tertial' }, kinds: ['nämndsmål', 'aktiviteter', 'uppdrag'] });
    expect(await saveTemplate(bot.deps, { json, source: 'mal-tertial.json' }, { by: 'sara@kalmar.se', actor: sara.aadObjectId })).toMatchObject({ kind: 'added' });
    const created = await createRound(
      bot.deps,
      { title: 'Mål tertial 2 2017', year: '2017', opensDate: '2017-08-21', opensTime: '09:00', dueDate: '2017-09-04', templateId: 'mal-tertial' },
      { createdBy: 'sara@kalmar.se', timeZone: 'Europe/Stockholm' },
    );
    expect(created).toMatchObject({ kind: 'created', round: { id: ROUND, template: { id: 'mal-tertial', kinds: ['nämndsmål', 'aktivitet', 'uppdrag'] } } });
    for (const user of [sara, cecilia, kerstin, orjan]) await post(bot.url, message(standIn.url, user, 'hjälp'));
    await post(bot.url, mentionInChannel(standIn.url, sara, 'koppla kanal', channel));
  });

  afterAll(() => stopTestBot(bot, standIn));

  const cardsTo = (user: typeof sara) => standIn.sentTo(personalConversationId(user)).flatMap((a) => (a.attachments ?? []).map((x: any) => x.content));
  const lastText = (user: typeof sara) => standIn.sentTo(personalConversationId(user)).at(-1)?.text as string;
  const linkIn = (text: string) => /\((http[^)]+)\)/.exec(text)![1];
  const submit = (user: typeof sara, planId: string, planStatus: string) =>
    post(bot.url, executeAction(standIn.url, user, 'answer.submit', { roundId: ROUND, planId, baseVersion: 0, assessment: `Bedömning av ${planId}.`, planStatus }));

  it('prompts the officers of the goal kinds\' items only, not the action plan\'s', async () => {
    await bot.tick();
    expect(cardsTo(kerstin)).toHaveLength(3);
    expect(cardsTo(cecilia)).toHaveLength(2);
    expect(cardsTo(orjan)).toHaveLength(0);
  });

  it('refuses an answer for the action plan, which is not part of the round', async () => {
    await submit(orjan, 'drog', 'positive');
    expect(await stores.answers.current(ROUND, 'drog')).toBeUndefined();
    for (const [user, planId, status] of [
      [kerstin, 'jamlik', 'positive'],
      [kerstin, 'trygg', 'unchanged'],
      [kerstin, 'journal', 'fulfilled'],
      [cecilia, 'dropin', 'positive'],
      [cecilia, 'stodboende', 'positive'],
    ] as const) await submit(user, planId, status);
    expect(await stores.answers.current(ROUND, 'stodboende')).toBeDefined();
  });

  it('posts the summary with the counts by kind as a table', async () => {
    await post(bot.url, message(standIn.url, sara, 'sammanställning'));
    await bot.tick();
    const cards = standIn.sentTo(CHANNEL).flatMap((a) => (a.attachments ?? []).map((x: any) => x.content));
    const table = cards[0].body.find((b: any) => b.type === 'Table');
    const rows = table.rows.map((row: any) => row.cells.map((cell: any) => cell.items[0].inlines[0].text));
    expect(rows).toEqual([
      ['Per typ', 'Uppfylld/Klar', 'Positiv trend/Pågående', 'Oförändrad eller negativ trend/Ej påbörjad', 'Totalt'],
      ['Nämndsmål', '0', nbsp('1 (50 %)'), nbsp('1 (50 %)'), '2'],
      ['Aktiviteter', nbsp('1 (50 %)'), nbsp('1 (50 %)'), '0', '2'],
      ['Uppdrag', '0', nbsp('1 (100 %)'), '0', '1'],
      ['Totalt', nbsp('1 (20 %)'), nbsp('3 (60 %)'), nbsp('1 (20 %)'), '5'],
    ]);
    expect(JSON.stringify(cards)).not.toContain('Drogpolitiskt program');
  });

  it('exports a CSV with each item\'s kind and the Måluppfyllelse table below the answers', async () => {
    await post(bot.url, message(standIn.url, sara, 'exportera csv'));
    const csv = Buffer.from(await (await fetch(linkIn(lastText(sara)))).arrayBuffer()).toString('utf8').slice(1).split('\r\n');
    expect(csv[0]).toBe('Plan;Typ;Genomförandetid;Ansvarig;Status;Inskickad;1. Samlad bedömning;2. Orsaker till resultatet;3. Vilka åtgärder behöver vidtas för att öka effekten på mål?;Utkast sparat');
    expect(csv[1]).toMatch(/^Drop-in-tillfällen;Aktiviteter;;Cecilia Frid;Positiv trend\/Pågående;/);
    expect(csv.slice(6)).toEqual([
      '',
      'Måluppfyllelse;Uppfylld/Klar;Positiv trend/Pågående;Oförändrad eller negativ trend/Ej påbörjad;Totalt',
      nbsp('Nämndsmål;0;1 (50 %);1 (50 %);2'),
      nbsp('Aktiviteter;1 (50 %);1 (50 %);0;2'),
      nbsp('Uppdrag;0;1 (100 %);0;1'),
      nbsp('Totalt;1 (20 %);3 (60 %);1 (20 %);5'),
      '',
    ]);
  });

  it('writes seed 003\'s Måluppfyllelse table in the council document: a row per kind, then the total', async () => {
    await post(bot.url, message(standIn.url, sara, 'exportera word'));
    const response = await fetch(linkIn(lastText(sara)));
    expect(response.status).toBe(200);
    const text = new AdmZip(Buffer.from(await response.arrayBuffer())).readAsText('word/document.xml').replace(/<[^>]+>/g, '');
    expect(text).toContain(
      nbsp('MåluppfyllelseUppfylld/KlarPositiv trend/PågåendeOförändrad eller negativ trend/Ej påbörjadTotalt' +
        'Nämndsmål01 (50 %)1 (50 %)2' +
        'Aktiviteter1 (50 %)1 (50 %)02' +
        'Uppdrag01 (100 %)01' +
        'Totalt1 (20 %)3 (60 %)1 (20 %)5'),
    );
    expect(text).not.toContain('Drogpolitiskt program');
  });
});
