// The coordinator's use cases on in-memory stores: the summary kept as a record also when
// posting stops part-way, the summary asked for by command and the scheduled posts (once,
// retried after a failure, never for old rounds), progress and reminders.

import { bindChannel } from '../../../../bot/app/coordinator/channel';
import { progressOf } from '../../../../bot/app/coordinator/progress';
import { postScheduled } from '../../../../bot/app/coordinator/scheduled-posts';
import { postSummary, requestSummary } from '../../../../bot/app/coordinator/summary';
import { remindUnsubmitted } from '../../../../bot/app/reminders/remind-unsubmitted';
import { progressText } from '../../../../cards/replies/progress';
import type { AnswerVersion } from '../../../../bot/domain/answer';
import type { OfficeHours } from '../../../../bot/domain/office-hours';
import { actor, appFixture, contact } from '../../../support/app-fixture';

async function submit(f: Awaited<ReturnType<typeof appFixture>>, planId: string, state: AnswerVersion['state'] = 'submitted') {
  const texts = { status: 'Pågår.', done: 'Tillsyn.', current: 'Ny undersökning.', risks: 'Inga.', completion: '2020.' };
  await f.stores.answers.append(
    { roundId: f.round.id, planId, version: 1, state, content: { texts, status: 'on-track' }, answeredBy: 'anna@kalmar.se', answeredByName: 'Anna Andersson', at: f.deps.clock.now() },
    null,
  );
}

async function withChannel(now = '2019-03-11T08:30:00Z', officeHours?: OfficeHours) {
  const f = await appFixture({ now, officeHours });
  expect(await bindChannel(f.deps, actor('samordnare@kalmar.se'), { conversationId: '19:kanal@thread.tacv2', reference: { channel: 'kanal' } })).toBe(true);
  return f;
}

describe('binding the channel', () => {
  it('is for coordinators only, and the refusal is audited', async () => {
    const f = await appFixture();
    expect(await bindChannel(f.deps, actor('anna@kalmar.se'), { conversationId: '19:x', reference: {} })).toBe(false);
    expect(await f.stores.channels.current()).toBeUndefined();
    const audit = await f.stores.audit.listDay('2019-03-01');
    expect(audit.map((e) => e.action)).toEqual(['coordinator.refused']);
  });
});

describe('posting the summary', () => {
  it('keeps exactly the cards that reached the channel when posting stops part-way', async () => {
    const f = await withChannel();
    f.messenger.failPostsAfter = 2;
    await expect(postSummary(f.deps, f.round, 'samordnare@kalmar.se', 'sv')).rejects.toMatchObject({ messagesSent: 2 });
    const [record] = await f.stores.records.list(f.round.id);
    expect(record).toMatchObject({ kind: 'summary', requestedBy: 'samordnare@kalmar.se' });
    expect(record.format).toMatch(/^teams-cards-1-2-of-\d+$/);
    const kept = JSON.parse((await f.stores.records.get(f.round.id, record.id))!.bytes.toString());
    expect(kept).toEqual(f.messenger.posted.map((p) => p.message.card));
  });
});

describe('the plan cards after the overview', () => {
  const cardsPosted = (f: Awaited<ReturnType<typeof withChannel>>) => f.messenger.posted.map((p) => p.message.card!);
  const isOverview = (card: any) => card.body.some((e: any) => e.type === 'Chart.Donut');

  it('follow the overview in a round of at most SUMMARY_PLAN_CARDS_MAX plans (here 3 of 3)', async () => {
    const f = await withChannel();
    f.deps.summary = { planCardsMax: 3 };
    expect(await postSummary(f.deps, f.round, 'system', 'sv')).toEqual({ kind: 'posted', messages: 4 });
    expect(cardsPosted(f).map(isOverview)).toEqual([true, false, false, false]);
  });

  it('are left out of a larger round (3 plans, at most 2), the overview alone posted', async () => {
    const f = await withChannel();
    f.deps.summary = { planCardsMax: 2 };
    expect(await postSummary(f.deps, f.round, 'system', 'sv')).toEqual({ kind: 'posted', messages: 1 });
    expect(cardsPosted(f).map(isOverview)).toEqual([true]);
  });

  it('follow in any round when asked for with `sammanställning alla`', async () => {
    const f = await withChannel('2019-03-12T19:00:00Z', { start: 8 * 60, end: 17 * 60 });
    f.deps.summary = { planCardsMax: 0 };
    await requestSummary(f.deps, f.round, 'samordnare@kalmar.se', 'sv', 'activity-1');
    await requestSummary(f.deps, f.round, 'samordnare@kalmar.se', 'sv', 'activity-2', true);
    expect(await postScheduled(f.deps)).toEqual(['summary:activity-1:uppfoljning-kf-2019', 'summary:activity-2:uppfoljning-kf-2019']);
    expect(cardsPosted(f).map(isOverview)).toEqual([true, true, false, false, false]);
  });
});

