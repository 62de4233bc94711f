// The Teams tab's JSON API over HTTP: the real restify server started by startBot, storage in
// Azurite. With app credentials, Teams SSO tokens signed by keys served on loopback: each role
// sees exactly the plans it may, and forged, expired, wrong-audience, wrong-issuer,
// wrong-tenant, wrong-scope and other clients' tokens are refused with 401 and audited (as
// unauthenticated). In local mode (X-Sign-In-As), the actions that send: Påminn twice reminds
// once and not at all in a round that is not open, an export link downloads the document, the
// answer card goes 1:1 to the plan's officer only.

import { loadConfig } from '../../bot/config';
import type { TabPlanAcrossRounds, TabPlanPage, TabRoundDashboard, TabRoundListItem, TabUserView } from '../../bot/domain/tab-views';
import { startBot, type RunningBot } from '../../bot/main';
import type { Stores } from '../../storage/ports';
import { standInUser, startConnectorStandIn, type ConnectorStandIn } from '../support/connector-stand-in';
import { createRecordingLogger } from '../support/recording-logger';
import { randomSigningKey, signToken, startSigningKeyStandIn, type SigningKeyStandIn } from '../support/signing-key-stand-in';
import { testTableStores } from '../support/storage';
import { NOW, TYPED, register, round, saveChatContact, seedTabRounds } from '../support/tab-round';
import { startTestBot, stopTestBot } from './support/test-bot';

const APP_ID = '2f1c3a40-1b2c-4d5e-8f90-a1b2c3d4e5f6';
const OWN_TENANT = '9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d';
const OTHER_TENANT = '11111111-2222-4333-8444-555555555555';
/** Teams on the web and Teams' desktop and mobile apps: the clients the tab's tokens are issued to. */
const TEAMS_WEB = '5e3ce6c0-2b1f-4285-8d4b-75ee78787346';
const TEAMS_DESKTOP = '1fec8e78-bce4-4aaf-ab1b-5451cc387264';
const clock = { now: () => NOW };

/**
 * The tab's rounds (tests/support/tab-round.ts) and, in a register version of their own, a plan
 * delayed in 2019 whose title sorts last (so "at risk first" is not also by title) and a person
 * with no plan of their own.
 */
async function seed(stores: Stores): Promise<void> {
  await seedTabRounds(stores);
  const withMore = {
    ...register,
    plans: [...register.plans, { id: 'oversikt', title: 'Översiktsplan', officer: 'bo@kalmar.se' }],
    people: [...register.people, { id: 'erik@kalmar.se', name: 'Erik Ek' }],
  };
  await stores.registers.saveVersion(withMore, { importedBy: 'sara@kalmar.se', importedAt: new Date('2018-06-01T00:00:00Z'), source: 'test' });
  await stores.answers.append(
    {
      roundId: 'kf-2019',
      planId: 'oversikt',
      version: 1,
      state: 'submitted',
      content: { texts: { status: 'Försenad.', done: '', current: '', risks: '', completion: '' }, status: 'delayed' },
      answeredBy: 'bo@kalmar.se',
      answeredByName: 'Bo Berg',
      at: new Date('2019-03-08T10:00:00Z'),
    },
    null,
  );
}

/** The plans of a dashboard, as ids in the order given. */
const planIdsOf = (dashboard: TabRoundDashboard) => dashboard.plans.map((p) => p.planId);

/** The bot's settings outside local mode, its tab's tokens checked against the keys at `keysUrl`. */
function productionConfig(keysUrl: string) {
  return loadConfig({
    PORT: '0',
    MicrosoftAppId: APP_ID,
    MicrosoftAppPassword: 'not-used-in-this-test',
    MicrosoftAppTenantId: OWN_TENANT,
    STORAGE_CONNECTION_STRING: 'given-below',
    PUBLIC_BASE_URL: 'https://uppfoljning.kalmar.se',
    DOWNLOAD_SIGNING_KEY: 'a-key-of-at-least-32-characters-for-tests',
    TAB_SIGNING_KEYS_URL: keysUrl,
  });
}

