// Forged bearer tokens against the bot with app credentials: the real server and CloudAdapter,
// storage in Azurite, and the Bot Framework's signing keys served by a loopback stand-in, so
// that no call leaves the machine. Each refusal is a 401 that says nothing of keys, hosts or
// the network, logged in one line; a key source that cannot be read gives a 503.

import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadConfig } from '../../bot/config';
import { startBot, type RunningBot } from '../../bot/main';
import { executeAction, message } from '../support/activities';
import { createRecordingLogger, type RecordingLogger } from '../support/recording-logger';
import { channelClaims, randomSigningKey, signToken, startSigningKeyStandIn, type SigningKeyStandIn } from '../support/signing-key-stand-in';
import { testTableStores } from '../support/storage';

const APP_ID = '2f1c3a40-1b2c-4d5e-8f90-a1b2c3d4e5f6';
const OWN_TENANT = '9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d';
const SERVICE_URL = 'https://smba.trafficmanager.net/emea/';
const officer = { id: '29:anna', aadObjectId: '00000000-0000-0000-0000-00000000anna', name: 'Anna', email: 'anna@kalmar.se', userPrincipalName: 'anna@kalmar.se' };
const clock = { now: () => new Date('2019-03-05T09:00:00Z') };
/** What a refusal must never tell the caller. */
const INTERNALS = /botframework\.com|microsoftonline|getaddrinfo|ECONNREFUSED|127\.0\.0\.1|fetch failed|stack|at .*\.js/i;

function credentialsConfig() {
  return loadConfig({
    PORT: '0',
    MicrosoftAppId: APP_ID,
    MicrosoftAppPassword: 'not-used-in-this-test',
    MicrosoftAppTenantId: OWN_TENANT,
    STORAGE_CONNECTION_STRING: 'given-below',
    PUBLIC_BASE_URL: 'https://uppfoljning.kalmar.se',
    DOWNLOAD_SIGNING_KEY: 'a-key-of-at-least-32-characters-for-tests',
  });
}

