// Which reminders, escalation digests and overdue lists are due in a round at a given instant.
// Pure: the use case (bot/app/reminders/run-reminders.ts) reads the round's state once, asks here, performs
// what comes back and records each as a delivery. The delivery ids are deterministic, so asking
// again at the same instant after the actions were performed returns nothing.
//
// Rules read from the round's policy (`round.policy ?? DEFAULT_LATENESS_POLICY`):
// - Slots are local dates (Swedish working days) at `policy.reminders.at` local time, computed
//   from the due date's local date, so a daylight-saving change never moves them.
// - After downtime only the latest slot that has passed is sent, and none when a delivery of
//   that slot or a later one exists: a bot that was down for a week sends one reminder, not five.
// - Nothing before the round was prompted (a slot at or before the prompt is covered by it),
//   nothing once the round is closed, nothing for submitted plans (a draft is not submitted).
// - Office hours are NOT checked here: the caller (runReminders) skips a round outside them, so
//   a slot that falls at night is sent at the next opening as the latest passed slot.

import { addWorkingDays, atLocalTime, isWorkingDay, localDateIn, type LocalDate } from './calendar';
import { DEFAULT_LATENESS_POLICY, type LatenessPolicy } from './reminder-policy';
import { followedUpIn } from './kinds';
import { normalizeAddress, type RegisterContent } from './register';
import { roundPhase, type Round } from './round';
import { parseLocalTime } from './time';

/** What the decision reads of the stored state; the storage records fit these shapes. */
export interface LateActionInput {
  round: Round;
  register: RegisterContent;
  /** The current answers of the round (a plan is submitted once `submittedAt` is set). */
  answers: ReadonlyArray<{ latest: { planId: string }; submittedAt?: Date }>;
  /** Every delivery of the round, whatever its outcome. */
  deliveries: ReadonlyArray<{ id: string; planId: string; claimedAt: Date }>;
  /** Officers' choices per plan: snooze and deputy. */
  settings: ReadonlyArray<{ planId: string; snoozedUntil?: Date; deputy?: string }>;
  /** Absences by person address; the newest per person. */
  absences: ReadonlyArray<{ address: string; until: Date }>;
  now: Date;
}

export interface ReminderAction {
  kind: 'reminder';
  /** `reminder:{planId}:{slot}` */
  id: string;
  planId: string;
  /** Address of who is reminded: the officer, or the deputy when one is set. */
  recipient: string;
  /** `d-5`, `due`, `o1`, …, or `s-{iso}` for the end of a snooze. */
  slot: string;
  /** The due date has passed (the notice says so). */
  overdue: boolean;
}

/** One overdue, unsubmitted plan, as listed to a manager or the coordinators. */
export interface OverduePlan {
  planId: string;
  title: string;
  /** The responsible officer's address and name (the address when the register has no name). */
  officer: string;
  officerName: string;
  manager?: string;
  deputy?: string;
  /** Set while the officer is away. */
  absentUntil?: Date;
}

export interface EscalationAction {
  kind: 'escalation';
  /** `escalation:{managerAddress}:{n}` */
  id: string;
  manager: string;
  /** 1 for the first digest. */
  slot: number;
  /** The manager's people's overdue plans, by officer name then plan title. */
  plans: OverduePlan[];
}

export interface OverdueListAction {
  kind: 'overdue';
  /** `overdue:{n}` */
  id: string;
  slot: number;
  /** Every overdue plan of the round, by officer name then plan title. */
  plans: OverduePlan[];
}

export type LateAction = ReminderAction | EscalationAction | OverdueListAction;

interface Slot {
  key: string;
  at: Date;
}

export function policyOf(round: Round): LatenessPolicy {
  return round.policy ?? DEFAULT_LATENESS_POLICY;
}

/** The delivery id of a plan's prompt in a round: one per plan and round. */
export function promptId(planId: string): string {
  return `prompt:${planId}`;
}

export function reminderId(planId: string, slot: string): string {
  return `reminder:${planId}:${slot}`;
}

export function escalationId(manager: string, slot: number): string {
  return `escalation:${normalizeAddress(manager)}:${slot}`;
}

export function overdueListId(slot: number): string {
  return `overdue:${slot}`;
}

