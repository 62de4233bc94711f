// The HTTP server: /api/messages for Teams (body size limited, malformed activities answered
// with 400 before botbuilder sees them) and /healthz, which checks storage and says why not.

import restify from 'restify';
import type { Logger } from './app/logger';
import type { TeamsChannel } from './teams/adapter';

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
  channel: TeamsChannel;
  checkHealth: () => Promise<void>;
  /** Exports behind signed, expiring links (checked before anything is read). */
  downloads: {
    verify(roundId: string, recordId: string, expires: string, signature: string): boolean;
    read(roundId: string, recordId: string): Promise<{ bytes: Buffer; contentType: string; fileName: string } | undefined>;
  };
  log: Logger;
}

export interface RunningServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

/** What every activity needs before botbuilder may handle it. */
export function activityProblems(body: unknown): string[] {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return ['body must be a JSON object'];
  const a = body as Record<string, unknown>;
  const problems: string[] = [];
  const text = (v: unknown) => typeof v === 'string' && v.length > 0;
  const idOf = (v: unknown) => (v && typeof v === 'object' ? (v as { id?: unknown }).id : undefined);
  if (!text(a.type)) problems.push('type is missing');
  if (!text(a.channelId)) problems.push('channelId is missing');
  if (!text(a.serviceUrl) || !/^https?:\/\//.test(a.serviceUrl as string)) problems.push('serviceUrl must be an http(s) URL');
  if (!text(idOf(a.conversation))) problems.push('conversation.id is missing');
  if (!text(idOf(a.from))) problems.push('from.id is missing');
  if (!text(idOf(a.recipient))) problems.push('recipient.id is missing');
  return problems;
}

export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const { log } = options;
  const server = restify.createServer({ name: 'uppfoljning', handleUncaughtExceptions: false });

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
  const readBody = restify.plugins.bodyReader({ maxBodySize: options.maxBodyBytes });
  const parseJson = restify.plugins.jsonBodyParser({ mapParams: false });

  server.post('/api/messages', onlyPlainJson, readBody, parseJson, async (req: restify.Request, res: restify.Response) => {
    const problems = activityProblems(req.body);
    if (problems.length > 0) {
      log.warn('activity.malformed', { problems: problems.join('; ') });
      res.send(400, { error: 'malformed activity', problems });
      return;
    }
    try {
      await options.channel.handleActivity(req, res);
    } catch (err) {
      // botbuilder throws on failed authentication and on activities it cannot read.
      const status = (err as { statusCode?: number }).statusCode;
      log.warn('activity.rejected', { statusCode: status, error: err instanceof Error ? err.message : String(err) });
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
    });
    res.end(found.bytes);
  });

  server.get('/healthz', async (_req: restify.Request, res: restify.Response) => {
    try {
      await options.checkHealth();
      res.send(200, { status: 'ok' });
    } catch (err) {
      log.error('health.failed', { error: err instanceof Error ? err.message : String(err) });
      res.send(503, { status: 'unavailable', reason: err instanceof HealthProblem ? err.message : 'the storage cannot be reached' });
    }
  });

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