describe('the summary asked for by command', () => {
  // Tuesday 12 March 2019, 20:00 in Stockholm: outside office hours (so no weekly digest now),
  // which a summary asked for does not wait for.
  const evening = '2019-03-12T19:00:00Z';
  const officeHours: OfficeHours = { start: 8 * 60, end: 17 * 60 };

  it('is posted by the next tick, once, when the command comes twice and two processes tick at once', async () => {
    const f = await withChannel(evening, officeHours);
    await f.stores.contacts.save(contact('samordnare@kalmar.se'));
    for (let i = 0; i < 2; i++) expect(await requestSummary(f.deps, f.round, 'samordnare@kalmar.se', 'sv', 'activity-1')).toEqual({ kind: 'requested' });
    expect(f.messenger.posted).toEqual([]); // nothing is posted by the command itself
    const ticks = await Promise.all([postScheduled(f.deps), postScheduled(f.deps)]);
    expect(ticks.flat()).toEqual(['summary:activity-1:uppfoljning-kf-2019']);
    expect(await postScheduled(f.deps)).toEqual([]);
    expect(f.messenger.posted.map((p) => p.message.card !== undefined)).toEqual([true, true, true, true]); // overview and three plans
    const cards = f.messenger.posted.map((p) => JSON.stringify(p.message.card));
    expect(new Set(cards).size).toBe(4);
    expect(f.messenger.sent.map((m) => m.text)).toEqual(['Sammanställningen av **Uppföljning KF 2019** är postad i samordnarkanalen (4 meddelanden).']);
    expect((await f.stores.records.list(f.round.id)).map((r) => [r.kind, r.requestedBy])).toEqual([['summary', 'samordnare@kalmar.se']]);
  });

  it('is posted again for a new command, in the language it was asked in', async () => {
    const f = await withChannel(evening, officeHours);
    await requestSummary(f.deps, f.round, 'samordnare@kalmar.se', 'sv', 'activity-1');
    await postScheduled(f.deps);
    await requestSummary(f.deps, f.round, 'samordnare@kalmar.se', 'en', 'activity-2');
    expect(await postScheduled(f.deps)).toEqual(['summary:activity-2:uppfoljning-kf-2019']);
    expect(f.messenger.posted).toHaveLength(8);
    expect(JSON.stringify(f.messenger.posted[4].message.card)).toContain('Summary');
  });

  it('is resumed by the next tick after a failed post, each card once, and the coordinator told when it is in', async () => {
    const f = await withChannel(evening, officeHours);
    await f.stores.contacts.save(contact('samordnare@kalmar.se'));
    await requestSummary(f.deps, f.round, 'samordnare@kalmar.se', 'sv', 'activity-1');
    f.messenger.failPostsAfter = 2;
    expect(await postScheduled(f.deps)).toEqual([]);
    expect(f.messenger.sent).toEqual([]); // not told while the post is still to be made
    f.messenger.failPostsAfter = Infinity;
    expect(await postScheduled(f.deps)).toEqual(['summary:activity-1:uppfoljning-kf-2019']);
    const cards = f.messenger.posted.map((p) => JSON.stringify(p.message.card));
    expect(cards).toHaveLength(4);
    expect(new Set(cards).size).toBe(4);
    expect(f.messenger.sent.map((m) => m.text)).toEqual(['Sammanställningen av **Uppföljning KF 2019** är postad i samordnarkanalen (4 meddelanden).']);
    expect(await postScheduled(f.deps)).toEqual([]);
    expect(f.messenger.posted).toHaveLength(4);
  });

  it('goes on where it stopped at the next tick, and tells the coordinator when three attempts failed', async () => {
    const f = await withChannel(evening, officeHours);
    await f.stores.contacts.save(contact('samordnare@kalmar.se'));
    await requestSummary(f.deps, f.round, 'samordnare@kalmar.se', 'sv', 'activity-1');
    f.messenger.failPostsAfter = 2;
    await postScheduled(f.deps);
    expect(f.messenger.posted).toHaveLength(2);
    f.messenger.failPostsAfter = 3;
    await postScheduled(f.deps);
    await postScheduled(f.deps);
    await postScheduled(f.deps); // nothing more once three attempts failed
    expect(f.messenger.posted).toHaveLength(3);
    expect((await f.stores.deliveries.list(f.round.id)).map((d) => [d.id, d.outcome, d.messagesSent])).toEqual([
      ['summary:activity-1', 'failed', 2],
      ['summary:activity-1#2', 'failed', 3],
      ['summary:activity-1#3', 'failed', 3],
      ['summary:activity-1:told', 'sent', undefined],
    ]);
    expect(f.messenger.sent.map((m) => m.text)).toEqual([
      'Sammanställningen av **Uppföljning KF 2019** kunde inte postas i samordnarkanalen, inte ens efter tre försök. Skriv **sammanställning** igen om en stund.',
    ]);
  });

  it('is refused without a channel', async () => {
    const f = await appFixture({ now: evening });
    expect(await requestSummary(f.deps, f.round, 'samordnare@kalmar.se', 'sv', 'activity-1')).toEqual({ kind: 'refused', reason: 'no-channel' });
  });
});

