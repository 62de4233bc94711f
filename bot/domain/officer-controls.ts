// The officer's controls on the answer card, as pure decisions: when a snooze ends, whether a
// deputy address is acceptable, until when an absence pauses reminders, and which earlier round
// to start from. Each returns a value or a coded refusal; the use case performs and records.

import { addDays, atLocalTime, compareDates, endOfLocalDay, localDateIn, nextWorkingDay } from './calendar';
import type { Actor } from './permissions';
import { isValidAddress, normalizeAddress, type Plan } from './register';
import { latestOpenedFirst, type Round } from './round';
import { parseLocalDate } from './time';

/** Snoozed reminders come back at this local time. */
export const SNOOZE_TIME = { hour: 9, minute: 0 };
/** An absence further ahead than this is more likely a typo than a plan. */
export const MAX_ABSENCE_DAYS = 366;
/** RFC 5321: an address is at most 254 characters. */
export const MAX_ADDRESS_LENGTH = 254;

/** What is wrong with a date typed on the answer card (the card is shown again with the line; not a refusal). */
export type DateProblem = 'date-invalid' | 'date-not-after-today' | 'date-not-before-due' | 'date-in-past' | 'date-too-far';
/** What is wrong with a deputy's address typed on the answer card. */
export type DeputyProblem = 'address-invalid' | 'deputy-self';

/** A typed choice decided: the value to keep, or what is wrong with what was typed. */
export type Decision<T, E extends string> = { kind: 'decided'; value: T } | { kind: 'invalid'; error: E };

/**
 * Påminn mig senare: with no date, the next working day at 09:00 local; with a date (as an
 * Input.Date gives it, `yyyy-mm-dd`), 09:00 that day, which must lie after today and before the
 * round's due date.
 */
export function decideSnooze(round: Round, now: Date, chosen: unknown): Decision<Date, DateProblem> {
  const today = localDateIn(now, round.timeZone);
  if (chosen !== undefined && chosen !== null && typeof chosen !== 'string') return { kind: 'invalid', error: 'date-invalid' };
  const text = (chosen ?? '').trim();
  if (text === '') return { kind: 'decided', value: atLocalTime(nextWorkingDay(today), SNOOZE_TIME, round.timeZone) };
  const date = parseLocalDate(text);
  if (!date) return { kind: 'invalid', error: 'date-invalid' };
  if (compareDates(date, today) <= 0) return { kind: 'invalid', error: 'date-not-after-today' };
  if (compareDates(date, localDateIn(round.dueAt, round.timeZone)) >= 0) return { kind: 'invalid', error: 'date-not-before-due' };
  return { kind: 'decided', value: atLocalTime(date, SNOOZE_TIME, round.timeZone) };
}

/**
 * Frånvarande till …: reminders pause until the end of the chosen local day (the instant the
 * next day begins, less a millisecond). Today is allowed: away for the rest of the day.
 */
export function decideAbsence(timeZone: string, now: Date, chosen: unknown): Decision<Date, DateProblem> {
  const date = typeof chosen === 'string' ? parseLocalDate(chosen) : undefined;
  if (!date) return { kind: 'invalid', error: 'date-invalid' };
  const today = localDateIn(now, timeZone);
  if (compareDates(date, today) < 0) return { kind: 'invalid', error: 'date-in-past' };
  if (compareDates(date, addDays(today, MAX_ABSENCE_DAYS)) > 0) return { kind: 'invalid', error: 'date-too-far' };
  return { kind: 'decided', value: endOfLocalDay(date, timeZone) };
}


export type DeputyChoice = { kind: 'deputy'; address: string } | { kind: 'back-to-officer' };

/**
 * Delegera: a valid address other than the actor's own. Naming the plan's own officer takes a
 * delegation back (the officer answers again).
 */
export function decideDeputy(plan: Plan, actor: Actor, typed: unknown): Decision<DeputyChoice, DeputyProblem> {
  const text = typeof typed === 'string' ? typed.trim() : '';
  // Control characters pass the address pattern but have no place in an address (nor in a stored key).
  if (text === '' || text.length > MAX_ADDRESS_LENGTH || /[\u0000-\u001f\u007f]/.test(text) || !isValidAddress(text)) {
    return { kind: 'invalid', error: 'address-invalid' };
  }
  const address = normalizeAddress(text);
  if (plan.officer && normalizeAddress(plan.officer) === address) return { kind: 'decided', value: { kind: 'back-to-officer' } };
  if (actor.addresses.some((a) => normalizeAddress(a) === address)) return { kind: 'invalid', error: 'deputy-self' };
  return { kind: 'decided', value: { kind: 'deputy', address } };
}

/** Rounds opened before this one, the latest first: where to look for last time's answer. */
export function earlierRounds(rounds: Round[], current: Round): Round[] {
  return latestOpenedFirst(rounds.filter((r) => r.id !== current.id && r.opensAt.getTime() < current.opensAt.getTime()));
}
