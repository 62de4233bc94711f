// The coordinator's summary over HTTP: binding the channel, the summary and progress on command,
// reminders, the scheduled summary and digest on an injected clock, exports behind signed and
// expiring links, and refusals for everyone who is not a coordinator.

import AdmZip from 'adm-zip';
import { buildRound } from '../../bot/domain/round';
import type { RunningBot } from '../../bot/main';
import type { Stores } from '../../storage/ports';
import { executeAction, mentionInChannel, message, personalConversationId, post } from '../support/activities';
import { standInUser, startConnectorStandIn, type ConnectorStandIn } from '../support/connector-stand-in';
import { testTableStores } from '../support/storage';
import { once } from './support/steps';
import { startTestBot, stopTestBot } from './support/test-bot';

const sara = standInUser('sara', 'sara@kalmar.se'); // coordinator
const anna = standInUser('anna', 'anna@kalmar.se');
const bo = standInUser('bo', 'bo@kalmar.se');
const CHANNEL = '19:uppfoljning@thread.tacv2';
const ROUND = 'uppfoljning-kf-2019';
const ANSWERS = {
  status: 'Uppföljning genomförd i januari. [länk](https://evil.example) **fet**',
  done: 'Tillsyn och familjestöd.',
  current: 'Ny drogvaneundersökning.',
  risks: 'Varierande omfattning.',
  completion: 'Programmet löper ut 2020.',
  planStatus: 'at-risk',
};

