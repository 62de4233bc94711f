import { SendPacing } from '../../../../bot/app/sending/pacer';
import { SendError, type SentCard } from '../../../../bot/app/ports';
import { decideRetry, DEFAULT_RETRY, failureOutcome, SendPolicy } from '../../../../bot/app/sending/send-policy';
import { openDueRounds } from '../../../../bot/app/rounds/open-rounds';
import { sendAnswerCard } from '../../../../bot/app/sending/answer-card';
import { progressOf } from '../../../../bot/app/coordinator/progress';
import type { Contact } from '../../../../bot/domain/contact';
import { appFixture, contact } from '../../../support/app-fixture';
import { virtualTime } from '../../../support/virtual-time';

function policyWith(time = virtualTime()) {
  const pacing = new SendPacing({ perTenant: 30, perConversation: 7 }, time.now, time.wait);
  return { time, policy: new SendPolicy(pacing, DEFAULT_RETRY, time.wait, () => 0.5) };
}

/** An attempt that fails with the given answers, then succeeds. */
function answers(...failures: SendError[]) {
  const calls: number[] = [];
  return {
    calls,
    attempt: (now: () => number) => async () => {
      calls.push(now());
      const failure = failures.shift();
      if (failure) throw failure;
      return 'activity-1';
    },
  };
}

describe('the send policy', () => {
  it('waits exactly the Retry-After of a 429, then sends once more', async () => {
    const { time, policy } = policyWith();
    const teams = answers(new SendError('Too Many Requests', 429, { retryAfterMs: 3000 }));
    expect(await time.run(() => policy.run('a:1', teams.attempt(time.now)))).toBe('activity-1');
    expect(teams.calls).toEqual([0, 3000]);
  });

  it('backs off after a 429 without Retry-After', () => {
    expect(decideRetry(new SendError('Too Many Requests', 429), 1, DEFAULT_RETRY, () => 0.5)).toEqual({ retry: true, delayMs: 750 });
  });

  it('retries a 502 with growing, jittered backoff and then succeeds', async () => {
    const { time, policy } = policyWith();
    const teams = answers(new SendError('Bad Gateway', 502), new SendError('Bad Gateway', 502));
    expect(await time.run(() => policy.run('a:1', teams.attempt(time.now)))).toBe('activity-1');
    // Half of 1 s fixed plus half of the jitter, then half of 2 s plus half of the jitter.
    expect(teams.calls).toEqual([0, 750, 750 + 1500]);
  });

  it('spreads the retries of senders throttled together', () => {
    const delays = [0, 0.3, 0.9].map((r) => decideRetry(new SendError('Service Unavailable', 503), 2, DEFAULT_RETRY, () => r));
    expect(delays).toEqual([
      { retry: true, delayMs: 1000 },
      { retry: true, delayMs: 1300 },
      { retry: true, delayMs: 1900 },
    ]);
  });

  it.each([412, 502, 503, 504])('retries %i', (status) => {
    expect(decideRetry(new SendError('transient', status), 1, DEFAULT_RETRY, () => 0).retry).toBe(true);
  });

  it.each([400, 401, 403, 404, 413, 500])('does not retry %i', async (status) => {
    const { time, policy } = policyWith();
    const teams = answers(new SendError('refused', status));
    await expect(time.run(() => policy.run('a:1', teams.attempt(time.now)))).rejects.toMatchObject({ statusCode: status, attempts: 1 });
    expect(teams.calls).toHaveLength(1);
  });

  it('gives up after four attempts and says how many were made', async () => {
    const { time, policy } = policyWith();
    const teams = answers(...[1, 2, 3, 4, 5].map(() => new SendError('Bad Gateway', 502)));
    await expect(time.run(() => policy.run('a:1', teams.attempt(time.now)))).rejects.toMatchObject({ statusCode: 502, attempts: 4 });
    expect(teams.calls).toHaveLength(4);
  });

  it('holds the conversation after a 429, so its next message waits too', async () => {
    const { time, policy } = policyWith();
    const first = answers(new SendError('Too Many Requests', 429, { retryAfterMs: 2000 }));
    const second = answers();
    await time.run(async () => {
      await Promise.all([policy.run('a:1', first.attempt(time.now)), (async () => {
        await time.wait(10);
        await policy.run('a:1', second.attempt(time.now));
      })()]);
    });
    expect(second.calls[0]).toBeGreaterThanOrEqual(2000);
  });

  it('tells unreachable people from failed sends by the 403 code', () => {
    expect(failureOutcome(new SendError('Forbidden', 403, { code: 'ConversationBlockedByUser' }))).toBe('unreachable');
    expect(failureOutcome(new SendError('Forbidden', 403, { code: 'BotNotInConversationRoster' }))).toBe('unreachable');
    expect(failureOutcome(new SendError('Forbidden', 403, { code: 'Forbidden' }))).toBe('failed');
    expect(failureOutcome(new SendError('Internal Server Error', 500))).toBe('failed');
  });
});

describe('sending an answer card', () => {
  it('records an officer who blocked the bot as unreachable, marks the contact stale and tells the coordinator', async () => {
    const f = await appFixture();
    const anna = contact('anna@kalmar.se');
    const bo = contact('bo@kalmar.se');
    await f.stores.contacts.save(anna);
    await f.stores.contacts.save(bo);
    f.messenger.sendCard = async (to: Contact): Promise<SentCard> => {
      if (to.aadObjectId === anna.aadObjectId) throw new SendError('Forbidden', 403, { code: 'ConversationBlockedByUser', attempts: 1 });
      return { activityId: 'act-1', conversationId: 'conv-bo', contact: to };
    };
    const [report] = await openDueRounds(f.deps);
    expect(report).toMatchObject({ sent: 1, failed: 0, unreachable: ['anna@kalmar.se'], pending: 0 });
    // Anna has two plans: the second is not tried once Teams said she cannot be reached.
    const deliveries = await f.stores.deliveries.list(f.round.id);
    expect(deliveries.filter((d) => d.outcome === 'unreachable')).toEqual([
      expect.objectContaining({ planId: 'drog', statusCode: 403, error: expect.stringContaining('ConversationBlockedByUser') }),
    ]);
    expect((await f.stores.contacts.get(anna.aadObjectId))?.stale).toBe(true);
    const progress = await progressOf(f.deps, f.round);
    expect(progress.unreachable).toEqual([expect.stringContaining('Drogpolitiskt'), expect.stringContaining('Förebygga våld')]);
  });

  it('keeps the status code of a send that failed for good', async () => {
    const f = await appFixture();
    const bo = contact('bo@kalmar.se');
    f.messenger.sendCard = async () => {
      throw new SendError('Internal Server Error', 500, { attempts: 1 });
    };
    const plan = (await f.stores.registers.current())!.plans.find((p) => p.id === 'vatten')!;
    expect((await sendAnswerCard(f.deps, f.round, plan, bo)).outcome).toBe('failed');
    expect(await f.stores.deliveries.get(f.round.id, 'prompt:vatten')).toMatchObject({ outcome: 'failed', statusCode: 500, attempts: 1 });
  });
});
