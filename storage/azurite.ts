// Starts Azurite's table service as a child process: the embedded default storage of the bot
// when no connection string is configured, and the storage of the integration tests.
// Traps (DESIGN.md §7): run its main.js with node, never through npx (killing npx orphans the
// emulator); stop it with SIGINT, because SIGTERM exits without saving the in-memory database
// to its location folder.

import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';

export interface AzuriteOptions {
  /** Folder where Azurite keeps its data; created if missing. Ignored with `inMemory`. */
  location?: string;
  /** Keep nothing on disk (tests). */
  inMemory?: boolean;
  /** Listening address; loopback by default. */
  host?: string;
  /** 0 or absent: a free port. */
  port?: number;
  /** How long to wait for the service to accept connections, in ms. */
  startTimeoutMs?: number;
}

export interface RunningAzurite {
  connectionString: string;
  port: number;
  /** The emulator's process id. */
  pid: number;
  /** Settles when the emulator's process has ended, however it ended (stop() included). */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /**
   * Stops the emulator (SIGINT, so that a persistent one saves its data) and waits for it; true
   * when it stopped by itself (so it saved), false when it had ended already or had to be killed.
   */
  stop(): Promise<boolean>;
}

/** The emulator's fixed development account and key, published in Azurite's documentation. */
const ACCOUNT = 'devstoreaccount1';
const ACCOUNT_KEY = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';

const DEFAULT_START_TIMEOUT_MS = 15_000;
const STOP_GRACE_MS = 5_000;
const STDERR_TAIL = 2_000;

export function azuriteConnectionString(host: string, port: number): string {
  return (
    `DefaultEndpointsProtocol=http;AccountName=${ACCOUNT};AccountKey=${ACCOUNT_KEY};` +
    `TableEndpoint=http://${host}:${port}/${ACCOUNT};`
  );
}

/**
 * Options for a TableClient/TableServiceClient built from the connection string: the SDK
 * refuses plain http unless told otherwise, and the emulator speaks only http.
 */
export function tableClientOptions(connectionString: string): { allowInsecureConnection?: boolean } {
  const endpoint = /(?:^|;)\s*TableEndpoint=([^;]+)/i.exec(connectionString)?.[1];
  const protocol = /(?:^|;)\s*DefaultEndpointsProtocol=([^;]+)/i.exec(connectionString)?.[1];
  const insecure = endpoint ? /^http:/i.test(endpoint.trim()) : protocol?.trim().toLowerCase() === 'http';
  return insecure ? { allowInsecureConnection: true } : {};
}

function azuriteTableMain(): string {
  // Resolved from this package's dependencies, so the bot and the tests run the pinned version.
  const packageJson = require.resolve('azurite/package.json');
  return path.join(path.dirname(packageJson), 'dist', 'src', 'table', 'main.js');
}

async function freePort(host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, host, () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => (port ? resolve(port) : reject(new Error('No free port found'))));
    });
  });
}

function canConnect(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1_000, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

function waitForExit(child: ChildProcess, ms: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      child.off('exit', onExit);
      resolve(false);
    }, ms);
    const onExit = () => {
      clearTimeout(timer);
      resolve(true);
    };
    child.once('exit', onExit);
  });
}

/** True when the emulator ended on SIGINT by itself (and so saved its data), false when it had to be killed. */
async function stopChild(child: ChildProcess): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return false;
  child.kill('SIGINT');
  if (await waitForExit(child, STOP_GRACE_MS)) return child.exitCode === 0;
  child.kill('SIGKILL');
  await waitForExit(child, STOP_GRACE_MS);
  return false;
}

/** One attempt on one port; rejects with the tail of stderr if the service does not come up. */
async function launch(host: string, port: number, opts: AzuriteOptions): Promise<RunningAzurite> {
  const args = [azuriteTableMain(), '--tableHost', host, '--tablePort', String(port), '--disableTelemetry', '--silent'];
  if (opts.inMemory) {
    args.push('--inMemoryPersistence');
  } else {
    const location = path.resolve(opts.location ?? '.azurite');
    mkdirSync(location, { recursive: true });
    args.push('--location', location);
  }
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'], windowsHide: true });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout = (stdout + chunk.toString()).slice(-STDERR_TAIL)));
  child.stderr?.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-STDERR_TAIL)));
  let spawnError: Error | undefined;
  child.once('error', (err) => (spawnError = err));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );

  const deadline = Date.now() + (opts.startTimeoutMs ?? DEFAULT_START_TIMEOUT_MS);
  const fail = async (reason: string): Promise<never> => {
    await stopChild(child);
    const tail = (stderr || stdout).trim();
    throw new Error(`Azurite did not start on ${host}:${port}: ${reason}${tail ? `\n${tail}` : ''}`);
  };

  // "successfully started" is printed after listen(); the connect then proves it is our
  // process that accepts (not something else that took the port meanwhile).
  for (;;) {
    if (spawnError) return fail(spawnError.message);
    if (child.exitCode !== null || child.signalCode !== null) {
      return fail(`exited with ${child.exitCode ?? child.signalCode}`);
    }
    if (/successfully started/i.test(stdout) && (await canConnect(host, port))) break;
    if (Date.now() > deadline) return fail('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }

  // Do not keep the parent alive for the child's pipes; stop() is the way to end it.
  child.stdout?.removeAllListeners('data');
  child.stdout?.resume();
  child.unref();
  (child.stdout as unknown as { unref?: () => void } | null)?.unref?.();
  (child.stderr as unknown as { unref?: () => void } | null)?.unref?.();

  // If the parent exits without stop() (an uncaught error), do not leave the emulator behind.
  const onParentExit = () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGINT');
  };
  process.once('exit', onParentExit);

  return {
    connectionString: azuriteConnectionString(host, port),
    port,
    pid: child.pid!,
    exited,
    stop: async () => {
      process.off('exit', onParentExit);
      return stopChild(child);
    },
  };
}

export async function startAzurite(opts: AzuriteOptions = {}): Promise<RunningAzurite> {
  const host = opts.host ?? '127.0.0.1';
  if (opts.port) return launch(host, opts.port, opts);
  // A port found free can be taken before Azurite binds it; try a few before giving up.
  let lastError: unknown;
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      return await launch(host, await freePort(host), opts);
    } catch (err) {
      lastError = err;
    }
  }
  throw lastError;
}
