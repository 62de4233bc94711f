// The round's summary for the coordinator channel: compiled from one read of the register and
// one of the round's answers, posted as cards and kept as a record exactly as posted. The
// overview card comes first and is remembered, to be kept current (overview-updates.ts); each
// plan's card follows for a small round (SUMMARY_PLAN_CARDS_MAX) or when asked for
// (`sammanställning alla`). A summary is posted by the scheduler tick, at the round's summary
// time or when a coordinator asked for it (`sammanställning`, see requestSummary): both are
// claimed deliveries (scheduled-posts.ts).

import { buildSummaryMessages } from '../../../cards/summary-cards';
import { t } from '../../../cards/messages/index';
import type { Locale } from '../../domain/locale';
import type { Round } from '../../domain/round';
import { compileSummary, EMPTY_REGISTER, type RoundSummary } from '../../domain/summary';
import type { Delivery } from '../../../storage/ports';
import { summarySettingsOf, type AppDeps } from '../deps';
import type { NoChannelRefusal } from './channel';
import { jsonArrayBytes } from './exports/json-export';
import { overviewOptions, rememberOverviewCard } from './overview-card';
import { keepRecord } from './records';
import { errorMessage } from '../../domain/errors';

/** The summary of a round: one read of the register and one of the round's answers. */
export async function summarise(deps: AppDeps, round: Round): Promise<RoundSummary> {
  const [register, versions] = await Promise.all([deps.stores.registers.current(), deps.stores.answers.listVersions(round.id)]);
  return compileSummary(round, register ?? EMPTY_REGISTER, versions);
}

/** Raised when a summary stopped part-way: how many of its messages reached the channel. */
export class PartialPostError extends Error {
  constructor(
    readonly messagesSent: number,
    override readonly cause: unknown,
  ) {
    super(`Posting stopped after ${messagesSent} messages: ${errorMessage(cause)}`);
  }
}

export interface PostSummaryOptions {
  /** Goes on after the messages an earlier attempt posted. */
  skip?: number;
  /** Each plan's card follows the overview whatever the round's size (`sammanställning alla`). */
  all?: boolean;
}

/**
 * Posts the summary cards to the coordinator channel and keeps what was posted as a record,
 * also when posting stops part-way (then PartialPostError says how far it came). The overview
 * card, first, is remembered to be updated in place.
 */
export async function postSummary(
  deps: AppDeps,
  round: Round,
  requestedBy: string,
  locale: Locale,
  options: PostSummaryOptions = {},
): Promise<{ kind: 'posted'; messages: number } | NoChannelRefusal> {
  const binding = await deps.stores.channels.current();
  if (!binding) return { kind: 'refused', reason: 'no-channel' };
  const summary = await summarise(deps, round);
  const planCards = options.all === true || summary.total <= summarySettingsOf(deps).planCardsMax;
  const cards = buildSummaryMessages(summary, locale, { fullTextNote: t(locale, 'summaryFullText'), planCards, ...(await overviewOptions(deps, round)) });
  const skip = Math.min(options.skip ?? 0, cards.length);
  let posted = skip;
  let failure: unknown;
  try {
    for (const [i, card] of cards.entries()) {
      if (i < skip) continue;
      const [activityId] = await deps.messenger.postToChannel(binding.reference, [{ card }]);
      posted++;
      if (i === 0) await rememberOverviewCard(deps, round, locale, binding, activityId, card);
    }
  } catch (err) {
    failure = err;
  }
  const complete = posted === cards.length && skip === 0;
  await keepRecord(deps, {
    roundId: round.id,
    kind: 'summary',
    format: complete ? 'teams-cards' : `teams-cards-${skip + 1}-${posted}-of-${cards.length}`,
    fileName: `${round.id}-sammanstallning.json`,
    contentType: 'application/json',
    requestedBy,
    bytes: jsonArrayBytes(cards.slice(skip, posted)),
  });
  if (failure !== undefined) throw new PartialPostError(posted, failure);
  return { kind: 'posted', messages: cards.length };
}

// ---------------------------------------------------------------------------------------------
// The summary a coordinator asks for (`sammanställning`): asked for at once, posted by the
// scheduler tick. A summary of 1,000 plans takes minutes at Teams' rate, far longer than Teams
// waits for the answer to a message, so the command only records the request and says so. The
// request is a delivery in a partition of its own (one query per tick finds the open ones), its
// id made of the round, the language and the command's activity id: a command delivered twice,
// or handled by two processes, is one request, and its posts are claimed deliveries of the
// round like the scheduled summary's, so they are made once.

/** The partition of the summaries asked for. */
export const SUMMARY_REQUESTS = '_summary-requests';

export async function requestSummary(
  deps: AppDeps,
  round: Round,
  requestedBy: string,
  locale: Locale,
  commandId: string,
  all = false,
): Promise<{ kind: 'requested' } | NoChannelRefusal> {
  if (!(await deps.stores.channels.current())) return { kind: 'refused', reason: 'no-channel' };
  const now = deps.clock.now();
  const id = `${round.id}:${locale}:${all ? 'all:' : ''}${commandId}`;
  const request: Delivery = { roundId: SUMMARY_REQUESTS, id, kind: 'summary', planId: '', recipient: requestedBy, outcome: 'claimed', claimedAt: now };
  if (await deps.stores.deliveries.claim(request)) {
    await deps.stores.audit.record({ at: now, actor: requestedBy, action: 'summary.requested', subject: `round:${round.id}`, details: { request: id } });
  }
  return { kind: 'requested' };
}

/** The round, language, command and whether every plan's card was asked for, from a request's id. */
export function readSummaryRequest(request: Delivery): { roundId: string; locale: Locale; commandId: string; all: boolean } | undefined {
  const m = /^([a-z0-9-]+):(sv|en):(all:)?(.+)$/.exec(request.id);
  return m ? { roundId: m[1], locale: m[2] as Locale, commandId: m[4], all: m[3] !== undefined } : undefined;
}
