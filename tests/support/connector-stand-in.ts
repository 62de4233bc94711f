// A local stand-in for what Microsoft's Bot Connector does for the bot: it receives the bot's
// outgoing activities (sends, replies, updates), creates 1:1 conversations and answers member
// look-ups from a configured roster. Everything it receives is recorded for assertions.

import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface StandInUser {
  id: string;
  aadObjectId: string;
  name: string;
  email: string;
  userPrincipalName: string;
}

/** A Teams user of the stand-in's roster, with ids derived from a short name. */
export function standInUser(name: string, address: string): StandInUser {
  return {
    id: `29:${name}`,
    aadObjectId: `00000000-0000-0000-0000-${name.padStart(12, '0')}`,
    name,
    email: address,
    userPrincipalName: address,
  };
}

export interface RecordedCall {
  method: string;
  path: string;
  conversationId: string;
  kind?: string;
  activityId?: string;
  body: any;
}

export interface ConnectorStandIn {
  url: string;
  users: StandInUser[];
  calls: RecordedCall[];
  /** Activities the bot sent (POST) into a conversation, in order. */
  sentTo(conversationId: string): any[];
  /** Updates (PUT) the bot made to an activity. */
  updatesOf(activityId: string): any[];
  /** Conversations the bot created, with the members it asked for. */
  created: Array<{ id: string; body: any }>;
  /** Calls answered with a failure by failNext, in order. */
  refused: Array<{ method: string; path: string; status: number }>;
  /**
   * Answer the next call matching the path with this status (to simulate Teams refusing), with
   * a `Retry-After` header (seconds, or an HTTP date) and Teams' error code when given.
   */
  failNext(match: RegExp, status: number, options?: { retryAfter?: string; code?: string }): void;
  /**
   * Serves a file as Teams does for a file sent to the bot, and returns its download URL (the
   * `downloadUrl` of a `file.download.info` attachment). `failNext(/^\/files\//, …)` fails it.
   */
  serveFile(name: string, bytes: Buffer): string;
  /** Paths of the files the bot downloaded, in order. */
  fileDownloads: string[];
  close(): Promise<void>;
}

export async function startConnectorStandIn(users: StandInUser[]): Promise<ConnectorStandIn> {
  const calls: RecordedCall[] = [];
  const created: Array<{ id: string; body: any }> = [];
  const refused: Array<{ method: string; path: string; status: number }> = [];
  const failures: Array<{ match: RegExp; status: number; retryAfter?: string; code?: string }> = [];
  let counter = 0;
  const files = new Map<string, Buffer>();
  const fileDownloads: string[] = [];

  const server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk) => (raw += chunk));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://stand-in');
      const path = decodeURIComponent(url.pathname);
      const body = raw ? JSON.parse(raw) : undefined;
      const reply = (status: number, payload: unknown, headers: Record<string, string> = {}) => {
        res.writeHead(status, { 'content-type': 'application/json', ...headers });
        res.end(JSON.stringify(payload));
      };
      const failure = failures.findIndex((f) => f.match.test(path));
      if (failure >= 0) {
        const [f] = failures.splice(failure, 1);
        refused.push({ method: req.method ?? '', path, status: f.status });
        reply(f.status, { error: { code: f.code ?? 'Forbidden', message: 'refused by the stand-in' } }, f.retryAfter ? { 'retry-after': f.retryAfter } : {});
        return;
      }
      if (req.method === 'GET' && path.startsWith('/files/')) {
        fileDownloads.push(path);
        const file = files.get(path);
        if (!file) return reply(404, { error: { code: 'itemNotFound' } });
        res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': String(file.length) });
        res.end(file);
        return;
      }
      const m = /^\/v3\/conversations(?:\/([^/]+))?(?:\/(activities|members|pagedmembers)(?:\/([^/]+))?)?$/.exec(path);
      if (!m) return reply(404, { error: { code: 'NotFound', message: path } });
      const [, conversationId = '', kind, item] = m;
      calls.push({ method: req.method ?? '', path, conversationId, kind, activityId: kind === 'activities' ? item : undefined, body });

      if (!conversationId && req.method === 'POST') {
        const id = `a:created-${++counter}`;
        created.push({ id, body });
        return reply(201, { id, serviceUrl: undefined, activityId: undefined });
      }
      if (kind === 'activities' && (req.method === 'POST' || req.method === 'PUT')) {
        return reply(200, { id: req.method === 'PUT' ? item : `activity-${++counter}` });
      }
      if (kind === 'members' && req.method === 'GET') {
        const user = users.find((u) => u.id === item || u.aadObjectId === item);
        return user ? reply(200, user) : reply(404, { error: { code: 'MemberNotFoundInConversation' } });
      }
      if (kind === 'pagedmembers' && req.method === 'GET') return reply(200, { members: users });
      reply(404, { error: { code: 'NotFound', message: path } });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    users,
    calls,
    created,
    sentTo: (conversationId) =>
      calls.filter((c) => c.method === 'POST' && c.kind === 'activities' && c.conversationId === conversationId).map((c) => c.body),
    updatesOf: (activityId) => calls.filter((c) => c.method === 'PUT' && c.activityId === activityId).map((c) => c.body),
    failNext: (match, status, options = {}) => failures.push({ match, status, ...options }),
    serveFile: (name, bytes) => {
      const path = `/files/${++counter}/${name}`;
      files.set(path, bytes);
      return `http://127.0.0.1:${port}${encodeURI(path)}`;
    },
    fileDownloads,
    refused,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
