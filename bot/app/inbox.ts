// Teams delivers an activity again when the bot's reply was slow: each activity is claimed once
// by its conversation and id, so that the second delivery can be told from the first.

import type { AppDeps } from './deps';

/** True the first time an activity is seen (and for one without an id, which cannot be told apart). */
export async function firstDelivery(
  deps: Pick<AppDeps, 'stores' | 'clock' | 'log'>,
  activity: { conversationId: string; id?: string; type: string; sentAt?: Date },
): Promise<boolean> {
  if (!activity.id) return true;
  const first = await deps.stores.inbox.claim(activity.conversationId, activity.id, deps.clock.now(), activity.sentAt);
  if (!first) deps.log.info('activity.duplicate', { type: activity.type, activity: activity.id });
  return first;
}
