// The JSON logger writes one line per event, and no text in it grows past a bound, whoever
// wrote the text: a 200 KB field is a line of well under a kilobyte.

import { createJsonLogger, MAX_LOGGED_TEXT } from '../../../bot/app/logger';

function capture() {
  const lines: string[] = [];
  const log = createJsonLogger('debug', (line) => lines.push(line), () => new Date('2019-03-05T09:00:00Z'));
  return { log, lines };
}

describe('the JSON logger', () => {
  it('cuts a 200 KB text to a short excerpt that says how much was left out', () => {
    const { log, lines } = capture();
    const huge = 'å'.repeat(200 * 1024);
    log.warn('activity.refused', { host: huge, count: 3 });
    expect(lines).toHaveLength(1);
    expect(Buffer.byteLength(lines[0])).toBeLessThan(1024);
    const event = JSON.parse(lines[0]);
    expect(event.host).toBe(`${'å'.repeat(MAX_LOGGED_TEXT)}… (${200 * 1024 - MAX_LOGGED_TEXT} more characters)`);
    expect(event.count).toBe(3);
  });

  it('bounds the event name and field names too', () => {
    const { log, lines } = capture();
    log.info('x'.repeat(10_000), { ['k'.repeat(10_000)]: 'v' });
    expect(Buffer.byteLength(lines[0])).toBeLessThan(1024);
  });

  it('writes short texts as they are', () => {
    const { log, lines } = capture();
    log.error('health.failed', { error: 'the storage cannot be reached', ok: false });
    expect(JSON.parse(lines[0])).toEqual({ time: '2019-03-05T09:00:00.000Z', level: 'error', event: 'health.failed', error: 'the storage cannot be reached', ok: false });
  });
});
