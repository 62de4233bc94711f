// What the server refuses before anything reads a request, and how it serves a download: over
// loopback sockets and HTTP against the real server in local mode, storage in Azurite and the
// Bot Connector stand-in. A Host that is not this machine (DNS rebinding), a body larger than
// allowed, headers that never finish.

import { importRegister } from '../../bot/app/register/import-register';
import { createJsonLogger } from '../../bot/app/logger';
import { loadConfig } from '../../bot/config';
import { startBot, type RunningBot } from '../../bot/main';
import type { Stores } from '../../storage/ports';
import { message, personalConversationId } from '../support/activities';
import { standInUser, startConnectorStandIn, type ConnectorStandIn } from '../support/connector-stand-in';
import { rawExchange, requestText } from '../support/raw-http';
import { createRecordingLogger } from '../support/recording-logger';
import { testTableStores } from '../support/storage';
import { stopTestBot } from './support/test-bot';

const sara = standInUser('sara', 'sara@kalmar.se'); // coordinator
const REGISTER_CSV = [
  'Plan-id;Plan;Genomförandetid;Notering;Utgår (skäl);Ansvarig (e-post);Namn;Titel;Enhet;Chef (e-post);Roll',
  'drog;Drogpolitiskt program 2016–2020;2016-2020;;;sara@kalmar.se;Sara Samordnare;verksamhetsutvecklare;Kommunledningskontoret;;samordnare',
].join('\r\n');
const MAX_BODY_BYTES = 4096;
const HEADERS_TIMEOUT_MS = 1_000;

