// The posts the scheduler tick makes to the coordinator channel: the summaries coordinators asked
// for, the round's summary at its summary time, and a short progress digest once a week while
// the round is open and not yet due. Each is a claimed delivery, so several processes or a
// restart never post twice; a post that failed is tried again at the next tick, up to three
// times, going on where it stopped.

import { escapeMarkdown, t } from '../../../cards/messages/index';
import { progressText } from '../../../cards/replies/progress';
import { withinOfficeHours } from '../../domain/office-hours';
import { progressWeek, roundPhase, summaryTime, type Round } from '../../domain/round';
import type { ChannelBinding, Delivery } from '../../../storage/ports';
import { findContact } from '../contacts/contact-book';
import type { AppDeps } from '../deps';
import { SendError } from '../ports';
import { claimable, claimDelivery, sendTextDelivery, staleBefore } from '../sending/deliveries';
import { progressOf } from './progress';
import { keepRecord } from './records';
import { PartialPostError, postSummary, readSummaryRequest, SUMMARY_REQUESTS } from './summary';

/** How often a scheduled post that failed is tried, at the following ticks. */
const SCHEDULED_ATTEMPTS = 3;
const SUMMARY_WINDOW_MS = 7 * 24 * 3600_000;

type PostKind = 'summary' | 'progress';

/** Makes the next attempt of one scheduled post (`base` names it) unless it was made or is being made. */
type Attempt = (round: Round, base: string, kind: PostKind, post: (skip: number) => Promise<unknown>) => Promise<void>;

/**
 * The scheduled posts, run by the scheduler tick: the summaries asked for by command, the summary
 * at the round's summary time, and the weekly progress digest. Returns what was posted, as
 * `{post}:{round}`.
 */
export async function postScheduled(deps: AppDeps): Promise<string[]> {
  const binding = await deps.stores.channels.current();
  if (!binding) return [];
  const now = deps.clock.now();
  const posted: string[] = [];
  const attempt: Attempt = async (round, base, kind, post) => {
    if (await attemptPost(deps, binding, round, base, kind, post)) posted.push(`${base}:${round.id}`);
  };
  const rounds = await deps.stores.rounds.list();
  // Summaries asked for by command first, whatever the office hours: the coordinator is waiting.
  await postRequestedSummaries(deps, rounds, now, attempt);
  for (const round of rounds) {
    if (!withinOfficeHours(now, deps.officeHours, round.timeZone)) continue;
    // A week to post the summary in (the bot may have been down): a channel bound later does
    // not receive the summaries of old rounds.
    const summaryAt = summaryTime(round);
    if (now >= summaryAt && now.getTime() < summaryAt.getTime() + SUMMARY_WINDOW_MS) {
      // A retry goes on after the messages that reached the channel, so none is posted twice.
      await attempt(round, 'summary', 'summary', (skip) => postSummary(deps, round, 'system', 'sv', { skip }));
    }
    await postWeeklyDigest(deps, binding, round, now, attempt);
  }
  return posted;
}

/** Claims and makes one attempt of a post; true when it reached the channel, and the delivery says how it went. */
async function attemptPost(
  deps: AppDeps,
  binding: ChannelBinding,
  round: Round,
  base: string,
  kind: PostKind,
  post: (skip: number) => Promise<unknown>,
): Promise<boolean> {
  const delivery = await claimScheduled(deps, round, base, kind, binding.conversationId);
  if (!delivery) return false;
  try {
    await post(delivery.messagesSent ?? 0);
    await deps.stores.deliveries.complete({ ...delivery, outcome: 'sent', completedAt: deps.clock.now() });
    return true;
  } catch (err) {
    const cause = err instanceof PartialPostError ? err.cause : err;
    const statusCode = cause instanceof SendError ? cause.statusCode : undefined;
    const messagesSent = err instanceof PartialPostError ? err.messagesSent : delivery.messagesSent;
    deps.log.error('channel.post-failed', { round: round.id, delivery: delivery.id, statusCode: statusCode ?? 'none', messagesSent });
    await deps.stores.deliveries.complete({ ...delivery, outcome: 'failed', completedAt: deps.clock.now(), statusCode, messagesSent });
    return false;
  }
}

/**
 * The summaries coordinators asked for in the last week and not yet posted (or given up on):
 * each posted as a claimed delivery of its round; when it is made, or every attempt failed, the
 * request is closed and the coordinator told.
 */
