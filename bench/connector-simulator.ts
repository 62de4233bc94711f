// A local Bot Connector that behaves like Teams under load, for the fan-out benchmark: it
// enforces the documented rate limits (per conversation 7 messages per second, 8 per 2 seconds
// and 60 per 30 seconds; per app and tenant a configurable number of requests per second), answers a request
// over a limit with 429 and a Retry-After header in seconds without delivering it, and fails a
// configurable share of requests with 502 (not delivered either). Every delivered activity is
// recorded with its conversation and the plan named in its card's action data, so that a run can
// be checked for duplicates (the same plan delivered twice into one conversation) and for plans
// never delivered.
//
// Windows are sliding: a request is accepted when fewer than the limit were accepted in the last
// window. Refused requests (429) do not count towards a window; failed ones (502) do count
// towards the tenant's, since the service handled them.

import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SimulatorOptions {
  /** Requests per second for the whole tenant (Teams: about 30–50; design for 30). */
  tenantPerSecond?: number;
  /** Messages per second into one conversation (Teams: 7). */
  conversationPerSecond?: number;
  /** Messages per 2 seconds into one conversation (Teams: 8). */
  conversationPer2Seconds?: number;
  /** Messages per 30 seconds into one conversation (Teams: 60). */
  conversationPer30Seconds?: number;
  /** Share of requests answered 502 and not delivered, 0–1. */
  fail502?: number;
  /** Seed of the generator that picks the 502s, so that runs are comparable. */
  seed?: number;
}

export interface Delivered {
  at: number;
  conversationId: string;
  activityId: string;
  /** From the card's action data; undefined for activities without one (text). */
  roundId?: string;
  planId?: string;
}

export interface SimulatorStats {
  requests: number;
  /** Activities accepted and delivered (sends only; updates are counted apart). */
  delivered: number;
  updates: number;
  conversationsCreated: number;
  throttled: number;
  throttledBy: { tenant: number; conversationPerSecond: number; conversationPer2Seconds: number; conversationPer30Seconds: number };
  failed502: number;
  /** performance.now() of the first request and of the last delivery, if any. */
  firstRequestAt?: number;
  lastDeliveredAt?: number;
  /** The most deliveries accepted within any one second (checks the simulator's own limit). */
  peakPerSecond: number;
}

export interface ConnectorSimulator {
  url: string;
  stats(): SimulatorStats;
  /** Every delivered activity, in order of delivery. */
  deliveries(): readonly Delivered[];
  /** How often each conversation+plan pair was delivered. */
  deliveryCounts(): Map<string, number>;
  close(): Promise<void>;
}

export const deliveryKey = (conversationId: string, planId: string | undefined) => `${conversationId}\u0000${planId ?? ''}`;

/** Timestamps of accepted requests within a sliding window. */
class SlidingWindow {
  private readonly times: number[] = [];
  private head = 0;

  constructor(
    readonly limit: number,
    readonly windowMs: number,
  ) {}

  private prune(now: number): void {
    while (this.head < this.times.length && this.times[this.head] <= now - this.windowMs) this.head++;
    if (this.head > 1024 && this.head * 2 > this.times.length) {
      this.times.splice(0, this.head);
      this.head = 0;
    }
  }

  /** How many requests the window holds now. */
  count(now: number): number {
    this.prune(now);
    return this.times.length - this.head;
  }

  /** 0 when a request may pass now; otherwise the milliseconds until one may. */
  waitMs(now: number): number {
    if (this.count(now) < this.limit) return 0;
    return this.times[this.head] + this.windowMs - now;
  }

  add(now: number): void {
    this.times.push(now);
  }
}

