// Rounds in cards: a coordinator creates a round on a form (`ny omgång`), lists the rounds with
// their state (`omgångar`) and opens one now, postpones its due date or closes it early. Every
// change is an ETag-conditional update of the round, recorded in the admin history with the
// round's dates before and after. Officers who have not submitted are told of a postponement
// 1:1, each as a claimed delivery whose id names the new due date, so a redelivered action
// tells nobody twice.

import { ConcurrencyError, type AdminAction, type Versioned } from '../../../storage/ports';
import { postponementNotice } from '../../../cards/replies/postponement-notice';
import { personIdOf, type Actor } from '../../domain/permissions';
import type { Register } from '../../domain/register';
import { roundPhase, type Round, type RoundPhase } from '../../domain/round';
import {
  checkRoundForm,
  postponedRound,
  suggestRoundForm,
  type PostponeProblem,
  type RoundFormProblem,
  type RoundFormValues,
} from '../../domain/round-form';
import { DEFAULT_LATENESS_POLICY, type LatenessPolicy } from '../../domain/reminder-policy';
import { compileSummary } from '../../domain/summary';
import { localDateOf } from '../../domain/time';
import { isRefused } from '../../domain/refusals';
import { recordAdminAction, recordRoundCreated, recordRoundOpened, roundSnapshot } from '../register/admin-history';
import { ContactBook } from '../contacts/contact-book';
import { checkCoordinator, type AdminRefusal, type RefusedArea } from '../access';
import { createRound, openRoundNow } from './create-round';
import { sendTextDelivery } from '../sending/deliveries';
import type { AppDeps } from '../deps';
import { DEFAULT_TEMPLATE } from '../../domain/templates/builtin';
import type { FollowUpTemplate } from '../../domain/templates/template';
import { templateChoices } from '../templates/templates';

/** Where a refusal of the rounds' actions is logged and audited. */
export const ROUNDS_REFUSED: RefusedArea = { action: 'rounds.refused', subject: 'rounds' };

function coordinatorsRegister(deps: AppDeps, actor: Actor): Promise<Register | AdminRefusal> {
  return checkCoordinator(deps, actor, ROUNDS_REFUSED);
}

function basePolicy(register: Register): LatenessPolicy {
  return register.schedule?.policy ?? DEFAULT_LATENESS_POLICY;
}

// ---------------------------------------------------------------------------------------------
// The form

export interface RoundForm {
  kind: 'form';
  values: RoundFormValues;
  /** The register's policy, which the form's choices change (and the `register` choice keeps). */
  basePolicy: LatenessPolicy;
  timeZone: string;
  /** The templates the form offers: the built-in ones, then the coordinators' most recently added (templateChoices). */
  templates: FollowUpTemplate[];
}

/** The form as it opens, prefilled from the cadence (or the current year) and the register's policy. */
export async function openRoundForm(deps: AppDeps, actor: Actor, timeZone: string): Promise<RoundForm | AdminRefusal> {
  const register = await coordinatorsRegister(deps, actor);
  if (isRefused(register)) return register;
  const rounds = await deps.stores.rounds.list();
  const values = suggestRoundForm({
    now: deps.clock.now(),
    timeZone,
    basePolicy: basePolicy(register),
    cadence: register.schedule?.cadence,
    existingIds: rounds.map((r) => r.id),
  });
  return { kind: 'form', values, basePolicy: basePolicy(register), timeZone, templates: (await templateChoices(deps)).offered };
}

export type CreateFromFormOutcome =
  | { kind: 'created'; round: Round; again: boolean }
  | { kind: 'invalid'; form: RoundForm; problems: RoundFormProblem[] }
  | AdminRefusal;

