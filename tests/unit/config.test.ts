import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ConfigError, loadConfig } from '../../bot/config';

const APP = '2f1c3a40-1b2c-4d5e-8f90-a1b2c3d4e5f6';
const TENANT = '9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d';
const PRODUCTION = {
  HOST: '0.0.0.0',
  MicrosoftAppId: APP,
  MicrosoftAppPassword: 's3cret',
  MicrosoftAppTenantId: TENANT,
  STORAGE_CONNECTION_STRING: 'DefaultEndpointsProtocol=https;AccountName=x;AccountKey=eA==;EndpointSuffix=core.windows.net',
  PUBLIC_BASE_URL: 'https://uppfoljning.kalmar.se',
  DOWNLOAD_SIGNING_KEY: 'k'.repeat(32),
};

function problems(env: Record<string, string>): string[] {
  try {
    loadConfig(env, '/srv/bot');
    return [];
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
}

function without(name: keyof typeof PRODUCTION): Record<string, string> {
  const { [name]: _removed, ...rest } = PRODUCTION;
  return rest;
}

describe('configuration', () => {
  it('starts a newcomer in local mode on loopback with embedded storage and the demo register', () => {
    expect(loadConfig({}, '/srv/bot')).toMatchObject({
      mode: 'local',
      host: '127.0.0.1',
      port: 3978,
      allowedTenants: 'any',
      storage: { kind: 'embedded', dataDir: '/srv/bot/data' },
      demoRegister: true,
      timeZone: 'Europe/Stockholm',
      publicBaseUrl: undefined,
      officeHours: 'always',
      rateLimits: { perTenant: 30, perConversation: 7 },
      reminderCheckMs: 5 * 60_000,
      summary: { planCardsMax: 25, overviewUpdateMs: 5 * 60_000 },
    });
  });

  it('posts each plan\'s card for rounds up to SUMMARY_PLAN_CARDS_MAX plans and updates the overview every OVERVIEW_UPDATE_MINUTES', () => {
    expect(loadConfig({ SUMMARY_PLAN_CARDS_MAX: '0', OVERVIEW_UPDATE_MINUTES: '15' }, '/srv/bot').summary).toEqual({ planCardsMax: 0, overviewUpdateMs: 15 * 60_000 });
    expect(problems({ SUMMARY_PLAN_CARDS_MAX: '-1', OVERVIEW_UPDATE_MINUTES: '0' })).toEqual([
      'SUMMARY_PLAN_CARDS_MAX must be a whole number from 0 to 100000 (got "-1").',
      'OVERVIEW_UPDATE_MINUTES must be a whole number from 1 to 1440 (got "0").',
    ]);
  });

  it("checks the tab's tokens against Microsoft's keys unless told where else, https or this machine only", () => {
    expect(loadConfig(PRODUCTION, '/srv').tab.signingKeysUrl).toBe('https://login.microsoftonline.com/common/discovery/v2.0/keys');
    expect(loadConfig({ ...PRODUCTION, TAB_SIGNING_KEYS_URL: 'http://127.0.0.1:4000/keys' }, '/srv').tab.signingKeysUrl).toBe('http://127.0.0.1:4000/keys');
    expect(problems({ ...PRODUCTION, TAB_SIGNING_KEYS_URL: 'http://keys.example/keys' })).toEqual([
      'TAB_SIGNING_KEYS_URL "http://keys.example/keys" must be an https URL (or http on this machine, for tests).',
    ]);
    expect(problems({ TAB_SIGNING_KEYS_URL: 'no url' })).toHaveLength(1);
  });

  it('checks reminders as often as asked, from every tick (0) to hourly', () => {
    expect(loadConfig({ FOLLOW_UP_CHECK_MINUTES: '0' }, '/srv/bot').reminderCheckMs).toBe(0);
    expect(problems({ FOLLOW_UP_CHECK_MINUTES: '61' })).toEqual(['FOLLOW_UP_CHECK_MINUTES must be a whole number from 0 to 60 (got "61").']);
  });

  it('uses the credentials, the app tenant and office hours in production', () => {
    const config = loadConfig(PRODUCTION, '/srv');
    expect(config).toMatchObject({
      mode: 'production',
      allowedTenants: [TENANT],
      demoRegister: false,
      publicBaseUrl: 'https://uppfoljning.kalmar.se',
      officeHours: { start: 8 * 60, end: 17 * 60 },
    });
    expect(config.credentials).toEqual({ appId: APP, secret: { kind: 'password', password: 's3cret' }, appType: 'SingleTenant', appTenantId: TENANT });
  });

  it('accepts a certificate instead of a client secret', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'cert-'));
    writeFileSync(path.join(dir, 'bot.key.pem'), '-----BEGIN PRIVATE KEY-----\n-----END PRIVATE KEY-----\n');
    const config = loadConfig(
      { ...without('MicrosoftAppPassword'), MicrosoftAppCertificateThumbprint: 'AB:'.repeat(19) + 'CD', MicrosoftAppCertificateKeyFile: 'bot.key.pem' },
      dir,
    );
    expect(config.credentials!.secret).toEqual({ kind: 'certificate', thumbprint: 'AB'.repeat(19) + 'CD', privateKeyFile: path.join(dir, 'bot.key.pem') });
  });

  it.each<[string, Record<string, string>, string[]]>([
    ['local mode on a public address', { HOST: '0.0.0.0' }, ['HOST is 0.0.0.0 but MicrosoftAppId is not set. Without app credentials the bot runs in local mode, which accepts unauthenticated requests and so may only listen on a loopback address (127.0.0.1). Set MicrosoftAppId and MicrosoftAppPassword to listen on other addresses.']],
    ['a secret without an app id', { MicrosoftAppPassword: 'x' }, ['App credentials (MicrosoftAppPassword or MicrosoftAppCertificate…) are set but MicrosoftAppId is not.']],
    ['an app id without a secret', without('MicrosoftAppPassword'), ['MicrosoftAppPassword (or a certificate: MicrosoftAppCertificateThumbprint and MicrosoftAppCertificateKeyFile) is required when MicrosoftAppId is set.']],
    ['both a secret and a certificate', { ...PRODUCTION, MicrosoftAppCertificateThumbprint: 'a'.repeat(40), MicrosoftAppCertificateKeyFile: 'k.pem' }, ['Set either MicrosoftAppPassword or a certificate (MicrosoftAppCertificateThumbprint and MicrosoftAppCertificateKeyFile), not both.']],
    ['a certificate with a bad thumbprint and a missing key file', { ...without('MicrosoftAppPassword'), MicrosoftAppCertificateThumbprint: 'xyz', MicrosoftAppCertificateKeyFile: 'missing.pem' }, ["MicrosoftAppCertificateThumbprint must be the certificate's SHA-1 thumbprint (40 hex digits).", 'MicrosoftAppCertificateKeyFile missing.pem does not exist.']],
    ['a single-tenant app without its tenant', without('MicrosoftAppTenantId'), ['MicrosoftAppTenantId is required for a SingleTenant app.']],
    ['a multi-tenant app without allowed tenants', { ...without('MicrosoftAppTenantId'), MicrosoftAppType: 'MultiTenant' }, ['ALLOWED_TENANT_IDS is required: list the tenant ids whose users may use the bot.']],
    ['production without storage', without('STORAGE_CONNECTION_STRING'), ['STORAGE_CONNECTION_STRING is required outside local mode (the embedded storage is for trying the bot on one machine).']],
    ['production without a public address', without('PUBLIC_BASE_URL'), ['PUBLIC_BASE_URL is required outside local mode: the https address Teams reaches the bot at, e.g. https://uppfoljning.kommun.se.']],
    ['production on plain http', { ...PRODUCTION, PUBLIC_BASE_URL: 'http://uppfoljning.kalmar.se' }, ['PUBLIC_BASE_URL must use https outside local mode.']],
    ['local mode with links to another machine', { PUBLIC_BASE_URL: 'http://bot.kalmar.se:3978' }, ['PUBLIC_BASE_URL names bot.kalmar.se, but in local mode the bot answers only at localhost, 127.0.0.1 or [::1], so its download links would be refused.']],
    ['production without a key for download links', without('DOWNLOAD_SIGNING_KEY'), ['DOWNLOAD_SIGNING_KEY is required outside local mode: at least 32 random characters, the same on every instance.']],
    ['a short key for download links', { DOWNLOAD_SIGNING_KEY: 'short' }, ['DOWNLOAD_SIGNING_KEY must be at least 32 characters.']],
    ['the demo register in production', { ...PRODUCTION, DEMO_REGISTER: 'true' }, ['DEMO_REGISTER=true is only allowed in local mode.']],
    ['office hours the wrong way round', { OFFICE_HOURS: '17:00-08:00' }, ['OFFICE_HOURS must be like 08:00-17:00 (start before end) or "always" (got "17:00-08:00").']],
    ['a rate above what Teams allows per conversation', { RATE_LIMIT_PER_CONVERSATION: '10' }, ['RATE_LIMIT_PER_CONVERSATION must be a whole number from 1 to 7 (got "10").']],
  ])('refuses %s', (_name, env, expected) => {
    expect(problems(env)).toEqual(expected);
  });

  it.each(['http://localhost:3978', 'http://127.0.0.1:3978', 'http://[::1]:3978'])('accepts links to this machine in local mode: %s', (url) => {
    expect(problems({ PUBLIC_BASE_URL: url })).toEqual([]);
  });

  it('reports every bad variable at once', () => {
    expect(
      problems({
        MicrosoftAppId: 'not-a-guid',
        MicrosoftAppType: 'Managed',
        PORT: 'abc',
        TIME_ZONE: 'Mars/Olympus',
        LOG_LEVEL: 'loud',
        DEMO_REGISTER: 'true',
      }),
    ).toEqual([
      'PORT must be a whole number from 0 to 65535 (got "abc").',
      "MicrosoftAppId must be the app registration's client id (a GUID).",
      'MicrosoftAppPassword (or a certificate: MicrosoftAppCertificateThumbprint and MicrosoftAppCertificateKeyFile) is required when MicrosoftAppId is set.',
      'MicrosoftAppType must be SingleTenant or MultiTenant (got "Managed").',
      'ALLOWED_TENANT_IDS is required: list the tenant ids whose users may use the bot.',
      'STORAGE_CONNECTION_STRING is required outside local mode (the embedded storage is for trying the bot on one machine).',
      'TIME_ZONE "Mars/Olympus" is not a known time zone (e.g. Europe/Stockholm).',
      'DEMO_REGISTER=true is only allowed in local mode.',
      'LOG_LEVEL must be debug, info, warn or error.',
      'PUBLIC_BASE_URL is required outside local mode: the https address Teams reaches the bot at, e.g. https://uppfoljning.kommun.se.',
      'DOWNLOAD_SIGNING_KEY is required outside local mode: at least 32 random characters, the same on every instance.',
    ]);
  });
});