async function postWithToken(bot: RunningBot, authorization: string, activity: unknown = message(SERVICE_URL, officer, 'hjälp')) {
  const response = await fetch(`${bot.url}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization },
    body: JSON.stringify(activity),
  });
  return { status: response.status, text: await response.text() };
}

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('forged tokens, with app credentials', () => {
  let bot: RunningBot;
  let keys: SigningKeyStandIn;
  let log: RecordingLogger;
  let printed: jest.SpyInstance[];
  beforeAll(async () => {
    keys = await startSigningKeyStandIn();
    log = createRecordingLogger();
    bot = await startBot(credentialsConfig(), { clock, log, scheduler: false, stores: await testTableStores(), openIdMetadataUrl: keys.metadataUrl });
  });
  beforeEach(() => {
    printed = [jest.spyOn(console, 'error'), jest.spyOn(console, 'warn'), jest.spyOn(console, 'log')];
  });
  afterEach(() => printed.forEach((spy) => spy.mockRestore()));
  afterAll(async () => {
    await bot?.stop();
    await keys?.close();
  });

  const stranger = randomSigningKey();
  const forged: Array<[string, () => string, string]> = [
    ['no token at all', () => '', 'no-token'],
    ['no bearer scheme', () => 'Basic YW5uYTpodW50ZXIy', 'malformed'],
    ['a bearer that is not a JWT', () => 'Bearer not-a-token', 'malformed'],
    ['undecodable parts', () => 'Bearer e30.bm90IGpzb24.c2ln', 'malformed'],
    ['an unsigned token', () => `Bearer ${keys.token(channelClaims(APP_ID, SERVICE_URL), { alg: 'none' })}`, 'malformed'],
    ['a token signed with a shared secret', () => `Bearer ${keys.token(channelClaims(APP_ID, SERVICE_URL), { alg: 'HS256' })}c2lnbmF0dXJl`, 'unsupported-algorithm'],
    ['a token from another issuer', () => `Bearer ${keys.token(channelClaims(APP_ID, SERVICE_URL, { iss: 'https://attacker.example' }))}`, 'untrusted-issuer'],
    ['a token signed with a random key under the published key id', () => `Bearer ${keys.token(channelClaims(APP_ID, SERVICE_URL), { key: stranger })}`, 'bad-signature'],
    ['a token signed with a random key of its own', () => `Bearer ${signToken(channelClaims(APP_ID, SERVICE_URL), stranger, 'made-up-key')}`, 'unknown-key'],
    ['an expired token', () => `Bearer ${keys.token(channelClaims(APP_ID, SERVICE_URL, { nbf: Date.now() / 1000 - 7200, exp: Date.now() / 1000 - 3600 }))}`, 'expired'],
    ['a token for another app', () => `Bearer ${keys.token(channelClaims('00000000-0000-0000-0000-000000000bad', SERVICE_URL))}`, 'refused-by-botbuilder'],
    ['a token for another service URL', () => `Bearer ${keys.token(channelClaims(APP_ID, 'https://attacker.example/'))}`, 'refused-by-botbuilder'],
  ];

  it.each(forged)('refuses %s with a bare 401 and one log line', async (_name, authorization, reason) => {
    const from = log.events.length;
    const response = await postWithToken(bot, authorization());
    expectRefused(response, from, reason);
  });

  it('refuses a token signed by a key not endorsed for the activity\'s channel', async () => {
    const from = log.events.length;
    const response = await postWithToken(bot, `Bearer ${keys.token(channelClaims(APP_ID, SERVICE_URL))}`, message(SERVICE_URL, officer, 'hjälp', { channelId: 'webchat' }));
    expectRefused(response, from, 'unendorsed-channel');
  });

  function expectRefused(response: { status: number; text: string }, from: number, reason: string) {
    expect(response.status).toBe(401);
    expect(JSON.parse(response.text)).toEqual({ error: 'unauthorized' });
    expect(response.text).not.toMatch(INTERNALS);
    expect(log.events.slice(from)).toEqual([{ level: 'warn', event: 'activity.unauthenticated', fields: expect.objectContaining({ reason }) }]);
    for (const spy of printed) expect(spy).not.toHaveBeenCalled();
  }

  it('lets a token signed with the published key through to the turn (which refuses the foreign tenant)', async () => {
    const invoke = executeAction(SERVICE_URL, officer, 'answer.edit', { roundId: 'r', planId: 'p' });
    const from = log.events.length;
    const response = await postWithToken(bot, `Bearer ${keys.token(channelClaims(APP_ID, SERVICE_URL))}`, invoke);
    expect(response.status).toBe(403);
    expect(log.events.slice(from).map((e) => e.event)).toContain('activity.tenant-refused');
    expect(log.events.slice(from).map((e) => e.event)).not.toContain('activity.unauthenticated');
    // The keys came from the stand-in, read once by the screen and once by botbuilder (for the
    // first token that passed the screen), however many forged tokens came before.
    expect(keys.reads.filter((path) => path === '/openid')).toHaveLength(2);
  });
});

describe('a key source that cannot be read', () => {
  let bot: RunningBot;
  let log: RecordingLogger;
  beforeAll(async () => {
    log = createRecordingLogger();
    const metadataUrl = `http://127.0.0.1:${await closedPort()}/openid`;
    bot = await startBot(credentialsConfig(), { clock, log, scheduler: false, stores: await testTableStores(), openIdMetadataUrl: metadataUrl });
  });
  afterAll(() => bot?.stop());

  it('answers 503 (Teams sends again later) without internal detail, in one log line', async () => {
    const printed = jest.spyOn(console, 'error');
    const token = signToken(channelClaims(APP_ID, SERVICE_URL), randomSigningKey(), 'some-key');
    const from = log.events.length;
    const response = await postWithToken(bot, `Bearer ${token}`);
    expect(response.status).toBe(503);
    expect(response.text).not.toMatch(INTERNALS);
    expect(log.events.slice(from)).toEqual([{ level: 'error', event: 'activity.authentication-unavailable', fields: expect.any(Object) }]);
    expect(printed).not.toHaveBeenCalled();
    printed.mockRestore();
  });
});
