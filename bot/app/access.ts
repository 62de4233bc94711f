// Who may do what: the coordinator check every admin action (plans, rounds, the register's
// upload, the channel, the coordinator's commands) asks before it acts, and what the tab's user
// may see (tabViewerOf), asked per request. A refusal is a value, logged and audited once here.

import { actorAnswersFor, actorIsCoordinator, actorManagesOfficer, type Actor, type PlanDelegation } from '../domain/permissions';
import { isRefused, type Refused } from '../domain/refusals';
import { normalizeAddress, type Plan, type Register, type RegisterContent } from '../domain/register';
import type { AppDeps } from './deps';

/** Why a coordinator's action was refused: not a coordinator, or no register yet to say who is. */
export type AdminRefusal = Refused<'not-coordinator' | 'no-register'>;

/** The area a refusal is logged and audited under: its event (`plans.refused`, …) and subject. */
export interface RefusedArea {
  action: string;
  subject: string;
}

/** The area of the coordinator's commands and of the register, unless an area names its own. */
export const COORDINATOR_REFUSED: RefusedArea = { action: 'coordinator.refused', subject: 'register' };

/**
 * The register when the actor is one of its coordinators, else why not. A refusal is logged and
 * audited by id, under the name of the area refused (`plans.refused`, `rounds.refused`, …).
 */
export async function checkCoordinator(deps: AppDeps, actor: Actor, refused: RefusedArea = COORDINATOR_REFUSED): Promise<Register | AdminRefusal> {
  const register = await deps.stores.registers.current();
  if (register && actorIsCoordinator(register, actor)) return register;
  await auditRefusal(deps, actor.aadObjectId, refused);
  return { kind: 'refused', reason: register ? 'not-coordinator' : 'no-register' };
}

/** The register when the actor is a coordinator of it, else undefined (the refusal audited). */
export async function coordinatorRegister(deps: AppDeps, actor: Actor): Promise<Register | undefined> {
  const checked = await checkCoordinator(deps, actor);
  return isRefused(checked) ? undefined : checked;
}

/** Logs and audits a refusal, once, by the actor's id and the area refused. */
export async function auditRefusal(deps: AppDeps, actorId: string, refused: RefusedArea, details?: Record<string, string>): Promise<void> {
  deps.log.warn(refused.action, { actor: actorId, ...details });
  await deps.stores.audit.record({ at: deps.clock.now(), actor: actorId, action: refused.action, subject: refused.subject, details });
}

/**
 * What the tab's user may see and do, what the chat would show them and no more: a coordinator
 * every plan, Påminn and the exports; an officer the plans they answer for (officer, standing
 * deputy, deputy in the round) and their cards; a manager the plans of the officers the register
 * names them manager of.
 */
export interface TabViewer {
  actor: Actor;
  /** The register version their rights were decided by: the views are built from the same one. */
  register: RegisterContent;
  coordinator: boolean;
  /** The plan, with the officer's choices for the round (the deputy delegated to). */
  maySee(plan: Plan, delegation?: PlanDelegation): boolean;
  /** Whether they answer for the plan (its officer or deputy): may have its card sent to them. */
  answersFor(plan: Plan, delegation?: PlanDelegation): boolean;
  /** Whether the register names them manager of the plan's officer. */
  manages(plan: Plan): boolean;
}

/** The tab's user as the register sees them: asked for every plan of every answer. */
export function tabViewerOf(register: RegisterContent, actor: Actor): TabViewer {
  const people = new Map(register.people.map((p) => [normalizeAddress(p.id), p]));
  const coordinator = actorIsCoordinator(register, actor);
  const answersFor = (plan: Plan, delegation?: PlanDelegation) => !plan.excludedReason && actorAnswersFor(plan, actor, delegation);
  const manages = (plan: Plan) => !plan.excludedReason && !!plan.officer && actorManagesOfficer(people.get(normalizeAddress(plan.officer)), actor);
  return {
    actor,
    register,
    coordinator,
    maySee: (plan, delegation) => coordinator || answersFor(plan, delegation) || manages(plan),
    answersFor,
    manages,
  };
}

/** The area the tab's refusals are logged and audited under (`tab.refused`), with what was asked for. */
export function tabRefused(subject: string): RefusedArea {
  return { action: 'tab.refused', subject };
}
