// The round's overview card in the coordinator channel: what it names besides the summary, and
// how a posted one is remembered. The card is posted first in every summary (summary.ts) and
// remembered as a delivery in a partition of its own, with the card's activity id and a hash of
// what it shows, so that overview-updates.ts can keep it current.

import { createHash } from 'node:crypto';
import { buildOverviewCard, type OverviewCardOptions } from '../../../cards/summary-cards';
import type { AdaptiveCard } from '../../../cards/expand';
import type { Locale } from '../../domain/locale';
import type { Round } from '../../domain/round';
import type { RoundSummary } from '../../domain/summary';
import type { ChannelBinding, Delivery } from '../../../storage/ports';
import { ContactBook } from '../contacts/contact-book';
import { summarySettingsOf, type AppDeps } from '../deps';

/** The partition of the overview cards posted and of their updates. */
export const OVERVIEW_CARDS = '_overview-cards';

/**
 * What the overview card names besides the summary: the coordinators Teams refreshes it for
 * (those the bot knows in Teams; Teams takes the first 60) and the tab's address at the round.
 */
export async function overviewOptions(deps: AppDeps, round: Round): Promise<OverviewCardOptions> {
  const [register, book] = await Promise.all([deps.stores.registers.current(), ContactBook.open(deps)]);
  const refreshUserIds = (register?.coordinators ?? []).flatMap((address) => book.get(address)?.teamsUserId ?? []);
  return { refreshUserIds: [...new Set(refreshUserIds)], tabUrl: summarySettingsOf(deps).tabLink?.(round.id) };
}

/** The overview card of a summary already read. */
export async function overviewCard(deps: AppDeps, summary: RoundSummary, locale: Locale): Promise<AdaptiveCard> {
  return buildOverviewCard(summary, locale, await overviewOptions(deps, summary.round));
}

/** What a card shows, as a short hash: an update that would show the same is not made. */
export function contentHashOf(card: AdaptiveCard): string {
  return createHash('sha256').update(JSON.stringify(card)).digest('base64url').slice(0, 22);
}

/** Remembers an overview card just posted to the channel, so that it can be updated in place. */
export async function rememberOverviewCard(deps: AppDeps, round: Round, locale: Locale, binding: ChannelBinding, activityId: string, card: AdaptiveCard): Promise<void> {
  const now = deps.clock.now();
  const posted: Delivery = {
    roundId: OVERVIEW_CARDS,
    id: `${round.id}:${locale}:${activityId}`,
    kind: 'summary',
    planId: '',
    recipient: binding.conversationId,
    outcome: 'claimed',
    claimedAt: now,
    activityId,
    conversationId: binding.conversationId,
  };
  if (await deps.stores.deliveries.claim(posted)) {
    await deps.stores.deliveries.complete({ ...posted, outcome: 'sent', completedAt: now, contentHash: contentHashOf(card) });
  }
}

