// The app added to or removed from a conversation. A team or group chat is kept as an
// installation, so that its roster can be searched for register people; a person's 1:1 chat
// lives on their contact. Teams announces one installation twice (installationUpdate and
// conversationUpdate), so the greeting is claimed once per conversation.

import type { AppDeps } from '../deps';

export interface SharedInstallation {
  /** The team's id, or the group chat's conversation id. */
  conversationId: string;
  kind: 'team' | 'groupChat';
  tenantId?: string;
  name?: string;
  /** Teams' conversation reference, for reading the roster later. */
  reference: unknown;
  removed: boolean;
}

/** A team or group chat added (or removed) the app: kept, with when it was removed. */
export async function recordInstallation(deps: Pick<AppDeps, 'stores' | 'clock'>, installation: SharedInstallation): Promise<void> {
  const { removed, ...rest } = installation;
  const now = deps.clock.now();
  await deps.stores.installations.save({ ...rest, installedAt: now, removedAt: removed ? now : undefined });
}

/** The app was removed from a person's 1:1 chat: the record is kept, but nothing is sent to it. */
export async function markPersonalChatRemoved(deps: Pick<AppDeps, 'stores' | 'clock'>, aadObjectId: string): Promise<void> {
  const known = await deps.stores.contacts.get(aadObjectId);
  if (known) await deps.stores.contacts.save({ ...known, stale: true, updatedAt: deps.clock.now() });
}

/** True the first time only: the conversation is greeted once. */
export async function claimWelcome(deps: Pick<AppDeps, 'stores' | 'clock'>, conversationId: string): Promise<boolean> {
  return deps.stores.inbox.claim(conversationId, 'welcome', deps.clock.now());
}