/** Creates the round the form describes, or gives the form back with what was typed and every problem. */
export async function createRoundFromForm(
  deps: AppDeps,
  actor: Actor,
  values: RoundFormValues,
  timeZone: string,
): Promise<CreateFromFormOutcome> {
  const register = await coordinatorsRegister(deps, actor);
  if (isRefused(register)) return register;
  const base = basePolicy(register);
  const templates = await templateChoices(deps);
  const form: RoundForm = { kind: 'form', values, basePolicy: base, timeZone, templates: templates.offered };
  const now = deps.clock.now();
  const template = chosenTemplate(templates.all, values);
  const checked = checkRoundForm(values, { now, timeZone, basePolicy: base, template });
  if (!template) return { kind: 'invalid', form, problems: [...(checked.kind === 'invalid' ? checked.problems : []), { field: 'template', kind: 'unknown-choice' }] };
  if (checked.kind === 'invalid') return { kind: 'invalid', form, problems: checked.problems };
  const by = personIdOf(actor);
  const result = await createRound(deps, checked.input, { createdBy: by, timeZone });
  if (result.kind === 'invalid') {
    // Teams delivered the create twice, or the button was pressed again: the round is there,
    // made by this coordinator from the same form.
    const twin = result.errors.some((e) => e.field === 'id') ? await sameRoundAgain(deps, values, by, timeZone) : undefined;
    if (twin) return { kind: 'created', round: twin, again: true };
    return { kind: 'invalid', form, problems: result.errors.map((e) => ({ field: e.field === 'id' ? 'title' : '', kind: 'rule', message: e.message })) };
  }
  await recordRoundCreated(deps, result.round, { actor: by, actorName: actor.name });
  deps.log.info('round.created', { round: result.round.id, by: 'card' });
  return { kind: 'created', round: result.round, again: false };
}

/** The template the form names, the default's when it names none (a form sent before the choice). */
function chosenTemplate(templates: FollowUpTemplate[], values: RoundFormValues): FollowUpTemplate | undefined {
  return templates.find((t) => t.id === (values.template ?? DEFAULT_TEMPLATE.id));
}

async function sameRoundAgain(deps: AppDeps, values: RoundFormValues, by: string, timeZone: string): Promise<Round | undefined> {
  const existing = (await deps.stores.rounds.list()).find((r) => r.title === values.title.trim());
  if (!existing || existing.createdBy !== by) return undefined;
  return localDateOf(existing.dueAt, timeZone) === values.dueDate ? existing : undefined;
}

// ---------------------------------------------------------------------------------------------
// The list and its actions

export interface RoundListRow {
  round: Round;
  phase: RoundPhase;
  /** Of an open round: how many plans are submitted, of how many. */
  answered?: number;
  total?: number;
}

export interface RoundList {
  kind: 'list';
  rows: RoundListRow[];
}

/** Open rounds first (due first), then planned (opening first), then closed (newest first); at most `limit`. */
export async function listRounds(deps: AppDeps, actor: Actor, limit = 10): Promise<RoundList | AdminRefusal> {
  const register = await coordinatorsRegister(deps, actor);
  if (isRefused(register)) return register;
  const now = deps.clock.now();
  const rank: Record<RoundPhase, number> = { open: 0, planned: 1, closed: 2 };
  const rounds = (await deps.stores.rounds.list())
    .map((round) => ({ round, phase: roundPhase(round, now) }))
    .sort((a, b) => {
      if (a.phase !== b.phase) return rank[a.phase] - rank[b.phase];
      if (a.phase === 'open') return a.round.dueAt.getTime() - b.round.dueAt.getTime();
      if (a.phase === 'planned') return a.round.opensAt.getTime() - b.round.opensAt.getTime();
      return b.round.dueAt.getTime() - a.round.dueAt.getTime();
    })
    .slice(0, limit);
  const rows: RoundListRow[] = [];
  for (const row of rounds) {
    if (row.phase !== 'open') {
      rows.push(row);
      continue;
    }
    const summary = compileSummary(row.round, register, await deps.stores.answers.listVersions(row.round.id));
    rows.push({ ...row, answered: summary.answered, total: summary.total });
  }
  return { kind: 'list', rows };
}

