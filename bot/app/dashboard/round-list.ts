// The rounds the tab lists, newest first, each with the answered and total of the plans the user
// may see in it. Reads the rounds once (the register is the viewer's), then per round its
// answers' progress (kept small, without texts) and, for someone who is not a coordinator, its
// delegations: two queries per round, none per plan.

import { followedUpIn } from '../../domain/kinds';
import { latestOpenedFirst } from '../../domain/round';
import type { TabRoundListItem } from '../../domain/tab-views';
import type { PlanSettings } from '../../../storage/ports';
import type { TabViewer } from '../access';
import type { AppDeps } from '../deps';
import { roundItem } from './views';

/** The rounds with a plan the viewer may see (a coordinator: every round), newest first. */
export async function roundList(deps: AppDeps, viewer: TabViewer): Promise<TabRoundListItem[]> {
  const rounds = await deps.stores.rounds.list();
  const { register } = viewer;
  const now = deps.clock.now();
  const items = await Promise.all(
    latestOpenedFirst(rounds).map(async (round) => {
      const [progress, settings] = await Promise.all([
        deps.stores.answers.listProgress(round.id),
        viewer.coordinator ? Promise.resolve<PlanSettings[]>([]) : deps.stores.settings.listPlans(round.id),
      ]);
      const delegations = new Map(settings.map((s) => [s.planId, s]));
      const submitted = new Set(progress.filter((p) => p.submittedAt).map((p) => p.latest.planId));
      const plans = followedUpIn(round, register).filter((plan) => viewer.maySee(plan, delegations.get(plan.id)));
      return { round, answered: plans.filter((p) => submitted.has(p.id)).length, total: plans.length };
    }),
  );
  return items
    .filter((item) => viewer.coordinator || item.total > 0)
    .map(({ round, answered, total }) => roundItem(round, now, { answered, total }));
}
