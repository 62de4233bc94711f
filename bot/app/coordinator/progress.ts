// Where a round stands, for the coordinator's `läge` and the weekly digest: who has submitted,
// who has only a draft, who is missing, whom the bot could not reach and who is away, read from
// the round's state (dashboard/round-state.ts) as the tab's dashboard reads it.

import { filledCount } from '../../domain/answer';
import type { Round } from '../../domain/round';
import { officerName, type Progress, type RoundSummary } from '../../domain/summary';
import type { AppDeps } from '../deps';
import { absentPeople, isUnreachable, readRoundState } from '../dashboard/round-state';

/** Who has answered, who has drafts, who is missing, and who the bot could not reach. */
export async function progressOf(deps: AppDeps, round: Round): Promise<Progress> {
  const state = await readRoundState(deps, round);
  const { summary } = state;
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
    unreachable: open.filter((e) => isUnreachable(state, e)).map(label),
    absent: absentPeople(state, open.map((e) => e.plan)),
  };
}