export type RoundChangeOutcome =
  | { kind: 'opened' | 'closed'; round: Round }
  | { kind: 'postponed'; round: Round; told: number; unreachable: number }
  /** Nothing to do: the round already is so (a redelivered action lands here). */
  | { kind: 'unchanged'; round: Round }
  | { kind: 'invalid'; round: Round; problem: PostponeProblem }
  | { kind: 'already-closed'; round: Round }
  /** Someone changed the round at the same moment: nothing was written, try again. */
  | { kind: 'changed-meanwhile'; round: Round }
  | { kind: 'unknown-round' }
  | AdminRefusal;

/** The stored round a coordinator acts on, or why not (a refusal is audited as `rounds.refused`). */
async function coordinatorsRound(
  deps: AppDeps,
  actor: Actor,
  roundId: string,
): Promise<{ kind: 'found'; stored: Versioned<Round> } | AdminRefusal | { kind: 'unknown-round' }> {
  const register = await coordinatorsRegister(deps, actor);
  if (isRefused(register)) return register;
  const stored = await deps.stores.rounds.get(roundId);
  return stored ? { kind: 'found', stored } : { kind: 'unknown-round' };
}

async function changeRound(
  deps: AppDeps,
  actor: Actor,
  roundId: string,
  change: (round: Round, now: Date) => Round | RoundChangeOutcome,
  action: string,
): Promise<RoundChangeOutcome | { kind: 'changed'; before: Round; after: Round }> {
  const found = await coordinatorsRound(deps, actor, roundId);
  if (found.kind !== 'found') return found;
  const { stored } = found;
  const now = deps.clock.now();
  const next = change(stored.value, now);
  if ('kind' in next) return next;
  try {
    // Conditional on the ETag read above: two coordinators acting at once cannot overwrite each other.
    await deps.stores.rounds.update(next, stored.etag);
  } catch (err) {
    if (!(err instanceof ConcurrencyError)) throw err;
    return { kind: 'changed-meanwhile', round: stored.value };
  }
  const entry: AdminAction = {
    at: now,
    actor: personIdOf(actor),
    actorName: actor.name || undefined,
    action,
    subject: `round:${roundId}`,
    before: roundSnapshot(stored.value),
    after: roundSnapshot(next),
  };
  await recordAdminAction(deps, entry);
  deps.log.info(action, { round: roundId });
  return { kind: 'changed', before: stored.value, after: next };
}

/** Öppna nu: a planned round opens at once (the next tick prompts its officers). */
export async function openRoundEarly(deps: AppDeps, actor: Actor, roundId: string): Promise<RoundChangeOutcome> {
  const found = await coordinatorsRound(deps, actor, roundId);
  if (found.kind !== 'found') return found;
  const { stored } = found;
  const now = deps.clock.now();
  const phase = roundPhase(stored.value, now);
  if (phase === 'closed') return { kind: 'already-closed', round: stored.value };
  if (phase === 'open') return { kind: 'unchanged', round: stored.value };
  let opened: Awaited<ReturnType<typeof openRoundNow>>;
  try {
    opened = await openRoundNow(deps, roundId, personIdOf(actor));
  } catch (err) {
    if (!(err instanceof ConcurrencyError)) throw err;
    return { kind: 'changed-meanwhile', round: stored.value };
  }
  if (opened.kind === 'not-opened') return { kind: 'already-closed', round: stored.value };
  await recordRoundOpened(deps, stored.value, opened.round, { actor: personIdOf(actor), actorName: actor.name });
  return { kind: 'opened', round: opened.round };
}

/** Stäng: closes the round now (answers can no longer be changed). Asked for after a confirmation on the card. */
export async function closeRoundEarly(deps: AppDeps, actor: Actor, roundId: string): Promise<RoundChangeOutcome> {
  const outcome = await changeRound(
    deps,
    actor,
    roundId,
    (round, now) => (roundPhase(round, now) === 'closed' ? { kind: 'already-closed', round } : { ...round, closedAt: now }),
    'round.closed',
  );
  return outcome.kind === 'changed' ? { kind: 'closed', round: outcome.after } : outcome;
}

