// A round on seed 003's tertial template over HTTP: the real server and CloudAdapter, table
// storage in Azurite, a Bot Connector stand-in and a clock set between ticks. The round is
// created on "Måluppföljning tertial", the officers are prompted with its three questions and
// its scale, answer, and the summary, the CSV and the council document read back in its terms.

import AdmZip from 'adm-zip';
import { createRound } from '../../bot/app/rounds/create-round';
import type { RunningBot } from '../../bot/main';
import type { Stores } from '../../storage/ports';
import { executeAction, mentionInChannel, message, personalConversationId, post } from '../support/activities';
import { standInUser, startConnectorStandIn, type ConnectorStandIn } from '../support/connector-stand-in';
import { testTableStores } from '../support/storage';
import { startTestBot, stopTestBot } from './support/test-bot';

const sara = standInUser('sara', 'sara@kalmar.se'); // coordinator
const cecilia = standInUser('cecilia', 'cecilia@kalmar.se');
const kerstin = standInUser('kerstin', 'kerstin@kalmar.se');
const CHANNEL = '19:socialnamnden@thread.tacv2';
const ROUND = 'maluppfoljning-tertial-2-2017';
const channel = { teamId: '19:soc@thread.tacv2', channelId: CHANNEL, name: 'Måluppföljning' };

