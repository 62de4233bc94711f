// Local storage for a newcomer: Azurite started by the bot itself, its data under the data
// folder so that it survives a restart. A lock file (lock.ts), taken atomically before anything else at
// start, keeps a second process from starting an emulator on the same folder, and tells the
// admin tool which port the running bot's Azurite listens on, so both use the same data.
//
// Azurite saves its tables to disk only every five seconds, so the bot keeps a journal beside
// them (storage/journal.ts): every write, once Azurite has applied it, is in the journal, synced
// to disk, before the bot reports it done. At start the journal is replayed into Azurite, Azurite
// is stopped with SIGINT (it saves everything), the journal emptied and Azurite started again.
// While the bot runs, its Azurite is watched: if it dies, it is started again on a free port,
// the journal replayed into it and the clients pointed at it; calls made meanwhile wait. If it
// cannot be brought back after a few attempts, the bot is told to stop.

import type { TableClient } from '@azure/data-tables';
import { mkdir, open, readdir, rm, stat, truncate } from 'node:fs/promises';
import path from 'node:path';
import { startAzurite, tableClientOptions, type RunningAzurite } from '../../storage/azurite';
import { readJournal, WriteJournal } from '../../storage/journal';
import { openTableClient, replayJournal, type JournaledTables } from '../../storage/tables';
import { silentLogger, type Logger } from '../app/logger';
import {
  dropLock,
  FolderInUseError,
  journalPath,
  locationOf,
  lockPath,
  RESTART_START_TIMEOUT_MS,
  runningOrRestarting,
  stopOrphan,
  takeLock,
  writeLock,
} from './lock';
import { errorMessage } from '../domain/errors';

/** The emulator stopped by itself while the bot was using it. */
export { journalPath } from './lock';

export interface StorageIncident {
  /** When it was seen to stop, as an ISO instant: the same incident always has the same id. */
  id: string;
  stoppedAt: Date;
  /** What ended it, for the logs: "killed by SIGKILL", "exited with code 1". */
  cause: string;
  /** When it was running again with everything confirmed before the stop. */
  restartedAt?: Date;
}

export interface EmbeddedStorage {
  /** Where the emulator runs now (it changes when it is restarted). */
  readonly connectionString: string;
  readonly port: number;
  /** What the table stores need to write through the journal and follow restarts. */
  readonly tables: JournaledTables;
  /** Why the storage cannot be used now, or undefined when it can. */
  problem(): string | undefined;
  release(): Promise<void>;
}

export interface EmbeddedStorageOptions {
  now: () => Date;
  log?: Logger;
  /** Attempts to start the emulator again after it died, before giving up (default 3). */
  restartAttempts?: number;
  /** It died and was started again with everything confirmed: told once per incident. */
  onRestarted?: (incident: StorageIncident) => void;
  /** It died and could not be started again: the bot cannot go on. */
  onFailed?: (incident: StorageIncident, error: Error) => void;
}

function clientsOf(connectionString: string): (table: string) => TableClient {
  const options = tableClientOptions(connectionString);
  const clients = new Map<string, TableClient>();
  return (table) => {
    let client = clients.get(table);
    if (!client) clients.set(table, (client = openTableClient(connectionString, table, options)));
    return client;
  };
}

/** Makes what was written to the folder survive a power cut too, before the journal is emptied. */
async function syncFolder(folder: string): Promise<void> {
  for (const name of await readdir(folder)) {
    const file = path.join(folder, name);
    if (!(await stat(file)).isFile()) continue;
    const handle = await open(file, 'r');
    await handle.sync().finally(() => handle.close());
  }
  const dir = await open(folder, 'r');
  await dir.sync().finally(() => dir.close());
}

async function emptyJournal(file: string, length = 0): Promise<void> {
  await truncate(file, length);
  const handle = await open(file, 'r+');
  await handle.sync().finally(() => handle.close());
}

