// Composition root: wires storage, Teams, use cases, the HTTP server and the scheduler from a
// Config. `bot/index.ts` runs it for `npm start`; the end-to-end tests run it in-process.

import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Stores } from '../storage/ports';
import { createTableStores } from '../storage/tables';
import type { Clock, PacingTime } from './app/clock';
import { createRound } from './app/rounds/create-round';
import type { AppDeps } from './app/deps';
import { importRegister } from './app/register/import-register';
import type { Logger } from './app/logger';
import { createDownloadLinks } from './app/coordinator/exports/download-links';
import { tabLinkFor } from './app/coordinator/tab-link';
import { startScheduler, type Scheduler } from './app/scheduler';
import { createTick, type Tick } from './app/tick';
import type { Config } from './config';
import { startEmbeddedStorage } from './embedded-storage';
import { tellCoordinatorsOfStorageRestart } from './app/storage-incident';
import { reportUnreadableRows } from './app/unreadable-rows';
import { localDateOf } from './domain/time';
import { systemClock } from './system-clock';
import { HealthProblem, startServer } from './server';
import { serveTabPage } from './tab-page';
import { createTeamsChannel } from './teams/adapter';
import { errorMessage } from './domain/errors';
import { localActor } from './app/dashboard/tab-user';
import { EMPTY_REGISTER } from './domain/summary';
import { mountTabApi } from './web/tab-api';
import { localSignIn, tokenSignIn } from './web/tab-auth';

export interface RunningBot {
  url: string;
  port: number;
  deps: AppDeps;
  /** Runs one scheduler tick now (tests use this instead of waiting). */
  tick: Tick;
  stop(): Promise<void>;
}

export interface BotOptions {
  clock: Clock;
  log: Logger;
  /** Run the scheduler on its interval (off in tests, which call tick()). */
  scheduler?: boolean;
  /** Where the demo register lives; defaults to demo/register.json under the working folder. */
  demoRegisterPath?: string;
  /** Ready-made stores (tests give each run its own tables); otherwise built from the config. */
  stores?: Stores;
  /**
   * The embedded storage died and could not be started again: the bot cannot keep anything and
   * should stop (`npm start` exits with the message). Without it, the error is only logged.
   */
  onStorageFailed?: (error: Error) => void;
  /** How long a request body may take to arrive; the server's default (5 s) unless given. */
  bodyTimeoutMs?: number;
  /** How long a request's headers may take to arrive; the server's default (5 s) unless given. */
  headersTimeoutMs?: number;
  /** Where the Bot Framework's signing keys are published; its own document unless given (tests serve theirs). */
  openIdMetadataUrl?: string;
  /** What sends are paced and retried by; the process's own time unless given (tests give virtual time). */
  pacingTime?: PacingTime;
  /** Where the tab's built page is; defaults to dist/tab under the working folder (`npm run build` puts it there). */
  tabPageDir?: string;
}

export async function startBot(config: Config, options: BotOptions): Promise<RunningBot> {
  const { clock, log } = options;
  const stops: Array<() => Promise<void>> = [];
  const stopAll = async () => {
    // Last started, first stopped; each once, however often stop() is called.
    for (const stop of stops.splice(0).reverse()) await stop();
  };
  try {
    // Told when the embedded storage had to be restarted; the use case needs deps, made below.
    let storageRestarted: (incident: { id: string; stoppedAt: Date; restartedAt: Date }) => void = () => {};
    const opened = options.stores
      ? { stores: options.stores, problem: () => undefined }
      : await openStores(config, { clock, log, stops, restarted: (incident) => storageRestarted(incident), failed: options.onStorageFailed });
    const stores = opened.stores;
    const channel = createTeamsChannel({
      credentials: config.credentials,
      installations: stores.installations,
      log,
      now: () => clock.now(),
      wallClock: () => systemClock.now(),
      rateLimits: config.rateLimits,
      openIdMetadataUrl: options.openIdMetadataUrl,
      maxAttempts: config.sending.maxAttempts,
      pacingTime: options.pacingTime,
    });
    // Where browsers reach the bot: known once the server listens when PUBLIC_BASE_URL is not set.
    let baseUrl = config.publicBaseUrl ?? '';
    const deps: AppDeps = {
      stores,
      clock,
      messenger: channel.messenger,
      directory: channel.directory,
      log,
      officeHours: config.officeHours,
      sending: { concurrency: config.sending.concurrency, deliveryLeaseMs: config.sending.deliveryLeaseMs },
      summary: { ...config.summary, tabLink: tabLinkFor(config.credentials?.appId, () => baseUrl) },
    };
    const links = createDownloadLinks({ baseUrl: () => baseUrl, key: config.downloads.key, lifetimeMs: config.downloads.minutes * 60_000 });
    channel.attach(deps, config.allowedTenants, {
      document: config.document,
      links,
      linkMinutes: config.downloads.minutes,
      timeZone: config.timeZone,
      // Teams' file URLs are https on SharePoint; the local stand-ins serve plain http on loopback,
      // and in local mode nothing else is fetched (a file message names its own download URL).
      uploads: config.mode === 'local' ? { allowHttp: true, allowedHosts: ['127.0.0.1', 'localhost', '[::1]'] } : {},
    });

    reportUnreadableRows(deps);
    storageRestarted = (incident) => {
      tellCoordinatorsOfStorageRestart(deps, incident, config.timeZone).catch((err: unknown) =>
        log.error('storage.restart-tell-failed', { incident: incident.id, error: errorMessage(err) }),
      );
    };

    if (config.demoRegister) {
      await loadDemo(deps, config, options.demoRegisterPath ?? path.resolve('demo', 'register.json'));
    }

    const server = await startServer({
      host: config.host,
      port: config.port,
      maxBodyBytes: config.maxBodyBytes,
      // Without inbound authentication nothing vouches for an activity's serviceUrl.
      activityRules: { serviceUrls: config.mode === 'local' ? 'loopback' : 'any' },
      hosts: config.mode === 'local' ? 'loopback' : 'any',
      bodyTimeoutMs: options.bodyTimeoutMs,
      headersTimeoutMs: options.headersTimeoutMs,
      channel,
      checkHealth: async () => {
        const problem = opened.problem();
        if (problem) throw new HealthProblem(problem);
        await checkStorage(stores);
      },
      downloads: {
        verify: (round, record, expires, signature) => links.verify(round, record, expires, signature, clock.now()),
        read: (round, record) => stores.records.get(round, record),
      },
      mount: [
        (routes) =>
          mountTabApi(routes, {
            deps,
            signIn: tabSignIn(config, stores),
            local: config.mode === 'local',
            links,
            linkMinutes: config.downloads.minutes,
            document: config.document,
            maxBodyBytes: config.maxBodyBytes,
          }),
        (routes) => serveTabPage(routes, options.tabPageDir ?? path.resolve('dist', 'tab'), log),
      ],
      log,
    });
    stops.push(() => server.close());
    baseUrl ||= server.url;
    log.info('server.started', { url: server.url, mode: config.mode });

    const tick = createTick(deps, { intervalMs: config.schedulerIntervalMs, reminderCheckMs: config.reminderCheckMs, timeZone: config.timeZone });
    if (options.scheduler !== false) {
      const scheduler: Scheduler = startScheduler(tick, config.schedulerIntervalMs, log);
      stops.push(() => scheduler.stop());
    }
    return { url: server.url, port: server.port, deps, tick, stop: stopAll };
  } catch (err) {
    await stopAll();
    throw err;
  }
}