describe('the tab API with Teams SSO tokens', () => {
  let keys: SigningKeyStandIn;
  let stores: Stores;
  let bot: RunningBot;
  const log = createRecordingLogger();

  beforeAll(async () => {
    keys = await startSigningKeyStandIn();
    stores = await testTableStores();
    await seed(stores);
    const config = productionConfig(keys.keysUrl);
    bot = await startBot(config, { clock, log, scheduler: false, stores, openIdMetadataUrl: keys.metadataUrl });
  });
  afterAll(async () => {
    await bot?.stop();
    await keys?.close();
  });

  /** Claims of a Teams SSO token for the tab, valid for an hour (wall clock, as tokens are). */
  const claims = (address: string, overrides: Record<string, unknown> = {}) => {
    const now = Math.floor(Date.now() / 1000);
    return {
      iss: `https://login.microsoftonline.com/${OWN_TENANT}/v2.0`,
      aud: `api://uppfoljning.kalmar.se/${APP_ID}`,
      tid: OWN_TENANT,
      oid: `oid-${address}`,
      scp: 'access_as_user',
      azp: TEAMS_WEB,
      preferred_username: address.toUpperCase(),
      name: address,
      iat: now - 60,
      nbf: now - 60,
      exp: now + 3600,
      ...overrides,
    };
  };
  const asUser = (address: string) => ({ authorization: `Bearer ${keys.token(claims(address))}` });
  const get = (path: string, headers: Record<string, string>) => fetch(`${bot.url}${path}`, { headers });
  const getJson = async <T>(path: string, address: string): Promise<T> => {
    const response = await get(path, asUser(address));
    expect(response.status).toBe(200);
    return (await response.json()) as T;
  };
  const auditedToday = () => stores.audit.listDay('2019-03-20');

  it.each([
    ['a coordinator', 'sara@kalmar.se', ['drog', 'oversikt', 'vald', 'vatten', 'park']],
    ['a manager', 'chef@kalmar.se', ['drog', 'oversikt', 'vald', 'vatten']],
    ['an officer', 'anna@kalmar.se', ['drog', 'vald']],
    ['an officer with a plan delegated to them in the round', 'cecilia@kalmar.se', ['vatten', 'park']],
    ['a standing deputy', 'dora@kalmar.se', ['park']],
  ])('shows %s the round with exactly the plans they may see, at risk first', async (_who, address, plans) => {
    const dashboard = await getJson<TabRoundDashboard>('/api/tab/rounds/kf-2019', address);
    expect(planIdsOf(dashboard)).toEqual(plans);
    expect(dashboard.round.total).toBe(plans.length);
    expect(dashboard.statuses.reduce((sum, s) => sum + s.count, 0)).toBe(plans.length);
    expect(dashboard.canRemind).toBe(address === 'sara@kalmar.se');
    expect(dashboard.round.timeZone).toBe('Europe/Stockholm');
  });

  it.each([
    ['sara@kalmar.se', []],
    ['chef@kalmar.se', []],
    ['anna@kalmar.se', ['drog', 'vald']],
    ['cecilia@kalmar.se', ['vatten', 'park']],
  ])('says which rows %s may have the card of (officer, deputy or by delegation)', async (address, cards) => {
    const dashboard = await getJson<TabRoundDashboard>('/api/tab/rounds/kf-2019', address);
    expect(dashboard.plans.filter((p) => p.canSendCard).map((p) => p.planId)).toEqual(cards);
  });

  it('gives the coordinator the counts, the lists and the days as answers came in', async () => {
    const dashboard = await getJson<TabRoundDashboard>('/api/tab/rounds/kf-2019', 'sara@kalmar.se');
    expect(dashboard.statuses.map((s) => [s.label, s.count])).toEqual([
      ['I fas', 1],
      ['Risk för försening', 1],
      ['Försenad/avvaktar', 1],
      ['Utkast', 1],
      ['Ej besvarad', 1],
    ]);
    expect(dashboard.lists).toEqual({ unanswered: ['park'], draftsOnly: ['vald'], overdue: [], away: [], unreachable: ['vald', 'park'] });
    expect(dashboard.byDay.find((d) => d.day === '2019-03-05')).toEqual({ day: '2019-03-05', submitted: 1, cumulative: 1 });
    expect(dashboard.byDay.at(-1)).toEqual({ day: '2019-04-01', submitted: 0, cumulative: 3 });
    expect(dashboard.plans.find((p) => p.planId === 'vatten')).toMatchObject({ deputy: { id: 'cecilia@kalmar.se', name: 'Cecilia Ceder' }, statusLabel: 'I fas' });
  });

  it('speaks English when asked', async () => {
    const dashboard = await getJson<TabRoundDashboard>('/api/tab/rounds/kf-2019?locale=en', 'sara@kalmar.se');
    expect(dashboard.statuses.map((s) => s.label)).toEqual(['On track', 'At risk of delay', 'Delayed/on hold', 'Draft', 'Not answered']);
  });

  it('lists the rounds with what each user may see in them, newest first', async () => {
    const anna = await getJson<TabRoundListItem[]>('/api/tab/rounds', 'anna@kalmar.se');
    expect(anna.map((r) => [r.id, r.answered, r.total])).toEqual([
      ['kf-2019', 1, 2],
      ['kf-2018', 1, 2],
    ]);
    const me = await getJson<TabUserView>('/api/tab/me', 'chef@kalmar.se');
    expect(me).toEqual({ id: 'chef@kalmar.se', name: 'Chefen', locale: 'sv', coordinator: false, manager: true, officer: false, localSignIn: false });
  });

  it('shows someone not in the register nothing, and audits what they asked for', async () => {
    expect(await getJson<TabRoundListItem[]>('/api/tab/rounds', 'okand@kalmar.se')).toEqual([]);
    const response = await get('/api/tab/rounds/kf-2019', asUser('okand@kalmar.se'));
    expect(response.status).toBe(403);
    expect(await auditedToday()).toContainEqual(expect.objectContaining({ actor: 'oid-okand@kalmar.se', action: 'tab.refused', subject: 'round:kf-2019' }));
  });

  it("refuses an officer another officer's plan (403, audited), and the coordinator's actions", async () => {
    const page = await get('/api/tab/rounds/kf-2019/plans/vatten', asUser('anna@kalmar.se'));
    expect(page.status).toBe(403);
    expect(await page.json()).toEqual({ error: 'forbidden' });
    const across = await get('/api/tab/plans/vatten/rounds', asUser('anna@kalmar.se'));
    expect(across.status).toBe(403);
    expect(await across.json()).toEqual({ error: 'forbidden' });
    const remind = await fetch(`${bot.url}/api/tab/rounds/kf-2019/remind`, {
      method: 'POST',
      headers: { ...asUser('chef@kalmar.se'), 'content-type': 'application/json' },
      body: JSON.stringify({ all: true }),
    });
    expect(remind.status).toBe(403);
    const audited = await auditedToday();
    expect(audited).toContainEqual(expect.objectContaining({ actor: 'oid-anna@kalmar.se', action: 'tab.refused', subject: 'round:kf-2019/plan:vatten' }));
    expect(audited).toContainEqual(expect.objectContaining({ actor: 'oid-anna@kalmar.se', action: 'tab.refused', subject: 'plan:vatten' }));
    expect(audited).toContainEqual(expect.objectContaining({ actor: 'oid-chef@kalmar.se', action: 'tab.refused', subject: 'round:kf-2019/remind' }));
  });

  it('gives a plan every version exactly as typed, as a JSON string, never cached', async () => {
    const response = await get('/api/tab/rounds/kf-2019/plans/drog', asUser('anna@kalmar.se'));
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const raw = await response.text();
    expect(raw).toContain(JSON.stringify(TYPED));
    const page = JSON.parse(raw) as TabPlanPage;
    expect(page.versions.map((v) => [v.version, v.state, v.by.name, v.statusLabel])).toEqual([
      [2, 'submitted', 'Anna Andersson', 'Risk för försening'],
      [1, 'draft', 'Anna Andersson', undefined],
    ]);
    expect(page.versions[0].answers[0]).toEqual({ questionId: 'status', label: 'Status nuläge', text: TYPED });
    expect(page.plan.officer).toEqual({ id: 'anna@kalmar.se', name: 'Anna Andersson' });
    expect(page.round.timeZone).toBe('Europe/Stockholm');
  });

  it('shows the delegation on the plan page of a delegated plan', async () => {
    const page = await getJson<TabPlanPage>('/api/tab/rounds/kf-2019/plans/vatten', 'cecilia@kalmar.se');
    expect(page.plan.delegatedTo).toEqual({ id: 'cecilia@kalmar.se', name: 'Cecilia Ceder' });
  });

  it("gives a manager their officer's plan page and the plan across rounds", async () => {
    const page = await getJson<TabPlanPage>('/api/tab/rounds/kf-2019/plans/drog', 'chef@kalmar.se');
    expect(page.plan).toMatchObject({ id: 'drog', officer: { id: 'anna@kalmar.se', name: 'Anna Andersson' } });
    expect(page.versions.map((v) => v.version)).toEqual([2, 1]);
    const across = await getJson<TabPlanAcrossRounds>('/api/tab/plans/drog/rounds', 'chef@kalmar.se');
    expect(across.rounds.map((r) => [r.roundId, r.statusLabel])).toEqual([
      ['kf-2019', 'Risk för försening'],
      ['kf-2018', 'I fas'],
    ]);
  });

  it('answers a round it does not know with a JSON 404', async () => {
    for (const path of ['/api/tab/rounds/kf-1999', '/api/tab/rounds/kf-1999/plans/drog']) {
      const response = await get(path, asUser('sara@kalmar.se'));
      expect(response.status).toBe(404);
      expect(await response.json()).toEqual({ error: 'not found' });
    }
  });

  it('gives the plan across rounds, newest first', async () => {
    const across = await getJson<TabPlanAcrossRounds>('/api/tab/plans/drog/rounds', 'anna@kalmar.se');
    expect(across.rounds.map((r) => [r.roundId, r.statusLabel, r.answers[0]?.text])).toEqual([
      ['kf-2019', 'Risk för försening', TYPED],
      ['kf-2018', 'I fas', 'Förra året: i fas.'],
    ]);
    expect(across.rounds.map((r) => r.timeZone)).toEqual(['Europe/Stockholm', 'Europe/Stockholm']);
  });

  const stranger = randomSigningKey();
  it.each([
    ['signed by another key', () => keys.token(claims('sara@kalmar.se'), { key: stranger }), 'bad-signature'],
    ['signed by a key the tenant does not publish', () => signToken(claims('sara@kalmar.se'), stranger, 'made-up-key'), 'unknown-key'],
    ['signed with a shared secret', () => `${keys.token(claims('sara@kalmar.se'), { alg: 'HS256' })}c2lnbmF0dXJl`, 'malformed'],
    ['expired', () => keys.token(claims('sara@kalmar.se', { nbf: Date.now() / 1000 - 7200, exp: Math.floor(Date.now() / 1000) - 3600 })), 'expired'],
    ['for another audience', () => keys.token(claims('sara@kalmar.se', { aud: 'api://elsewhere.example/other-app' })), 'wrong-audience'],
    ['from another issuer', () => keys.token(claims('sara@kalmar.se', { iss: 'https://attacker.example/v2.0' })), 'wrong-issuer'],
    [
      'of another tenant',
      () => keys.token(claims('sara@kalmar.se', { tid: OTHER_TENANT, iss: `https://login.microsoftonline.com/${OTHER_TENANT}/v2.0` })),
      'wrong-tenant',
    ],
    ['without the scope of the tab', () => keys.token(claims('sara@kalmar.se', { scp: 'User.Read' })), 'wrong-scope'],
    ['issued to another client', () => keys.token(claims('sara@kalmar.se', { azp: '00000000-0000-4000-8000-00000000abcd' })), 'wrong-client'],
    ['that names no client', () => keys.token(claims('sara@kalmar.se', { azp: undefined })), 'wrong-client'],
  ])('refuses a token %s with 401, logged and audited as unauthenticated', async (_what, token, reason) => {
    const from = log.events.length;
    const response = await get('/api/tab/rounds/kf-2019', { authorization: `Bearer ${token()}` });
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ error: 'unauthorized' });
    expect(log.events.slice(from)).toContainEqual({ level: 'warn', event: 'tab.unauthenticated', fields: expect.objectContaining({ reason }) });
    expect(await auditedToday()).toContainEqual(
      expect.objectContaining({ actor: 'unauthenticated', action: 'tab.unauthenticated', details: { reason, claimedOid: 'oid-sara@kalmar.se' } }),
    );
  });

  it('audits the directory id an unverified token claims only in the details, cut to 64 characters', async () => {
    const claimed = 'x'.repeat(500);
    const response = await get('/api/tab/me', { authorization: `Bearer ${keys.token(claims('sara@kalmar.se', { oid: claimed }), { key: stranger })}` });
    expect(response.status).toBe(401);
    const audited = (await auditedToday()).filter((e) => e.action === 'tab.unauthenticated');
    expect(audited.map((e) => e.actor)).not.toContain(claimed);
    expect(audited).toContainEqual(expect.objectContaining({ actor: 'unauthenticated', details: { reason: 'bad-signature', claimedOid: 'x'.repeat(64) } }));
  });

  it('accepts a v1 token of the tenant for the bare app id', async () => {
    const token = keys.token(
      claims('sara@kalmar.se', { iss: `https://sts.windows.net/${OWN_TENANT}/`, aud: APP_ID, azp: undefined, appid: TEAMS_DESKTOP, preferred_username: undefined, upn: 'sara@kalmar.se' }),
    );
    const response = await get('/api/tab/me', { authorization: `Bearer ${token}` });
    expect(((await response.json()) as TabUserView).coordinator).toBe(true);
  });

  it('answers a path it does not know with a JSON 404, never cached', async () => {
    const response = await get('/api/tab/nothing/here', asUser('sara@kalmar.se'));
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(await response.json()).toEqual({ error: 'not found' });
  });

  it('refuses X-Sign-In-As outside local mode, and has no list of people', async () => {
    const from = log.events.length;
    const response = await get('/api/tab/me', { 'x-sign-in-as': 'sara@kalmar.se' });
    expect(response.status).toBe(401);
    expect(log.events.slice(from)).toContainEqual({ level: 'warn', event: 'tab.unauthenticated', fields: expect.objectContaining({ reason: 'sign-in-as-refused' }) });
    expect((await get('/api/tab/people', {})).status).toBe(404);
  });

  it('read the signing keys once for every token above, an unknown key id included', () => {
    // jose reads the set again for an unknown key id no sooner than 30 seconds after its last
    // read: tokens naming made-up key ids cannot make the bot fetch keys for each of them.
    expect(keys.reads.filter((path) => path === '/keys')).toHaveLength(1);
  });
});

