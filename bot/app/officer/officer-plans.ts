// What an officer asks about their own work: which plans they have in the open rounds and how
// far each has come ("mina planer"), and the cards again for what is not submitted ("svara").
// A deputy sees the plans delegated to them, in the round they were delegated for only; a
// plan's standing deputy in the register sees it in every round.

import type { AnswerVersion } from '../../domain/answer';
import { actorIsDeputy, type Actor } from '../../domain/permissions';
import { coversPlan } from '../../domain/kinds';
import { activePlans, normalizeAddress, type Plan, type RegisterContent } from '../../domain/register';
import type { Round } from '../../domain/round';
import type { AnswerProgress, PlanSettings } from '../../../storage/ports';
import type { AppDeps } from '../deps';
import { openRoundsDueFirst } from '../rounds/find-round';

/** The answer's latest version without its texts (read them with answers.current where shown). */
type LatestVersion = Omit<AnswerVersion, 'content'>;

export type PlanProgress =
  | { state: 'unanswered' }
  | { state: 'draft'; at: Date; latest: LatestVersion; submittedAt?: Date }
  | { state: 'submitted'; at: Date; latest: LatestVersion };

export interface OwnPlan {
  plan: Plan;
  progress: PlanProgress;
}

export interface OwnRound {
  round: Round;
  plans: OwnPlan[];
}

function progressOf(current: AnswerProgress | undefined): PlanProgress {
  if (!current) return { state: 'unanswered' };
  const { latest, submittedAt } = current;
  return latest.state === 'submitted'
    ? { state: 'submitted', at: latest.at, latest }
    : { state: 'draft', at: latest.at, latest, submittedAt };
}

/** Active plans by the address of their officer and of their standing deputy, and by id. */
interface PlanIndex {
  byPerson: Map<string, Plan[]>;
  byId: Map<string, Plan>;
}

// One index per register read: the Table store hands every caller the same register object
// until a new version becomes current, so 200 officers asking at once index it once.
const indexes = new WeakMap<RegisterContent, PlanIndex>();

function indexOf(register: RegisterContent): PlanIndex {
  let index = indexes.get(register);
  if (!index) {
    index = { byPerson: new Map(), byId: new Map() };
    for (const plan of activePlans(register)) {
      index.byId.set(plan.id, plan);
      for (const person of new Set([plan.officer, plan.deputy].filter((a): a is string => !!a).map(normalizeAddress))) {
        index.byPerson.set(person, [...(index.byPerson.get(person) ?? []), plan]);
      }
    }
    indexes.set(register, index);
  }
  return index;
}

// One lookup per list of answers: the Table store hands every caller the same list until an
// answer of the round changes, so officers asking at once look their plans up in one map.
const answersByPlan = new WeakMap<readonly AnswerProgress[], Map<string, AnswerProgress>>();

function answerLookup(current: readonly AnswerProgress[]): Map<string, AnswerProgress> {
  let byPlan = answersByPlan.get(current);
  if (!byPlan) {
    byPlan = new Map(current.map((a) => [a.latest.planId, a]));
    answersByPlan.set(current, byPlan);
  }
  return byPlan;
}

/**
 * The actor's plans in a round: those whose officer or standing deputy has one of the actor's
 * addresses (as actorOwnsPlan and actorIsStandingDeputy compare them), and those delegated to
 * the actor in the round.
 */
function plansOf(index: PlanIndex, actor: Actor, delegations: readonly PlanSettings[]): Plan[] {
  const found = new Set<Plan>();
  for (const address of actor.addresses) for (const plan of index.byPerson.get(normalizeAddress(address)) ?? []) found.add(plan);
  for (const delegation of delegations) {
    const plan = index.byId.get(delegation.planId);
    if (plan && actorIsDeputy(delegation, actor)) found.add(plan);
  }
  return [...found];
}

/**
 * The actor's plans in every open round, with progress: those they are the officer of, and those
 * delegated to them in that round. One query per round for the answers and one for the settings.
 */
export async function listOwnPlans(deps: Pick<AppDeps, 'stores' | 'clock'>, actor: Actor): Promise<OwnRound[]> {
  const rounds = openRoundsDueFirst(await deps.stores.rounds.list(), deps.clock.now());
  if (rounds.length === 0) return [];
  const register = await deps.stores.registers.current();
  const index = register ? indexOf(register) : { byPerson: new Map(), byId: new Map() };
  const result: OwnRound[] = [];
  for (const round of rounds) {
    const [current, settings] = await Promise.all([deps.stores.answers.listProgress(round.id), deps.stores.settings.listPlans(round.id)]);
    const answers = answerLookup(current);
    result.push({
      round,
      plans: plansOf(index, actor, settings)
        .filter((plan) => coversPlan(round, plan))
        .map((plan) => ({ plan, progress: progressOf(answers.get(plan.id)) }))
        .sort((a, b) => a.plan.title.localeCompare(b.plan.title, 'sv')),
    });
  }
  return result;
}

/** The plans still to submit: not answered, or with a draft newer than any submit. */
export function unsubmitted(round: OwnRound): OwnPlan[] {
  return round.plans.filter((p) => p.progress.state !== 'submitted');
}

/** The latest version of a plan's answer with its texts (draft or submitted), for a card that shows them. */
export async function latestAnswer(deps: Pick<AppDeps, 'stores'>, roundId: string, planId: string): Promise<AnswerVersion | undefined> {
  return (await deps.stores.answers.current(roundId, planId))?.value.latest;
}
