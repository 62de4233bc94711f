// Reminders and escalation, run by the scheduler tick: for every open round inside office hours,
// read the round's state once (one partition query each), ask `decideFollowUps` what is due and
// perform it. Every message is a claimed delivery with a deterministic id, so a restart, a second
// process or the next tick never sends it again; a recipient who cannot be reached is recorded
// as such (the delivery exists, so the same slot is not tried again every tick).
//
// Office hours are checked here, per round (its time zone), and nowhere in the decision: a slot
// that passes at night is sent at the next opening as the latest slot that has passed.

import { buildOverdueDigestCard } from '../../../cards/overdue-digest-card';
import type { Contact } from '../../domain/contact';
import {
  decideFollowUps,
  type EscalationAction,
  type FollowUpAction,
  type OverdueListAction,
  type ReminderAction,
} from '../../domain/reminders';
import type { Locale } from '../../domain/locale';
import { withinOfficeHours } from '../../domain/office-hours';
import { normalizeAddress, type Register } from '../../domain/register';
import { roundPhase, type Round } from '../../domain/round';
import type { ChannelBinding, Delivery, DeliveryOutcome } from '../../../storage/ports';
import type { AdaptiveCard } from '../../../cards/expand';
import { ContactBook } from '../contacts/contact-book';
import { claimDelivery, completeFailedDelivery, sendCardDelivery, type NewDelivery } from '../sending/deliveries';
import { sendingOf, type AppDeps } from '../deps';
import { sendReminderCard } from './send-reminder';
import { runPool } from '../sending/pool';
import { errorMessage } from '../../domain/errors';

export interface ReminderReport {
  roundId: string;
  /** Delivery ids by what became of them. */
  sent: string[];
  failed: string[];
  unreachable: string[];
  /** Claimed by another process first. */
  skipped: string[];
}

/** The tick's part: performs the follow-ups due now in every open round within office hours. */
export async function runReminders(deps: AppDeps): Promise<ReminderReport[]> {
  const now = deps.clock.now();
  const rounds = (await deps.stores.rounds.list()).filter(
    (r) => roundPhase(r, now) === 'open' && r.promptedAt && withinOfficeHours(now, deps.officeHours, r.timeZone),
  );
  if (rounds.length === 0) return [];
  const register = await deps.stores.registers.current();
  if (!register) return [];
  const absences = await deps.stores.settings.listAbsences();
  const reports: ReminderReport[] = [];
  // Every contact is read only when something is to be sent.
  let people: ContactBook | undefined;
  for (const round of rounds) {
    try {
      const [answers, deliveries, settings] = await Promise.all([
        deps.stores.answers.listProgress(round.id),
        deps.stores.deliveries.list(round.id),
        deps.stores.settings.listPlans(round.id),
      ]);
      const actions = decideFollowUps({ round, register, answers, deliveries, settings, absences, now });
      if (actions.length === 0) continue;
      people ??= await ContactBook.open(deps);
      reports.push(await perform(deps, round, register, actions, people));
    } catch (err) {
      // One round's storage trouble must not hold back the others; the next tick tries again.
      deps.log.error('follow-ups.failed', { round: round.id, error: errorMessage(err) });
    }
  }
  return reports;
}

async function perform(deps: AppDeps, round: Round, register: Register, actions: FollowUpAction[], people: ContactBook): Promise<ReminderReport> {
  const report: ReminderReport = { roundId: round.id, sent: [], failed: [], unreachable: [], skipped: [] };
  const note = (id: string, outcome: DeliveryOutcome | 'claimed-elsewhere') => {
    if (outcome === 'sent') report.sent.push(id);
    else if (outcome === 'unreachable') report.unreachable.push(id);
    else if (outcome === 'claimed-elsewhere') report.skipped.push(id);
    else report.failed.push(id);
  };
  const binding = actions.some((a) => a.kind === 'overdue') ? await deps.stores.channels.current() : undefined;
  const addresses = actions.flatMap((a) =>
    a.kind === 'reminder' ? [a.recipient] : a.kind === 'escalation' ? [a.manager] : binding ? [] : register.coordinators,
  );
  await people.lookUp(addresses);
  const names = new Map(register.people.map((p) => [normalizeAddress(p.id), p.name]));
  const nameOf = (address: string) => names.get(normalizeAddress(address));

  // One task per recipient (an officer's reminders one after the other, so that a 1:1 chat
  // created for the first serves the rest), over the same bounded pool as the prompts.
  const byRecipient = new Map<string, FollowUpAction[]>();
  for (const action of actions) {
    const key = action.kind === 'reminder' ? action.recipient : action.kind === 'escalation' ? action.manager : 'coordinators';
    byRecipient.set(key, [...(byRecipient.get(key) ?? []), action]);
  }
  await runPool([...byRecipient.values()], sendingOf(deps).concurrency, async (own) => {
    for (const action of own) {
      if (action.kind === 'reminder') note(action.id, await remind(deps, round, register, action, people));
      else if (action.kind === 'escalation') note(action.id, await escalate(deps, round, action, nameOf, people));
      else note(action.id, await listOverdue(deps, round, register, action, binding, nameOf, people));
    }
  });
  deps.log.info('follow-ups.performed', {
    round: round.id,
    sent: report.sent.length,
    failed: report.failed.length,
    unreachable: report.unreachable.length,
    skipped: report.skipped.length,
  });
  return report;
}

