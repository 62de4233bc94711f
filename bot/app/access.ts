// Who may do what: the coordinator check every admin action (plans, rounds, the register's
// upload, the channel, the coordinator's commands) asks before it acts. A refusal is a value,
// logged and audited once here.

import { actorIsCoordinator, type Actor } from '../domain/permissions';
import { isRefused, type Refused } from '../domain/refusals';
import type { Register } from '../domain/register';
import type { AppDeps } from './deps';

/** Why a coordinator's action was refused: not a coordinator, or no register yet to say who is. */
export type AdminRefusal = Refused<'not-coordinator' | 'no-register'>;

/**
 * The register when the actor is one of its coordinators, else why not. A refusal is logged and
 * audited by id, under the name of the area refused (`plans.refused`, `rounds.refused`, …).
 */
export async function checkCoordinator(
  deps: AppDeps,
  actor: Actor,
  refused: { action: string; subject: string } = { action: 'coordinator.refused', subject: 'register' },
): Promise<Register | AdminRefusal> {
  const register = await deps.stores.registers.current();
  if (register && actorIsCoordinator(register, actor)) return register;
  deps.log.warn(refused.action, { actor: actor.aadObjectId });
  await deps.stores.audit.record({ at: deps.clock.now(), actor: actor.aadObjectId, action: refused.action, subject: refused.subject });
  return { kind: 'refused', reason: register ? 'not-coordinator' : 'no-register' };
}

/** The register when the actor is a coordinator of it, else undefined (the refusal audited). */
export async function coordinatorRegister(deps: AppDeps, actor: Actor): Promise<Register | undefined> {
  const checked = await checkCoordinator(deps, actor);
  return isRefused(checked) ? undefined : checked;
}
