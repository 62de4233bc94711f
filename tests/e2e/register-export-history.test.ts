// The register's export and the admin history over HTTP: a coordinator exports the register,
// downloads it behind the signed link, and the bytes import again without changing anything;
// `historik` lists the import. Everyone else is refused.

import ExcelJS from 'exceljs';
import { recordAdminAction, registerChange } from '../../bot/app/register/admin-history';
import { importRegister } from '../../bot/app/register/import-register';
import { diffRegisters, isEmptyDiff } from '../../bot/domain/register-diff';
import type { RunningBot } from '../../bot/main';
import type { Stores } from '../../storage/ports';
import { mentionInChannel, message, personalConversationId, post } from '../support/activities';
import { standInUser, startConnectorStandIn, type ConnectorStandIn } from '../support/connector-stand-in';
import { testTableStores } from '../support/storage';
import { oncePer } from './support/steps';
import { startTestBot, stopTestBot } from './support/test-bot';

const sara = standInUser('sara', 'sara@kalmar.se'); // coordinator
const anna = standInUser('anna', 'anna@kalmar.se');
const CHANNEL = '19:uppfoljning@thread.tacv2';

const REGISTER_CSV = [
  'Plan-id;Plan;Genomförandetid;Notering;Utgår (skäl);Ansvarig (e-post);Namn;Titel;Enhet;Chef (e-post);Roll',
  'drog;"Drogpolitiskt program; ""ANDT"" 2016–2020";2016-2020;\'=revideras;;anna@kalmar.se;Anna Andersson;folkhälsostrateg;Socialförvaltningen;chef@kalmar.se;',
  'fossil;Fossilbränslefria Kalmar 2030;;;Följs upp i det årliga miljöbokslutet.;;;;;;',
  ';;;;;sara@kalmar.se;Sara Samordnare;verksamhetsutvecklare;Kommunledningskontoret;chef@kalmar.se;samordnare',
  ';;;;;chef@kalmar.se;Åsa Chef;kommundirektör;;;',
].join('\r\n');

describe("the register's export and the admin history", () => {
  let standIn: ConnectorStandIn;
  let bot: RunningBot;
  let stores: Stores;
  const now = new Date('2026-03-02T09:00:00Z');
  const clock = { now: () => now };

  beforeAll(async () => {
    standIn = await startConnectorStandIn([sara, anna]);
    stores = await testTableStores();
    const imported = await importRegister({ stores, clock }, { bytes: Buffer.from(`\ufeff${REGISTER_CSV}\r\n`), fileName: 'register.csv', importedBy: 'sara@kalmar.se' });
    if (imported.kind === 'invalid') throw new Error(JSON.stringify(imported.errors));
    // As the command line records it.
    await recordAdminAction({ stores }, { at: now, actor: 'sara@kalmar.se', action: 'register.imported', subject: 'register:1', ...registerChange(undefined, imported.register) });
    bot = await startTestBot(stores, clock.now);
    await post(bot.url, message(standIn.url, anna, 'hjälp'));
  });

  afterAll(() => stopTestBot(bot, standIn));

  const lastText = (conversation: string) => standIn.sentTo(conversation).at(-1)?.text as string;
  const linkIn = (text: string) => /\]\((http[^)]+)\)/.exec(text)![1];

  // The exports the it.each below asks for, each made once, and the reply that hands it out.
  const exported = oncePer(async (command) => {
    await post(bot.url, message(standIn.url, sara, command));
    return lastText(personalConversationId(sara));
  });

  it('refuses the export and the history to someone who is not a coordinator', async () => {
    for (const text of ['exportera register', 'historik']) {
      await post(bot.url, message(standIn.url, anna, text));
      expect(lastText(personalConversationId(anna))).toContain('Bara samordnare');
    }
  });

  it('hands out the export link only in the personal chat', async () => {
    const channel = { teamId: '19:ledning@thread.tacv2', channelId: CHANNEL, name: 'Uppföljning' };
    await post(bot.url, mentionInChannel(standIn.url, sara, 'exportera register', channel));
    expect(standIn.sentTo(`${CHANNEL};messageid=1551780000000`).at(-1)?.text).toContain('personlig chatt');
  });

  it.each([
    ['exportera register', 'csv', 'text/csv; charset=utf-8'],
    ['exportera register xlsx', 'xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
  ])('"%s": the downloaded file imports again without changing anything', async (command, extension, contentType) => {
    const reply = await exported(command);
    expect(reply).toContain('Här är registret, version');
    const response = await fetch(linkIn(reply));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe(contentType);
    expect(response.headers.get('content-disposition')).toContain(`.${extension}`);
    const bytes = Buffer.from(await response.arrayBuffer());
    if (extension === 'xlsx') {
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(bytes as unknown as ArrayBuffer);
      expect(book.worksheets[0].getCell('D2').value).toBe('=revideras'); // text, not a formula
    } else {
      expect(bytes.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf]))).toBe(true);
    }

    const current = (await stores.registers.current())!;
    const again = await importRegister({ stores, clock }, { bytes, fileName: `register.${extension}`, importedBy: 'sara@kalmar.se' });
    if (again.kind === 'invalid') throw new Error(JSON.stringify(again.errors));
    expect(isEmptyDiff(diffRegisters(current, again.register))).toBe(true);
    const { version: _v, importedAt: _a, importedBy: _b, source: _s, ...content } = again.register;
    const { version: _v2, importedAt: _a2, importedBy: _b2, source: _s2, ...before } = current;
    expect(content).toEqual(before);
  });

  it('keeps each export as a record requested by the coordinator', async () => {
    for (const command of ['exportera register', 'exportera register xlsx']) await exported(command);
    const records = await stores.records.list('_register');
    // Both were made at the same instant of the test clock: compared in a fixed order.
    expect(records.map((r) => [r.kind, r.format, r.requestedBy]).sort()).toEqual([
      ['export', 'csv', 'sara@kalmar.se'],
      ['export', 'xlsx', 'sara@kalmar.se'],
    ]);
  });

  it('"historik" lists the import, newest first, in the personal chat and in a channel', async () => {
    await post(bot.url, message(standIn.url, sara, 'historik'));
    const text = lastText(personalConversationId(sara));
    expect(text.split('\n')).toEqual([
      '**Senaste ändringarna** (de 1 senaste, nyast först):',
      '- **2 mars 2026 kl. 10:00**: Sara Samordnare läste in ett nytt register från kommandoraden (version 1: 2 planer tillagda, 3 nya personer, 1 ny samordnare)',
    ]);
    const channel = { teamId: '19:ledning@thread.tacv2', channelId: CHANNEL, name: 'Uppföljning' };
    await post(bot.url, mentionInChannel(standIn.url, sara, 'history', channel));
    expect(standIn.sentTo(`${CHANNEL};messageid=1551780000000`).at(-1)?.text).toContain('läste in ett nytt register');
  });
});
