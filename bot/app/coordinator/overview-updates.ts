// The round's overview card kept current. The scheduler tick updates the latest overview card
// of each round in place as answers arrive, at most once per overviewUpdateMs: each update is one
// more delivery in the overview cards' partition (claimed, so two processes never make the same
// one) and is kept as a record as shown. When a coordinator opens the card, Teams asks for it
// again (Universal Actions' refresh) and gets it from today's counts. Every card is built from one
// read of the round, the same summarise() the summary's cards come from.

import type { AdaptiveCard } from '../../../cards/expand';
import type { Locale } from '../../domain/locale';
import type { Actor } from '../../domain/permissions';
import { isRefused, type Refused } from '../../domain/refusals';
import { roundPhase, type Round } from '../../domain/round';
import type { ChannelBinding, Delivery } from '../../../storage/ports';
import { checkCoordinator, type AdminRefusal } from '../access';
import { summarySettingsOf, type AppDeps } from '../deps';
import { SendError } from '../ports';
import { claimDelivery } from '../sending/deliveries';
import { contentHashOf, OVERVIEW_CARDS, overviewCard } from './overview-card';
import { keepRecord } from './records';
import { summarise } from './summary';
import { errorMessage } from '../../domain/errors';

/** A round's overview stops being updated a day after the round closed. */
const UPDATED_AFTER_CLOSE_MS = 24 * 3600_000;

/** A posted overview card and what was done to it since. */
interface LiveCard {
  posted: Delivery;
  roundId: string;
  locale: Locale;
  updates: Delivery[];
}

/** The latest overview card posted of each round, with its updates (`{posted id}#{n}`). */
function liveCards(rows: Delivery[]): LiveCard[] {
  const cards = new Map<string, LiveCard>();
  const latest = new Map<string, LiveCard>();
  for (const row of rows.filter((r) => !r.id.includes('#'))) {
    const m = /^([a-z0-9-]+):(sv|en):/.exec(row.id);
    if (!m || !row.activityId) continue;
    const card: LiveCard = { posted: row, roundId: m[1], locale: m[2] as Locale, updates: [] };
    cards.set(row.id, card);
    const known = latest.get(card.roundId);
    if (!known || row.claimedAt >= known.posted.claimedAt) latest.set(card.roundId, card);
  }
  for (const row of rows.filter((r) => r.id.includes('#'))) cards.get(row.id.slice(0, row.id.lastIndexOf('#')))?.updates.push(row);
  return [...latest.values()];
}

/**
 * Kept by the tick between its runs: when this process last rebuilt each card (by the posted
 * card's delivery id) and found nothing new, so an unchanged round is read once per interval;
 * and when the next card can be due at the earliest, so a tick before then reads nothing (an
 * idle tick stays a few requests). A card posted after a check is due an interval after its
 * post, which is never before the check's own next time.
 */
export interface OverviewChecks {
  unchangedAt: Map<string, number>;
  nextDueAt?: number;
}

export function newOverviewChecks(): OverviewChecks {
  return { unchangedAt: new Map() };
}

/**
 * Run by the scheduler tick: the latest overview card of each round not long closed is updated in
 * place when what it would show changed, at most once per overviewUpdateMs since it was posted,
 * last updated or last found unchanged (`checks`), so the round is read at most once per interval
 * and card, and a tick before the earliest card can be due reads nothing. Returns the rounds
 * whose card was updated.
 */