async function postRequestedSummaries(deps: AppDeps, rounds: Round[], now: Date, attempt: Attempt): Promise<void> {
  for (const request of await deps.stores.deliveries.list(SUMMARY_REQUESTS)) {
    const asked = readSummaryRequest(request);
    const round = asked && rounds.find((r) => r.id === asked.roundId);
    if (!asked || !round || request.outcome !== 'claimed' || now.getTime() - request.claimedAt.getTime() > SUMMARY_WINDOW_MS) continue;
    const base = `summary:${asked.commandId}`;
    let messages: number | undefined;
    await attempt(round, base, 'summary', async (skip) => {
      const result = await postSummary(deps, round, request.recipient, asked.locale, { skip, all: asked.all });
      if (result.kind === 'posted') messages = result.messages;
    });
    const state = await scheduledState(deps, round, base);
    if (state === 'pending') continue;
    await deps.stores.deliveries.complete({ ...request, outcome: state, completedAt: deps.clock.now() });
    await tellSummaryPosted(deps, round, base, request.recipient, state, messages);
  }
}

/** This week's progress digest of an open round not yet due, kept as a record as posted. */
async function postWeeklyDigest(deps: AppDeps, binding: ChannelBinding, round: Round, now: Date, attempt: Attempt): Promise<void> {
  const week = progressWeek(now, round.timeZone);
  if (!week || roundPhase(round, now) !== 'open' || now >= round.dueAt) return;
  await attempt(round, `progress:${week}`, 'progress', async () => {
    const text = progressText(await progressOf(deps, round), 'sv');
    await deps.messenger.postToChannel(binding.reference, [{ text }]);
    await keepRecord(deps, {
      roundId: round.id,
      kind: 'progress',
      format: 'teams-text',
      fileName: `${round.id}-lage-${week}.md`,
      contentType: 'text/markdown; charset=utf-8',
      requestedBy: 'system',
      bytes: Buffer.from(text, 'utf8'),
    });
  });
}

/**
 * Claims the next attempt of a scheduled post (`summary`, then `summary#2`, …): undefined when it
 * was made or is being made, or every attempt failed. A conditional insert decides between
 * processes; in the steady state this is one point read per tick.
 */
async function claimScheduled(deps: AppDeps, round: Round, base: string, kind: PostKind, recipient: string): Promise<Delivery | undefined> {
  let messagesSent = 0;
  for (let attempt = 1; attempt <= SCHEDULED_ATTEMPTS; attempt++) {
    const id = attempt === 1 ? base : `${base}#${attempt}`;
    const earlier = await deps.stores.deliveries.get(round.id, id);
    if (earlier?.outcome === 'failed') {
      messagesSent = earlier.messagesSent ?? messagesSent;
      continue;
    }
    // Made, being made, or left behind by a process that died and not yet due to be taken over.
    if (earlier && !claimable(earlier, staleBefore(deps))) return undefined;
    // A claim taken over goes on from where the earlier attempts had come (a post cut off by the
    // crash may repeat the messages it sent before it died: it is not known how many).
    const from = earlier?.messagesSent ?? messagesSent;
    const delivery: Delivery = { roundId: round.id, id, kind, planId: '', recipient, outcome: 'claimed', claimedAt: deps.clock.now(), messagesSent: from };
    return (await claimDelivery(deps, delivery)) ? delivery : undefined;
  }
  return undefined;
}

/** Whether a scheduled post was made, every attempt failed, or it is still to be made (or being made). */
async function scheduledState(deps: AppDeps, round: Round, base: string): Promise<'sent' | 'failed' | 'pending'> {
  for (let attempt = 1; attempt <= SCHEDULED_ATTEMPTS; attempt++) {
    const made = await deps.stores.deliveries.get(round.id, attempt === 1 ? base : `${base}#${attempt}`);
    if (made?.outcome === 'sent') return 'sent';
    if (made?.outcome !== 'failed') return 'pending';
  }
  return 'failed';
}

/** The coordinator who asked is told 1:1 that the summary is in the channel, or that it could not be posted. */
async function tellSummaryPosted(deps: AppDeps, round: Round, base: string, address: string, state: 'sent' | 'failed', messages?: number): Promise<void> {
  const contact = await findContact(deps, address);
  if (!contact) return;
  const notice = { roundId: round.id, id: `${base}:told`, kind: 'notice' as const, planId: '', recipient: address };
  await sendTextDelivery(deps, notice, contact, (locale) =>
    state === 'sent' && messages !== undefined
      ? t(locale, 'summaryPosted', { round: escapeMarkdown(round.title), count: messages })
      : t(locale, state === 'sent' ? 'summaryPostedAlready' : 'summaryFailed', { round: escapeMarkdown(round.title) }),
  );
}