/** The card a deputy gets when a plan is delegated to them (a failed one is retried as `{id}:{n}`). */
export function delegationCardId(planId: string, deputy: string): string {
  return `delegate:${planId}:${normalizeAddress(deputy)}`;
}

function reminderTime(policy: LatenessPolicy): { hour: number; minute: number } {
  return parseLocalTime(policy.reminders.at) ?? { hour: 9, minute: 0 };
}

/**
 * The reminder slots of a round, in time order: N working days before the due date, on the due
 * date (the working day before, when it is a day off), then every `overdueEvery` working days
 * after it, at most `overdueMax` times. Slots on the same instant are kept once (the later named).
 */
export function reminderSlots(round: Round): Slot[] {
  const policy = policyOf(round).reminders;
  const time = reminderTime(policyOf(round));
  const due = localDateIn(round.dueAt, round.timeZone);
  const dated: Array<{ key: string; date: LocalDate }> = [];
  for (const days of [...new Set(policy.beforeDue)].filter((d) => Number.isInteger(d) && d > 0).sort((a, b) => b - a)) {
    dated.push({ key: `d-${days}`, date: addWorkingDays(due, -days) });
  }
  if (policy.onDueDate) dated.push({ key: 'due', date: isWorkingDay(due) ? due : addWorkingDays(due, -1) });
  if (policy.overdueEvery > 0) {
    for (let n = 1; n <= policy.overdueMax; n++) dated.push({ key: `o${n}`, date: addWorkingDays(due, n * policy.overdueEvery) });
  }
  return ordered(dated.map(({ key, date }) => ({ key, at: atLocalTime(date, time, round.timeZone) })));
}

/**
 * The escalation slots (numbered from 1): `afterWorkingDays` working days after the due date,
 * then every `every` working days, at most `max`; at the reminders' time of day.
 */
export function escalationSlots(round: Round): Array<{ n: number; at: Date }> {
  const policy = policyOf(round).escalation;
  if (policy.afterWorkingDays <= 0 || policy.max <= 0) return [];
  const time = reminderTime(policyOf(round));
  const due = localDateIn(round.dueAt, round.timeZone);
  const slots: Array<{ n: number; at: Date }> = [];
  for (let n = 1; n <= policy.max; n++) {
    // A zero interval would put every digest on one instant: only the first one then.
    if (n > 1 && policy.every <= 0) break;
    const date = addWorkingDays(due, policy.afterWorkingDays + (n - 1) * policy.every);
    slots.push({ n, at: atLocalTime(date, time, round.timeZone) });
  }
  return slots;
}

function latest(a: Date | undefined, b: Date | undefined): Date | undefined {
  if (!a || !b) return a ?? b;
  return a > b ? a : b;
}

/** Sorted by instant; of slots on one instant only the last one listed stays. */
function ordered(slots: Slot[]): Slot[] {
  const byInstant = new Map<number, Slot>();
  for (const slot of slots) {
    byInstant.delete(slot.at.getTime());
    byInstant.set(slot.at.getTime(), slot);
  }
  return [...byInstant.values()].sort((a, b) => a.at.getTime() - b.at.getTime());
}

/**
 * Of slots in time order, the one to send now: the latest that has passed, unless it or a later
 * one was already delivered. Undefined when nothing is due.
 */
function latestDue<S extends { at: Date }>(slots: S[], now: Date, delivered: (slot: S) => boolean): S | undefined {
  let latest = -1;
  slots.forEach((slot, i) => {
    if (slot.at.getTime() <= now.getTime()) latest = i;
  });
  if (latest < 0) return undefined;
  return slots.slice(latest).some(delivered) ? undefined : slots[latest];
}