describe("the coordinator's summary", () => {
  let standIn: ConnectorStandIn;
  let bot: RunningBot;
  let stores: Stores;
  let now = new Date('2019-03-05T09:00:00Z');

  beforeAll(async () => {
    standIn = await startConnectorStandIn([sara, anna, bo]);
    stores = await testTableStores();
    await stores.registers.saveVersion(
      {
        plans: [
          { id: 'drog', title: 'Drogpolitiskt program 2016-2020', period: '2016-2020', officer: 'anna@kalmar.se' },
          { id: 'vatten', title: 'God vattenstatus – handlingsplan', note: 'arbete pågår', officer: 'bo@kalmar.se' },
          { id: 'fossil', title: 'Fossilbränslefria Kalmar 2030', excludedReason: 'Följs upp i det årliga miljöbokslutet.' },
        ],
        people: [
          { id: 'anna@kalmar.se', name: 'Anna Andersson', title: 'folkhälsostrateg' },
          { id: 'bo@kalmar.se', name: 'Bo Berg', title: 'miljöstrateg' },
          { id: 'sara@kalmar.se', name: 'Sara Samordnare', title: 'verksamhetsutvecklare' },
        ],
        coordinators: ['sara@kalmar.se'],
      },
      { importedBy: 'test', importedAt: now, source: 'test' },
    );
    const { round } = buildRound(
      { title: 'Uppföljning KF 2019', year: '2019', opensDate: '2019-03-01', dueDate: '2019-04-01' },
      { timeZone: 'Europe/Stockholm', createdBy: 'test', createdAt: now },
    );
    await stores.rounds.create({ ...round!, promptedAt: now });
    bot = await startTestBot(stores, () => now, { OFFICE_HOURS: '08:00-17:00', DOCUMENT_ORGANISATION: 'Kalmar kommun', DOCUMENT_HANDLAGGARE: 'Sara Samordnare', DOCUMENT_HANDLAGGARE_TITLE: 'verksamhetsutvecklare', DOCUMENT_CASE_NUMBER: 'KS 2019/0408' });
    // Anna and Bo have the app; Anna answers.
    await post(bot.url, message(standIn.url, anna, 'hjälp'));
    await post(bot.url, message(standIn.url, bo, 'hjälp'));
    await post(bot.url, executeAction(standIn.url, anna, 'answer.submit', { roundId: ROUND, planId: 'drog', baseVersion: 0, ...ANSWERS }));
  });

  afterAll(() => stopTestBot(bot, standIn));

  const channel = { teamId: '19:ledning@thread.tacv2', channelId: CHANNEL, name: 'Uppföljning' };
  const lastText = (conversation: string) => standIn.sentTo(conversation).at(-1)?.text as string;
  const channelCards = () => standIn.sentTo(CHANNEL).flatMap((a) => (a.attachments ?? []).map((x: any) => x.content));

  // The story's steps: each test takes the steps it builds on (see support/steps.ts).
  const channelBound = once(() => post(bot.url, mentionInChannel(standIn.url, sara, 'koppla kanal', channel)));
  const summaryPosted = once(async () => {
    await channelBound();
    const command = message(standIn.url, sara, 'sammanställning');
    await post(bot.url, command);
    const answered = { reply: lastText(personalConversationId(sara)), cards: channelCards() };
    await post(bot.url, command); // Teams delivers the command again
    await bot.tick();
    return answered;
  });

  it('refuses every coordinator command from someone who is not a coordinator', async () => {
    await post(bot.url, mentionInChannel(standIn.url, anna, 'koppla kanal', channel));
    expect(lastText(`${CHANNEL};messageid=1551780000000`)).toContain('Bara samordnare');
    for (const text of ['sammanställning', 'läge', 'påminn', 'exportera']) {
      await post(bot.url, message(standIn.url, anna, text));
      expect(lastText(personalConversationId(anna))).toContain('Bara samordnare');
    }
    expect(await stores.channels.current()).toBeUndefined();
  });

  it('binds the coordinator channel when a coordinator mentions the bot there', async () => {
    await channelBound();
    expect(await stores.channels.current()).toMatchObject({ conversationId: CHANNEL, name: 'Uppföljning', boundBy: 'sara@kalmar.se' });
  });

  it('answers the summary command at once and posts the summary at the next tick, once', async () => {
    const answered = await summaryPosted();
    // The answer came back before anything was posted: the posts are the scheduler's.
    expect(answered.reply).toBe(
      'Sammanställningen av **Uppföljning KF 2019** läggs ut i samordnarkanalen inom någon minut. En stor sammanställning tar längre tid, eftersom Teams tar emot högst 60 meddelanden per halvminut i en kanal. Jag säger till när den är postad.',
    );
    expect(answered.cards).toEqual([]);
    const posted = channelCards().length;
    expect(posted).toBeGreaterThan(1);
    await bot.tick();
    expect(channelCards()).toHaveLength(posted);
    expect(lastText(personalConversationId(sara))).toBe(`Sammanställningen av **Uppföljning KF 2019** är postad i samordnarkanalen (${posted} meddelanden).`);
  });

  it('posts the summary with the answers as typed and "Ej besvarad" where missing', async () => {
    await summaryPosted();
    const cards = channelCards();
    const all = JSON.stringify(cards);
    expect(all).toContain('1 av 2');
    expect(all).toContain('Ej besvarad');
    expect(all).toContain('[länk](https://evil.example) **fet**'); // as typed, in a TextRun
    expect(cards.every((c) => Buffer.byteLength(JSON.stringify(c)) <= 28 * 1024)).toBe(true);
    // The tick also posted this week's progress digest; the summary is kept as asked for by Sara.
    const records = (await stores.records.list(ROUND)).filter((r) => r.kind === 'summary');
    expect(records.map((r) => [r.kind, r.requestedBy])).toEqual([['summary', 'sara@kalmar.se']]);
    expect(JSON.parse((await stores.records.get(ROUND, records[0].id))!.bytes.toString())).toEqual(cards);
  });

  it('hands out export links only in the personal chat', async () => {
    const before = (await stores.records.list(ROUND)).length;
    await post(bot.url, mentionInChannel(standIn.url, sara, 'exportera json', channel));
    expect(lastText(`${CHANNEL};messageid=1551780000000`)).toContain('personlig chatt');
    expect(await stores.records.list(ROUND)).toHaveLength(before);
  });

  it('shows progress: who has answered and who is missing', async () => {
    await post(bot.url, message(standIn.url, sara, 'läge'));
    const text = lastText(personalConversationId(sara));
    expect(text).toContain('1 av 2');
    expect(text).toContain('Inte besvarade:\n- God vattenstatus – handlingsplan \\(Bo Berg\\)'); // parentheses escaped for Markdown
  });

  it('reminds everyone who has not submitted, once per command', async () => {
    const remind = message(standIn.url, sara, 'påminn');
    await post(bot.url, remind);
    await post(bot.url, remind); // the same activity again
    const bosCards = standIn.sentTo(personalConversationId(bo)).filter((a) => a.attachments?.length);
    expect(bosCards).toHaveLength(1);
    expect(JSON.stringify(bosCards[0])).toContain('Påminnelse');
    expect(standIn.sentTo(personalConversationId(anna)).filter((a) => a.attachments?.length)).toHaveLength(0);
    expect(lastText(personalConversationId(sara))).toContain('skickade till 1, 0 kunde inte nås');
  });

  it('exports the council document behind a signed link that expires', async () => {
    await post(bot.url, message(standIn.url, sara, 'exportera word'));
    const reply = lastText(personalConversationId(sara));
    const link = /\((http[^)]+)\)/.exec(reply)![1];
    const response = await fetch(link);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toContain('.docx');
    const xml = new AdmZip(Buffer.from(await response.arrayBuffer())).readAsText('word/document.xml');
    expect(xml).toContain('Uppföljning av handlingsplaner och program 2019');
    expect(xml).toContain('Uppföljning av Drogpolitiskt program 2016-2020');
    expect(xml).toContain('KS 2019/0408');
    expect(xml).toContain('Följs upp i det årliga miljöbokslutet.');

    const tampered = link.replace(/s=([^&]+)/, (_m, s: string) => `s=${s.slice(0, -2)}xx`);
    expect((await fetch(tampered)).status).toBe(403);
    const otherRecord = link.replace(/\/downloads\/([^/]+)\/[^?]+/, '/downloads/$1/summary-1');
    expect((await fetch(otherRecord)).status).toBe(403);
    now = new Date(now.getTime() + 61 * 60_000);
    expect((await fetch(link)).status).toBe(403);
    const exports = (await stores.records.list(ROUND)).filter((r) => r.kind === 'export');
    expect(exports.map((r) => [r.format, r.requestedBy])).toEqual([['docx', 'sara@kalmar.se']]);
  });

  it('exports a CSV for Excel and a JSON archive with every version', async () => {
    await post(bot.url, message(standIn.url, sara, 'exportera csv'));
    const csv = Buffer.from(await (await fetch(/\((http[^)]+)\)/.exec(lastText(personalConversationId(sara)))![1])).arrayBuffer());
    expect(csv.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf]))).toBe(true);
    const lines = csv.toString('utf8').slice(1).split('\r\n');
    expect(lines[0]).toMatch(/^Plan;Genomförandetid;Ansvarig;Status;Inskickad;1\. Status nuläge;/);
    expect(lines[1]).toMatch(/^Drogpolitiskt program 2016-2020;2016-2020;Anna Andersson;Risk för försening;2019-03-05 10:00;/);
    await post(bot.url, message(standIn.url, sara, 'exportera json'));
    const json = JSON.parse(Buffer.from(await (await fetch(/\((http[^)]+)\)/.exec(lastText(personalConversationId(sara)))![1])).arrayBuffer()).toString());
    expect(json.versions).toHaveLength(1);
  });

  it('posts the weekly digest and, after the due date, the summary by itself, each once', async () => {
    await channelBound();
    now = new Date('2019-03-11T08:30:00Z'); // Monday 09:30 in Stockholm
    const before = standIn.sentTo(CHANNEL).length;
    await bot.tick();
    await bot.tick();
    const digests = standIn.sentTo(CHANNEL).slice(before).filter((a) => a.text);
    expect(digests).toHaveLength(1);
    expect(digests[0].text).toContain('Uppföljning KF 2019');

    now = new Date('2019-04-02T07:30:00Z'); // Tuesday 09:30 after the due date
    const beforeSummary = channelCards().length;
    await bot.tick();
    await bot.tick();
    expect(channelCards().length).toBeGreaterThan(beforeSummary);
    const scheduled = (await stores.records.list(ROUND)).filter((r) => r.kind === 'summary' && r.requestedBy === 'system');
    expect(scheduled).toHaveLength(1);
  });
});