async function remind(
  deps: AppDeps,
  round: Round,
  register: Register,
  action: ReminderAction,
  people: ContactBook,
): Promise<DeliveryOutcome | 'claimed-elsewhere'> {
  const contact = people.get(action.recipient);
  const plan = register.plans.find((p) => p.id === action.planId)!; // the decision read it from this register
  let outcome: DeliveryOutcome | 'claimed-elsewhere';
  if (!contact) {
    outcome = await recordUnreachable(deps, { roundId: round.id, id: action.id, kind: 'reminder', planId: plan.id, recipient: action.recipient });
  } else {
    const sent = await sendReminderCard(deps, round, plan, contact, { id: action.id, overdue: action.overdue });
    if (sent.outcome === 'unreachable') people.forget(contact);
    else people.reached(sent.reached);
    outcome = sent.outcome;
  }
  await audit(deps, round, action.id, outcome, { plan: plan.id, slot: action.slot });
  return outcome;
}

async function escalate(
  deps: AppDeps,
  round: Round,
  action: EscalationAction,
  nameOf: (address: string) => string | undefined,
  people: ContactBook,
): Promise<DeliveryOutcome | 'claimed-elsewhere'> {
  const delivery = { roundId: round.id, id: action.id, kind: 'escalation' as const, planId: '', recipient: action.manager };
  const contact = people.get(action.manager);
  const outcome = contact
    ? await sendCardOnce(deps, delivery, contact, people, (locale) =>
        buildOverdueDigestCard({ locale, round, audience: 'manager', plans: action.plans, nameOf }),
      )
    : await recordUnreachable(deps, delivery);
  await audit(deps, round, action.id, outcome, { plans: action.plans.length });
  return outcome;
}

/**
 * The coordinators' overdue list: posted in their bound channel, or, when none is bound, sent
 * 1:1 to each coordinator (each a delivery of its own under the list's, so none gets it twice).
 */
async function listOverdue(
  deps: AppDeps,
  round: Round,
  register: Register,
  action: OverdueListAction,
  binding: ChannelBinding | undefined,
  nameOf: (address: string) => string | undefined,
  people: ContactBook,
): Promise<DeliveryOutcome | 'claimed-elsewhere'> {
  const card = (locale: Locale) => buildOverdueDigestCard({ locale, round, audience: 'coordinators', plans: action.plans, nameOf });
  const delivery: Delivery = {
    roundId: round.id,
    id: action.id,
    kind: 'overdue',
    planId: '',
    recipient: binding?.conversationId ?? 'coordinators',
    outcome: 'claimed',
    claimedAt: deps.clock.now(),
  };
  if (!(await claimDelivery(deps, delivery))) return 'claimed-elsewhere';
  let outcome: DeliveryOutcome;
  if (binding) {
    try {
      // The channel is shared: it is written to in the organisation's language.
      const [activityId] = await deps.messenger.postToChannel(binding.reference, [{ card: card('sv') }]);
      await deps.stores.deliveries.complete({ ...delivery, outcome: 'sent', completedAt: deps.clock.now(), activityId, conversationId: binding.conversationId });
      outcome = 'sent';
    } catch (err) {
      outcome = await completeFailedDelivery(deps, delivery, err);
    }
  } else {
    const outcomes: Array<DeliveryOutcome | 'claimed-elsewhere'> = [];
    for (const address of register.coordinators.map(normalizeAddress)) {
      const each = { roundId: round.id, id: `${action.id}:${address}`, kind: 'overdue' as const, planId: '', recipient: address };
      const contact = people.get(address);
      outcomes.push(contact ? await sendCardOnce(deps, each, contact, people, card) : await recordUnreachable(deps, each));
    }
    outcome = outcomes.includes('sent') ? 'sent' : outcomes.includes('failed') ? 'failed' : 'unreachable';
    await deps.stores.deliveries.complete({ ...delivery, outcome, completedAt: deps.clock.now() });
  }
  await audit(deps, round, action.id, outcome, { plans: action.plans.length, channel: !!binding });
  return outcome;
}

/** Sends the card 1:1 in the recipient's language as a claimed delivery. */
async function sendCardOnce(
  deps: AppDeps,
  base: NewDelivery,
  contact: Contact,
  people: ContactBook,
  card: (locale: Locale) => AdaptiveCard,
): Promise<DeliveryOutcome | 'claimed-elsewhere'> {
  const { outcome, reached } = await sendCardDelivery(deps, base, contact, card);
  if (outcome === 'unreachable') people.forget(contact);
  else people.reached(reached);
  return outcome;
}

/** Someone with no Teams contact (no app, not in a roster): the slot is spent, the fact recorded. */
async function recordUnreachable(deps: AppDeps, base: NewDelivery): Promise<DeliveryOutcome | 'claimed-elsewhere'> {
  const now = deps.clock.now();
  const claimed = await deps.stores.deliveries.claim({ ...base, outcome: 'unreachable', claimedAt: now, completedAt: now });
  if (!claimed) return 'claimed-elsewhere';
  deps.log.warn(`${base.kind}.unreachable`, { round: base.roundId, delivery: base.id });
  return 'unreachable';
}

async function audit(
  deps: AppDeps,
  round: Round,
  deliveryId: string,
  outcome: DeliveryOutcome | 'claimed-elsewhere',
  details: Record<string, string | number | boolean>,
): Promise<void> {
  if (outcome === 'claimed-elsewhere') return;
  const kind = deliveryId.split(':')[0];
  await deps.stores.audit.record({
    at: deps.clock.now(),
    actor: 'system',
    action: `${kind}.${outcome}`,
    subject: `round:${round.id}/delivery:${deliveryId}`,
    details: { outcome, ...details },
  });
}