export async function updateOverviewCards(deps: AppDeps, checks: OverviewChecks): Promise<string[]> {
  const binding = await deps.stores.channels.current();
  if (!binding) return [];
  const now = deps.clock.now().getTime();
  const { overviewUpdateMs } = summarySettingsOf(deps);
  // Nothing can be due yet; a due time more than an interval ahead (the clock was set back) does not hold cards back.
  if (checks.nextDueAt !== undefined && now < checks.nextDueAt && checks.nextDueAt - now <= overviewUpdateMs) return [];
  const rounds = new Map((await deps.stores.rounds.list()).map((r) => [r.id, r]));
  const updated: string[] = [];
  let nextDueAt = now + overviewUpdateMs;
  for (const live of liveCards(await deps.stores.deliveries.list(OVERVIEW_CARDS))) {
    const round = rounds.get(live.roundId);
    // A card in a channel since unbound cannot be reached by the binding's reference.
    if (!round || live.posted.conversationId !== binding.conversationId || longClosed(round, new Date(now))) continue;
    const lastAt = Math.max(
      ...[live.posted, ...live.updates].map((d) => pastOnly(d.claimedAt.getTime(), now)),
      pastOnly(checks.unchangedAt.get(live.posted.id) ?? 0, now),
    );
    if (now - lastAt < overviewUpdateMs) {
      nextDueAt = Math.min(nextDueAt, lastAt + overviewUpdateMs);
      continue;
    }
    if (await updateOverviewCard(deps, binding, round, live)) updated.push(round.id);
    else checks.unchangedAt.set(live.posted.id, now);
  }
  checks.nextDueAt = nextDueAt;
  return updated;
}

/**
 * A time "in the future" (the clock was set back, or another process's clock is ahead) does not
 * hold the card back: it counts as none, so the card is due by the times before it.
 */
function pastOnly(time: number, now: number): number {
  return time <= now ? time : 0;
}

function longClosed(round: Round, now: Date): boolean {
  const closedAt = round.closedAt ?? round.closesAt;
  return roundPhase(round, now) === 'closed' && now.getTime() - closedAt.getTime() > UPDATED_AFTER_CLOSE_MS;
}

/** Rebuilds the card from today's counts and, if it shows anything new, updates it (claimed, recorded). */
async function updateOverviewCard(deps: AppDeps, binding: ChannelBinding, round: Round, live: LiveCard): Promise<boolean> {
  const card = await overviewCard(deps, await summarise(deps, round), live.locale);
  const contentHash = contentHashOf(card);
  const shown = [live.posted, ...live.updates].filter((d) => d.outcome === 'sent').sort((a, b) => a.claimedAt.getTime() - b.claimedAt.getTime()).at(-1);
  if (shown?.contentHash === contentHash) return false;
  const update: Delivery = {
    roundId: OVERVIEW_CARDS,
    id: `${live.posted.id}#${live.updates.length + 1}`,
    kind: 'summary',
    planId: '',
    recipient: binding.conversationId,
    outcome: 'claimed',
    claimedAt: deps.clock.now(),
    activityId: live.posted.activityId,
    conversationId: binding.conversationId,
  };
  if (!(await claimDelivery(deps, update))) return false;
  try {
    await deps.messenger.updateCard(binding.reference, live.posted.activityId!, card);
  } catch (err) {
    const statusCode = err instanceof SendError ? err.statusCode : undefined;
    deps.log.error('overview.update-failed', { round: round.id, delivery: update.id, statusCode: statusCode ?? 'none', error: errorMessage(err) });
    await deps.stores.deliveries.complete({ ...update, outcome: 'failed', completedAt: deps.clock.now(), statusCode });
    return false;
  }
  await deps.stores.deliveries.complete({ ...update, outcome: 'sent', completedAt: deps.clock.now(), contentHash });
  await keepRecord(deps, {
    roundId: round.id,
    kind: 'summary',
    format: 'teams-card-update',
    fileName: `${round.id}-oversikt.json`,
    contentType: 'application/json',
    requestedBy: 'system',
    bytes: Buffer.from(JSON.stringify(card), 'utf8'),
  });
  return true;
}

/** Where a refused refresh is logged and audited. */
const OVERVIEW_REFUSED = { action: 'overview.refresh-refused', subject: 'overview' };

/**
 * The overview card from today's counts, for a coordinator whose Teams refreshes it (Universal
 * Actions); anyone else is refused (logged and audited), so their card stays as it is.
 */
export async function refreshedOverview(deps: AppDeps, actor: Actor, roundId: string, locale: Locale): Promise<AdaptiveCard | AdminRefusal | Refused<'unknown-round'>> {
  const register = await checkCoordinator(deps, actor, OVERVIEW_REFUSED);
  if (isRefused(register)) return register;
  const round = roundId ? await deps.stores.rounds.get(roundId) : undefined;
  if (!round) return { kind: 'refused', reason: 'unknown-round' };
  return overviewCard(deps, await summarise(deps, round.value), locale);
}
