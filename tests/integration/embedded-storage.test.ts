// The embedded storage keeps what it confirmed: a real Azurite on a data folder, written through
// the journal, killed with SIGKILL (Azurite saves its tables only every five seconds, so without
// the journal the last writes would be gone), started again by the watcher or at the next start.

import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { AnswerVersion } from '../../bot/domain/answer';
import { journalPath, startEmbeddedStorage, useEmbeddedStorage, type StorageIncident } from '../../bot/embedded-storage';
import type { Stores } from '../../storage/ports';
import { createTableStores } from '../../storage/tables';
import { azuriteConnectionString } from '../support/storage';

jest.setTimeout(60_000);

const now = () => new Date('2019-03-05T10:00:00.000Z');

function anAnswer(version: number): AnswerVersion {
  return {
    roundId: 'uppfoljning-kf-2019',
    planId: 'drog',
    version,
    state: 'submitted',
    content: {
      texts: { status: `Läget, version ${version}.`, done: 'Gjort.', current: 'Pågår.', risks: 'Inga.', completion: '2020' },
      status: 'on-track',
    },
    answeredBy: 'anna.andersson@kalmar.se',
    answeredByName: 'Anna Andersson',
    at: new Date(`2019-03-05T10:0${version}:00.000Z`),
  };
}

/** Appends versions 1..n of one answer, each with its audit row, as the bot records a submit. */
async function submitVersions(stores: Stores, from: number, to: number): Promise<void> {
  for (let version = from; version <= to; version++) {
    const current = await stores.answers.current('uppfoljning-kf-2019', 'drog');
    await stores.answers.append(anAnswer(version), current?.etag ?? null);
    await stores.audit.record({ at: anAnswer(version).at, actor: 'anna.andersson@kalmar.se', action: 'answer.submitted', subject: `plan:drog/version:${version}` });
  }
}

async function versionsOf(stores: Stores): Promise<number[]> {
  return (await stores.answers.versions('uppfoljning-kf-2019', 'drog')).map((v) => v.version);
}

async function auditedVersions(stores: Stores): Promise<string[]> {
  return (await stores.audit.listDay('2019-03-05')).map((e) => e.subject);
}

async function lock(dataDir: string): Promise<{ pid: number; azuritePid: number; port: number }> {
  return JSON.parse(await readFile(path.join(dataDir, 'azurite.lock.json'), 'utf8'));
}

/** SIGKILL, and wait until the process is gone (the signal is delivered asynchronously). */
async function kill(pid: number): Promise<void> {
  process.kill(pid, 'SIGKILL');
  const alive = () => {
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  };
  while (alive()) await new Promise((r) => setTimeout(r, 10));
}