describe('a round on the tertial template of seed 003', () => {
  let standIn: ConnectorStandIn;
  let bot: RunningBot;
  let stores: Stores;
  let now = new Date('2017-08-21T07:00:00Z');

  beforeAll(async () => {
    standIn = await startConnectorStandIn([sara, cecilia, kerstin]);
    stores = await testTableStores();
    await stores.registers.saveVersion(
      {
        plans: [
          { id: 'individanpassad', title: 'Individanpassad vård och omsorg', officer: 'kerstin@kalmar.se' },
          { id: 'kunskapsbaserad', title: 'Kunskapsbaserad vård och omsorg', officer: 'kerstin@kalmar.se' },
          { id: 'malarbete', title: 'Målarbete', officer: 'cecilia@kalmar.se' },
        ],
        people: [
          { id: 'kerstin@kalmar.se', name: 'Kerstin Lagerlund', title: 'controller' },
          { id: 'cecilia@kalmar.se', name: 'Cecilia Frid', title: 'verksamhetsutvecklare' },
          { id: 'sara@kalmar.se', name: 'Sara Samordnare', title: 'samordnare' },
        ],
        coordinators: ['sara@kalmar.se'],
      },
      { importedBy: 'test', importedAt: now, source: 'test' },
    );
    bot = await startTestBot(stores, () => now, { OFFICE_HOURS: '08:00-17:00', DOCUMENT_ORGANISATION: 'Kalmar kommun', DOCUMENT_CASE_NUMBER: 'SN 2017/0123' });
    const created = await createRound(
      bot.deps,
      { title: 'Måluppföljning tertial 2 2017', year: '2017', opensDate: '2017-08-21', opensTime: '09:00', dueDate: '2017-09-04', templateId: 'maluppfoljning-tertial' },
      { createdBy: 'sara@kalmar.se', timeZone: 'Europe/Stockholm' },
    );
    expect(created).toMatchObject({ kind: 'created', round: { id: ROUND, template: { id: 'maluppfoljning-tertial', version: 1 } } });
    for (const user of [sara, cecilia, kerstin]) await post(bot.url, message(standIn.url, user, 'hjälp'));
    await post(bot.url, mentionInChannel(standIn.url, sara, 'koppla kanal', channel));
  });

  afterAll(() => stopTestBot(bot, standIn));

  const cardsTo = (user: typeof sara) => standIn.sentTo(personalConversationId(user)).flatMap((a) => (a.attachments ?? []).map((x: any) => x.content));
  const lastText = (user: typeof sara) => standIn.sentTo(personalConversationId(user)).at(-1)?.text as string;
  const linkIn = (text: string) => /\((http[^)]+)\)/.exec(text)![1];

  it('prompts every officer with the template\'s three questions and its scale', async () => {
    await bot.tick();
    const prompts = cardsTo(kerstin);
    expect(prompts).toHaveLength(2);
    const inputs = prompts[0].body.filter((b: any) => b.type === 'Input.Text' && /^\d\./.test(b.label));
    expect(inputs.map((i: any) => [i.id, i.label])).toEqual([
      ['assessment', '1. Samlad bedömning'],
      ['causes', '2. Orsaker till resultatet'],
      ['measures', '3. Vilka åtgärder behöver vidtas för att öka effekten på mål?'],
    ]);
    expect(inputs[0].placeholder).toBe('Hur har arbetet gått under tertialet, 2017?');
    const scale = prompts[0].body.find((b: any) => b.id === 'planStatus');
    expect(scale.choices.map((c: any) => c.title)).toEqual(['Uppfylld/Klar', 'Positiv trend/Pågående', 'Oförändrad eller negativ trend/Ej påbörjad']);
    expect(cardsTo(cecilia)).toHaveLength(1);
  });

  it('takes answers on the template and refuses one without its required question', async () => {
    await post(bot.url, executeAction(standIn.url, kerstin, 'answer.submit', { roundId: ROUND, planId: 'kunskapsbaserad', baseVersion: 0, assessment: ' ', causes: 'Nytt arbetssätt.', planStatus: 'positive' }));
    expect(await stores.answers.current(ROUND, 'kunskapsbaserad')).toBeUndefined();
    const submit = (user: typeof sara, planId: string, texts: Record<string, string>, planStatus: string) =>
      post(bot.url, executeAction(standIn.url, user, 'answer.submit', { roundId: ROUND, planId, baseVersion: 0, ...texts, planStatus }));
    await submit(kerstin, 'individanpassad', { assessment: 'Indikatorn är inte uppfylld.', causes: 'För få journalgranskningar.', measures: 'Journalgranskning enligt rutin under tertial 3.' }, 'unchanged');
    await submit(kerstin, 'kunskapsbaserad', { assessment: 'Två av tre indikatorer bedöms kunna uppfyllas.', causes: '', measures: 'Prioriterade indikatorer.' }, 'positive');
    await submit(cecilia, 'malarbete', { assessment: 'Drop-in-tillfällen har hållits.', causes: '', measures: '' }, 'positive');
    const stored = (await stores.answers.current(ROUND, 'individanpassad'))!.value.latest;
    expect(stored.content).toEqual({ texts: { assessment: 'Indikatorn är inte uppfylld.', causes: 'För få journalgranskningar.', measures: 'Journalgranskning enligt rutin under tertial 3.' }, status: 'unchanged' });
  });

  it('posts the summary counted on the tertial scale, with percentages', async () => {
    await post(bot.url, message(standIn.url, sara, 'sammanställning'));
    await bot.tick();
    const cards = standIn.sentTo(CHANNEL).flatMap((a) => (a.attachments ?? []).map((x: any) => x.content));
    const all = JSON.stringify(cards);
    expect(all).toContain('Uppfylld/Klar');
    expect(all).toContain('Positiv trend/Pågående');
    expect(all).toContain('Oförändrad eller negativ trend/Ej påbörjad');
    expect(all).toMatch(/"2 \(67\s%\)"/);
    expect(all).toContain('Drop-in-tillfällen har hållits.');
    expect(all).not.toContain('Genomfört t.o.m.');
  });

  it('exports a CSV with the template\'s questions and a council document headed as the template says', async () => {
    await post(bot.url, message(standIn.url, sara, 'exportera csv'));
    const csv = Buffer.from(await (await fetch(linkIn(lastText(sara)))).arrayBuffer()).toString('utf8').slice(1).split('\r\n');
    expect(csv[0]).toBe('Plan;Genomförandetid;Ansvarig;Status;Inskickad;1. Samlad bedömning;2. Orsaker till resultatet;3. Vilka åtgärder behöver vidtas för att öka effekten på mål?;Utkast sparat');
    expect(csv[1]).toMatch(/^Individanpassad vård och omsorg;;Kerstin Lagerlund;Oförändrad eller negativ trend\/Ej påbörjad;2017-08-21 09:00;Indikatorn är inte uppfylld\.;/);

    await post(bot.url, message(standIn.url, sara, 'exportera word'));
    const response = await fetch(linkIn(lastText(sara)));
    expect(response.status).toBe(200);
    const text = new AdmZip(Buffer.from(await response.arrayBuffer())).readAsText('word/document.xml').replace(/<[^>]+>/g, '');
    expect(text).toContain('Bilaga 1 – Individanpassad vård och omsorg, Måluppföljning tertial 2 2017');
    expect(text).toContain('1. Samlad bedömning');
    expect(text).toContain('Journalgranskning enligt rutin under tertial 3.');
    expect(text).not.toContain('Genomförandetid');
    // Seed 003's "Måluppfyllelse" table: 0 Uppfylld/Klar, 2 of 3 Positiv trend, 1 of 3 Oförändrad.
    expect(text).toContain('TotaltMåluppföljning tertial02 (67\u00a0%)1 (33\u00a0%)3');
  });
});
