import { Pacer, SendPacing } from '../../../bot/app/pacer';

function fakeTime() {
  let now = 0;
  const waits: number[] = [];
  return {
    now: () => now,
    wait: async (ms: number) => {
      waits.push(ms);
    },
    advance: (ms: number) => {
      now += ms;
    },
    waits,
  };
}

describe('pacing sends to Teams', () => {
  it('lets 30 sends a second through at the configured tenant rate, evenly spaced', async () => {
    const time = fakeTime();
    const pacer = new Pacer(30, time.now, time.wait);
    for (let i = 0; i < 4; i++) await pacer.take();
    expect(time.waits.map((w) => Math.round(w))).toEqual([33, 67, 100]);
  });

  it('does not wait when the sender is slower than the limit', async () => {
    const time = fakeTime();
    const pacer = new Pacer(7, time.now, time.wait);
    await pacer.take();
    time.advance(200);
    await pacer.take();
    expect(time.waits).toEqual([]);
  });

  it('holds one conversation to 7 a second while other conversations go at the tenant rate', async () => {
    const time = fakeTime();
    const pacing = new SendPacing({ perTenant: 30, perConversation: 7 }, time.now, time.wait);
    await pacing.take('a');
    await pacing.take('a');
    await pacing.take('b');
    // The second send to "a" waits 1/7 s; "b" only waits for its tenant slot (2/30 s).
    expect(time.waits.map((w) => Math.round(w))).toEqual([33, 143, 67]);
  });

  it('holds a channel receiving a long summary to 2 a second (60 per 30 seconds)', async () => {
    const time = fakeTime();
    const pacing = new SendPacing({ perTenant: 30, perConversation: 7 }, time.now, time.wait);
    for (let i = 0; i < 3; i++) await pacing.take('19:kanal', 2);
    expect(time.waits.map((w) => Math.round(w))).toEqual([33, 500, 67, 1000]);
  });
});
