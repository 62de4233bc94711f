// The HTTP server: /api/messages for Teams (body size limited, malformed activities answered
// with 400 before botbuilder sees them), the signed export downloads, and /healthz, which checks
// storage and says why not. Before any route: in local mode only this machine's Host names are
// answered, a declared body over the limit is refused, and slow headers and bodies time out.

import type { Server } from 'node:http';
import restify from 'restify';
import type { Logger } from './app/logger';
import type { TeamsChannel } from './teams/adapter';
import { activityProblems, isLoopbackHostname, type ActivityRules } from './inbound-activity';
import { errorMessage, statusCodeOf } from './domain/errors';

export { activityProblems } from './inbound-activity';

/** A reason /healthz may give as it is (what is wrong, without internals such as addresses). */
export class HealthProblem extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'HealthProblem';
  }
}

export interface ServerOptions {
  host: string;
  port: number;
  maxBodyBytes: number;
  /** What an activity must look like (local mode: replies to this machine only). */
  activityRules: ActivityRules;
  channel: TeamsChannel;
  /**
   * The Host headers answered: in local mode only this machine's names, since a web page whose
   * name is pointed at 127.0.0.1 (DNS rebinding) sends its own; `any` behind authentication.
   */
  hosts: 'loopback' | 'any';
  /** How long the body of a POST may take to arrive (408 after that); 5 seconds unless given. */
  bodyTimeoutMs?: number;
  /** How long a request's headers may take to arrive (408 and the connection closed after that); 5 seconds unless given. */
  headersTimeoutMs?: number;
  checkHealth: () => Promise<void>;
  /** Exports behind signed, expiring links (checked before anything is read). */
  downloads: {
    verify(roundId: string, recordId: string, expires: string, signature: string): boolean;
    read(roundId: string, recordId: string): Promise<{ bytes: Buffer; contentType: string; fileName: string } | undefined>;
  };
  /** More routes (the tab's API and its page), mounted before the server listens. */
  mount?: Array<(server: restify.Server) => void>;
  log: Logger;
}

export const DEFAULT_BODY_TIMEOUT_MS = 5_000;
export const DEFAULT_HEADERS_TIMEOUT_MS = 5_000;

