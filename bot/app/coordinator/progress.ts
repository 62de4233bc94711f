// Where a round stands, for the coordinator's `läge` and the weekly digest: who has submitted,
// who has only a draft, who is missing, whom the bot could not reach and who is away.

import { filledCount } from '../../domain/answer';
import { normalizeAddress } from '../../domain/register';
import type { Round } from '../../domain/round';
import { officerName, type Progress, type RoundSummary } from '../../domain/summary';
import type { Delivery } from '../../../storage/ports';
import { indexContacts } from '../contacts/contact-book';
import type { AppDeps } from '../deps';
import { absentPeople } from '../officer/officer-controls';
import { summarise } from './summary';

/** Who has answered, who has drafts, who is missing, and who the bot could not reach. */
export async function progressOf(deps: AppDeps, round: Round): Promise<Progress> {
  const summary = await summarise(deps, round);
  const deliveries = await deps.stores.deliveries.list(round.id);
  const contacts = indexContacts(await deps.stores.contacts.list());
  const reached = new Set(deliveries.filter((d) => d.outcome === 'sent').map((d) => d.planId));
  const refused = refusedPlans(deliveries);
  const label = (e: RoundSummary['entries'][number]) => `${e.plan.title} (${officerName(e) ?? '–'})`;
  const open = summary.entries.filter((e) => e.state !== 'submitted');
  return {
    round,
    total: summary.total,
    submitted: summary.answered,
    drafts: open
      .filter((e) => e.state === 'draft')
      .map((e) => ({ label: label(e), at: e.draftAt!, filled: e.draft ? filledCount(e.draft.content, summary.template) : 0 })),
    missing: open.filter((e) => e.state === 'unanswered').map(label),
    overdue: deps.clock.now() > round.dueAt,
    unreachable: open
      .filter(
        (e) => (!reached.has(e.plan.id) || refused(e.plan.id)) && !(e.plan.officer && contacts.has(normalizeAddress(e.plan.officer))),
      )
      .map(label),
    absent: await absentPeople(deps, round, open.map((e) => e.plan)),
  };
}

/**
 * Whether Teams said the plan's officer cannot be reached (blocked the bot, or left): the newest
 * 1:1 delivery of the plan tells, until the officer is reachable again.
 */
function refusedPlans(deliveries: Delivery[]): (planId: string) => boolean {
  const newest = new Map<string, Delivery>();
  for (const d of deliveries) {
    if (!d.planId) continue;
    const seen = newest.get(d.planId);
    if (!seen || d.claimedAt >= seen.claimedAt) newest.set(d.planId, d);
  }
  return (planId) => newest.get(planId)?.outcome === 'unreachable';
}
