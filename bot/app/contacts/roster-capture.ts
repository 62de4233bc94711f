// When the app joins a team or group chat, the register people among its members become
// reachable: their contact (with how to reach them) is stored, so that their 1:1 chat can be
// created when a card is due. Someone already reachable in their own 1:1 chat is left as is.

import { contactAddresses, type Contact } from '../../domain/contact';
import type { AppDeps } from '../deps';

/** A conversation's members, as contacts where they can be (a member without a directory id cannot). */
export interface Roster {
  memberCount: number;
  contacts: Contact[];
}

/**
 * Stores the register people in the roster. The roster is read (`readRoster`, undefined when
 * Teams would not give it) only when there is a register to look for.
 */
export async function captureRoster(deps: Pick<AppDeps, 'stores' | 'log'>, readRoster: () => Promise<Roster | undefined>): Promise<void> {
  const register = await deps.stores.registers.current();
  if (!register) return;
  const wanted = new Set(register.people.map((p) => p.id));
  const roster = await readRoster();
  if (!roster) return;
  let captured = 0;
  for (const contact of roster.contacts) {
    if (!contactAddresses(contact).some((a) => wanted.has(a))) continue;
    const known = await deps.stores.contacts.get(contact.aadObjectId);
    if (known?.conversation && !known.stale) continue; // already reachable 1:1
    await deps.stores.contacts.save(contact);
    captured++;
  }
  deps.log.info('roster.captured', { members: roster.memberCount, captured });
}
