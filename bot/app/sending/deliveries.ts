// Claiming and completing deliveries, the same way for every kind of send: claim before sending
// (taking over, once, a claim left behind by a process that died before completing it), and
// after it record the outcome with Teams' status code. A person Teams says cannot be reached
// (blocked the bot, or the bot is no longer in the conversation) is marked stale, so the next
// sends skip them and the coordinator's progress lists them.

import type { AdaptiveCard } from '../../../cards/expand';
import { leaseExpired, type Delivery, type DeliveryOutcome } from '../../../storage/ports';
import type { Contact } from '../../domain/contact';
import { localeFrom, type Locale } from '../../domain/locale';
import { sendingOf, type AppDeps } from '../deps';
import { SendError } from '../ports';
import { failureOutcome } from './send-policy';

/** Claims before this instant that are still `claimed` were left behind: their lease expired. */
export function staleBefore(deps: Pick<AppDeps, 'clock' | 'sending'>): Date {
  return new Date(deps.clock.now().getTime() - sendingOf(deps).deliveryLeaseMs);
}

/** The claim rule the stores decide by: asked before claiming, to skip what a claim would refuse. */
export { claimable } from '../../../storage/ports';

/**
 * A claim held within its lease: by another process now, or by one that died (to be taken over
 * when the lease expires). A claim taken over once whose taker died too is not pending: it is
 * not tried a third time.
 */
export function pending(existing: Delivery | undefined, before: Date): boolean {
  return existing?.outcome === 'claimed' && !leaseExpired(existing, before);
}

/** Claims the delivery; true when this process is to send it. */
export async function claimDelivery(deps: AppDeps, delivery: Delivery): Promise<boolean> {
  return deps.stores.deliveries.claim(delivery, { staleBefore: staleBefore(deps) });
}

/**
 * Records a send that failed: `unreachable` (and the contact marked stale) when Teams said the
 * person cannot be reached, `failed` otherwise; the status code and error are kept.
 */
export async function completeFailedDelivery(
  deps: AppDeps,
  delivery: Delivery,
  err: unknown,
  contact?: Contact,
): Promise<Extract<DeliveryOutcome, 'failed' | 'unreachable'>> {
  const outcome = failureOutcome(err);
  const send = err instanceof SendError ? err : undefined;
  const fields = {
    round: delivery.roundId,
    delivery: delivery.id,
    statusCode: send?.statusCode ?? 'none',
    code: send?.code ?? 'none',
    attempts: send?.attempts ?? 1,
  };
  if (outcome === 'unreachable') {
    deps.log.warn(`${delivery.kind}.unreachable`, fields);
    if (contact && !contact.stale) await deps.stores.contacts.save({ ...contact, stale: true, updatedAt: deps.clock.now() });
  } else {
    deps.log.error(`${delivery.kind}.failed`, fields);
  }
  await deps.stores.deliveries.complete({
    ...delivery,
    outcome,
    completedAt: deps.clock.now(),
    statusCode: send?.statusCode,
    error: [send?.code, err instanceof Error ? err.message : 'unknown'].filter(Boolean).join(': ').slice(0, 500),
  });
  return outcome;
}

/** A delivery to be made: what is claimed, before its outcome is known. */
export type NewDelivery = Pick<Delivery, 'roundId' | 'id' | 'kind' | 'planId' | 'recipient'>;

export type CardDeliveryOutcome = Extract<DeliveryOutcome, 'sent' | 'failed' | 'unreachable'> | 'claimed-elsewhere';

/** A 1:1 message sent: what Teams returned for it. */
type Sent = Awaited<ReturnType<AppDeps['messenger']['sendCard']>>;

/**
 * Sends a card 1:1 as a claimed delivery, in the recipient's language: nothing is sent when the
 * delivery was claimed before (unless that claim was left behind and its lease expired). A 1:1
 * chat created on the way is kept with the contact; the outcome is recorded either way.
 */
export async function sendCardDelivery(
  deps: AppDeps,
  base: NewDelivery,
  contact: Contact,
  card: (locale: Locale) => AdaptiveCard | Promise<AdaptiveCard>,
): Promise<{ outcome: CardDeliveryOutcome; reached: Contact }> {
  return sendDelivery(deps, base, contact, async (locale) => ({ card: await card(locale) }));
}

/**
 * Sends a Markdown text 1:1 as a claimed delivery, in the recipient's language, the same way as
 * {@link sendCardDelivery} sends a card.
 */
export async function sendTextDelivery(
  deps: AppDeps,
  base: NewDelivery,
  contact: Contact,
  text: (locale: Locale) => string,
): Promise<{ outcome: CardDeliveryOutcome; reached: Contact }> {
  return sendDelivery(deps, base, contact, (locale) => ({ text: text(locale) }));
}

/** What a 1:1 delivery sends: a card, or a Markdown text. */
type Message = { card: AdaptiveCard } | { text: string };

/**
 * Claims the delivery and, when this process is to make it, sends the message in the recipient's
 * language and records the outcome.
 */
async function sendDelivery(
  deps: AppDeps,
  base: NewDelivery,
  contact: Contact,
  message: (locale: Locale) => Message | Promise<Message>,
): Promise<{ outcome: CardDeliveryOutcome; reached: Contact }> {
  const delivery: Delivery = { ...base, outcome: 'claimed', claimedAt: deps.clock.now() };
  if (!(await claimDelivery(deps, delivery))) return { outcome: 'claimed-elsewhere', reached: contact };
  const content = await message(localeFrom(contact.locale));
  let sent: Sent;
  try {
    sent = 'card' in content ? await deps.messenger.sendCard(contact, content.card) : await deps.messenger.sendText(contact, content.text);
  } catch (err) {
    return { outcome: await completeFailedDelivery(deps, delivery, err, contact), reached: contact };
  }
  if (sent.contact.conversation !== contact.conversation) await deps.stores.contacts.save(sent.contact);
  await deps.stores.deliveries.complete({
    ...delivery,
    outcome: 'sent',
    completedAt: deps.clock.now(),
    activityId: sent.activityId,
    conversationId: sent.conversationId,
  });
  return { outcome: 'sent', reached: sent.contact };
}
