// A Teams user the bot can reach: who they are in the directory and the conversation reference
// for proactive 1:1 messages. The reference is opaque here; only the Teams layer reads it.

import { normalizeAddress } from './register';

export interface Contact {
  /** Azure AD object id: the stable key of a Teams user across conversations. */
  aadObjectId: string;
  /** The user's id in Teams conversations (29:…). */
  teamsUserId: string;
  name: string;
  upn?: string;
  email?: string;
  tenantId?: string;
  locale?: string;
  /** Conversation reference of the 1:1 chat, as the Teams layer stores it. */
  conversation?: unknown;
  /** Set when Teams said the bot can no longer reach the user there. */
  stale?: boolean;
  updatedAt: Date;
}

/** Register people are matched to Teams users by UPN or e-mail, case-insensitively. */
export function contactMatches(contact: Pick<Contact, 'upn' | 'email'>, address: string): boolean {
  const wanted = normalizeAddress(address);
  return [contact.upn, contact.email].some((a) => a !== undefined && normalizeAddress(a) === wanted);
}

export function contactAddresses(contact: Pick<Contact, 'upn' | 'email'>): string[] {
  return [contact.upn, contact.email].filter((a): a is string => !!a).map(normalizeAddress);
}