/** mulberry32: a small seeded generator. */
function generator(seed: number): () => number {
  let state = seed | 0;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let x = Math.imul(state ^ (state >>> 15), 1 | state);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

/** The round and plan named in the first action of the first card of an activity. */
function cardData(activity: any): { roundId?: string; planId?: string } {
  const find = (node: any, depth: number): { roundId?: string; planId?: string } | undefined => {
    if (!node || typeof node !== 'object' || depth > 8) return undefined;
    if (typeof node.planId === 'string') return { roundId: typeof node.roundId === 'string' ? node.roundId : undefined, planId: node.planId };
    for (const value of Array.isArray(node) ? node : Object.values(node)) {
      const found = find(value, depth + 1);
      if (found) return found;
    }
    return undefined;
  };
  for (const attachment of activity?.attachments ?? []) {
    const found = find(attachment?.content?.actions, 0) ?? find(attachment?.content, 0);
    if (found) return found;
  }
  return {};
}

export async function startConnectorSimulator(options: SimulatorOptions = {}): Promise<ConnectorSimulator> {
  const tenant = new SlidingWindow(options.tenantPerSecond ?? 30, 1000);
  const perConversation = new Map<string, { second: SlidingWindow; twoSeconds: SlidingWindow; halfMinute: SlidingWindow }>();
  const conversationWindows = (id: string) => {
    let windows = perConversation.get(id);
    if (!windows) {
      windows = {
        second: new SlidingWindow(options.conversationPerSecond ?? 7, 1000),
        twoSeconds: new SlidingWindow(options.conversationPer2Seconds ?? 8, 2000),
        halfMinute: new SlidingWindow(options.conversationPer30Seconds ?? 60, 30_000),
      };
      perConversation.set(id, windows);
    }
    return windows;
  };
  const fail502 = options.fail502 ?? 0.01;
  const random = generator(options.seed ?? 1);
  const delivered: Delivered[] = [];
  const counts = new Map<string, number>();
  const peak = new SlidingWindow(Number.MAX_SAFE_INTEGER, 1000);
  let peakPerSecond = 0;
  const stats: SimulatorStats = {
    requests: 0,
    delivered: 0,
    updates: 0,
    conversationsCreated: 0,
    throttled: 0,
    throttledBy: { tenant: 0, conversationPerSecond: 0, conversationPer2Seconds: 0, conversationPer30Seconds: 0 },
    failed502: 0,
    peakPerSecond: 0,
  };
  let counter = 0;

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const now = performance.now();
      stats.requests++;
      stats.firstRequestAt ??= now;
      const reply = (status: number, payload: unknown, headers: Record<string, string> = {}) => {
        res.writeHead(status, { 'content-type': 'application/json', ...headers });
        res.end(JSON.stringify(payload));
      };
      const path = decodeURIComponent(new URL(req.url ?? '/', 'http://simulator').pathname);
      const m = /^\/v3\/conversations(?:\/([^/]+))?(?:\/(activities|members|pagedmembers)(?:\/([^/]+))?)?$/.exec(path);
      if (!m) return reply(404, { error: { code: 'NotFound', message: path } });
      const [, conversationId = '', kind, item] = m;
      const message = kind === 'activities' && (req.method === 'POST' || req.method === 'PUT');

      // Limits: the tenant's for every request, the conversation's for messages into it.
      const waits: Array<[keyof SimulatorStats['throttledBy'], number]> = [['tenant', tenant.waitMs(now)]];
      const windows = message ? conversationWindows(conversationId) : undefined;
      if (windows) {
        waits.push(
          ['conversationPerSecond', windows.second.waitMs(now)],
          ['conversationPer2Seconds', windows.twoSeconds.waitMs(now)],
          ['conversationPer30Seconds', windows.halfMinute.waitMs(now)],
        );
      }
      const [limit, wait] = waits.reduce((a, b) => (b[1] > a[1] ? b : a));
      if (wait > 0) {
        stats.throttled++;
        stats.throttledBy[limit]++;
        return reply(429, { error: { code: 'TooManyRequests', message: 'Too many requests' } }, { 'retry-after': String(Math.max(1, Math.ceil(wait / 1000))) });
      }
      tenant.add(now);
      if (req.method !== 'GET' && random() < fail502) {
        stats.failed502++;
        return reply(502, { error: { code: 'BadGateway', message: 'Bad gateway' } });
      }
      windows?.second.add(now);
      windows?.twoSeconds.add(now);
      windows?.halfMinute.add(now);

      if (!conversationId && req.method === 'POST') {
        stats.conversationsCreated++;
        return reply(201, { id: `a:created-${++counter}` });
      }
      if (message && req.method === 'PUT') {
        stats.updates++;
        return reply(200, { id: item });
      }
      if (message) {
        let activity: any;
        try {
          activity = JSON.parse(Buffer.concat(chunks).toString('utf8'));
        } catch {
          return reply(400, { error: { code: 'BadArgument', message: 'The body is not JSON' } });
        }
        const activityId = `1:${++counter}`;
        const { roundId, planId } = cardData(activity);
        delivered.push({ at: now, conversationId, activityId, roundId, planId });
        const key = deliveryKey(conversationId, planId);
        counts.set(key, (counts.get(key) ?? 0) + 1);
        stats.delivered++;
        stats.lastDeliveredAt = now;
        peak.add(now);
        peakPerSecond = Math.max(peakPerSecond, peak.count(now));
        return reply(201, { id: activityId });
      }
      if (kind === 'members' && req.method === 'GET') {
        return reply(200, { id: item, aadObjectId: item, name: item });
      }
      if (kind === 'pagedmembers' && req.method === 'GET') return reply(200, { members: [] });
      reply(404, { error: { code: 'NotFound', message: path } });
    });
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    stats: () => ({ ...stats, throttledBy: { ...stats.throttledBy }, peakPerSecond }),
    deliveries: () => delivered,
    deliveryCounts: () => counts,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