describe('the scheduled posts', () => {
  it('post the weekly digest once a week while the round is open, and nothing before Monday 09:00', async () => {
    const f = await withChannel('2019-03-11T07:30:00Z'); // Monday 08:30
    expect(await postScheduled(f.deps)).toEqual([]);
    f.setNow('2019-03-11T08:30:00Z');
    expect(await postScheduled(f.deps)).toEqual(['progress:2019-W11:uppfoljning-kf-2019']);
    expect(await postScheduled(f.deps)).toEqual([]);
    f.setNow('2019-03-18T08:30:00Z');
    expect(await postScheduled(f.deps)).toEqual(['progress:2019-W12:uppfoljning-kf-2019']);
    expect(f.messenger.posted.map((p) => p.message.text?.split('\n')[0])).toEqual([
      '**Uppföljning KF 2019**: 0 av 3 planer inskickade, svar senast 1 april 2019.',
      '**Uppföljning KF 2019**: 0 av 3 planer inskickade, svar senast 1 april 2019.',
    ]);
    expect((await f.stores.records.list(f.round.id)).map((r) => [r.kind, r.requestedBy])).toEqual([
      ['progress', 'system'],
      ['progress', 'system'],
    ]);
  });

  it('post the summary at its time, and after a failure go on where it stopped', async () => {
    const f = await withChannel('2019-04-02T07:00:00Z'); // Tuesday 09:00, the day after the due date
    f.messenger.failPostsAfter = 2;
    expect(await postScheduled(f.deps)).toEqual([]);
    f.messenger.failPostsAfter = Infinity;
    expect(await postScheduled(f.deps)).toEqual(['summary:uppfoljning-kf-2019']);
    expect(await postScheduled(f.deps)).toEqual([]);
    const deliveries = await f.stores.deliveries.list(f.round.id);
    expect(deliveries.map((d) => [d.id, d.outcome, d.statusCode, d.messagesSent])).toEqual([
      ['summary', 'failed', 502, 2],
      ['summary#2', 'sent', undefined, 2],
    ]);
    // Every card once, in order: the overview, then the three plans in Swedish order.
    const cards = f.messenger.posted.map((p) => JSON.stringify(p.message.card));
    expect(new Set(cards).size).toBe(cards.length);
    const full = await withChannel('2019-04-02T07:00:00Z');
    await postSummary(full.deps, full.round, 'system', 'sv');
    expect(cards).toEqual(full.messenger.posted.map((p) => JSON.stringify(p.message.card)));
    expect((await f.stores.records.list(f.round.id)).map((r) => r.format)).toEqual(['teams-cards-1-2-of-4', 'teams-cards-3-4-of-4']);
  });

  it('give up after three failed attempts', async () => {
    const f = await withChannel('2019-04-02T07:00:00Z');
    f.messenger.failPostsAfter = 0;
    for (let tick = 0; tick < 5; tick++) await postScheduled(f.deps);
    expect((await f.stores.deliveries.list(f.round.id)).map((d) => d.outcome)).toEqual(['failed', 'failed', 'failed']);
  });

  it('do not post the summaries of old rounds to a channel bound later', async () => {
    const f = await withChannel('2019-04-10T08:00:00Z'); // the summary was due on 2 April
    expect(await postScheduled(f.deps)).toEqual([]);
    expect(f.messenger.posted).toEqual([]);
  });

  it('post nothing without a channel', async () => {
    const f = await appFixture({ now: '2019-04-02T07:00:00Z' });
    expect(await postScheduled(f.deps)).toEqual([]);
  });
});

