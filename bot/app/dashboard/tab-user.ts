// Who is asking, for the tab: their name from the register and what they may see there
// (coordinator, manager, officer), and in local mode the register's people to sign in as.

import { personIdOf, type Actor } from '../../domain/permissions';
import type { Locale } from '../../domain/locale';
import { activePlans, findPerson, type Plan, type RegisterContent } from '../../domain/register';
import { roundPhase } from '../../domain/round';
import type { TabPersonView, TabUserView } from '../../domain/tab-views';
import type { PlanSettings } from '../../../storage/ports';
import { tabViewerOf } from '../access';
import type { AppDeps } from '../deps';

type Role = TabPersonView['roles'][number];

/**
 * The officers' delegations in the rounds open now, by plan id: a deputy delegated a plan there
 * answers for it (and sees it), so is an officer to the tab. One query per open round.
 */
export async function openDelegations(deps: AppDeps): Promise<Map<string, PlanSettings[]>> {
  const now = deps.clock.now();
  const open = (await deps.stores.rounds.list()).filter((r) => roundPhase(r, now) === 'open');
  const byPlan = new Map<string, PlanSettings[]>();
  for (const s of (await Promise.all(open.map((r) => deps.stores.settings.listPlans(r.id)))).flat()) {
    byPlan.set(s.planId, [...(byPlan.get(s.planId) ?? []), s]);
  }
  return byPlan;
}

/**
 * What the actor is: coordinator, manager of an officer with plans, officer or deputy of a plan
 * (standing, or delegated it in an open round: `delegations`, from openDelegations).
 */
export function rolesOf(register: RegisterContent, actor: Actor, delegations: Map<string, PlanSettings[]>): Role[] {
  const viewer = tabViewerOf(register, actor);
  const plans = activePlans(register);
  const answersFor = (plan: Plan) => viewer.answersFor(plan) || (delegations.get(plan.id) ?? []).some((d) => viewer.answersFor(plan, d));
  const roles: Role[] = [];
  if (viewer.coordinator) roles.push('coordinator');
  if (plans.some((p) => viewer.manages(p))) roles.push('manager');
  if (plans.some(answersFor)) roles.push('officer');
  return roles;
}

export function tabUserView(
  register: RegisterContent,
  actor: Actor,
  locale: Locale,
  localSignIn: boolean,
  delegations: Map<string, PlanSettings[]>,
): TabUserView {
  const roles = rolesOf(register, actor, delegations);
  const person = actor.addresses.map((a) => findPerson(register, a)).find((p) => p !== undefined);
  return {
    id: person?.id ?? personIdOf(actor),
    name: person?.name ?? actor.name,
    locale,
    coordinator: roles.includes('coordinator'),
    manager: roles.includes('manager'),
    officer: roles.includes('officer'),
    localSignIn,
  };
}

/** The actor a local sign-in stands for: the register's person by id. */
export function localActor(register: RegisterContent, personId: string): Actor | undefined {
  const person = findPerson(register, personId);
  return person && { aadObjectId: `local:${person.id}`, name: person.name, addresses: [person.id] };
}

/** The register's people with their roles, for "sign in as" (local mode only). */
export function signInChoices(register: RegisterContent, delegations: Map<string, PlanSettings[]>): TabPersonView[] {
  return register.people.map((p) => ({
    id: p.id,
    name: p.name,
    roles: rolesOf(register, { aadObjectId: p.id, name: p.name, addresses: [p.id] }, delegations),
  }));
}