describe('the tab API when the signing keys cannot be read', () => {
  let keys: SigningKeyStandIn;
  let bot: RunningBot;
  beforeAll(async () => {
    keys = await startSigningKeyStandIn();
    keys.setUnavailable(true);
    const config = productionConfig(keys.keysUrl);
    bot = await startBot(config, { clock, log: createRecordingLogger(), scheduler: false, stores: await testTableStores(), openIdMetadataUrl: keys.metadataUrl });
  });
  afterAll(async () => {
    await bot?.stop();
    await keys?.close();
  });

  it('answers 503 (try again), not 401, and says nothing of why', async () => {
    const now = Math.floor(Date.now() / 1000);
    const token = keys.token({ iss: `https://login.microsoftonline.com/${OWN_TENANT}/v2.0`, aud: APP_ID, tid: OWN_TENANT, oid: 'o', upn: 'sara@kalmar.se', nbf: now - 60, exp: now + 3600 });
    const response = await fetch(`${bot.url}/api/tab/me`, { headers: { authorization: `Bearer ${token}` } });
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({ error: 'try again later' });
  });
});

describe('the tab API in local mode', () => {
  const anna = standInUser('anna', 'anna@kalmar.se');
  let standIn: ConnectorStandIn;
  let stores: Stores;
  let bot: RunningBot;
  const chat = 'a:chat-anna';

  beforeAll(async () => {
    standIn = await startConnectorStandIn([anna]);
    stores = await testTableStores();
    await seed(stores);
    await saveChatContact(stores, anna, standIn.url, chat);
    await stores.rounds.create(round('kf-2020', 2020, '2020-03-01', '2020-04-01', '2020-04-30'));
    // Erik answers for a plan only through Anna's delegation in the open round.
    await stores.settings.savePlan({ roundId: 'kf-2019', planId: 'drog', deputy: 'erik@kalmar.se', delegatedBy: 'anna@kalmar.se', updatedBy: 'anna@kalmar.se', updatedAt: NOW }, null);
    bot = await startTestBot(stores, clock.now);
  });
  afterAll(() => stopTestBot(bot, standIn));

  const as = (person: string) => ({ 'x-sign-in-as': person, 'content-type': 'application/json' });
  const post = (path: string, person: string, body: unknown) => fetch(`${bot.url}${path}`, { method: 'POST', headers: as(person), body: JSON.stringify(body) });
  const cards = () => standIn.sentTo(chat).filter((a) => a.attachments?.length);

  it('lists the register\'s people to sign in as, and refuses a token', async () => {
    const people = (await (await fetch(`${bot.url}/api/tab/people`)).json()) as Array<{ id: string; roles: string[] }>;
    expect(people.find((p) => p.id === 'sara@kalmar.se')?.roles).toEqual(['coordinator']);
    expect(people.find((p) => p.id === 'chef@kalmar.se')?.roles).toEqual(['manager']);
    const me = (await (await fetch(`${bot.url}/api/tab/me?locale=en`, { headers: as('anna@kalmar.se') })).json()) as TabUserView;
    expect(me).toEqual({ id: 'anna@kalmar.se', name: 'Anna Andersson', locale: 'en', coordinator: false, manager: false, officer: true, localSignIn: true });
    expect((await fetch(`${bot.url}/api/tab/me`, { headers: { authorization: 'Bearer a.b.c' } })).status).toBe(401);
    expect((await fetch(`${bot.url}/api/tab/me`, { headers: { 'x-sign-in-as': 'nobody@kalmar.se' } })).status).toBe(401);
  });

  it('gives someone delegated a plan in an open round the officer role, as they may see it', async () => {
    const people = (await (await fetch(`${bot.url}/api/tab/people`)).json()) as Array<{ id: string; roles: string[] }>;
    expect(people.find((p) => p.id === 'erik@kalmar.se')?.roles).toEqual(['officer']);
    const me = (await (await fetch(`${bot.url}/api/tab/me`, { headers: as('erik@kalmar.se') })).json()) as TabUserView;
    expect(me).toMatchObject({ id: 'erik@kalmar.se', coordinator: false, manager: false, officer: true });
    const dashboard = (await (await fetch(`${bot.url}/api/tab/rounds/kf-2019`, { headers: as('erik@kalmar.se') })).json()) as TabRoundDashboard;
    expect(planIdsOf(dashboard)).toEqual(['drog']);
  });

  it('reminds once when Påminn is pressed twice', async () => {
    const first = await post('/api/tab/rounds/kf-2019/remind', 'sara@kalmar.se', { planIds: ['vald', 'park'] });
    expect(await first.json()).toEqual({ reminded: 1, alreadyReminded: 0, skipped: 1 });
    const second = await post('/api/tab/rounds/kf-2019/remind', 'sara@kalmar.se', { planIds: ['vald', 'park'] });
    expect(await second.json()).toEqual({ reminded: 0, alreadyReminded: 1, skipped: 1 });
    expect(cards()).toHaveLength(1);
    const dashboard = (await (await fetch(`${bot.url}/api/tab/rounds/kf-2019`, { headers: as('sara@kalmar.se') })).json()) as TabRoundDashboard;
    expect(dashboard.plans.find((p) => p.planId === 'vald')?.lastReminderAt).toBe(NOW.toISOString());
  });

  it('reminds every plan not yet submitted when Påminn is pressed for all, each still once a day', async () => {
    const before = cards().length;
    const response = await post('/api/tab/rounds/kf-2019/remind', 'sara@kalmar.se', { all: true });
    // Vald was reminded above; Park's officer cannot be reached; the submitted plans are not asked.
    expect(await response.json()).toEqual({ reminded: 0, alreadyReminded: 1, skipped: 1 });
    expect(cards()).toHaveLength(before);
  });

  it.each([
    ['closed', 'kf-2018'],
    ['planned', 'kf-2020'],
  ])('refuses Påminn for a %s round (409), reminds nobody, and offers no Påminn there', async (_phase, roundId) => {
    const before = cards().length;
    const response = await post(`/api/tab/rounds/${roundId}/remind`, 'sara@kalmar.se', { all: true });
    expect(response.status).toBe(409);
    expect(await response.json()).toEqual({ error: 'the round is not open' });
    expect(cards()).toHaveLength(before);
    const dashboard = (await (await fetch(`${bot.url}/api/tab/rounds/${roundId}`, { headers: as('sara@kalmar.se') })).json()) as TabRoundDashboard;
    expect(dashboard.canRemind).toBe(false);
  });

  it('gives export links that download the documents', async () => {
    const csv = (await (await post('/api/tab/rounds/kf-2019/exports', 'sara@kalmar.se', { format: 'csv' })).json()) as { url: string; expiresAt: string };
    expect(csv.expiresAt).toBe(new Date(NOW.getTime() + 60 * 60_000).toISOString());
    const download = await fetch(csv.url);
    expect(download.status).toBe(200);
    expect(await download.text()).toContain('Drogpolitiskt program');
    const docx = (await (await post('/api/tab/rounds/kf-2019/exports', 'sara@kalmar.se', { format: 'docx' })).json()) as { url: string };
    expect(Buffer.from(await (await fetch(docx.url)).arrayBuffer()).subarray(0, 2).toString()).toBe('PK');
    expect((await post('/api/tab/rounds/kf-2019/exports', 'anna@kalmar.se', { format: 'csv' })).status).toBe(403);
  });

  it("sends the answer card to the plan's officer in the 1:1 chat, and to nobody else", async () => {
    const before = cards().length;
    expect(await (await post('/api/tab/rounds/kf-2019/plans/vald/card', 'anna@kalmar.se', {})).json()).toEqual({ sent: true });
    expect(cards()).toHaveLength(before + 1);
    expect((await post('/api/tab/rounds/kf-2019/plans/vald/card', 'sara@kalmar.se', {})).status).toBe(403);
  });
});