/**
 * Skjut upp: moves the due date later. When the round is open, every officer (or the round's
 * deputy) with a plan not yet submitted is told 1:1. Asking again for the same date changes
 * nothing and tells only those not told yet.
 */
export async function postponeRound(deps: AppDeps, actor: Actor, roundId: string, dueText: string): Promise<RoundChangeOutcome> {
  let same: Round | undefined;
  const outcome = await changeRound(
    deps,
    actor,
    roundId,
    (round, now) => {
      if (roundPhase(round, now) === 'closed') return { kind: 'already-closed', round };
      if (localDateOf(round.dueAt, round.timeZone) === dueText.trim()) {
        same = round;
        return { kind: 'unchanged', round };
      }
      const moved = postponedRound(round, dueText, now);
      return 'problem' in moved ? { kind: 'invalid', round, problem: moved.problem } : moved.round;
    },
    'round.postponed',
  );
  const round = outcome.kind === 'changed' ? outcome.after : same;
  if (!round) return outcome as RoundChangeOutcome;
  const { told, unreachable } = roundPhase(round, deps.clock.now()) === 'open' ? await tellOfPostponement(deps, round) : { told: 0, unreachable: 0 };
  return outcome.kind === 'changed' ? { kind: 'postponed', round, told, unreachable } : { kind: 'unchanged', round };
}

/** One short message per person with unsubmitted plans, each a delivery claimed once per new due date. */
async function tellOfPostponement(deps: AppDeps, round: Round): Promise<{ told: number; unreachable: number }> {
  const register = await deps.stores.registers.current();
  if (!register) return { told: 0, unreachable: 0 };
  const [versions, settings] = await Promise.all([deps.stores.answers.listVersions(round.id), deps.stores.settings.listPlans(round.id)]);
  const deputies = new Map(settings.filter((s) => s.deputy).map((s) => [s.planId, s.deputy!]));
  const open = compileSummary(round, register, versions).entries.filter((e) => e.state !== 'submitted');
  // Whoever answers the plan this round: the deputy it was delegated to, else the officer.
  const recipients = new Map<string, string[]>();
  for (const entry of open) {
    const address = (deputies.get(entry.plan.id) ?? entry.plan.officer)?.toLowerCase();
    if (!address) continue;
    recipients.set(address, [...(recipients.get(address) ?? []), entry.plan.title]);
  }
  const contacts = await ContactBook.open(deps);
  await contacts.lookUp([...recipients.keys()]);
  const dueDate = localDateOf(round.dueAt, round.timeZone);
  let told = 0;
  let unreachable = 0;
  for (const [address, plans] of recipients) {
    const contact = contacts.get(address);
    if (!contact) {
      unreachable++;
      continue;
    }
    const notice = { roundId: round.id, id: `postponed:${dueDate}:${address}`, kind: 'notice' as const, planId: '', recipient: address };
    const { outcome } = await sendTextDelivery(deps, notice, contact, (locale) => postponementNotice(locale, round, plans));
    if (outcome === 'sent') told++;
    if (outcome === 'failed' || outcome === 'unreachable') unreachable++;
  }
  return { told, unreachable };
}

/** The form again with what was typed and every problem, without creating anything (a one-click fix). */
export async function reviewRoundForm(
  deps: AppDeps,
  actor: Actor,
  values: RoundFormValues,
  timeZone: string,
): Promise<{ kind: 'form'; form: RoundForm; problems: RoundFormProblem[] } | AdminRefusal> {
  const register = await coordinatorsRegister(deps, actor);
  if (isRefused(register)) return register;
  const templates = await templateChoices(deps);
  const form: RoundForm = { kind: 'form', values, basePolicy: basePolicy(register), timeZone, templates: templates.offered };
  const checked = checkRoundForm(values, { now: deps.clock.now(), timeZone, basePolicy: form.basePolicy, template: chosenTemplate(templates.all, values) });
  return { kind: 'form', form, problems: checked.kind === 'valid' ? [] : checked.problems };
}
