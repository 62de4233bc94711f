// Reads the environment once and reports every bad variable at once. Without MicrosoftAppId
// the bot is in local mode (no inbound authentication) and may only listen on loopback.

import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import type { DocumentSettings } from './app/coordinator/exports/export-round';
import path from 'node:path';
import { parseOfficeHours, type OfficeHours } from './domain/office-hours';
import { isValidTimeZone, DEFAULT_TIME_ZONE } from './domain/time';
import type { LogLevel } from './app/logger';
import { DEFAULT_DELIVERY_LEASE_SECONDS, DEFAULT_TENANT_RATE, sendConcurrencyFor } from './app/sending/defaults';
import { isLoopbackHostname } from './inbound-activity';

/** How the bot proves itself to the Bot Connector: a client secret or a certificate. */
export type AppSecret =
  | { kind: 'password'; password: string }
  | { kind: 'certificate'; thumbprint: string; privateKeyFile: string };

export interface Config {
  mode: 'local' | 'production';
  host: string;
  port: number;
  credentials?: {
    appId: string;
    secret: AppSecret;
    appType: 'SingleTenant' | 'MultiTenant';
    appTenantId?: string;
  };
  /** Where Teams and users reach the bot (https in production); used for the app package. */
  /** Where Teams and browsers reach the bot; in local mode without it, the server's own address. */
  publicBaseUrl?: string;
  /** When prompts may go out; `always` in local mode unless set. */
  officeHours: OfficeHours;
  /** Sends per second to Teams for the whole tenant, and per conversation (Teams allows 7). */
  rateLimits: { perTenant: number; perConversation: number };
  /**
   * Sends in flight at once when a round opens, attempts per request to the Bot Connector, and
   * the lease after which a claimed but never completed delivery is sent again (once).
   */
  sending: { concurrency: number; maxAttempts: number; deliveryLeaseMs: number };
  /** Header fields of the council document. */
  document: DocumentSettings;
  /** Signing key and lifetime of export download links. */
  downloads: { key: Buffer; minutes: number };
  /** Tenants whose users may use the bot; `any` only in local mode. */
  allowedTenants: string[] | 'any';
  storage: { kind: 'connectionString'; connectionString: string } | { kind: 'embedded'; dataDir: string };
  /** Load the demo register when the store has none (local mode only). */
  demoRegister: boolean;
  timeZone: string;
  schedulerIntervalMs: number;
  /**
   * How often the reminders and escalations of open rounds are worked out (at most): each check
   * reads every delivery of every open round, which for a large round is tens of thousands of rows.
   */
  reminderCheckMs: number;
  maxBodyBytes: number;
  /**
   * Each plan's card follows the overview card in the channel only for a round of at most
   * `planCardsMax` plans (or when asked); the overview card is updated in place at most every
   * `overviewUpdateMs`.
   */
  summary: { planCardsMax: number; overviewUpdateMs: number };
  logLevel: LogLevel;
  /** The Teams tab's sign-in: where the signing keys of its SSO tokens are published (a JWKS), and the client ids the tokens may be issued to (TAB_CLIENT_IDS). */
  tab: { signingKeysUrl: string; clientIds: string[] };
}

/** Microsoft's signing keys for the Entra ID tokens of every tenant (the tab's SSO tokens). */
export const MICROSOFT_SIGNING_KEYS_URL = 'https://login.microsoftonline.com/common/discovery/v2.0/keys';

