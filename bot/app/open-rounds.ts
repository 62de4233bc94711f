// Opening a round: every responsible officer gets one answer card per plan, 1:1. Called by the
// scheduler tick; safe to call again at any time (each prompt is a delivery claimed once). The
// officers are served by a bounded pool of concurrent senders (the Teams layer paces them to the
// configured rate); one officer's plans go one after the other, so the 1:1 chat created for the
// first serves the rest.

import { buildAnswerCard } from '../../cards/answer-card';
import { emptyContent } from '../domain/answer';
import { contactAddresses, type Contact } from '../domain/contact';
import { localeFrom, type Locale } from '../domain/locale';
import { activePlans, normalizeAddress, type Plan } from '../domain/register';
import { withinOfficeHours } from '../domain/office-hours';
import { needsPrompting, roundPhase, type Round } from '../domain/round';
import { ConcurrencyError, type Delivery } from '../../storage/ports';
import { claimable, claimDelivery, completeFailedDelivery, pending, staleBefore } from './deliveries';
import { sendingOf, type AppDeps } from './deps';
import { runPool } from './pool';

export interface PromptReport {
  roundId: string;
  sent: number;
  alreadyClaimed: number;
  /** Addresses of officers the bot has no way to reach, or whom Teams said it cannot reach. */
  unreachable: string[];
  failed: number;
  /**
   * Prompts claimed but not completed: being sent by another process, or left behind by one that
   * died, to be sent again when their lease expires. The round is not done opening while any are.
   */
  pending: number;
}

/**
 * The scheduler tick: prompts every round whose opening time has come. Outside office hours
 * nothing is sent; the round's prompts go out at the next opening.
 */
export async function openDueRounds(deps: AppDeps): Promise<PromptReport[]> {
  const now = deps.clock.now();
  const reports: PromptReport[] = [];
  for (const round of await deps.stores.rounds.list()) {
    if (!needsPrompting(round, now) || !withinOfficeHours(now, deps.officeHours, round.timeZone)) continue;
    const report = await promptRound(deps, round);
    reports.push(report);
    // Failed and unreachable prompts stay recorded per delivery; the round counts as opened once
    // no claim is left pending (a claim a dead process left behind is sent at a later tick).
    if (report.pending === 0) await markPrompted(deps, round.id);
  }
  return reports;
}

async function markPrompted(deps: AppDeps, roundId: string): Promise<void> {
  const stored = await deps.stores.rounds.get(roundId);
  if (!stored || stored.value.promptedAt) return;
  try {
    await deps.stores.rounds.update({ ...stored.value, promptedAt: deps.clock.now() }, stored.etag);
    await deps.stores.audit.record({ at: deps.clock.now(), actor: 'system', action: 'round.opened', subject: `round:${roundId}` });
  } catch (err) {
    // Another process marked it first: the round is opened either way.
    if (!(err instanceof ConcurrencyError)) throw err;
  }
}

/** Index of contacts by every address they are known by. */
export function indexContacts(contacts: Contact[]): Map<string, Contact> {
  const byAddress = new Map<string, Contact>();
  for (const c of contacts) {
    // Someone met only in a channel has no 1:1 address yet: the rosters must be asked.
    if (c.stale || !c.conversation) continue;
    for (const address of contactAddresses(c)) byAddress.set(address, c);
  }
  return byAddress;
}

