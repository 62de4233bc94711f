// Who may do what. An answer for a plan may come from its responsible officer or a coordinator;
// nobody else, whatever a card submit claims.

import { isCoordinator, normalizeAddress, type Plan, type RegisterContent } from './register';

/** The person behind an activity, with every address the directory knows for them. */
export interface Actor {
  aadObjectId: string;
  name: string;
  addresses: string[];
}

export function actorIsCoordinator(register: RegisterContent, actor: Actor): boolean {
  return actor.addresses.some((a) => isCoordinator(register, a));
}

export function actorOwnsPlan(plan: Plan, actor: Actor): boolean {
  if (!plan.officer) return false;
  const officer = normalizeAddress(plan.officer);
  return actor.addresses.some((a) => normalizeAddress(a) === officer);
}

export function mayAnswerFor(register: RegisterContent, plan: Plan, actor: Actor): boolean {
  return !plan.excludedReason && (actorOwnsPlan(plan, actor) || actorIsCoordinator(register, actor));
}