export interface RunningServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const { log } = options;
  const bodyTimeoutMs = options.bodyTimeoutMs ?? DEFAULT_BODY_TIMEOUT_MS;
  const headersTimeoutMs = options.headersTimeoutMs ?? DEFAULT_HEADERS_TIMEOUT_MS;
  const server = restify.createServer({ name: 'uppfoljning', handleUncaughtExceptions: false });
  limitRequestTime(server.server, headersTimeoutMs, bodyTimeoutMs);

  // Before routing, so for every route, /healthz and the downloads too: in local mode nothing
  // has a reason to use another name, and one rule for all leaves no route to think about.
  const onlyLoopbackHosts: restify.RequestHandler = (req, res, next) => {
    const hostname = hostnameOf(req.headers.host);
    if (hostname && isLoopbackHostname(hostname)) return next();
    log.warn('request.host-refused', { host: req.headers.host ?? 'none' });
    res.send(403, { error: 'in local mode the bot answers only at localhost, 127.0.0.1 or [::1]' });
    return next(false);
  };
  // restify's body reader reads a body to its end before saying it was too large: a declared
  // size over the limit is refused before a byte of the body is read.
  const declaredSizeLimit: restify.RequestHandler = (req, res, next) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (!(declared > options.maxBodyBytes)) return next();
    log.warn('request.too-large', { bytes: declared, max: options.maxBodyBytes });
    closeAfterAnswer(req, res);
    res.send(413, { error: `the body is larger than ${options.maxBodyBytes} bytes` });
    return next(false);
  };
  if (options.hosts === 'loopback') server.pre(onlyLoopbackHosts);
  server.pre(declaredSizeLimit);

  // Only plain JSON is read, and its size is counted as received: restify's general body parser
  // would also accept multipart uploads (written to disk, unlimited) and gzip (limit counted
  // before inflating), both before authentication.
  const onlyPlainJson: restify.RequestHandler = (req, res, next) => {
    const type = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
    const encoding = (req.headers['content-encoding'] ?? 'identity').toLowerCase();
    if (type !== 'application/json' || encoding !== 'identity') {
      res.send(415, { error: 'send the activity as application/json without content encoding' });
      return next(false);
    }
    return next();
  };
  // A body that stops arriving would hold the request open as long as the sender likes (Node's
  // own request timeout is minutes): it is answered 408 and the connection closed.
  const bodyDeadline: restify.RequestHandler = (req, res, next) => {
    const timer = setTimeout(() => {
      if (res.headersSent) return;
      log.warn('activity.body-timeout', { ms: bodyTimeoutMs });
      closeAfterAnswer(req, res);
      res.send(408, { error: `the body did not arrive within ${bodyTimeoutMs} ms` });
    }, bodyTimeoutMs);
    const done = () => clearTimeout(timer);
    req.once('end', done);
    req.once('close', done);
    res.once('close', done);
    return next();
  };
  const readBody = restify.plugins.bodyReader({ maxBodySize: options.maxBodyBytes });
  const parseJson = restify.plugins.jsonBodyParser({ mapParams: false });

  server.post('/api/messages', onlyPlainJson, bodyDeadline, readBody, parseJson, async (req: restify.Request, res: restify.Response) => {
    if (res.headersSent) return; // answered 408 while the body was still arriving
    const problems = activityProblems(req.body, options.activityRules);
    if (problems.length > 0) {
      log.warn('activity.malformed', { problems: problems.join('; ') });
      res.send(400, { error: 'malformed activity', problems });
      return;
    }
    try {
      await options.channel.handleActivity(req, res);
    } catch (err) {
      // Not a refused authentication (the channel answers those itself): a turn that could not run.
      const status = statusCodeOf(err);
      log.warn('activity.rejected', { statusCode: status, error: errorMessage(err) });
      if (!res.headersSent) res.send(status && status >= 400 && status < 500 ? status : 400, { error: 'rejected' });
    }
  });

  server.get('/downloads/:round/:record', async (req: restify.Request, res: restify.Response) => {
    const { round, record } = req.params as { round: string; record: string };
    const query = new URL(req.url ?? '', 'http://local').searchParams;
    if (!options.downloads.verify(round, record, query.get('e') ?? '', query.get('s') ?? '')) {
      log.warn('download.refused', { round });
      res.send(403, { error: 'the link is not valid or has expired' });
      return;
    }
    const found = await options.downloads.read(round, record);
    if (!found) {
      res.send(404, { error: 'not found' });
      return;
    }
    log.info('download.served', { round, record, bytes: found.bytes.length });
    res.writeHead(200, {
      'content-type': found.contentType,
      'content-length': found.bytes.length,
      'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(found.fileName)}`,
      'cache-control': 'private, no-store',
      // Served as the type it is, never guessed at (an export quoting officers' text as HTML).
      'x-content-type-options': 'nosniff',
    });
    res.end(found.bytes);
  });

  server.get('/healthz', async (_req: restify.Request, res: restify.Response) => {
    try {
      await options.checkHealth();
      res.send(200, { status: 'ok' });
    } catch (err) {
      log.error('health.failed', { error: errorMessage(err) });
      res.send(503, { status: 'unavailable', reason: err instanceof HealthProblem ? err.message : 'the storage cannot be reached' });
    }
  });

  for (const mount of options.mount ?? []) mount(server);

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const address = server.address() as { port: number };
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;
  return {
    url: `http://${host}:${address.port}`,
    port: address.port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The answer closes the connection: what is left of the request is never read. */
function closeAfterAnswer(req: restify.Request, res: restify.Response): void {
  res.setHeader('connection', 'close');
  res.once('finish', () => req.destroy());
}

/** The name in a Host header (`name`, `name:port`, `[v6]:port`), or undefined when it is not one. */
function hostnameOf(header: string | undefined): string | undefined {
  return /^(\[[0-9a-f:.]+\]|[^\s:[\]]+)(?::\d{1,5})?$/i.exec(header ?? '')?.[1];
}

/**
 * Node answers 408 and closes a connection whose request headers take longer than
 * `headersTimeout`, or whose whole request takes longer than `requestTimeout`; its defaults are
 * a minute and five, checked every 30 s, so a client sending a byte at a time held a connection
 * for minutes before anything (authentication included) looked at the request. The check
 * interval is read when the server starts listening, so setting it here, before, takes effect.
 */
function limitRequestTime(server: Server, headersTimeoutMs: number, bodyTimeoutMs: number): void {
  server.headersTimeout = headersTimeoutMs;
  // The body deadline answers /api/messages first; this is the limit for every route.
  server.requestTimeout = headersTimeoutMs + bodyTimeoutMs + 1_000;
  // A creation option in Node's types, but a plain property that the listening server reads.
  (server as Server & { connectionsCheckingInterval: number }).connectionsCheckingInterval = Math.min(1_000, Math.max(50, Math.floor(headersTimeoutMs / 5)));
}