/**
 * Starts the emulator on the data folder with everything the journal holds, and compacts the
 * journal: replay, stop with SIGINT (Azurite saves), sync the saved files, empty the journal,
 * start again. A crash at any step leaves the journal as it was, and the next start replays it.
 */
async function startDurableAzurite(dataDir: string, log: Logger): Promise<{ azurite: RunningAzurite; journal: WriteJournal }> {
  await mkdir(dataDir, { recursive: true });
  const location = locationOf(dataDir);
  const file = journalPath(dataDir);
  const { ops, completeBytes, skippedLines } = await readJournal(file);
  // Lines torn by a write that failed partway were never confirmed: skipped, and said once.
  if (skippedLines > 0) log.warn('storage.journal-lines-skipped', { lines: skippedLines });
  // A torn last line is an append that was never confirmed; later appends must not follow it.
  const size = await stat(file).then((s) => s.size, () => 0);
  if (size > completeBytes) await emptyJournal(file, completeBytes);
  let azurite = await startAzurite({ location });
  if (ops.length > 0) {
    let replayed: number;
    try {
      replayed = await replayJournal(ops, clientsOf(azurite.connectionString));
    } catch (err) {
      await azurite.stop();
      throw err;
    }
    if (await azurite.stop()) {
      await syncFolder(location);
      await emptyJournal(file);
      log.info('storage.journal-compacted', { operations: ops.length, entities: replayed });
      azurite = await startAzurite({ location });
    } else {
      // It did not save on SIGINT: the journal stays, and is replayed into a fresh start.
      log.warn('storage.journal-kept', { operations: ops.length });
      azurite = await startAzurite({ location });
      await replayJournal(ops, clientsOf(azurite.connectionString)).catch(async (err: unknown) => {
        await azurite.stop();
        throw err;
      });
    }
  }
  return { azurite, journal: await WriteJournal.open(file) };
}

/** Takes the lock, stops an emulator left behind, starts with the journal and writes the lock's port. */
async function startLocked(dataDir: string, log: Logger): Promise<{ azurite: RunningAzurite; journal: WriteJournal }> {
  const previous = await takeLock(dataDir);
  try {
    await stopOrphan(previous);
    const started = await startDurableAzurite(dataDir, log);
    await writeLock(dataDir, started.azurite).catch(async (err: unknown) => {
      await started.azurite.stop();
      await started.journal.close();
      throw err;
    });
    return started;
  } catch (err) {
    await dropLock(dataDir);
    throw err;
  }
}

function causeOf(exit: { code: number | null; signal: NodeJS.Signals | null }): string {
  return exit.signal ? `killed by ${exit.signal}` : `exited with code ${exit.code}`;
}

