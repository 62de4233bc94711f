// The Teams side of bench/load.ts, in a process of its own (bench/load.ts forks it), so that the
// bot's process spends its CPU on the bot alone: posts a burst of activities at once to the
// bot's endpoint and reports each round trip.

export interface Burst {
  url: string;
  activities: unknown[];
}

export interface Reply {
  ms: number;
  status: number;
  text: string;
}

async function post(url: string, body: unknown): Promise<Reply> {
  const started = process.hrtime.bigint();
  const response = await fetch(`${url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const text = await response.text();
  return { ms: Number(process.hrtime.bigint() - started) / 1e6, status: response.status, text };
}

process.on('message', (burst: Burst) => {
  void Promise.all(burst.activities.map((activity) => post(burst.url, activity))).then((replies) => process.send!(replies));
});
process.on('disconnect', () => process.exit(0));
