// The exact cases the outside tests found, over HTTP against the real server and CloudAdapter,
// storage in Azurite and the Bot Connector stand-in: words that name Object's own members, an
// invoke with a nested object for its locale, card data with its own toString, a long run of
// dots, a body that never completes, a serviceUrl elsewhere in local mode, and a conversation id
// a reply's header cannot carry. None of them may fail a turn: the bot's log is read after each.

import { loadConfig } from '../../bot/config';
import { startBot, type RunningBot } from '../../bot/main';
import { executeAction, message, personalConversationId, post, submitAction } from '../support/activities';
import { standInUser, startConnectorStandIn, type ConnectorStandIn } from '../support/connector-stand-in';
import { rawExchange } from '../support/raw-http';
import { createRecordingLogger } from '../support/recording-logger';
import { testTableStores } from '../support/storage';
import { stopTestBot } from './support/test-bot';

const anna = standInUser('anna', 'anna.andersson@kalmar.se');
const WORDS = ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf'];
const UNKNOWN = { sv: 'Det förstod jag inte. Skriv **hjälp** för att se vad jag kan.', en: expect.stringContaining('**help**') };

describe('odd input gets a normal answer', () => {
  let standIn: ConnectorStandIn;
  let bot: RunningBot;
  const conversation = personalConversationId(anna);
  const log = createRecordingLogger();
  let logged = 0;

  beforeAll(async () => {
    standIn = await startConnectorStandIn([anna]);
    const config = loadConfig({ PORT: '0', DEMO_REGISTER: 'false' });
    bot = await startBot(config, { clock: { now: () => new Date('2019-03-05T09:00:00Z') }, log, scheduler: false, stores: await testTableStores(), bodyTimeoutMs: 300 });
  });
  afterAll(() => stopTestBot(bot, standIn));
  // A failed turn still answers 200 with a sentence: only the log shows it.
  beforeEach(() => (logged = log.events.length));
  afterEach(() => expect(log.turnFailures(logged)).toEqual([]));

  /** What the bot wrote back into the 1:1 chat while `act` ran. */
  async function replies(act: () => Promise<unknown>): Promise<string[]> {
    const before = standIn.sentTo(conversation).length;
    await act();
    return standIn.sentTo(conversation).slice(before).map((a) => a.text);
  }

  it.each(WORDS.flatMap((word) => [[word, 'sv'], [word, 'en']] as const))('answers "%s" typed in %s like any word it does not know', async (word, locale) => {
    const sent = await replies(async () => {
      expect((await post(bot.url, message(standIn.url, anna, word, { locale: locale === 'en' ? 'en-US' : 'sv-SE' }))).status).toBe(200);
    });
    expect(sent).toEqual([UNKNOWN[locale]]);
  });

  it.each(WORDS)('refuses "%s" as a card verb, pressed or executed', async (verb) => {
    const executed = await post(bot.url, executeAction(standIn.url, anna, verb, { roundId: 'r', planId: 'p' }));
    expect(executed).toEqual({ status: 400, body: expect.objectContaining({ value: { code: 'BadRequest', message: 'Unknown card action' } }) });
    const sent = await replies(() => post(bot.url, submitAction(standIn.url, anna, 'card-1', { verb, roundId: 'r' })));
    expect(sent).toEqual([UNKNOWN.sv]);
  });

  it('answers an Action.Execute whose locale is a nested object with 400, not 501', async () => {
    const odd = { ...executeAction(standIn.url, anna, 'answer.edit', { roundId: 'r', planId: 'p' }), locale: { a: { b: { c: 'en' } } } };
    expect(await post(bot.url, odd)).toEqual({ status: 400, body: expect.objectContaining({ problems: ['locale must be text'] }) });
  });

  it('reads card data with its own toString as no round, and says so', async () => {
    const data = JSON.parse('{"roundId": {"toString": 1, "valueOf": 1}, "planId": "p", "baseVersion": {"valueOf": 1, "toString": 1}}');
    const response = await post(bot.url, executeAction(standIn.url, anna, 'answer.submit', data));
    expect(response).toEqual({ status: 200, body: expect.objectContaining({ value: 'Omgången finns inte. Kontakta samordnaren.' }) });
  });

  it('answers a message of 100,000 dots at once, and the next one too', async () => {
    const started = performance.now();
    const sent = await replies(() => post(bot.url, message(standIn.url, anna, `${'.'.repeat(100_000)}x`)));
    expect(sent).toEqual([UNKNOWN.sv]);
    expect(performance.now() - started).toBeLessThan(1_000);
  });

  it('answers a body that stops arriving with 408 and closes the connection, then serves the next request', async () => {
    const request = 'POST /api/messages HTTP/1.1\r\nHost: 127.0.0.1\r\ncontent-type: application/json\r\ncontent-length: 1000\r\n\r\n{"type":';
    const answer = await rawExchange(bot.port, request, 3_000);
    expect(answer.received.split('\r\n')[0]).toBe('HTTP/1.1 408 Request Timeout');
    expect(answer.closedAfterMs).toBeLessThan(1_000);
    expect(await replies(() => post(bot.url, message(standIn.url, anna, 'hjälp')))).toEqual([expect.stringContaining('**mina planer**')]);
  });

  it('refuses a conversation id with characters a reply header cannot carry, and answers in the chat as before', async () => {
    const plain = message(standIn.url, anna, 'hjälp');
    const odd = { ...plain, conversation: { ...plain.conversation, id: `${conversation}\u{1F600}` } };
    const sent = await replies(async () => {
      expect(await post(bot.url, odd)).toEqual({ status: 400, body: expect.objectContaining({ problems: ['conversation.id has characters a header cannot carry'] }) });
    });
    expect(sent).toEqual([]);
    expect(await replies(() => post(bot.url, message(standIn.url, anna, 'hjälp')))).toEqual([expect.stringContaining('**mina planer**')]);
  });

  it('in local mode, refuses an activity whose replies would go to another machine', async () => {
    for (const serviceUrl of ['https://smba.trafficmanager.net/emea/', 'http://10.0.0.1/', 'http://uppfoljning.invalid/']) {
      const response = await post(bot.url, message(serviceUrl, anna, 'hjälp'));
      expect(response).toEqual({ status: 400, body: expect.objectContaining({ problems: ['serviceUrl must be on this machine in local mode'] }) });
    }
    expect((await post(bot.url, message(standIn.url.replace('127.0.0.1', 'localhost'), anna, 'hjälp'))).status).toBe(200);
  });
});
