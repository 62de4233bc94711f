// The coordinator's `påminn`: the card again, with a reminder line, to every officer of the
// round who has not submitted, at once rather than at the policy's next slot.

import type { Round } from '../../domain/round';
import { reminderId } from '../../domain/reminders';
import { ContactBook } from '../contacts/contact-book';
import { summarise } from '../coordinator/summary';
import type { AppDeps } from '../deps';
import { sendReminderCard } from './send-reminder';

/**
 * Sends the card again, with a reminder line, to every officer who has not submitted. The
 * command's activity id makes each reminder a delivery of its own: a redelivered command
 * sends nothing twice.
 */
export async function remindUnsubmitted(
  deps: AppDeps,
  round: Round,
  requestedBy: string,
  commandId: string,
): Promise<{ sent: number; unreachable: number }> {
  const summary = await summarise(deps, round);
  const open = summary.entries.filter((e) => e.state !== 'submitted');
  const contacts = await ContactBook.open(deps);
  await contacts.lookUp(open.flatMap((e) => (e.plan.officer ? [e.plan.officer] : [])));
  let sent = 0;
  let unreachable = 0;
  for (const entry of open) {
    const contact = entry.plan.officer ? contacts.get(entry.plan.officer) : undefined;
    if (!contact) {
      unreachable++;
      continue;
    }
    const { outcome, reached } = await sendReminderCard(deps, round, entry.plan, contact, { id: reminderId(entry.plan.id, commandId) });
    if (outcome === 'sent') sent++;
    if (outcome === 'failed' || outcome === 'unreachable') unreachable++;
    // A 1:1 conversation created for one plan serves the officer's other plans.
    contacts.reached(reached);
  }
  await deps.stores.audit.record({ at: deps.clock.now(), actor: requestedBy, action: 'round.reminded', subject: `round:${round.id}`, details: { sent, unreachable } });
  return { sent, unreachable };
}
