// Whoever writes to the bot is kept as a contact: who they are (name, addresses from the Teams
// roster the first time), their language, and, from a 1:1 chat, how to reach them there. The
// record is written only when something in it changed.

import { contactAddresses, type Contact } from '../../domain/contact';
import type { AppDeps } from '../deps';

/** What an activity says of its sender (not yet verified against the roster). */
export interface SeenSender {
  /** The Azure AD object id, or the Teams user id where the activity carries none. */
  aadObjectId: string;
  teamsUserId: string;
  name?: string;
  tenantId?: string;
  locale?: string;
  /** How to reach the sender: given for an activity from their 1:1 chat only. */
  personalChat?: unknown;
}

/** The sender as the Teams roster knows them. */
export interface MemberDetails {
  name?: string;
  email?: string;
  userPrincipalName?: string;
}

export interface RecordedSender {
  contact: Contact;
  /** The contact as it was stored before this activity, if it was. */
  before: Contact | undefined;
}

/**
 * The sender's contact, stored when it changed. The roster is asked (`lookUpMember`, undefined
 * when it cannot say) only while no address of the sender is known.
 */
export async function recordSender(
  deps: Pick<AppDeps, 'stores' | 'clock'>,
  seen: SeenSender,
  lookUpMember: () => Promise<MemberDetails | undefined>,
): Promise<RecordedSender> {
  const known = await deps.stores.contacts.get(seen.aadObjectId);
  const member = !known || contactAddresses(known).length === 0 ? await lookUpMember() : undefined;
  const contact: Contact = {
    aadObjectId: seen.aadObjectId,
    teamsUserId: seen.teamsUserId,
    name: member?.name ?? seen.name ?? known?.name ?? '',
    upn: member?.userPrincipalName ?? known?.upn,
    email: member?.email ?? known?.email,
    tenantId: seen.tenantId ?? known?.tenantId,
    locale: seen.locale ?? known?.locale,
    conversation: seen.personalChat ?? known?.conversation,
    updatedAt: deps.clock.now(),
  };
  const { updatedAt: _a, ...next } = contact;
  const { updatedAt: _b, ...before } = known ?? ({} as Contact);
  if (JSON.stringify(next) !== JSON.stringify(before)) await deps.stores.contacts.save(contact);
  return { contact, before: known };
}
