// Who is asking, for the tab: their name from the register and what they may see there
// (coordinator, manager, officer), and in local mode the register's people to sign in as.

import { personIdOf, type Actor } from '../../domain/permissions';
import type { Locale } from '../../domain/locale';
import { activePlans, findPerson, type RegisterContent } from '../../domain/register';
import type { TabPersonView, TabUserView } from '../../domain/tab-views';
import { tabViewerOf } from '../access';

type Role = TabPersonView['roles'][number];

/** What the actor is in the register: coordinator, manager of an officer with plans, officer or standing deputy of a plan. */
export function rolesOf(register: RegisterContent, actor: Actor): Role[] {
  const viewer = tabViewerOf(register, actor);
  const plans = activePlans(register);
  const roles: Role[] = [];
  if (viewer.coordinator) roles.push('coordinator');
  if (plans.some((p) => viewer.manages(p))) roles.push('manager');
  if (plans.some((p) => viewer.answersFor(p))) roles.push('officer');
  return roles;
}

export function tabUserView(register: RegisterContent, actor: Actor, locale: Locale, localSignIn: boolean): TabUserView {
  const roles = rolesOf(register, actor);
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
export function signInChoices(register: RegisterContent): TabPersonView[] {
  return register.people.map((p) => ({ id: p.id, name: p.name, roles: rolesOf(register, { aadObjectId: p.id, name: p.name, addresses: [p.id] }) }));
}
