// Files and texts far larger than any register or answer, over HTTP: a coordinator's CSV of a
// million rows gets a clear refusal within seconds while the bot keeps serving others, a file
// of thousands of errors lists the first ones and counts the rest, and every card in reply (a
// 60 KB header cell quoted, a workbook of huge cells, an officer's 40 KB answer refused) stays
// under Teams' 28 KB.

import { monitorEventLoopDelay } from 'node:perf_hooks';
import { buildRound } from '../../bot/domain/round';
import type { RunningBot } from '../../bot/main';
import type { Stores } from '../../storage/ports';
import { toXlsx } from '../../bench/register-files';
import { executeAction, fileMessage, personalConversationId, post } from '../support/activities';
import { cardBytes, cardProblems } from '../support/card-validation';
import { standInUser, startConnectorStandIn, type ConnectorStandIn, type StandInUser } from '../support/connector-stand-in';
import { testTableStores } from '../support/storage';
import { startTestBot, stopTestBot, texts } from './support/test-bot';

const sara = standInUser('sara', 'sara@kalmar.se'); // coordinator
const anna = standInUser('anna', 'anna@kalmar.se');
const HEADER = 'Plan-id;Plan;Ansvarig (e-post);Namn;Roll';
const TEAMS_LIMIT = 28_000;

describe('files and texts far larger than a register or an answer', () => {
  let standIn: ConnectorStandIn;
  let bot: RunningBot;
  let stores: Stores;
  let roundId: string;
  const now = new Date('2019-03-05T09:00:00Z');

  beforeAll(async () => {
    standIn = await startConnectorStandIn([sara, anna]);
    stores = await testTableStores();
    await stores.registers.saveVersion(
      {
        plans: [{ id: 'drog', title: 'Drogpolitiskt program 2016-2020', officer: anna.email }],
        people: [anna, sara].map((u) => ({ id: u.email, name: u.name })),
        coordinators: [sara.email],
      },
      { importedBy: 'test', importedAt: now, source: 'test' },
    );
    const { round } = buildRound(
      { title: 'Uppföljning KF 2019', year: '2019', opensDate: '2019-03-01', dueDate: '2019-04-01' },
      { timeZone: 'Europe/Stockholm', createdBy: 'test', createdAt: now },
    );
    roundId = round!.id;
    await stores.rounds.create({ ...round!, promptedAt: now });
    bot = await startTestBot(stores, () => now);
  });

  afterAll(() => stopTestBot(bot, standIn));

  /** The coordinator sends a file; the card the bot answers with. */
  async function upload(user: StandInUser, name: string, bytes: Buffer, overrides: Record<string, unknown> = {}) {
    const before = standIn.sentTo(personalConversationId(user)).length;
    const response = await post(bot.url, { ...fileMessage(standIn.url, user, name, standIn.serveFile(name, bytes)), ...overrides });
    expect(response.status).toBe(200);
    const card = standIn.sentTo(personalConversationId(user)).slice(before)[0]?.attachments?.[0]?.content;
    expect(cardProblems(card)).toEqual([]);
    return card;
  }

  it('refuses a CSV of 1,000,000 rows (2 MB) within seconds, and answers others meanwhile', async () => {
    const bytes = Buffer.from(`${HEADER}\n${'x\n'.repeat(1_000_000)}`);
    const delay = monitorEventLoopDelay({ resolution: 10 });
    delay.enable();
    const started = performance.now();
    const uploading = upload(sara, 'miljon.csv', bytes);
    const health = await fetch(`${bot.url}/healthz`);
    const card = await uploading;
    const ms = performance.now() - started;
    delay.disable();

    expect(health.status).toBe(200);
    expect(texts(card).join('\n')).toContain('Filen har 1\u00a0000\u00a0002 rader; ett register får ha högst 50\u00a0000.');
    expect(cardBytes(card)).toBeLessThan(TEAMS_LIMIT);
    expect(ms).toBeLessThan(5_000);
    // Generous for a machine shared with other work: the file itself is refused in milliseconds.
    expect(delay.max / 1e6).toBeLessThan(1_000);
  });

  it('lists the first problems of a file of thousands and counts the rest, in Swedish and English', async () => {
    const bytes = Buffer.from(`${HEADER}\n${'x\n'.repeat(5_000)}`);
    const number = (text: string) => Number(text.replace(/[\u00a0,]/g, ''));
    const sv = texts(await upload(sara, 'fel.csv', bytes)).join('\n');
    const found = number(/Jag hittade ([\d\u00a0]+) fel\./.exec(sv)![1]);
    const listed = sv.split('\n').filter((line) => line.startsWith('• ')).length;
    expect(found).toBeGreaterThan(5_000);
    expect(listed).toBeLessThanOrEqual(100);
    expect(sv).toContain(`… och ${(found - listed).toLocaleString('sv-SE')} till`);
    const en = texts(await upload(sara, 'fel.csv', bytes, { locale: 'en-US' })).join('\n');
    expect(en).toContain(`Errors found: ${found.toLocaleString('en-GB')}.`);
    expect(en).toContain(`… and ${(found - listed).toLocaleString('en-GB')} more`);
  });

  it('quotes only an excerpt of a 60 KB header cell', async () => {
    const card = await upload(sara, 'rubrik.csv', Buffer.from(`${HEADER};${'Ö'.repeat(60_000)}\ndrog;Plan;anna@kalmar.se;Anna;samordnare\n`));
    expect(texts(card).join('\n')).toContain('är okänd');
    expect(cardBytes(card)).toBeLessThan(TEAMS_LIMIT);
  });

  it('keeps the card of a text-bomb workbook (cells of 30 KB) under 28 KB', async () => {
    const huge = (ch: string) => ch.repeat(30_000);
    const rows = [
      ['Plan-id', 'Plan', 'Ansvarig (e-post)', 'Namn', 'Roll', huge('R')],
      ...Array.from({ length: 6 }, (_, i) => [`p${i}`, huge('T'), huge('@'), huge('N'), huge('r'), huge('x')]),
    ];
    const card = await upload(sara, 'textbomb.xlsx', await toXlsx(rows));
    expect(texts(card).join('\n')).toContain('Filen kan inte användas');
    expect(cardBytes(card)).toBeLessThan(TEAMS_LIMIT);
  });

  it("keeps the refusal of an officer's 40 KB answer under 28 KB", async () => {
    const response = await post(
      bot.url,
      executeAction(standIn.url, anna, 'answer.submit', { roundId, planId: 'drog', baseVersion: 0, status: 'å'.repeat(40_000), planStatus: 'at-risk' }),
    );
    expect(response.status).toBe(200);
    const card = response.body.value;
    expect(JSON.stringify(card)).toContain('för lång');
    expect(cardBytes(card)).toBeLessThan(TEAMS_LIMIT);
  });
});
