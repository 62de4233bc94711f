// The Node options the bot runs with: `npm start` bounds the heap, and the benchmarks measure
// the bot under the same options (the fan-out benchmark reads them from the start script; the
// summary benchmark, which runs the bot's summary and export code in its own process, names
// them in its script and must keep them equal).

import { readFileSync } from 'node:fs';
import path from 'node:path';

const scripts = (JSON.parse(readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;

/** The options given to node before the script it runs. */
function nodeOptions(script: string, entry: string): string[] {
  const command = new RegExp(`\\bnode((?:\\s+--\\S+)*)\\s+${entry.replace(/[./]/g, '\\$&')}\\b`).exec(script);
  if (!command) throw new Error(`"${script}" does not run ${entry} with node`);
  return command[1].trim().split(/\s+/);
}

describe('the Node options of the bot', () => {
  it('bound the heap when the bot is started', () => {
    expect(nodeOptions(scripts.start, 'dist/bot/index.js')).toEqual(expect.arrayContaining([expect.stringMatching(/^--max-old-space-size=\d+$/), expect.stringMatching(/^--max-semi-space-size=\d+$/)]));
  });

  it('are the ones the summary benchmark measures with', () => {
    expect(nodeOptions(scripts['bench:summary'], 'dist/bench/summary.js')).toEqual(nodeOptions(scripts.start, 'dist/bot/index.js'));
  });
});
