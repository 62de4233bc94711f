// The state of a round, read once: the summary (who answered what), the deliveries (what was
// sent, who could not be reached), the plans' settings (deputies), the contacts and who is away.
// The coordinator's progress (`läge`, the weekly digest) and the tab's dashboard both read a
// round through here, so "unreachable" and "last reminded" mean the same in both, and both take
// who is away, and until when, from the same absences. What they list differs: the progress names
// the people away (officers and deputies delegated a plan in the round, absentPeople), the
// dashboard marks a plan away when its officer is (awayUntil). A constant number of storage
// queries, however many plans the round has.

import { normalizeAddress, findPerson, type Plan, type RegisterContent } from '../../domain/register';
import type { Round } from '../../domain/round';
import { compileSummary, EMPTY_REGISTER, type RoundSummary, type SummaryEntry } from '../../domain/summary';
import type { Contact } from '../../domain/contact';
import type { Absence, Delivery, PlanSettings } from '../../../storage/ports';
import { indexContacts } from '../contacts/contact-book';
import type { AppDeps } from '../deps';

export interface RoundState {
  summary: RoundSummary;
  register: RegisterContent;
  /** The officers' choices per plan for this round (the deputy they delegated to), by plan id. */
  settings: Map<string, PlanSettings>;
  /** Reachable contacts by every address they are known by. */
  contacts: Map<string, Contact>;
  /** Absences that have not ended, by address. */
  away: Map<string, Absence>;
  /** Plans whose newest 1:1 delivery Teams refused (blocked the bot, or left). */
  refused: Set<string>;
  /** Plans that got a 1:1 message. */
  reached: Set<string>;
  /** When each plan was last reminded (a reminder card that went out). */
  lastReminders: Map<string, Date>;
}

/**
 * Reads the round's state: six queries (register, answers, deliveries, contacts, settings,
 * absences), five when the register is given (the one a tab viewer's rights were decided by).
 */
export async function readRoundState(deps: AppDeps, round: Round, given?: RegisterContent): Promise<RoundState> {
  const [register, versions, deliveries, contacts, settings, absences] = await Promise.all([
    given ?? deps.stores.registers.current(),
    deps.stores.answers.listVersions(round.id),
    deps.stores.deliveries.list(round.id),
    deps.stores.contacts.list(),
    deps.stores.settings.listPlans(round.id),
    deps.stores.settings.listAbsences(),
  ]);
  const now = deps.clock.now().getTime();
  return {
    summary: compileSummary(round, register ?? EMPTY_REGISTER, versions),
    register: register ?? EMPTY_REGISTER,
    settings: new Map(settings.map((s) => [s.planId, s])),
    contacts: indexContacts(contacts),
    away: currentAbsences(absences, now),
    refused: refusedPlans(deliveries),
    reached: new Set(deliveries.filter((d) => d.outcome === 'sent').map((d) => d.planId)),
    lastReminders: lastRemindersOf(deliveries),
  };
}

/** The absences that have not ended by `now`, by address: of two for one address, the one that ends last. */
export function currentAbsences(absences: Absence[], now: number): Map<string, Absence> {
  const away = new Map<string, Absence>();
  for (const a of absences) {
    const address = normalizeAddress(a.address);
    const known = away.get(address);
    if (a.until.getTime() > now && (!known || a.until > known.until)) away.set(address, a);
  }
  return away;
}

/**
 * Whether the bot cannot reach the plan's officer: it never reached them, or Teams said they
 * cannot be reached, and no 1:1 chat with them is known.
 */
export function isUnreachable(state: RoundState, entry: SummaryEntry): boolean {
  const { plan } = entry;
  return (!state.reached.has(plan.id) || state.refused.has(plan.id)) && !(plan.officer && state.contacts.has(normalizeAddress(plan.officer)));
}

/** The deputy the plan was delegated to for this round, if any. */
export function deputyOf(state: RoundState, plan: Plan): string | undefined {
  return state.settings.get(plan.id)?.deputy;
}

/** The people who answer for the plan in this round: its officer and its deputy. */
function answerersOf(state: RoundState, plan: Plan): string[] {
  return [plan.officer, deputyOf(state, plan)].filter((a): a is string => !!a).map(normalizeAddress);
}

/** Until when the plan's officer is away, if they are. */
export function awayUntil(state: RoundState, plan: Plan): Date | undefined {
  return plan.officer ? state.away.get(normalizeAddress(plan.officer))?.until : undefined;
}

function lastRemindersOf(deliveries: Delivery[]): Map<string, Date> {
  const last = new Map<string, Date>();
  for (const d of deliveries) {
    if (d.kind !== 'reminder' || d.outcome !== 'sent') continue;
    const seen = last.get(d.planId);
    if (!seen || d.claimedAt > seen) last.set(d.planId, d.claimedAt);
  }
  return last;
}

/**
 * The officers and deputies of the given (not yet submitted) plans who are out of office now,
 * with the day their absence ends, in name order.
 */
export function absentPeople(state: RoundState, plans: Plan[]): Array<{ name: string; until: Date }> {
  const concerned = new Set(plans.flatMap((p) => answerersOf(state, p)));
  return [...state.away.entries()]
    .filter(([address]) => concerned.has(address))
    .map(([, a]) => ({ name: findPerson(state.register, a.address)?.name || a.address, until: a.until }))
    .sort((a, b) => a.name.localeCompare(b.name, 'sv'));
}

/**
 * Whether Teams said the plan's officer cannot be reached (blocked the bot, or left): the newest
 * 1:1 delivery of the plan tells, until the officer is reachable again.
 */
function refusedPlans(deliveries: Delivery[]): Set<string> {
  const newest = new Map<string, Delivery>();
  for (const d of deliveries) {
    if (!d.planId) continue;
    const seen = newest.get(d.planId);
    if (!seen || d.claimedAt >= seen.claimedAt) newest.set(d.planId, d);
  }
  return new Set([...newest].filter(([, d]) => d.outcome === 'unreachable').map(([planId]) => planId));
}
