// The Teams side of bench/load.ts, in a process of its own (bench/load.ts forks it), so that the
// bot's process spends its CPU on the bot alone: the Bot Connector that takes the bot's replies
// runs here, and each burst of activities is posted at once to the bot's endpoint, with each
// round trip reported.

import { startConnectorSimulator, type SimulatorStats } from './connector-simulator';

export interface Burst {
  url: string;
  activities: unknown[];
}

export interface Reply {
  ms: number;
  status: number;
  text: string;
}

/** What bench/load.ts asks of the driver; each is answered with one message. */
export type DriverRequest = { kind: 'burst'; burst: Burst } | { kind: 'connector-stats' };

/** The driver's first message: where its Bot Connector listens. */
export interface DriverReady {
  connectorUrl: string;
}

export type { SimulatorStats };

async function post(url: string, body: unknown): Promise<Reply> {
  const started = process.hrtime.bigint();
  const response = await fetch(`${url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const text = await response.text();
  return { ms: Number(process.hrtime.bigint() - started) / 1e6, status: response.status, text };
}

async function main(): Promise<void> {
  // Every reply taken at once: the bench measures the bot, not Teams' rate limits.
  const connector = await startConnectorSimulator({ tenantPerSecond: 1_000_000, conversationPerSecond: 1_000_000, conversationPer2Seconds: 1_000_000, conversationPer30Seconds: 1_000_000, fail502: 0 });
  process.on('message', (request: DriverRequest) => {
    if (request.kind === 'connector-stats') {
      process.send!(connector.stats());
      return;
    }
    const { burst } = request;
    void Promise.all(burst.activities.map((activity) => post(burst.url, activity))).then((replies) => process.send!(replies));
  });
  process.on('disconnect', () => void connector.close().then(() => process.exit(0)));
  process.send!({ connectorUrl: connector.url } satisfies DriverReady);
}

void main();
