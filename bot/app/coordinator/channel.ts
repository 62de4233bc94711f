// The coordinator channel: where the summaries, the weekly digests and the overdue list are
// posted. A coordinator binds it by mentioning the bot there; binding it again moves it.

import { personIdOf, type Actor } from '../../domain/permissions';
import type { Refused } from '../../domain/refusals';
import type { ChannelBinding } from '../../../storage/ports';
import { coordinatorRegister } from '../access';
import type { AppDeps } from '../deps';

/** What a post to the channel answers when no channel is bound yet. */
export type NoChannelRefusal = Refused<'no-channel'>;

/** Binds the channel for a coordinator (audited); false, and the refusal audited, for anyone else. */
export async function bindChannel(deps: AppDeps, actor: Actor, binding: Omit<ChannelBinding, 'boundBy' | 'boundAt'>): Promise<boolean> {
  if (!(await coordinatorRegister(deps, actor))) return false;
  const now = deps.clock.now();
  await deps.stores.channels.bind({ ...binding, boundBy: personIdOf(actor), boundAt: now });
  await deps.stores.audit.record({ at: now, actor: actor.aadObjectId, action: 'channel.bound', subject: `channel:${binding.conversationId}` });
  return true;
}
