// The embedded storage's lock file: taken atomically before anything else at start, it keeps a
// second process from starting an emulator on the same data folder and tells the admin tool
// which port the running bot's Azurite listens on. A lock left by a killed bot is taken over,
// and the emulator it left behind stopped. Also where the data folder keeps what.

import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { link, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import type { RunningAzurite } from '../../storage/azurite';

export interface LockFile {
  pid: number;
  port: number;
  connectionString: string;
  /** The emulator's own process, so that one left behind by a killed bot can be stopped. */
  azuritePid?: number;
}

/** How long an emulator may take to start again (a bot restarting it holds its lock meanwhile). */
export const RESTART_START_TIMEOUT_MS = 10_000;
const ORPHAN_GRACE_MS = 5_000;

export function lockPath(dataDir: string): string {
  return path.join(dataDir, 'azurite.lock.json');
}

export function locationOf(dataDir: string): string {
  return path.join(dataDir, 'azurite');
}

export function journalPath(dataDir: string): string {
  return path.join(dataDir, 'azurite-journal.jsonl');
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port }, () => {
      socket.end();
      resolve(true);
    });
    socket.on('error', () => resolve(false));
  });
}

async function readLockFile(dataDir: string, file = lockPath(dataDir)): Promise<LockFile | undefined> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as LockFile;
  } catch {
    return undefined;
  }
}

async function readLock(dataDir: string): Promise<LockFile | undefined> {
  const lock = await readLockFile(dataDir);
  return lock && isAlive(lock.pid) && (await accepts(lock.port)) ? lock : undefined;
}

/**
 * The process named in the lock is another Node process still running: a bot (or admin tool)
 * holding the folder, possibly in the middle of restarting its emulator. A process id reused by
 * something else after a reboot does not count.
 */
function heldByAnother(lock: LockFile | undefined): lock is LockFile {
  if (!lock || lock.pid === process.pid || !isAlive(lock.pid)) return false;
  try {
    return readFileSync(`/proc/${lock.pid}/cmdline`, 'utf8').includes('node');
  } catch {
    return true; // no /proc: take the lock at its word
  }
}

/** The running bot's emulator, waiting a little while the bot restarts it (its port then changes). */
export async function runningOrRestarting(dataDir: string): Promise<LockFile | undefined> {
  for (let waited = 0; ; waited += 100) {
    const running = await readLock(dataDir);
    if (running) return running;
    const lock = await readLockFile(dataDir);
    if (!lock || !(await inUse(dataDir, lock))) return undefined;
    if (waited >= RESTART_START_TIMEOUT_MS) {
      throw new Error(`The Uppföljning process ${lock.pid} holds the data folder ${dataDir} but its storage does not answer. Try again in a moment.`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Data folders whose lock this process has taken and is starting the storage on. */
const startingHere = new Set<string>();

export class FolderInUseError extends Error {
  constructor(dataDir: string, pid: number) {
    super(`Another Uppföljning process (pid ${pid}) is using the data folder ${dataDir}. Stop it first, or set DATA_DIR to another folder.`);
  }
}

/** Someone is using the folder under this lock: a live process with its emulator, or starting one. */
async function inUse(dataDir: string, lock: LockFile): Promise<boolean> {
  const { pid, port } = lock;
  if (pid === process.pid && startingHere.has(path.resolve(dataDir))) return true;
  return heldByAnother(lock) || (isAlive(pid) && (await accepts(port)));
}

/**
 * Takes the folder's lock before anything else is read or started, so that two processes
 * started at the same moment never both run an emulator on it or empty its journal: the lock
 * is linked into place, which fails when it exists. One left by a process that is gone is moved
 * aside (only one taker can move it) and the lock taken again. Returns the lock taken over, if
 * any, whose emulator may still run.
 */
export async function takeLock(dataDir: string): Promise<LockFile | undefined> {
  await mkdir(dataDir, { recursive: true });
  const file = lockPath(dataDir);
  const unique = `${process.pid}.${randomBytes(4).toString('hex')}`;
  // While starting, the lock names this process and no port yet: the admin tool waits.
  const temp = `${file}.${unique}`;
  await writeFile(temp, JSON.stringify({ pid: process.pid, port: 0, connectionString: '' } satisfies LockFile));
  let previous: LockFile | undefined;
  try {
    for (let attempt = 0; attempt < 10; attempt++) {
      try {
        await link(temp, file);
        startingHere.add(path.resolve(dataDir));
        return previous;
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      }
      const existing = await readLockFile(dataDir);
      if (existing && (await inUse(dataDir, existing))) throw new FolderInUseError(dataDir, existing.pid);
      const aside = `${file}.stale.${unique}`;
      try {
        await rename(file, aside);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') continue; // released or taken meanwhile
        throw err;
      }
      const moved = await readLockFile(dataDir, aside);
      if (moved && (await inUse(dataDir, moved))) {
        // Taken by another between the look and the move: give it back.
        await link(aside, file).catch(() => undefined);
        await rm(aside, { force: true });
        throw new FolderInUseError(dataDir, moved.pid);
      }
      await rm(aside, { force: true });
      previous = moved ?? previous;
    }
    throw new Error(`The lock of the data folder ${dataDir} could not be taken. Try again in a moment.`);
  } finally {
    await rm(temp, { force: true });
  }
}

export async function dropLock(dataDir: string): Promise<void> {
  startingHere.delete(path.resolve(dataDir));
  const lock = await readLockFile(dataDir);
  if (lock?.pid === process.pid) await rm(lockPath(dataDir), { force: true });
}

export async function writeLock(dataDir: string, azurite: RunningAzurite): Promise<void> {
  const lock: LockFile = { pid: process.pid, port: azurite.port, connectionString: azurite.connectionString, azuritePid: azurite.pid };
  // Written beside and renamed, so that a reader (the admin tool) never sees half a lock.
  const temp = `${lockPath(dataDir)}.${process.pid}`;
  await writeFile(temp, JSON.stringify(lock));
  await rename(temp, lockPath(dataDir));
  startingHere.delete(path.resolve(dataDir));
}

/**
 * A bot killed outright leaves its emulator running on the folder; a second one there would
 * overwrite the folder with its own state. Stop it (SIGINT saves what it has) before starting.
 */
export async function stopOrphan(lock: LockFile | undefined): Promise<void> {
  const pid = lock?.azuritePid;
  if (!lock || !pid || isAlive(lock.pid) || !isAlive(pid)) return;
  let command = '';
  try {
    command = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
  } catch {
    return; // no /proc: cannot tell it is ours, leave it
  }
  if (!command.includes('azurite')) return; // the id was reused by another process
  process.kill(pid, 'SIGINT');
  for (let waited = 0; isAlive(pid) && waited < ORPHAN_GRACE_MS; waited += 50) await new Promise((r) => setTimeout(r, 50));
  if (isAlive(pid)) process.kill(pid, 'SIGKILL');
}
