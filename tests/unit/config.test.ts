import { ConfigError, loadConfig } from '../../bot/config';

const APP = '2f1c3a40-1b2c-4d5e-8f90-a1b2c3d4e5f6';
const TENANT = '9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d';

function problems(env: Record<string, string>): string[] {
  try {
    loadConfig(env, '/srv/bot');
    return [];
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
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
    });
  });

  it('refuses to listen beyond loopback without app credentials', () => {
    expect(problems({ HOST: '0.0.0.0' })).toEqual([expect.stringContaining('HOST is 0.0.0.0 but MicrosoftAppId is not set')]);
  });

  it('uses the credentials and accepts only the app tenant in production', () => {
    const config = loadConfig(
      { HOST: '0.0.0.0', MicrosoftAppId: APP, MicrosoftAppPassword: 's3cret', MicrosoftAppTenantId: TENANT, STORAGE_CONNECTION_STRING: 'x' },
      '/srv',
    );
    expect(config).toMatchObject({ mode: 'production', allowedTenants: [TENANT], demoRegister: false });
    expect(config.credentials).toEqual({ appId: APP, appPassword: 's3cret', appType: 'SingleTenant', appTenantId: TENANT });
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
      'MicrosoftAppPassword is required when MicrosoftAppId is set.',
      'MicrosoftAppType must be SingleTenant or MultiTenant (got "Managed").',
      'ALLOWED_TENANT_IDS is required: list the tenant ids whose users may use the bot.',
      'STORAGE_CONNECTION_STRING is required outside local mode (the embedded storage is for trying the bot on one machine).',
      'TIME_ZONE "Mars/Olympus" is not a known time zone (e.g. Europe/Stockholm).',
      'DEMO_REGISTER=true is only allowed in local mode.',
      'LOG_LEVEL must be debug, info, warn or error.',
    ]);
  });

  it('requires the tenant of a single-tenant app, and the allowed tenants of a multi-tenant one', () => {
    expect(problems({ MicrosoftAppId: APP, MicrosoftAppPassword: 'x', STORAGE_CONNECTION_STRING: 'x' })).toEqual([
      'MicrosoftAppTenantId is required for a SingleTenant app.',
    ]);
    expect(problems({ MicrosoftAppId: APP, MicrosoftAppPassword: 'x', MicrosoftAppType: 'MultiTenant', STORAGE_CONNECTION_STRING: 'x' })).toEqual([
      'ALLOWED_TENANT_IDS is required: list the tenant ids whose users may use the bot.',
    ]);
  });
});
