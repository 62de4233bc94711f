// What the bot refuses at its door: unauthenticated requests when it has credentials, other
// tenants, and oversized bodies. The real server and CloudAdapter, storage in Azurite.

import { silentLogger } from '../../bot/app/logger';
import { loadConfig } from '../../bot/config';
import { startBot, type RunningBot } from '../../bot/main';
import { executeAction, message, personalConversationId, post, TENANT_ID } from '../support/activities';
import { startConnectorStandIn, type ConnectorStandIn } from '../support/connector-stand-in';
import { createRecordingLogger } from '../support/recording-logger';
import { testTableStores } from '../support/storage';

const APP_ID = '2f1c3a40-1b2c-4d5e-8f90-a1b2c3d4e5f6';
const OWN_TENANT = '9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d';
const officer = {
  id: '29:anna',
  aadObjectId: '00000000-0000-0000-0000-00000000anna',
  name: 'Anna',
  email: 'anna@kalmar.se',
  userPrincipalName: 'anna@kalmar.se',
};
let now = new Date('2019-03-05T09:00:00Z');
const clock = { now: () => now };

describe('with app credentials', () => {
  let bot: RunningBot;
  beforeAll(async () => {
    const config = loadConfig({
      PORT: '0',
      MicrosoftAppId: APP_ID,
      MicrosoftAppPassword: 'not-used-in-this-test',
      MicrosoftAppTenantId: OWN_TENANT,
      STORAGE_CONNECTION_STRING: 'given-below',
      MAX_BODY_BYTES: '4096',
      PUBLIC_BASE_URL: 'https://uppfoljning.kalmar.se',
      DOWNLOAD_SIGNING_KEY: 'a-key-of-at-least-32-characters-for-tests',
    });
    bot = await startBot(config, { clock, log: silentLogger, scheduler: false, stores: await testTableStores() });
  });
  afterAll(() => bot?.stop());

  it('serves no export without a valid signature', async () => {
    for (const query of ['', '?e=99999999999999&s=', `?e=99999999999999&s=${'A'.repeat(43)}`]) {
      expect((await fetch(`${bot.url}/downloads/uppfoljning-kf-2019/export-1${query}`)).status).toBe(403);
    }
  });

  it('refuses an activity without a valid token', async () => {
    const response = await post(bot.url, message('http://127.0.0.1:9/', officer, 'hjälp'));
    expect(response.status).toBe(401);
  });

  it('refuses a forged token, printing nothing', async () => {
    const printed = jest.spyOn(console, 'error');
    const response = await fetch(`${bot.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer eyJhbGciOiJub25lIn0.eyJhdWQiOiJ4In0.' },
      body: JSON.stringify(message('http://127.0.0.1:9/', officer, 'hjälp')),
    });
    expect(response.status).toBe(401);
    expect(printed).not.toHaveBeenCalled();
    printed.mockRestore();
  });

  it.each([
    ['a compressed body, whose size could only be known after inflating it', { 'content-type': 'application/json', 'content-encoding': 'gzip' }],
    ['a multipart upload', { 'content-type': 'multipart/form-data; boundary=x' }],
    ['a form', { 'content-type': 'application/x-www-form-urlencoded' }],
  ])('refuses %s before reading it', async (_name, headers) => {
    const response = await fetch(`${bot.url}/api/messages`, { method: 'POST', headers, body: 'x'.repeat(100) });
    expect(response.status).toBe(415);
  });

  it('refuses a body over the size limit', async () => {
    const response = await post(bot.url, message('http://127.0.0.1:9/', officer, 'x'.repeat(5000)));
    expect(response.status).toBe(413);
  });

  it('reports healthy storage', async () => {
    const response = await fetch(`${bot.url}/healthz`);
    expect(await response.json()).toEqual({ status: 'ok' });
  });
});

describe('with a tenant allow-list', () => {
  let bot: RunningBot;
  let standIn: ConnectorStandIn;
  const log = createRecordingLogger();
  beforeAll(async () => {
    standIn = await startConnectorStandIn([officer]);
    const config = loadConfig({ PORT: '0', DEMO_REGISTER: 'false', ALLOWED_TENANT_IDS: OWN_TENANT });
    bot = await startBot(config, { clock, log, scheduler: false, stores: await testTableStores() });
  });
  afterAll(async () => {
    await bot?.stop();
    await standIn?.close();
  });

  it('ignores messages from another tenant and refuses its card actions', async () => {
    expect((await post(bot.url, message(standIn.url, officer, 'hjälp'))).status).toBe(200);
    expect(standIn.sentTo(personalConversationId(officer))).toEqual([]);
    const invoke = await post(bot.url, executeAction(standIn.url, officer, 'answer.submit', { roundId: 'r', planId: 'p' }));
    expect(invoke.status).toBe(403);
    expect(await bot.deps.stores.contacts.list()).toEqual([]);
  });

  it('audits each refused tenant and channel, what it was and who it claims to be from, as an unverified actor', async () => {
    const bo = { ...officer, id: '29:bo', aadObjectId: '00000000-0000-0000-0000-0000000000bo', name: 'Bo' };
    const before = (await bot.deps.stores.audit.listDay('2019-03-05')).length;
    await post(bot.url, message(standIn.url, bo, 'hjälp'));
    await post(bot.url, executeAction(standIn.url, bo, 'answer.submit', { roundId: 'r', planId: 'p' }, { channelId: 'webchat' }));
    // The test's clock stands still: both are audited at the same instant, in no set order.
    const audited = await bot.deps.stores.audit.listDay('2019-03-05');
    expect(audited).toHaveLength(before + 2);
    expect(audited).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ actor: 'unverified', action: 'activity.tenant-refused', subject: `tenant:${TENANT_ID}`, details: { type: 'message', claimedSender: bo.aadObjectId } }),
        expect.objectContaining({ actor: 'unverified', action: 'activity.channel-refused', subject: 'channel:webchat', details: { type: 'invoke', claimedSender: bo.aadObjectId } }),
      ]),
    );
  });

  it("audits a sender's refusals once an hour per reason, and logs every one", async () => {
    const cecilia = { ...officer, id: '29:cecilia', aadObjectId: '00000000-0000-0000-0000-0000000cecilia', name: 'Cecilia' };
    const refusedOfCecilia = async () =>
      (await bot.deps.stores.audit.listDay('2019-03-05')).filter((e) => e.action === 'activity.tenant-refused' && e.details?.claimedSender === cecilia.aadObjectId);
    const loggedOfCecilia = () => log.events.filter((e) => e.event === 'activity.tenant-refused' && e.fields.claimedSender === cecilia.aadObjectId);
    for (let i = 0; i < 5; i++) expect((await post(bot.url, message(standIn.url, cecilia, 'hjälp'))).status).toBe(200);
    expect(await refusedOfCecilia()).toHaveLength(1);
    expect(loggedOfCecilia()).toHaveLength(5);

    now = new Date('2019-03-05T09:59:59Z');
    await post(bot.url, message(standIn.url, cecilia, 'hjälp'));
    expect(await refusedOfCecilia()).toHaveLength(1);
    now = new Date('2019-03-05T10:00:00Z');
    await post(bot.url, message(standIn.url, cecilia, 'hjälp'));
    expect(await refusedOfCecilia()).toHaveLength(2);
    expect(loggedOfCecilia()).toHaveLength(7);
    now = new Date('2019-03-05T09:00:00Z');
  });

  it('serves Teams only: another channel could write its own tenant and user ids', async () => {
    const own = { channelData: { tenant: { id: OWN_TENANT } }, channelId: 'webchat' };
    expect((await post(bot.url, message(standIn.url, officer, 'hjälp', own))).status).toBe(200);
    expect((await post(bot.url, executeAction(standIn.url, officer, 'answer.edit', { roundId: 'r', planId: 'p' }, own))).status).toBe(403);
    expect(standIn.sentTo(personalConversationId(officer))).toEqual([]);
  });

  it('serves its own tenant', async () => {
    const own = { channelData: { tenant: { id: OWN_TENANT } } };
    await post(bot.url, message(standIn.url, officer, 'hjälp', own));
    expect(standIn.sentTo(personalConversationId(officer))).toHaveLength(1);
  });
});