describe('progress and reminders', () => {
  it('list drafts, missing answers and officers the bot cannot reach', async () => {
    const f = await appFixture({ now: '2019-03-05T09:00:00Z' });
    await f.stores.contacts.save(contact('anna@kalmar.se'));
    await submit(f, 'drog');
    await submit(f, 'vald', 'draft');
    const progress = await progressOf(f.deps, f.round);
    expect(progress).toMatchObject({
      total: 3,
      submitted: 1,
      drafts: [{ label: 'Förebygga våld mot kvinnor i nära relationer (Anna Andersson)', at: new Date('2019-03-05T09:00:00Z'), filled: 5 }],
      missing: ['God vattenstatus – handlingsplan (Bo Berg)'],
      unreachable: ['God vattenstatus – handlingsplan (Bo Berg)'],
      overdue: false,
    });
  });

  it('keep the message under 28 KB however many plans are missing, and say how many more there are', async () => {
    const f = await appFixture();
    const names = Array.from({ length: 1000 }, (_, i) => `${'Förebyggande insatser mot våldsbejakande extremism – handlingsplan '.repeat(4)}${i} (Ann-Sofie Lagercrantz)`);
    const drafts = names.map((label) => ({ label, at: f.round.opensAt, filled: 5 }));
    const text = progressText({ round: f.round, total: 1000, submitted: 0, drafts, missing: names, unreachable: names, overdue: true }, 'sv');
    expect(Buffer.byteLength(text)).toBeLessThan(28 * 1024);
    expect(text.match(/… och 980 till\. Hela listan finns i exporten/g)).toHaveLength(3);
  });

  it('remind each officer without a submitted answer once per command', async () => {
    const f = await appFixture({ now: '2019-03-05T09:00:00Z' });
    await f.stores.contacts.save(contact('anna@kalmar.se'));
    await submit(f, 'drog');
    expect(await remindUnsubmitted(f.deps, f.round, 'samordnare@kalmar.se', 'activity-1')).toEqual({ sent: 1, unreachable: 1, alreadyReminded: 0 });
    expect(await remindUnsubmitted(f.deps, f.round, 'samordnare@kalmar.se', 'activity-1')).toEqual({ sent: 0, unreachable: 1, alreadyReminded: 1 });
    expect(f.messenger.sent.map((s) => [s.to.upn, s.card.actions[0].data.planId])).toEqual([['anna@kalmar.se', 'vald']]);
    expect(JSON.stringify(f.messenger.sent[0].card)).toContain('Påminnelse: svaret ska vara inskickat senast 1 april 2019.');
  });
});
