// The summary benchmark's counter of storage requests: a proxy in front of the storage emulator
// that counts the HTTP requests reaching it, by kind. It runs in a process of its own (forked by
// bench/summary.ts, which talks to it over IPC), so that piping the storage traffic through
// it is not counted in the peak RSS of the process measured: the bot's work alone.

import { fork } from 'node:child_process';
import http from 'node:http';

type Request = { type: 'reset' } | { type: 'counts' };
type Reply = { type: 'listening'; port: number } | { type: 'counts'; counts: Array<[string, number]> };

export interface StorageRequestCounter {
  port: number;
  counts(): Promise<Map<string, number>>;
  /** Settles once the counter has started again from nothing. */
  reset(): Promise<void>;
  close(): void;
}

/** Starts the counter in front of the emulator's `target` port. */
export function startStorageRequestCounter(target: number): Promise<StorageRequestCounter> {
  const child = fork(__filename, [String(target)], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const next = <T extends Reply['type']>(type: T) =>
    new Promise<Extract<Reply, { type: T }>>((resolve) => {
      const onMessage = (reply: Reply) => {
        if (reply.type !== type) return;
        child.off('message', onMessage);
        resolve(reply as Extract<Reply, { type: T }>);
      };
      child.on('message', onMessage);
    });
  const send = (request: Request) => child.send(request);
  return next('listening').then(({ port }) => ({
    port,
    counts: async () => {
      const reply = next('counts');
      send({ type: 'counts' });
      return new Map((await reply).counts);
    },
    reset: async () => {
      const reply = next('counts');
      send({ type: 'reset' });
      await reply;
    },
    close: () => child.kill(),
  }));
}

function serve(target: number): void {
  const counts = new Map<string, number>();
  const server = http.createServer((req, res) => {
    const table = /\/devstoreaccount1\/([A-Za-z0-9]+)/.exec(req.url ?? '')?.[1] ?? '?';
    // A partition query returns at most 1,000 rows per response and is continued with NextRowKey.
    const page = /[?&]NextRowKey=/i.test(req.url ?? '') ? ' (next page)' : '';
    const kind = `${req.method} ${table.replace(/^bench\d*/, '').replace(/\(.*$/, '')}${page}`;
    counts.set(kind, (counts.get(kind) ?? 0) + 1);
    const upstream = http.request({ host: '127.0.0.1', port: target, path: req.url, method: req.method, headers: req.headers }, (up) => {
      res.writeHead(up.statusCode ?? 502, up.headers);
      up.pipe(res);
    });
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  process.on('message', (request: Request) => {
    // Every request is answered with the counts so far (a reset with those it cleared).
    process.send!({ type: 'counts', counts: [...counts] } satisfies Reply);
    if (request.type === 'reset') counts.clear();
  });
  process.on('disconnect', () => process.exit(0));
  server.listen(0, '127.0.0.1', () => process.send!({ type: 'listening', port: (server.address() as { port: number }).port } satisfies Reply));
}

if (require.main === module) serve(Number(process.argv[2]));