describe('the embedded storage keeps what it confirmed', () => {
  let dataDir: string;
  beforeEach(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'embedded-'));
  });
  afterEach(() => rm(dataDir, { recursive: true, force: true }));

  it('starts the emulator again when it is killed, with every answer confirmed just before', async () => {
    const restarts: StorageIncident[] = [];
    let restarted!: () => void;
    const storage = await startEmbeddedStorage(dataDir, { now, onRestarted: (i) => (restarts.push(i), restarted()) });
    try {
      const stores = await createTableStores(storage.connectionString, { journaled: storage.tables });
      await submitVersions(stores, 1, 3);
      const killed = await lock(dataDir);

      const back = new Promise<void>((resolve) => (restarted = resolve));
      process.kill(killed.azuritePid, 'SIGKILL');
      await back;

      expect(restarts).toEqual([{ id: now().toISOString(), stoppedAt: now(), cause: 'killed by SIGKILL', restartedAt: now() }]);
      expect(storage.problem()).toBeUndefined();
      expect(await versionsOf(stores)).toEqual([1, 2, 3]);
      expect(await auditedVersions(stores)).toEqual(['plan:drog/version:1', 'plan:drog/version:2', 'plan:drog/version:3']);
      // A new emulator process, which the admin tool finds through the lock file.
      const relocked = await lock(dataDir);
      expect(relocked.azuritePid).not.toBe(killed.azuritePid);
      expect(relocked.port).toBe(storage.port);

      // The stores go on against the new emulator, ETags and all.
      await submitVersions(stores, 4, 4);
      expect(await versionsOf(stores)).toEqual([1, 2, 3, 4]);
    } finally {
      await storage.release();
    }
  });

  it('replays the journal at the next start when the emulator died with the process that used it', async () => {
    // The admin tool's private emulator has no watcher: killing it is a crash of both.
    const first = await useEmbeddedStorage(dataDir);
    const firstStores = await createTableStores(first.connectionString, { journaled: first.tables });
    await submitVersions(firstStores, 1, 2);
    await kill((await lock(dataDir)).azuritePid);
    await first.tables.journal.close();

    const second = await startEmbeddedStorage(dataDir, { now });
    try {
      const stores = await createTableStores(second.connectionString, { journaled: second.tables });
      expect(await versionsOf(stores)).toEqual([1, 2]);
      expect(await auditedVersions(stores)).toEqual(['plan:drog/version:1', 'plan:drog/version:2']);
      // Compacted: the emulator saved everything to its folder, the journal was emptied.
      expect((await stat(journalPath(dataDir))).size).toBe(0);
    } finally {
      await second.release();
    }

    // And a plain restart (journal empty) still has it all: it was saved, not only replayed.
    const third = await startEmbeddedStorage(dataDir, { now });
    try {
      expect(await versionsOf(await createTableStores(third.connectionString, { journaled: third.tables }))).toEqual([1, 2]);
    } finally {
      await third.release();
    }
  });

  it('keeps what the admin tool wrote into the running bot\'s storage, through the same journal', async () => {
    let restarted!: () => void;
    const back = new Promise<void>((resolve) => (restarted = resolve));
    const bot = await startEmbeddedStorage(dataDir, { now, onRestarted: () => restarted() });
    try {
      const admin = await useEmbeddedStorage(dataDir);
      expect(admin.connectionString).toBe(bot.connectionString);
      await submitVersions(await createTableStores(admin.connectionString, { journaled: admin.tables }), 1, 2);
      await admin.release();

      process.kill((await lock(dataDir)).azuritePid, 'SIGKILL');
      await back;
      expect(await versionsOf(await createTableStores(bot.connectionString, { journaled: bot.tables }))).toEqual([1, 2]);
    } finally {
      await bot.release();
    }
  });

  it('drops a half-written last line of the journal, which was never confirmed', async () => {
    // A crash in the middle of the last append: only part of its line reached the file.
    const first = await useEmbeddedStorage(dataDir);
    await submitVersions(await createTableStores(first.connectionString, { journaled: first.tables }), 1, 1);
    await kill((await lock(dataDir)).azuritePid);
    await first.tables.journal.close();
    await writeFile(journalPath(dataDir), '{"ops":[{"op":"put","table":"Answers","entity":{"partitionKey":"x"', { flag: 'a' });

    const second = await startEmbeddedStorage(dataDir, { now });
    try {
      expect(await versionsOf(await createTableStores(second.connectionString, { journaled: second.tables }))).toEqual([1]);
    } finally {
      await second.release();
    }
  });

  it('does not glue what is written next to a torn line, even when nothing else is in the journal', async () => {
    await mkdir(dataDir, { recursive: true });
    await writeFile(journalPath(dataDir), '{"ops":[{"op":"put","table":"Answers"');
    const first = await startEmbeddedStorage(dataDir, { now });
    try {
      await submitVersions(await createTableStores(first.connectionString, { journaled: first.tables }), 1, 1);
      await kill((await lock(dataDir)).azuritePid);
    } finally {
      await first.release();
    }
    const second = await startEmbeddedStorage(dataDir, { now });
    try {
      expect(await versionsOf(await createTableStores(second.connectionString, { journaled: second.tables }))).toEqual([1]);
    } finally {
      await second.release();
    }
  });

  it('lets only one of two processes started at the same moment use the folder, and the other says so', async () => {
    const bot = startEmbeddedStorage(dataDir, { now });
    const admin = useEmbeddedStorage(dataDir);
    const results = await Promise.allSettled([bot, startEmbeddedStorage(dataDir, { now })]);
    try {
      const started = results.filter((r) => r.status === 'fulfilled');
      const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
      expect({ started: started.length, refused: refused.map((r) => String(r.reason.message).replace(/pid \d+/, 'pid …')) }).toEqual({
        started: 1,
        refused: [`Another Uppföljning process (pid …) is using the data folder ${dataDir}. Stop it first, or set DATA_DIR to another folder.`],
      });
      // The admin tool, started at the same moment, writes into the one emulator that runs.
      const shared = await admin;
      const running = (started[0] as PromiseFulfilledResult<Awaited<typeof bot>>).value;
      expect(shared.connectionString).toBe(running.connectionString);
      await submitVersions(await createTableStores(shared.connectionString, { journaled: shared.tables }), 1, 1);
      await shared.release();
      expect(await versionsOf(await createTableStores(running.connectionString, { journaled: running.tables }))).toEqual([1]);
    } finally {
      for (const r of results) if (r.status === 'fulfilled') await r.value.release();
    }
  });

  it('takes over a lock left by a process that is gone', async () => {
    const gone = spawn(process.execPath, ['-e', '0'], { stdio: 'ignore' });
    await new Promise((r) => gone.on('exit', r));
    await writeFile(path.join(dataDir, 'azurite.lock.json'), JSON.stringify({ pid: gone.pid, port: 1, connectionString: 'TableEndpoint=http://127.0.0.1:1/devstoreaccount1;' }));
    const storage = await startEmbeddedStorage(dataDir, { now });
    try {
      await submitVersions(await createTableStores(storage.connectionString, { journaled: storage.tables }), 1, 1);
      expect((await lock(dataDir)).port).toBe(storage.port);
    } finally {
      await storage.release();
    }
  });

  describe('a data folder held by another bot process', () => {
    let holder: ChildProcess;
    beforeEach(async () => {
      // Stands for a bot process whose emulator is down for a moment (being restarted).
      holder = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
      const deadPort = 1; // nothing listens there
      await writeFile(
        path.join(dataDir, 'azurite.lock.json'),
        JSON.stringify({ pid: holder.pid, port: deadPort, connectionString: `TableEndpoint=http://127.0.0.1:${deadPort}/devstoreaccount1;`, azuritePid: holder.pid }),
      );
    });
    afterEach(() => {
      holder.kill('SIGKILL');
    });

    it('is not taken by a second bot while the first restarts its emulator', async () => {
      const attempt = startEmbeddedStorage(dataDir, { now });
      attempt.then((taken) => taken.release(), () => undefined); // should it be taken, leave no emulator behind
      await expect(attempt).rejects.toThrow(`Another Uppföljning process (pid ${holder.pid}) is using the data folder`);
    });

    it('is used by the admin tool once the bot\'s emulator answers again, not beside it', async () => {
      const connectionString = azuriteConnectionString();
      const port = Number(/:(\d+)\//.exec(connectionString)![1]);
      setTimeout(() => {
        void writeFile(path.join(dataDir, 'azurite.lock.json'), JSON.stringify({ pid: holder.pid, port, connectionString, azuritePid: holder.pid }));
      }, 300);
      const admin = await useEmbeddedStorage(dataDir);
      try {
        expect(admin.connectionString).toBe(connectionString);
      } finally {
        await admin.release();
      }
    });
  });

  it('stops trying after repeated failures, says why and fails the calls waiting for it', async () => {
    let failed!: (error: Error) => void;
    const gaveUp = new Promise<Error>((resolve) => (failed = resolve));
    const storage = await startEmbeddedStorage(dataDir, { now, restartAttempts: 2, onFailed: (_i, error) => failed(error) });
    try {
      const stores = await createTableStores(storage.connectionString, { journaled: storage.tables });
      await submitVersions(stores, 1, 1);
      // The emulator's folder is gone and a file stands in its way: it cannot be started again.
      await rm(path.join(dataDir, 'azurite'), { recursive: true, force: true });
      await writeFile(path.join(dataDir, 'azurite'), 'not a folder');
      process.kill((await lock(dataDir)).azuritePid, 'SIGKILL');

      const error = await gaveUp;
      expect(error.message).toMatch(/stopped unexpectedly \(killed by SIGKILL\) and could not be started again after 2 attempts/);
      expect(storage.problem()).toBe(`the embedded storage stopped unexpectedly (killed by SIGKILL) at ${now().toISOString()} and could not be started again`);
      await expect(stores.rounds.list()).rejects.toThrow(/could not be started again/);
    } finally {
      await storage.release();
    }
  });
});
