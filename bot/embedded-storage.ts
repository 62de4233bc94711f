// Local storage for a newcomer: Azurite started by the bot itself, its data under the data
// folder so that it survives a restart. A lock file tells the admin tool which port the running
// bot's Azurite listens on, so both use the same data without two emulators on one folder.

import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { startAzurite } from '../storage/azurite';

export interface EmbeddedStorage {
  connectionString: string;
  port: number;
  release(): Promise<void>;
}

interface LockFile {
  pid: number;
  port: number;
  connectionString: string;
}

function lockPath(dataDir: string): string {
  return path.join(dataDir, 'azurite.lock.json');
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

async function readLock(dataDir: string): Promise<LockFile | undefined> {
  try {
    const lock = JSON.parse(await readFile(lockPath(dataDir), 'utf8')) as LockFile;
    return isAlive(lock.pid) && (await accepts(lock.port)) ? lock : undefined;
  } catch {
    return undefined;
  }
}

/** Starts Azurite on the data folder for the bot; refuses when another bot already has it. */
export async function startEmbeddedStorage(dataDir: string): Promise<EmbeddedStorage> {
  const running = await readLock(dataDir);
  if (running) {
    throw new Error(
      `Another Uppföljning process (pid ${running.pid}) is using the data folder ${dataDir}. Stop it first, or set DATA_DIR to another folder.`,
    );
  }
  await mkdir(dataDir, { recursive: true });
  const azurite = await startAzurite({ location: path.join(dataDir, 'azurite') });
  const lock: LockFile = { pid: process.pid, port: azurite.port, connectionString: azurite.connectionString };
  await writeFile(lockPath(dataDir), JSON.stringify(lock));
  return {
    connectionString: azurite.connectionString,
    port: azurite.port,
    async release() {
      await azurite.stop();
      await rm(lockPath(dataDir), { force: true });
    },
  };
}

/**
 * For the admin tool: the running bot's Azurite when there is one, otherwise a private one on
 * the same data folder for the duration of the command.
 */
export async function useEmbeddedStorage(dataDir: string): Promise<EmbeddedStorage> {
  const running = await readLock(dataDir);
  if (running) return { connectionString: running.connectionString, port: running.port, release: async () => {} };
  await mkdir(dataDir, { recursive: true });
  const azurite = await startAzurite({ location: path.join(dataDir, 'azurite') });
  return { connectionString: azurite.connectionString, port: azurite.port, release: () => azurite.stop() };
}
