// The coordinator's `påminn` (in the chat, and Påminn in the tab): the card again, with a
// reminder line, to every officer of the round who has not submitted (or to those of the plans
// named), at once rather than at the policy's next slot.

import type { Round } from '../../domain/round';
import { reminderId } from '../../domain/reminders';
import { ContactBook } from '../contacts/contact-book';
import { summarise } from '../coordinator/summary';
import type { AppDeps } from '../deps';
import { sendReminderCard } from './send-reminder';

export interface RemindCounts {
  sent: number;
  unreachable: number;
  /** Plans whose reminder of this request was claimed before: a second press, or a redelivered command. */
  alreadyReminded: number;
}

/**
 * Sends the card again, with a reminder line, to every officer who has not submitted (of the
 * plans named in `planIds`, when given). The request's id (the command's activity id) makes
 * each reminder a delivery of its own: a redelivered command sends nothing twice.
 */
export async function remindUnsubmitted(
  deps: AppDeps,
  round: Round,
  requestedBy: string,
  commandId: string,
  options: { planIds?: readonly string[] } = {},
): Promise<RemindCounts> {
  const summary = await summarise(deps, round);
  const named = options.planIds && new Set(options.planIds);
  const open = summary.entries.filter((e) => e.state !== 'submitted' && (!named || named.has(e.plan.id)));
  const contacts = await ContactBook.open(deps);
  await contacts.lookUp(open.flatMap((e) => (e.plan.officer ? [e.plan.officer] : [])));
  let sent = 0;
  let unreachable = 0;
  let alreadyReminded = 0;
  for (const entry of open) {
    const contact = entry.plan.officer ? contacts.get(entry.plan.officer) : undefined;
    if (!contact) {
      unreachable++;
      continue;
    }
    const { outcome, reached } = await sendReminderCard(deps, round, entry.plan, contact, { id: reminderId(entry.plan.id, commandId) });
    if (outcome === 'sent') sent++;
    if (outcome === 'failed' || outcome === 'unreachable') unreachable++;
    if (outcome === 'claimed-elsewhere') alreadyReminded++;
    // A 1:1 conversation created for one plan serves the officer's other plans.
    contacts.reached(reached);
  }
  await deps.stores.audit.record({ at: deps.clock.now(), actor: requestedBy, action: 'round.reminded', subject: `round:${round.id}`, details: { sent, unreachable, alreadyReminded } });
  return { sent, unreachable, alreadyReminded };
}
