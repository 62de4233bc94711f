// Who may do what. An answer for a plan may come from its responsible officer, the deputy the
// officer delegated the round to, the plan's standing deputy in the register, or a coordinator;
// nobody else, whatever a card submit claims. The manager the register names for an officer may
// see (not answer) that officer's plans, as the escalation digest shows them.

import { isCoordinator, normalizeAddress, type Person, type Plan, type RegisterContent } from './register';

/** The person behind an activity, with every address the directory knows for them. */
export interface Actor {
  aadObjectId: string;
  name: string;
  addresses: string[];
}

/** The actor as the records name them: their first address, else their directory id. */
export function personIdOf(actor: Actor): string {
  return actor.addresses[0] ?? actor.aadObjectId;
}

/** What the officer chose for the plan in the round at hand (only the deputy matters here). */
export interface PlanDelegation {
  deputy?: string;
}

export function actorIsCoordinator(register: RegisterContent, actor: Actor): boolean {
  return actor.addresses.some((a) => isCoordinator(register, a));
}

export function actorOwnsPlan(plan: Plan, actor: Actor): boolean {
  if (!plan.officer) return false;
  const officer = normalizeAddress(plan.officer);
  return actor.addresses.some((a) => normalizeAddress(a) === officer);
}

/** The deputy of the plan in this round (delegation holds for one round only). */
export function actorIsDeputy(delegation: PlanDelegation | undefined, actor: Actor): boolean {
  if (!delegation?.deputy) return false;
  const deputy = normalizeAddress(delegation.deputy);
  return actor.addresses.some((a) => normalizeAddress(a) === deputy);
}

/** The plan's standing deputy in the register, who may answer in every round. */
export function actorIsStandingDeputy(plan: Plan, actor: Actor): boolean {
  if (!plan.deputy) return false;
  const deputy = normalizeAddress(plan.deputy);
  return actor.addresses.some((a) => normalizeAddress(a) === deputy);
}

/** The plan's officer, its standing deputy, or its deputy in the round: who answers for it (a coordinator aside). */
export function actorAnswersFor(plan: Plan, actor: Actor, delegation?: PlanDelegation): boolean {
  return actorOwnsPlan(plan, actor) || actorIsDeputy(delegation, actor) || actorIsStandingDeputy(plan, actor);
}

export function mayAnswerFor(register: RegisterContent, plan: Plan, actor: Actor, delegation?: PlanDelegation): boolean {
  return !plan.excludedReason && (actorAnswersFor(plan, actor, delegation) || actorIsCoordinator(register, actor));
}

/** The manager of the plan's officer, as the register names them (`officer.manager`). */
export function actorManagesOfficer(officer: Person | undefined, actor: Actor): boolean {
  if (!officer?.manager) return false;
  const manager = normalizeAddress(officer.manager);
  return actor.addresses.some((a) => normalizeAddress(a) === manager);
}