/** Sends the prompt of every active plan in the round that has not been sent yet. */
export async function promptRound(deps: AppDeps, round: Round): Promise<PromptReport> {
  const { stores, log } = deps;
  const report: PromptReport = { roundId: round.id, sent: 0, alreadyClaimed: 0, unreachable: [], failed: 0, pending: 0 };
  const register = await stores.registers.current();
  if (!register) return report;

  const before = staleBefore(deps);
  const deliveries = new Map((await stores.deliveries.list(round.id)).map((d) => [d.id, d]));
  const active = activePlans(register).filter((p) => p.officer);
  const plans = active.filter((p) => claimable(deliveries.get(promptId(p)), before));
  report.pending = active.filter((p) => pending(deliveries.get(promptId(p)), before)).length;
  report.alreadyClaimed = activePlans(register).length - plans.length - report.pending;
  const contacts = indexContacts(await stores.contacts.list());
  const unknown = [...new Set(plans.map((p) => normalizeAddress(p.officer!)))].filter((a) => !contacts.has(a));
  if (unknown.length > 0) {
    for (const found of await deps.directory.findUsers(unknown)) {
      await stores.contacts.save(found);
      for (const address of contactAddresses(found)) contacts.set(address, found);
    }
  }

  // One task per officer, their plans in register order.
  const byOfficer = new Map<string, Plan[]>();
  for (const plan of plans) {
    const address = normalizeAddress(plan.officer!);
    byOfficer.set(address, [...(byOfficer.get(address) ?? []), plan]);
  }
  await runPool([...byOfficer], sendingOf(deps).concurrency, async ([address, own]) => {
    for (const plan of own) {
      const contact = contacts.get(address);
      if (!contact) {
        if (!report.unreachable.includes(address)) report.unreachable.push(address);
        log.warn('prompt.unreachable', { round: round.id, plan: plan.id });
        continue;
      }
      const { outcome, reached } = await sendAnswerCard(deps, round, plan, contact);
      if (outcome === 'sent') report.sent++;
      else if (outcome === 'claimed-elsewhere') report.alreadyClaimed++;
      else if (outcome === 'unreachable') {
        // Teams said so: the contact is marked stale, the officer's other plans are not tried.
        if (!report.unreachable.includes(address)) report.unreachable.push(address);
        for (const a of contactAddresses(contact)) contacts.delete(a);
        continue;
      } else report.failed++;
      // A 1:1 conversation created for the first plan serves the officer's other plans.
      for (const a of contactAddresses(reached)) contacts.set(a, reached);
    }
  });
  log.info('round.prompted', {
    round: round.id,
    sent: report.sent,
    failed: report.failed,
    unreachable: report.unreachable.length,
    pending: report.pending,
  });
  return report;
}

function promptId(plan: Plan): string {
  return `prompt:${plan.id}`;
}

/**
 * Sends an officer the answer card of one plan (pre-filled with the current answer) as a claimed
 * delivery: nothing is sent when the delivery was claimed before (unless that claim was left
 * behind by a process that died, and its lease expired). A 1:1 conversation created on the way
 * is kept with the contact. When Teams says the person cannot be reached, the delivery is
 * recorded `unreachable` and the contact marked stale.
 */
export async function sendAnswerCard(
  deps: AppDeps,
  round: Round,
  plan: Plan,
  contact: Contact,
  send: { id: string; kind: 'prompt' | 'reminder'; notice?: (locale: Locale) => string } = { id: promptId(plan), kind: 'prompt' },
): Promise<{ outcome: 'sent' | 'failed' | 'unreachable' | 'claimed-elsewhere'; reached: Contact }> {
  const { stores } = deps;
  const delivery: Delivery = {
    roundId: round.id,
    id: send.id,
    kind: send.kind,
    planId: plan.id,
    recipient: contact.aadObjectId,
    outcome: 'claimed',
    claimedAt: deps.clock.now(),
  };
  if (!(await claimDelivery(deps, delivery))) return { outcome: 'claimed-elsewhere', reached: contact };
  const current = await stores.answers.current(round.id, plan.id);
  const locale = localeFrom(contact.locale);
  const card = buildAnswerCard({
    locale,
    round,
    plan,
    content: current?.value.latest.content ?? emptyContent(),
    baseVersion: current?.value.latest.version ?? 0,
    notice: send.notice?.(locale),
  });
  let sent: Awaited<ReturnType<AppDeps['messenger']['sendCard']>>;
  try {
    sent = await deps.messenger.sendCard(contact, card);
  } catch (err) {
    return { outcome: await completeFailedDelivery(deps, delivery, err, contact), reached: contact };
  }
  if (sent.contact.conversation !== contact.conversation) await stores.contacts.save(sent.contact);
  await stores.deliveries.complete({
    ...delivery,
    outcome: 'sent',
    completedAt: deps.clock.now(),
    activityId: sent.activityId,
    conversationId: sent.conversationId,
  });
  return { outcome: 'sent', reached: sent.contact };
}

/**
 * Someone became reachable (installed the app, or wrote to the bot for the first time): the
 * prompts of open rounds that could not be sent to them go out now. Already sent ones are
 * skipped by their delivery claims.
 */
export async function promptOpenRounds(deps: AppDeps): Promise<PromptReport[]> {
  const now = deps.clock.now();
  const reports: PromptReport[] = [];
  for (const round of await deps.stores.rounds.list()) {
    if (roundPhase(round, now) === 'open') reports.push(await promptRound(deps, round));
  }
  return reports;
}