/** How the tab signs people in: Teams SSO tokens with app credentials, else (local mode) by choosing a person of the register. */
function tabSignIn(config: Config, stores: Stores) {
  if (!config.credentials) return localSignIn(async (id) => localActor((await stores.registers.current()) ?? EMPTY_REGISTER, id));
  return tokenSignIn({
    appId: config.credentials.appId,
    publicBaseUrl: config.publicBaseUrl ?? '',
    allowedTenants: config.allowedTenants === 'any' ? [] : config.allowedTenants,
    clientIds: config.tab.clientIds,
    keysUrl: config.tab.signingKeysUrl,
    // Tokens carry real time, whatever the bot's own clock says (tests run it in 2019).
    now: () => systemClock.now(),
  });
}

async function openStores(
  config: Config,
  ctx: {
    clock: Clock;
    log: Logger;
    stops: Array<() => Promise<void>>;
    restarted: (incident: { id: string; stoppedAt: Date; restartedAt: Date }) => void;
    failed?: (error: Error) => void;
  },
): Promise<{ stores: Stores; problem: () => string | undefined }> {
  const { log } = ctx;
  const warn = (event: string, fields: Record<string, string>) => log.warn(event, fields);
  if (config.storage.kind === 'connectionString') {
    return { stores: await createTableStores(config.storage.connectionString, { warn }), problem: () => undefined };
  }
  const embedded = await startEmbeddedStorage(config.storage.dataDir, {
    now: () => ctx.clock.now(),
    log,
    onRestarted: (incident) => ctx.restarted({ id: incident.id, stoppedAt: incident.stoppedAt, restartedAt: incident.restartedAt! }),
    onFailed: (_incident, error) => ctx.failed?.(error),
  });
  ctx.stops.push(() => embedded.release());
  log.info('storage.embedded', { port: embedded.port, dataDir: config.storage.dataDir });
  // Every write goes through the journal, so what the bot confirms survives the emulator.
  const stores = await createTableStores(embedded.connectionString, { journaled: embedded.tables, warn });
  return { stores, problem: () => embedded.problem() };
}

async function checkStorage(stores: Stores): Promise<void> {
  await stores.rounds.list();
}

/**
 * A newcomer's first run: the demo register (people of the Agents Playground) and a round that
 * opens at once, so a card arrives as soon as they talk to the bot.
 */
async function loadDemo(deps: AppDeps, config: Config, registerPath: string): Promise<void> {
  if (!(await deps.stores.registers.current())) {
    const result = await importRegister(deps, {
      bytes: await readFile(registerPath),
      fileName: path.basename(registerPath),
      importedBy: 'demo',
    });
    if (result.kind === 'invalid') throw new Error(`The demo register is not valid: ${JSON.stringify(result.errors)}`);
    deps.log.info('demo.register-loaded', { plans: result.counts.plans });
  }
  if ((await deps.stores.rounds.list()).length > 0) return;
  const now = deps.clock.now();
  const today = localDateOf(now, config.timeZone);
  const year = today.slice(0, 4);
  await createRound(
    deps,
    {
      id: 'demo',
      title: `Uppföljning KF ${year} (demo)`,
      year,
      opensDate: today,
      dueDate: localDateOf(new Date(now.getTime() + 14 * 24 * 3600 * 1000), config.timeZone),
      openNow: true,
    },
    { createdBy: 'demo', timeZone: config.timeZone },
  );
  deps.log.info('demo.round-created', { round: 'demo' });
}
