// Opening a round: every responsible officer gets one answer card per plan, 1:1. Called by the
// scheduler tick; safe to call again at any time (each prompt is a delivery claimed once). The
// officers are served by a bounded pool of concurrent senders (the Teams layer paces them to the
// configured rate); one officer's plans go one after the other, so the 1:1 chat created for the
// first serves the rest.

import { followedUpIn } from '../../domain/kinds';
import { normalizeAddress, type Plan } from '../../domain/register';
import { withinOfficeHours } from '../../domain/office-hours';
import { needsPrompting, roundPhase, type Round } from '../../domain/round';
import { promptId } from '../../domain/reminders';
import { ConcurrencyError } from '../../../storage/ports';
import { ContactBook } from '../contacts/contact-book';
import { claimable, pending, staleBefore } from '../sending/deliveries';
import { sendAnswerCard } from '../sending/answer-card';
import { sendingOf, type AppDeps } from '../deps';
import { runPool } from '../sending/pool';

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
  /** The register version the prompts were sent from. */
  registerVersion?: number;
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
    if (report.pending === 0) await markPrompted(deps, round.id, report.registerVersion);
  }
  return reports;
}

/**
 * Marks the round opened, with the register version its prompts came from: a plan added by an
 * import during the opening is then still found by the late-join check.
 */
async function markPrompted(deps: AppDeps, roundId: string, registerVersion: number | undefined): Promise<void> {
  const stored = await deps.stores.rounds.get(roundId);
  if (!stored || stored.value.promptedAt) return;
  try {
    await deps.stores.rounds.update({ ...stored.value, promptedAt: deps.clock.now(), promptedRegisterVersion: registerVersion }, stored.etag);
    await deps.stores.audit.record({ at: deps.clock.now(), actor: 'system', action: 'round.opened', subject: `round:${roundId}` });
  } catch (err) {
    // Another process marked it first: the round is opened either way.
    if (!(err instanceof ConcurrencyError)) throw err;
  }
}

/** Sends the prompt of every active plan in the round that has not been sent yet. */
export async function promptRound(deps: AppDeps, round: Round): Promise<PromptReport> {
  const { stores, log } = deps;
  const report: PromptReport = { roundId: round.id, sent: 0, alreadyClaimed: 0, unreachable: [], failed: 0, pending: 0 };
  const register = await stores.registers.current();
  if (!register) return report;
  report.registerVersion = register.version;

  const before = staleBefore(deps);
  const deliveries = new Map((await stores.deliveries.list(round.id)).map((d) => [d.id, d]));
  const followed = followedUpIn(round, register);
  const active = followed.filter((p) => p.officer);
  const plans = active.filter((p) => claimable(deliveries.get(promptId(p.id)), before));
  report.pending = active.filter((p) => pending(deliveries.get(promptId(p.id)), before)).length;
  report.alreadyClaimed = followed.length - plans.length - report.pending;
  const contacts = await ContactBook.open(deps);
  await contacts.lookUp(plans.map((p) => p.officer!));

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
        contacts.forget(contact);
        continue;
      } else report.failed++;
      // A 1:1 conversation created for the first plan serves the officer's other plans.
      contacts.reached(reached);
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
