// How to reach a Teams user proactively, as stored in Contact.conversation. Only this folder
// reads it: the rest of the bot treats it as opaque.

import type { Activity, ConversationReference } from 'botbuilder';

export interface Reach {
  serviceUrl: string;
  channelId: string;
  bot: { id: string; name?: string };
  tenantId?: string;
  /** The 1:1 conversation, once it exists. */
  conversationId?: string;
}

export function isReach(value: unknown): value is Reach {
  const r = value as Reach | undefined;
  return !!r && typeof r.serviceUrl === 'string' && typeof r.channelId === 'string' && typeof r.bot?.id === 'string';
}

export function tenantOf(activity: Partial<Activity>): string | undefined {
  const fromChannel = (activity.channelData as { tenant?: { id?: unknown } } | undefined)?.tenant?.id;
  if (typeof fromChannel === 'string') return fromChannel;
  return activity.conversation?.tenantId;
}

/** A 1:1 chat between the bot and one user (not a group chat or a team channel). */
export function isPersonalConversation(activity: Partial<Activity>): boolean {
  return activity.conversation?.conversationType === 'personal' || activity.conversation?.isGroup === false;
}

/** The reach of whoever sent an activity in a 1:1 chat. */
export function reachFromPersonalActivity(activity: Activity): Reach {
  return {
    serviceUrl: activity.serviceUrl,
    channelId: activity.channelId,
    bot: { id: activity.recipient.id, name: activity.recipient.name },
    tenantId: tenantOf(activity),
    conversationId: activity.conversation.id,
  };
}

export function referenceFor(reach: Reach, userId: string): Partial<ConversationReference> {
  return {
    serviceUrl: reach.serviceUrl,
    channelId: reach.channelId,
    bot: { id: reach.bot.id, name: reach.bot.name ?? '' },
    user: { id: userId, name: '' },
    conversation: {
      id: reach.conversationId ?? '',
      isGroup: false,
      conversationType: 'personal',
      tenantId: reach.tenantId,
      name: '',
    },
  };
}
