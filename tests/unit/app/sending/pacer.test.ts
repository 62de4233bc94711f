import { ConversationLimiter, SendPacing, TokenBucket, WINDOW_MARGIN_MS } from '../../../../bot/app/sending/pacer';
import { virtualTime } from '../../../support/virtual-time';

/** Runs `count` takes concurrently into the conversations given by `to(i)`; returns when each was let through. */
async function sendTimes(pacing: SendPacing, time: ReturnType<typeof virtualTime>, count: number, to: (i: number) => string | undefined) {
  const times: number[] = [];
  await time.run(() =>
    Promise.all(
      Array.from({ length: count }, async (_, i) => {
        await pacing.take(to(i));
        times.push(time.now());
      }),
    ),
  );
  return times.sort((a, b) => a - b);
}

/** The most sends in any window of `ms` milliseconds. */
function busiestWindow(times: number[], ms: number): number {
  let most = 0;
  for (let i = 0, j = 0; i < times.length; i++) {
    while (times[i] - times[j] >= ms) j++;
    most = Math.max(most, i - j + 1);
  }
  return most;
}

describe('pacing sends to Teams', () => {
  it('spaces the tenant bucket evenly at the configured rate', () => {
    const bucket = new TokenBucket(30);
    const slots = [0, 0, 0, 0].map(() => bucket.reserve(0));
    expect(slots.map(Math.round)).toEqual([0, 33, 67, 100]);
  });

  it('does not hold back a sender slower than the limit', () => {
    const bucket = new TokenBucket(7);
    expect(bucket.reserve(0)).toBe(0);
    expect(bucket.reserve(200)).toBe(200);
  });

  it('lets a burst through at once when the bucket holds more than one token', () => {
    const bucket = new TokenBucket(10, 3);
    expect([0, 0, 0, 0].map(() => bucket.reserve(0))).toEqual([0, 0, 0, 100]);
  });

  it('lets 30 sends a second through for the tenant, to many conversations at once', async () => {
    const time = virtualTime();
    const pacing = new SendPacing({ perTenant: 30, perConversation: 7 }, time.now, time.wait);
    const times = await sendTimes(pacing, time, 300, (i) => `a:${i}`);
    expect(busiestWindow(times, 1000)).toBe(30);
    // 300 sends at 30/s: the last one goes 9.97 s after the first.
    expect(Math.round(times[times.length - 1])).toBe(9967);
  });

  it('holds one conversation to 7 a second while other conversations go at the tenant rate', async () => {
    const time = virtualTime();
    const pacing = new SendPacing({ perTenant: 30, perConversation: 7 }, time.now, time.wait);
    const times: Record<string, number[]> = { a: [], b: [] };
    await time.run(() =>
      Promise.all(
        ['a', 'a', 'b'].map(async (id) => {
          await pacing.take(id);
          times[id].push(time.now());
        }),
      ),
    );
    // The second send to "a" waits 1/7 s; "b" only waits for its tenant slot (whole milliseconds).
    expect(times.a).toEqual([0, 143]);
    expect(times.b).toEqual([34]);
  });

  it('posts a 15-message summary into one channel with never more than 8 messages in 2 seconds', async () => {
    const time = virtualTime();
    const pacing = new SendPacing({ perTenant: 30, perConversation: 7 }, time.now, time.wait);
    const times = await sendTimes(pacing, time, 15, () => '19:kanal@thread.tacv2');
    expect(busiestWindow(times, 2000)).toBe(8);
    expect(busiestWindow(times, 1000)).toBeLessThanOrEqual(7);
    // Seven at 7 a second (143 ms apart), the eighth a second and the margin after the first,
    // then the ninth waits until 2 s and the margin after the first rather than meeting a 429.
    expect(times.slice(0, 8)).toEqual([0, 143, 286, 429, 572, 715, 858, 1000 + WINDOW_MARGIN_MS]);
    expect(times[8]).toBe(2000 + WINDOW_MARGIN_MS);
    expect(times[14]).toBe(2000 + WINDOW_MARGIN_MS + 6 * 143);
  });

  it('stays inside every window of one conversation when messages arrive up to 240 ms late', async () => {
    // Teams counts arrivals: the first message of a burst may be slow on its way (a new
    // connection) and the next ones quick, which squeezes the burst's span.
    const time = virtualTime();
    const pacing = new SendPacing({ perTenant: 30, perConversation: 7 }, time.now, time.wait);
    const sent = await sendTimes(pacing, time, 150, () => '19:kanal@thread.tacv2');
    let seed = 7;
    const latency = () => ((seed = (seed * 16807) % 2147483647) % 241);
    const arrivals = sent.map((at, i) => at + (i % 8 === 0 ? 240 : latency())).sort((a, b) => a - b);
    expect(busiestWindow(arrivals, 1000)).toBeLessThanOrEqual(7);
    expect(busiestWindow(arrivals, 2000)).toBeLessThanOrEqual(8);
    expect(busiestWindow(arrivals, 30_000)).toBeLessThanOrEqual(60);
  });

  it('keeps one conversation to 60 messages in any 30 seconds, 8 in any 2 seconds and 7 in any second', async () => {
    const time = virtualTime();
    const pacing = new SendPacing({ perTenant: 30, perConversation: 7 }, time.now, time.wait);
    const times = await sendTimes(pacing, time, 150, () => '19:kanal@thread.tacv2');
    expect(busiestWindow(times, 30_000)).toBe(60);
    expect(busiestWindow(times, 2000)).toBe(8);
    expect(busiestWindow(times, 1000)).toBeLessThanOrEqual(7);
    // Bursts of 8 every 2¼ s: the 60th goes at 16.2 s, the next 60 from 30¼ s on, the last 30 from 60½ s on.
    expect(times[59]).toBe(7 * (2000 + WINDOW_MARGIN_MS) + 3 * 143);
    expect(times[60]).toBe(30_000 + WINDOW_MARGIN_MS);
    expect(times[120]).toBe(60_000 + 2 * WINDOW_MARGIN_MS);
  });

  it('keeps one conversation to 1,800 messages an hour', () => {
    const limiter = new ConversationLimiter(7);
    const slots = Array.from({ length: 1801 }, () => limiter.reserve(0));
    expect(slots[1800] - slots[0]).toBeGreaterThanOrEqual(3_600_000);
  });

  it('holds a conversation for as long as Teams asked after a 429', async () => {
    const time = virtualTime();
    const pacing = new SendPacing({ perTenant: 30, perConversation: 7 }, time.now, time.wait);
    pacing.holdConversation('a:1', 5000);
    const times = await sendTimes(pacing, time, 1, () => 'a:1');
    expect(times).toEqual([5000]);
  });

  it('does not let a busy conversation keep tenant slots from the others', async () => {
    const time = virtualTime();
    const pacing = new SendPacing({ perTenant: 10, perConversation: 7 }, time.now, time.wait);
    // 70 to one conversation, 200 to others at the same time: the busy conversation's waits do
    // not cost the others their slots, so those 201 tenant slots take 20 s at 10 a second.
    const others: number[] = [];
    const all = await sendTimes(pacing, time, 270, (i) => (i < 70 ? 'busy' : `a:${i}`));
    expect(busiestWindow(all, 1000)).toBeLessThanOrEqual(10);
    const time2 = virtualTime();
    const pacing2 = new SendPacing({ perTenant: 10, perConversation: 7 }, time2.now, time2.wait);
    await time2.run(() =>
      Promise.all(
        Array.from({ length: 270 }, async (_, i) => {
          await pacing2.take(i < 70 ? 'busy' : `a:${i}`);
          if (i >= 70) others.push(time2.now());
        }),
      ),
    );
    expect(Math.max(...others)).toBeLessThanOrEqual(20_100);
  });

  it('keeps a conversation that has gone quiet as its slots alone, not as a limiter', async () => {
    const time = virtualTime();
    const pacing = new SendPacing({ perTenant: 1000, perConversation: 7 }, time.now, time.wait);
    await sendTimes(pacing, time, 999, (i) => `a:${i}`);
    await time.run(() => time.wait(60_000));
    await sendTimes(pacing, time, 1, () => 'late');
    // Within the hour every conversation's slot still counts, but only the one just sent to is a limiter.
    expect(pacing.conversationCount).toBe(1000);
    expect(pacing.limiterCount).toBe(1);
  });

  it('still holds a quiet conversation to its windows when it sends again', async () => {
    const time = virtualTime();
    const pacing = new SendPacing({ perTenant: 1000, perConversation: 7 }, time.now, time.wait, [{ count: 2, ms: 600_000 }]);
    const first = await sendTimes(pacing, time, 2, () => 'quiet');
    await time.run(() => time.wait(60_000));
    await sendTimes(pacing, time, 998, (i) => `a:${i}`);
    expect(pacing.limiterCount).toBeLessThan(999);
    const again = await sendTimes(pacing, time, 1, () => 'quiet');
    expect(again).toEqual([first[0] + 600_000 + WINDOW_MARGIN_MS]);
  });

  it('does not lay a conversation to rest while Teams holds it after a 429', async () => {
    const time = virtualTime();
    const pacing = new SendPacing({ perTenant: 1000, perConversation: 7 }, time.now, time.wait);
    pacing.holdConversation('held', 120_000);
    await sendTimes(pacing, time, 999, (i) => `a:${i}`);
    const times = await sendTimes(pacing, time, 1, () => 'held');
    expect(times).toEqual([120_000]);
  });

  it('forgets conversations idle for more than an hour', async () => {
    const time = virtualTime();
    const pacing = new SendPacing({ perTenant: 1000, perConversation: 7 }, time.now, time.wait);
    await sendTimes(pacing, time, 999, (i) => `a:${i}`);
    await time.run(() => time.wait(3_700_000));
    await sendTimes(pacing, time, 1, () => 'late');
    expect(pacing.conversationCount).toBe(1);
  });
});