/** The clients Teams asks the tab's SSO tokens with: its desktop and mobile apps, and Teams on the web. */
export const TEAMS_CLIENT_IDS = ['1fec8e78-bce4-4aaf-ab1b-5451cc387264', '5e3ce6c0-2b1f-4285-8d4b-75ee78787346'];

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Configuration is not valid:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function loadConfig(env: Record<string, string | undefined>, cwd = process.cwd()): Config {
  const problems: string[] = [];
  const get = (name: string): string | undefined => {
    const value = env[name]?.trim();
    return value ? value : undefined;
  };
  const integer = (name: string, fallback: number, min: number, max: number): number => {
    const raw = get(name);
    if (raw === undefined) return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min || value > max) {
      problems.push(`${name} must be a whole number from ${min} to ${max} (got "${raw}").`);
      return fallback;
    }
    return value;
  };

  const readSecret = (): AppSecret => {
    const certificate = certThumbprint || certKeyFile;
    if (appPassword && certificate) {
      problems.push('Set either MicrosoftAppPassword or a certificate (MicrosoftAppCertificateThumbprint and MicrosoftAppCertificateKeyFile), not both.');
    } else if (!appPassword && !certificate) {
      problems.push('MicrosoftAppPassword (or a certificate: MicrosoftAppCertificateThumbprint and MicrosoftAppCertificateKeyFile) is required when MicrosoftAppId is set.');
    } else if (certificate) {
      if (!certThumbprint || !/^[0-9a-f]{40}$/i.test(certThumbprint.replace(/:/g, ''))) {
        problems.push('MicrosoftAppCertificateThumbprint must be the certificate\'s SHA-1 thumbprint (40 hex digits).');
      }
      if (!certKeyFile) problems.push('MicrosoftAppCertificateKeyFile must name the PEM file with the certificate\'s private key.');
      else if (!existsSync(path.resolve(cwd, certKeyFile))) problems.push(`MicrosoftAppCertificateKeyFile ${certKeyFile} does not exist.`);
      return { kind: 'certificate', thumbprint: (certThumbprint ?? '').replace(/:/g, ''), privateKeyFile: path.resolve(cwd, certKeyFile ?? '') };
    }
    return { kind: 'password', password: appPassword ?? '' };
  };

  const host = get('HOST') ?? '127.0.0.1';
  const port = integer('PORT', 3978, 0, 65535);
  const appId = get('MicrosoftAppId');
  const appPassword = get('MicrosoftAppPassword');
  const certThumbprint = get('MicrosoftAppCertificateThumbprint');
  const certKeyFile = get('MicrosoftAppCertificateKeyFile');
  const appTypeRaw = get('MicrosoftAppType') ?? 'SingleTenant';
  const appTenantId = get('MicrosoftAppTenantId');
  const tenantList = (get('ALLOWED_TENANT_IDS') ?? '').split(',').map((s) => s.trim()).filter(Boolean);

  let credentials: Config['credentials'];
  let allowedTenants: Config['allowedTenants'] = 'any';
  if (!appId) {
    if (!isLoopbackHostname(host)) {
      problems.push(
        `HOST is ${host} but MicrosoftAppId is not set. Without app credentials the bot runs in local mode, which accepts unauthenticated requests and so may only listen on a loopback address (127.0.0.1). Set MicrosoftAppId and MicrosoftAppPassword to listen on other addresses.`,
      );
    }
    if (appPassword || certThumbprint || certKeyFile) {
      problems.push('App credentials (MicrosoftAppPassword or MicrosoftAppCertificate…) are set but MicrosoftAppId is not.');
    }
    if (tenantList.length > 0) allowedTenants = tenantList;
  } else {
    if (!GUID.test(appId)) problems.push('MicrosoftAppId must be the app registration\'s client id (a GUID).');
    const secret = readSecret();
    if (appTypeRaw !== 'SingleTenant' && appTypeRaw !== 'MultiTenant') {
      problems.push(`MicrosoftAppType must be SingleTenant or MultiTenant (got "${appTypeRaw}").`);
    }
    if (appTenantId && !GUID.test(appTenantId)) problems.push('MicrosoftAppTenantId must be a GUID.');
    allowedTenants = tenantList.length > 0 ? tenantList : appTenantId ? [appTenantId] : [];
    if (appTypeRaw === 'SingleTenant' && !appTenantId) problems.push('MicrosoftAppTenantId is required for a SingleTenant app.');
    else if (allowedTenants.length === 0) {
      problems.push('ALLOWED_TENANT_IDS is required: list the tenant ids whose users may use the bot.');
    }
    for (const t of allowedTenants) if (!GUID.test(t)) problems.push(`ALLOWED_TENANT_IDS contains "${t}", which is not a tenant id (GUID).`);
    credentials = {
      appId,
      secret,
      appType: appTypeRaw === 'MultiTenant' ? 'MultiTenant' : 'SingleTenant',
      appTenantId,
    };
  }

  const connectionString = get('STORAGE_CONNECTION_STRING');
  const storage: Config['storage'] = connectionString
    ? { kind: 'connectionString', connectionString }
    : { kind: 'embedded', dataDir: path.resolve(cwd, get('DATA_DIR') ?? 'data') };
  if (appId && !connectionString) {
    problems.push('STORAGE_CONNECTION_STRING is required outside local mode (the embedded storage is for trying the bot on one machine).');
  }

  const timeZone = get('TIME_ZONE') ?? DEFAULT_TIME_ZONE;
  if (!isValidTimeZone(timeZone)) problems.push(`TIME_ZONE "${timeZone}" is not a known time zone (e.g. Europe/Stockholm).`);

  const demoRaw = (get('DEMO_REGISTER') ?? (appId ? 'false' : 'true')).toLowerCase();
  if (!['true', 'false'].includes(demoRaw)) problems.push('DEMO_REGISTER must be true or false.');
  if (demoRaw === 'true' && appId) problems.push('DEMO_REGISTER=true is only allowed in local mode.');

  const logLevel = (get('LOG_LEVEL') ?? 'info') as LogLevel;
  if (!['debug', 'info', 'warn', 'error'].includes(logLevel)) problems.push('LOG_LEVEL must be debug, info, warn or error.');

  const schedulerIntervalMs = integer('SCHEDULER_INTERVAL_SECONDS', 30, 1, 3600) * 1000;
  const reminderCheckMs = integer('FOLLOW_UP_CHECK_MINUTES', 5, 0, 60) * 60_000;
  const maxBodyBytes = integer('MAX_BODY_BYTES', 256 * 1024, 1024, 10 * 1024 * 1024);
  const summary = {
    planCardsMax: integer('SUMMARY_PLAN_CARDS_MAX', 25, 0, 100_000),
    overviewUpdateMs: integer('OVERVIEW_UPDATE_MINUTES', 5, 1, 24 * 60) * 60_000,
  };

  const publicBaseUrl = get('PUBLIC_BASE_URL')?.replace(/\/+$/, '');
  if (!publicBaseUrl) {
    if (appId) problems.push('PUBLIC_BASE_URL is required outside local mode: the https address Teams reaches the bot at, e.g. https://uppfoljning.kommun.se.');
  } else {
    let url: URL | undefined;
    try {
      url = new URL(publicBaseUrl);
    } catch {
      problems.push(`PUBLIC_BASE_URL "${publicBaseUrl}" is not a URL.`);
    }
    if (url && appId && url.protocol !== 'https:') problems.push('PUBLIC_BASE_URL must use https outside local mode.');
    if (url && !appId && !isLoopbackHostname(url.hostname)) {
      problems.push(`PUBLIC_BASE_URL names ${url.hostname}, but in local mode the bot answers only at localhost, 127.0.0.1 or [::1], so its download links would be refused.`);
    }
    if (url && (url.search || url.hash)) problems.push('PUBLIC_BASE_URL must not have a query or fragment.');
  }

  const officeHours = parseOfficeHours(get('OFFICE_HOURS') ?? (appId ? '08:00-17:00' : 'always'));
  if (!officeHours) problems.push(`OFFICE_HOURS must be like 08:00-17:00 (start before end) or "always" (got "${get('OFFICE_HOURS')}").`);

  const rateLimits = {
    perTenant: integer('RATE_LIMIT_PER_SECOND', DEFAULT_TENANT_RATE, 1, 50),
    perConversation: integer('RATE_LIMIT_PER_CONVERSATION', 7, 1, 7),
  };
  const sending = {
    concurrency: integer('SEND_CONCURRENCY', sendConcurrencyFor(rateLimits.perTenant), 1, 1000),
    maxAttempts: integer('SEND_MAX_ATTEMPTS', 4, 1, 10),
    deliveryLeaseMs: integer('DELIVERY_LEASE_SECONDS', DEFAULT_DELIVERY_LEASE_SECONDS, 1, 86_400) * 1000,
  };

  const document: DocumentSettings = {
    organisation: get('DOCUMENT_ORGANISATION') ?? 'Kommunen',
    department: get('DOCUMENT_DEPARTMENT') ?? 'Kommunledningskontoret',
    handlaggare: {
      name: get('DOCUMENT_HANDLAGGARE') ?? '',
      title: get('DOCUMENT_HANDLAGGARE_TITLE') ?? '',
      phone: get('DOCUMENT_HANDLAGGARE_PHONE'),
      email: get('DOCUMENT_HANDLAGGARE_EMAIL'),
    },
    addressee: get('DOCUMENT_ADDRESSEE') ?? 'Kommunfullmäktige',
    caseNumber: get('DOCUMENT_CASE_NUMBER') ?? '',
    switchboard: get('DOCUMENT_SWITCHBOARD'),
  };
  const signingKey = get('DOWNLOAD_SIGNING_KEY');
  if (appId && !signingKey) problems.push('DOWNLOAD_SIGNING_KEY is required outside local mode: at least 32 random characters, the same on every instance.');
  if (signingKey && signingKey.length < 32) problems.push('DOWNLOAD_SIGNING_KEY must be at least 32 characters.');
  const downloads = {
    // Local mode: a fresh key per start (links die with the process, which is fine on one machine).
    key: signingKey ? Buffer.from(signingKey, 'utf8') : randomBytes(32),
    minutes: integer('DOWNLOAD_LINK_MINUTES', 60, 1, 24 * 60),
  };

  const signingKeysUrl = get('TAB_SIGNING_KEYS_URL') ?? MICROSOFT_SIGNING_KEYS_URL;
  const keysUrl = URL.canParse(signingKeysUrl) ? new URL(signingKeysUrl) : undefined;
  if (!keysUrl || !(keysUrl.protocol === 'https:' || (keysUrl.protocol === 'http:' && isLoopbackHostname(keysUrl.hostname)))) {
    problems.push(`TAB_SIGNING_KEYS_URL "${signingKeysUrl}" must be an https URL (or http on this machine, for tests).`);
  }

  const clientIdsRaw = get('TAB_CLIENT_IDS');
  const clientIds = clientIdsRaw === undefined ? TEAMS_CLIENT_IDS : clientIdsRaw.split(',').map((c) => c.trim()).filter(Boolean);
  if (clientIds.length === 0) problems.push('TAB_CLIENT_IDS must list at least one client id (GUID), or be left unset for Teams\' own clients.');
  for (const c of clientIds) if (!GUID.test(c)) problems.push(`TAB_CLIENT_IDS contains "${c}", which is not a client id (GUID).`);

  if (problems.length > 0 || !officeHours) throw new ConfigError(problems);
  return {
    mode: appId ? 'production' : 'local',
    host,
    port,
    credentials,
    publicBaseUrl,
    officeHours,
    rateLimits,
    sending,
    document,
    downloads,
    allowedTenants,
    storage,
    demoRegister: demoRaw === 'true',
    timeZone,
    schedulerIntervalMs,
    reminderCheckMs,
    maxBodyBytes,
    summary,
    logLevel,
    tab: { signingKeysUrl, clientIds },
  };
}

/** For the entry points: a bad configuration ends the process with the list of problems. */
export function loadConfigOrExit(env: Record<string, string | undefined> = process.env): Config {
  try {
    return loadConfig(env);
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    process.stderr.write(`${err.message}\n`);
    process.exit(2);
  }
}