/** Starts Azurite on the data folder for the bot, and watches it; refuses when another bot already has it. */
export async function startEmbeddedStorage(dataDir: string, options: EmbeddedStorageOptions): Promise<EmbeddedStorage> {
  const now = options.now;
  const log = options.log ?? silentLogger;
  const attempts = options.restartAttempts ?? 3;
  // Refused while held by a process that is still running, even while it restarts its emulator.
  const { azurite: first, journal } = await startLocked(dataDir, log);
  let azurite = first;
  let clients = clientsOf(azurite.connectionString);

  let stopping = false;
  let problem: string | undefined;
  let up: Promise<void> = Promise.resolve();

  const recover = async (incident: StorageIncident) => {
    let open!: () => void;
    let fail!: (err: Error) => void;
    up = new Promise<void>((resolve, reject) => {
      open = resolve;
      fail = reject;
    });
    up.catch(() => undefined);
    const at = incident.stoppedAt.toISOString();
    let lastError: unknown;
    // Whatever was confirmed before the stop is in the journal once the last sync is done.
    await journal.drain();
    for (let attempt = 1; attempt <= attempts && !stopping; attempt++) {
      problem = `the embedded storage stopped unexpectedly (${incident.cause}) at ${at}; restarting it (attempt ${attempt} of ${attempts})`;
      let next: RunningAzurite | undefined;
      try {
        next = await startAzurite({ location: locationOf(dataDir), startTimeoutMs: RESTART_START_TIMEOUT_MS });
        const { ops } = await readJournal(journalPath(dataDir));
        const replayed = await replayJournal(ops, clientsOf(next.connectionString));
        if (stopping) {
          await next.stop();
          break;
        }
        azurite = next;
        clients = clientsOf(next.connectionString);
        await writeLock(dataDir, next);
        watch(next);
        problem = undefined;
        const restarted = { ...incident, restartedAt: now() };
        log.warn('storage.embedded-restarted', {
          cause: incident.cause,
          stoppedAt: at,
          downMs: restarted.restartedAt.getTime() - incident.stoppedAt.getTime(),
          attempt,
          port: next.port,
          replayed,
        });
        open();
        options.onRestarted?.(restarted);
        return;
      } catch (err) {
        lastError = err;
        await next?.stop();
        await new Promise((r) => setTimeout(r, 250 * attempt));
      }
    }
    if (stopping) {
      fail(new Error('The embedded storage is stopping'));
      return;
    }
    const error = new Error(
      `The embedded storage (Azurite) stopped unexpectedly (${incident.cause}) and could not be started again after ${attempts} attempts: ` +
        `${errorMessage(lastError)}. What was confirmed is kept in ${dataDir}; start the bot again.`,
    );
    problem = `the embedded storage stopped unexpectedly (${incident.cause}) at ${at} and could not be started again`;
    log.error('storage.embedded-failed', { cause: incident.cause, stoppedAt: at, attempts, error: error.message });
    fail(error);
    options.onFailed?.(incident, error);
  };

  const watch = (instance: RunningAzurite) => {
    void instance.exited.then((exit) => {
      if (stopping || instance !== azurite) return;
      const stoppedAt = now();
      void recover({ id: stoppedAt.toISOString(), stoppedAt, cause: causeOf(exit) });
    });
  };
  watch(azurite);

  const tables: JournaledTables = { journal, client: (table) => clients(table), whenUp: () => up };
  return {
    get connectionString() {
      return azurite.connectionString;
    },
    get port() {
      return azurite.port;
    },
    tables,
    problem: () => problem,
    async release() {
      stopping = true;
      await azurite.stop();
      await journal.close();
      await rm(lockPath(dataDir), { force: true });
    },
  };
}

/**
 * For the admin tool: the running bot's Azurite when there is one (writing to its journal),
 * otherwise a private one on the same data folder for the duration of the command, started as
 * the bot starts it and locked the same way, so that a bot started meanwhile does not share it.
 */
export async function useEmbeddedStorage(dataDir: string): Promise<EmbeddedStorage> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await useRunningOrOwn(dataDir);
    } catch (err) {
      // A bot took the folder between the look and the lock: use its emulator once it answers.
      if (!(err instanceof FolderInUseError) || attempt >= 3) throw err;
    }
  }
}

async function useRunningOrOwn(dataDir: string): Promise<EmbeddedStorage> {
  const running = await runningOrRestarting(dataDir);
  if (running) {
    const journal = await WriteJournal.open(journalPath(dataDir));
    return {
      connectionString: running.connectionString,
      port: running.port,
      tables: { journal, client: clientsOf(running.connectionString), whenUp: async () => {} },
      problem: () => undefined,
      release: () => journal.close(),
    };
  }
  const { azurite, journal } = await startLocked(dataDir, silentLogger);
  return {
    connectionString: azurite.connectionString,
    port: azurite.port,
    tables: { journal, client: clientsOf(azurite.connectionString), whenUp: async () => {} },
    problem: () => undefined,
    async release() {
      await azurite.stop();
      await journal.close();
      await rm(lockPath(dataDir), { force: true });
    },
  };
}