describe('the HTTP edge in local mode', () => {
  let standIn: ConnectorStandIn;
  let bot: RunningBot;
  let stores: Stores;
  let port: number;
  const log = createRecordingLogger();
  const clock = { now: () => new Date('2026-03-02T09:00:00Z') };
  const conversation = personalConversationId(sara);

  beforeAll(async () => {
    standIn = await startConnectorStandIn([sara]);
    stores = await testTableStores();
    const imported = await importRegister({ stores, clock }, { bytes: Buffer.from(REGISTER_CSV), fileName: 'register.csv', importedBy: 'sara@kalmar.se' });
    if (imported.kind === 'invalid') throw new Error(JSON.stringify(imported.errors));
    const config = loadConfig({ PORT: '0', DEMO_REGISTER: 'false', MAX_BODY_BYTES: String(MAX_BODY_BYTES) });
    bot = await startBot(config, { clock, log, scheduler: false, stores, headersTimeoutMs: HEADERS_TIMEOUT_MS });
    port = bot.port;
  });
  afterAll(() => stopTestBot(bot, standIn));

  function postActivity(host: string, activity: unknown) {
    const body = JSON.stringify(activity);
    const headers = { host, 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)), connection: 'close' };
    return rawExchange(port, requestText('POST', '/api/messages', headers, body));
  }
  const exportCommand = (overrides: Record<string, unknown> = {}) => message(standIn.url, sara, 'exportera register', overrides);
  const linkIn = (text: string) => /\]\((http[^)]+)\)/.exec(text)?.[1];

  describe('Host headers', () => {
    it.each(['attacker.example', 'attacker.example:3978', 'localhost.attacker.example', '127.0.0.1.nip.io', 'localhost:80@attacker.example', ''])(
      'refuses Host "%s" before reading the activity, even one asking for its replies in the answer',
      async (host) => {
        const before = standIn.sentTo(conversation).length;
        for (const activity of [exportCommand({ deliveryMode: 'expectReplies' }), exportCommand()]) {
          const answer = await postActivity(host, activity);
          expect(answer.status).toBe(403);
          expect(answer.received).not.toMatch(/downloads|exportera|Drogpolitiskt/);
        }
        expect(standIn.sentTo(conversation).length).toBe(before);
        expect(log.events.filter((e) => e.event === 'request.host-refused').at(-1)?.fields.host).toBe(host);
      },
    );

    it('refuses another Host on every route, /healthz and the downloads included', async () => {
      for (const path of ['/healthz', '/downloads/r/x?e=1&s=x', '/nowhere']) {
        const answer = await rawExchange(port, requestText('GET', path, { host: 'attacker.example', connection: 'close' }));
        expect(answer.status).toBe(403);
      }
    });

    it.each(['localhost', 'localhost:PORT', '127.0.0.1', '127.0.0.1:PORT', '[::1]:PORT', 'LOCALHOST'])('answers at Host %s', async (host) => {
      const answer = await rawExchange(port, requestText('GET', '/healthz', { host: host.replace('PORT', String(port)), connection: 'close' }));
      expect(answer.status).toBe(200);
    });

    it('hands out the export at a loopback Host, and serves it as an attachment that is never sniffed or kept', async () => {
      const answer = await postActivity(`127.0.0.1:${port}`, exportCommand());
      expect(answer.status).toBe(200);
      const link = linkIn(standIn.sentTo(conversation).at(-1)?.text ?? '');
      expect(link).toBeDefined();
      const download = await fetch(link!);
      expect(download.status).toBe(200);
      expect(download.headers.get('x-content-type-options')).toBe('nosniff');
      expect(download.headers.get('content-disposition')).toMatch(/^attachment; filename\*=UTF-8''/);
      expect(download.headers.get('cache-control')).toContain('no-store');
    });
  });

  describe('slow and oversized requests', () => {
    it('refuses a declared body over MAX_BODY_BYTES at once, without waiting for it', async () => {
      const headers = { host: '127.0.0.1', 'content-type': 'application/json', 'content-length': String(MAX_BODY_BYTES + 1) };
      const answer = await rawExchange(port, requestText('POST', '/api/messages', headers), 3_000);
      expect(answer.status).toBe(413);
      // Answered and closed with no body sent at all: long before the 5 s the body could take.
      expect(answer.closedAfterMs).toBeLessThan(1_000);
    });

    it('refuses a huge declared body the same way', async () => {
      const headers = { host: '127.0.0.1', 'content-type': 'application/json', 'content-length': String(10 ** 12) };
      const answer = await rawExchange(port, requestText('POST', '/api/messages', headers), 3_000);
      expect(answer.status).toBe(413);
    });

    it('answers 408 and closes a connection whose headers never finish within the configured time', async () => {
      const answer = await rawExchange(port, 'POST /api/messages HTTP/1.1\r\nHost: 127.0.0.1\r\ncontent-type: appl', 3 * HEADERS_TIMEOUT_MS);
      expect(answer.status).toBe(408);
      expect(answer.closedAfterMs).toBeGreaterThanOrEqual(HEADERS_TIMEOUT_MS - 50);
      expect(answer.closedAfterMs).toBeLessThan(HEADERS_TIMEOUT_MS + 1_000);
    });

    it('closes a kept-alive connection whose next request never finishes its headers', async () => {
      const first = requestText('GET', '/healthz', { host: '127.0.0.1' });
      const answer = await rawExchange(port, `${first}GET /healthz HTTP/1.1\r\nHost: 127`, 3 * HEADERS_TIMEOUT_MS);
      expect(answer.status).toBe(200);
      expect(answer.closedAfterMs).toBeLessThan(HEADERS_TIMEOUT_MS + 1_000);
    });

    it('answers 408 and closes a connection that never sends a byte', async () => {
      const answer = await rawExchange(port, '', 3 * HEADERS_TIMEOUT_MS);
      expect(answer.status).toBe(408);
      expect(answer.closedAfterMs).toBeLessThan(HEADERS_TIMEOUT_MS + 1_000);
    });

    it('still answers the next request normally', async () => {
      expect((await fetch(`${bot.url}/healthz`)).status).toBe(200);
    });
  });
});

describe("the bot's log lines", () => {
  let bot: RunningBot;
  const lines: string[] = [];
  beforeAll(async () => {
    const clock = { now: () => new Date('2026-03-02T09:00:00Z') };
    const log = createJsonLogger('info', (line) => lines.push(line), clock.now);
    bot = await startBot(loadConfig({ PORT: '0', DEMO_REGISTER: 'false' }), { clock, log, scheduler: false, stores: await testTableStores() });
  });
  afterAll(() => bot?.stop());

  it('stay short when the request puts a long text in them', async () => {
    const host = `${'a'.repeat(12_000)}.example`; // near Node's 16 KB limit for all headers
    const answer = await rawExchange(bot.port, requestText('GET', '/healthz', { host, connection: 'close' }));
    expect(answer.status).toBe(403);
    const refused = lines.filter((line) => line.includes('"request.host-refused"'));
    expect(refused).toHaveLength(1);
    expect(Buffer.byteLength(refused[0])).toBeLessThan(1024);
    expect(JSON.parse(refused[0]).host).toMatch(/^a+… \(11\d{3} more characters\)$/);
  });
});