/** The actions due at `input.now`. */
export function decideLateActions(input: LateActionInput): LateAction[] {
  const { round, register, now } = input;
  if (roundPhase(round, now) !== 'open' || !round.promptedAt || now < round.promptedAt) return [];
  const closesAt = round.closedAt && round.closedAt < round.closesAt ? round.closedAt : round.closesAt;
  const inRound = (at: Date) => at > round.promptedAt! && at < closesAt;

  const submitted = new Set(input.answers.filter((a) => a.submittedAt).map((a) => a.latest.planId));
  const delivered = new Set(input.deliveries.map((d) => d.id));
  const promptedAt = new Map<string, Date>();
  for (const d of input.deliveries) if (d.id === promptId(d.planId)) promptedAt.set(d.planId, d.claimedAt);
  const delegationCardAt = (planId: string, deputy: string): Date | undefined => {
    const id = delegationCardId(planId, deputy);
    return input.deliveries
      .filter((d) => d.planId === planId && (d.id === id || d.id.startsWith(`${id}:`)))
      .reduce<Date | undefined>((found, d) => latest(found, d.claimedAt), undefined);
  };
  const settings = new Map(input.settings.map((s) => [s.planId, s]));
  const absentUntil = new Map<string, Date>();
  for (const a of input.absences) {
    const address = normalizeAddress(a.address);
    const known = absentUntil.get(address);
    if (!known || a.until > known) absentUntil.set(address, a.until);
  }
  const absent = (address: string) => {
    const until = absentUntil.get(normalizeAddress(address));
    return until && now < until ? until : undefined;
  };

  const open = followedUpIn(round, register).filter((p) => p.officer && !submitted.has(p.id));
  const actions: LateAction[] = [];

  // Reminders, one plan at a time.
  const regular = reminderSlots(round);
  for (const plan of open) {
    const setting = settings.get(plan.id);
    const recipient = normalizeAddress(setting?.deputy || plan.officer!);
    if (absent(recipient)) continue;
    const snoozedUntil = setting?.snoozedUntil;
    if (snoozedUntil && now < snoozedUntil) continue;
    // A plan prompted later than the round (its officer became reachable later) counts from its own
    // prompt; a deputy counts from the card the delegation gave them, which is their prompt.
    const planPrompt = latest(promptedAt.get(plan.id), setting?.deputy ? delegationCardAt(plan.id, recipient) : undefined);
    const after = (at: Date) => inRound(at) && (!planPrompt || at > planPrompt);
    let slots = regular.filter((s) => after(s.at));
    if (snoozedUntil) {
      // The snooze replaces the slots it covered with one reminder when it ends.
      slots = slots.filter((s) => s.at > snoozedUntil);
      if (after(snoozedUntil)) slots.unshift({ key: `s-${snoozedUntil.toISOString()}`, at: snoozedUntil });
    }
    const slot = latestDue(slots, now, (s) => delivered.has(reminderId(plan.id, s.key)));
    if (!slot) continue;
    actions.push({
      kind: 'reminder',
      id: reminderId(plan.id, slot.key),
      planId: plan.id,
      recipient,
      slot: slot.key,
      overdue: slot.at > round.dueAt,
    });
  }

  // Escalation: the same slots for every manager's digest and for the coordinators' list.
  const slots = escalationSlots(round).filter((s) => inRound(s.at));
  if (slots.length === 0 || now <= round.dueAt) return actions;
  const people = new Map(register.people.map((p) => [normalizeAddress(p.id), p]));
  const overdue = open.map((plan): OverduePlan => {
    const officer = normalizeAddress(plan.officer!);
    const person = people.get(officer);
    const setting = settings.get(plan.id);
    return {
      planId: plan.id,
      title: plan.title,
      officer,
      officerName: person?.name ?? officer,
      ...(person?.manager?.trim() ? { manager: normalizeAddress(person.manager) } : {}),
      ...(setting?.deputy ? { deputy: normalizeAddress(setting.deputy) } : {}),
      ...(absent(officer) ? { absentUntil: absent(officer) } : {}),
    };
  });
  overdue.sort((a, b) => a.officerName.localeCompare(b.officerName, 'sv') || a.title.localeCompare(b.title, 'sv'));
  if (overdue.length === 0) return actions;

  const managers = [...new Set(overdue.map((p) => p.manager).filter((m): m is string => !!m))].sort();
  for (const manager of managers) {
    const slot = latestDue(slots, now, (s) => delivered.has(escalationId(manager, s.n)));
    if (!slot) continue;
    actions.push({ kind: 'escalation', id: escalationId(manager, slot.n), manager, slot: slot.n, plans: overdue.filter((p) => p.manager === manager) });
  }
  const slot = latestDue(slots, now, (s) => delivered.has(overdueListId(s.n)));
  if (slot) actions.push({ kind: 'overdue', id: overdueListId(slot.n), slot: slot.n, plans: overdue });
  return actions;
}
