// The register in cards: a coordinator lists the plans with their status in the open round,
// and adds or changes one plan on a form. A save is a new register version like an import
// (who, when, the previous version kept), refused when the register changed since the form
// was opened, and recorded in the admin history with the plan before and after. A plan added
// while a round is open joins it at the next tick (late join).

import { ConcurrencyError } from '../../../storage/ports';
import { contactAddresses, contactMatches, type Contact } from '../../domain/contact';
import { personIdOf, type Actor } from '../../domain/permissions';
import {
  chooseAddress,
  newPlanId,
  planFormErrors,
  planFormValues,
  planFromForm,
  withPlan,
  type PlanFormError,
  type PlanFormValues,
} from '../../domain/plan-form';
import type { PlanStatus } from '../../domain/questions';
import { isValidAddress, normalizeAddress, type Person, type Plan, type Register } from '../../domain/register';
import type { Round } from '../../domain/round';
import { compareTitles, compileSummary } from '../../domain/summary';
import { isRefused } from '../../domain/refusals';
import { recordAdminAction } from './admin-history';
import { checkCoordinator, type AdminRefusal, type RefusedArea } from '../access';
import { openRoundsDueFirst } from '../rounds/find-round';
import type { AppDeps } from '../deps';

export const PLANS_PER_PAGE = 20;

/** A plan's state in the open round, as the list shows it. */
export type PlanRoundState =
  | { state: 'excluded' }
  | { state: 'unanswered' | 'draft' }
  | { state: 'submitted'; status?: PlanStatus };

export interface PlanListRow {
  plan: Plan;
  officerName?: string;
  deputyName?: string;
  /** Absent when no round is open. */
  inRound?: PlanRoundState;
}

export interface PlanListPage {
  kind: 'list';
  register: Register;
  round?: Round;
  rows: PlanListRow[];
  /** 0-based, within [0, pages). */
  page: number;
  pages: number;
  total: number;
}

/** Where a refusal of the plans' actions is logged and audited. */
export const PLANS_REFUSED: RefusedArea = { action: 'plans.refused', subject: 'register' };

/** The coordinator's register, or why not. Refusals are audited by id. */
function coordinatorsRegister(deps: AppDeps, actor: Actor): Promise<Register | AdminRefusal> {
  return checkCoordinator(deps, actor, PLANS_REFUSED);
}

/** The round whose status the list shows: the open one due first. */
async function openRound(deps: AppDeps): Promise<Round | undefined> {
  return openRoundsDueFirst(await deps.stores.rounds.list(), deps.clock.now())[0];
}

/** One page of the plans: followed-up plans by title, then the excluded ones. */
export async function listPlans(deps: AppDeps, actor: Actor, page = 0): Promise<PlanListPage | AdminRefusal> {
  const register = await coordinatorsRegister(deps, actor);
  if (isRefused(register)) return register;
  const round = await openRound(deps);
  const states = new Map<string, PlanRoundState>();
  if (round) {
    const summary = compileSummary(round, register, await deps.stores.answers.listVersions(round.id));
    for (const e of summary.entries) {
      states.set(
        e.plan.id,
        e.state === 'submitted' ? { state: 'submitted', status: e.answer?.content.status } : { state: e.state },
      );
    }
  }
  const names = new Map(register.people.map((p) => [normalizeAddress(p.id), p.name]));
  const sorted = [...register.plans].sort(
    (a, b) => Number(a.excludedReason !== undefined) - Number(b.excludedReason !== undefined) || compareTitles(a.title, b.title),
  );
  const pages = Math.max(1, Math.ceil(sorted.length / PLANS_PER_PAGE));
  const at = Math.min(Math.max(0, Math.trunc(page) || 0), pages - 1);
  const rows = sorted.slice(at * PLANS_PER_PAGE, (at + 1) * PLANS_PER_PAGE).map((plan) => ({
    plan,
    officerName: plan.officer ? (names.get(normalizeAddress(plan.officer)) ?? plan.officer) : undefined,
    deputyName: plan.deputy ? (names.get(normalizeAddress(plan.deputy)) ?? plan.deputy) : undefined,
    inRound: round ? (plan.excludedReason !== undefined ? { state: 'excluded' as const } : (states.get(plan.id) ?? { state: 'unanswered' as const })) : undefined,
  }));
  return { kind: 'list', register, round, rows, page: at, pages, total: sorted.length };
}

/** A person chosen in the people picker, shown selected when the form opens. */
export interface PickedPerson {
  /** Azure AD object id, the picker's value. */
  id: string;
  name: string;
}

export interface PlanForm {
  kind: 'form';
  /** Absent for a new plan. */
  planId?: string;
  /** The register version the form was opened from: a save based on an older one is refused. */
  registerVersion: number;
  values: PlanFormValues;
  /** What the picker shows selected (the picker needs a title beside the id). */
  picked: { officer?: PickedPerson; deputy?: PickedPerson };
  /** The addresses the form opened with; a field left as it was keeps them. */
  was: { officer: string; deputy: string };
}

export type PlanFormOutcome = PlanForm | AdminRefusal | { kind: 'unknown-plan' };

/** The form for a new plan, or filled with a plan's current values. */
export async function openPlanForm(deps: AppDeps, actor: Actor, planId?: string): Promise<PlanFormOutcome> {
  const register = await coordinatorsRegister(deps, actor);
  if (isRefused(register)) return register;
  return formFor(deps, register, planId);
}

async function formFor(deps: AppDeps, register: Register, planId?: string): Promise<PlanForm | { kind: 'unknown-plan' }> {
  const plan = planId === undefined ? undefined : register.plans.find((p) => p.id === planId);
  if (planId !== undefined && !plan) return { kind: 'unknown-plan' };
  const values = planFormValues(plan);
  const contacts = plan?.officer || plan?.deputy ? await deps.stores.contacts.list() : [];
  const pick = (address?: string): PickedPerson | undefined => {
    if (!address) return undefined;
    const contact = contacts.find((c) => contactMatches(c, address));
    if (!contact) return undefined;
    const person = register.people.find((p) => p.id === normalizeAddress(address));
    return { id: contact.aadObjectId, name: person?.name ?? contact.name };
  };
  const picked = { officer: pick(plan?.officer), deputy: pick(plan?.deputy) };
  values.officerPick = picked.officer?.id ?? '';
  values.deputyPick = picked.deputy?.id ?? '';
  return {
    kind: 'form',
    planId: plan?.id,
    registerVersion: register.version,
    values,
    picked,
    was: { officer: plan?.officer ?? '', deputy: plan?.deputy ?? '' },
  };
}

export interface SavePlanInput {
  /** Absent for a new plan. */
  planId?: string;
  registerVersion: number;
  values: PlanFormValues;
  was: { officer: string; deputy: string };
}

/**
 * A problem with the form: a rule of the register (its message), or one of the form's own
 * problems by code, which the Teams layer words in the coordinator's language.
 */
export type PlanSaveError =
  | PlanFormError
  | { field: 'officer' | 'deputy'; code: 'pick-unknown' }
  | { field: 'officer' | 'deputy'; code: 'pick-conflict'; picked: string; typed: string }
  | { field: 'officer' | 'deputy'; code: 'person-unknown'; address: string };

export type SavePlanOutcome =
  | { kind: 'saved'; register: Register; plan: Plan; created: boolean; previous?: Plan }
  /** Nothing to save: the register already holds the plan so (`again`: saved by this same form before). */
  | { kind: 'unchanged'; register: Register; plan: Plan; again: boolean }
  /** The form again with what was typed and every error. */
  | { kind: 'invalid'; form: PlanForm; errors: PlanSaveError[] }
  /** The register changed since the form was opened: the form with the current values. */
  | { kind: 'stale'; form: PlanForm; changedBy: string; changedAt: Date }
  | { kind: 'unknown-plan' }
  | AdminRefusal;


export async function savePlan(deps: AppDeps, actor: Actor, input: SavePlanInput): Promise<SavePlanOutcome> {
  const register = await coordinatorsRegister(deps, actor);
  if (isRefused(register)) return register;
  const existing = input.planId === undefined ? undefined : register.plans.find((p) => p.id === input.planId);
  if (input.planId !== undefined && !existing) return { kind: 'unknown-plan' };
  const { values } = input;

  // The pickers' values are Azure AD object ids; the register knows people by address.
  const errors: PlanSaveError[] = [];
  const contacts = await deps.stores.contacts.list();
  const resolve = async (role: 'officer' | 'deputy'): Promise<string> => {
    const pick = role === 'officer' ? values.officerPick : values.deputyPick;
    const typed = role === 'officer' ? values.officerAddress : values.deputyAddress;
    let picked = '';
    if (pick) {
      const found = await addressOfPick(deps, register, contacts, pick);
      if (found) picked = found;
      else if (!typed || normalizeAddress(typed) === normalizeAddress(input.was[role])) {
        errors.push({ field: role, code: 'pick-unknown' });
        return '';
      }
    }
    const chosen = chooseAddress(picked, typed, input.was[role]);
    if ('conflict' in chosen) {
      errors.push({ field: role, code: 'pick-conflict', ...chosen.conflict });
      return '';
    }
    return chosen.address;
  };
  const officer = await resolve('officer');
  const deputy = await resolve('deputy');

  // A person new to the register is added with the name Teams knows them by.
  const newPeople: Person[] = [];
  const addedBy = new Map<string, 'officer' | 'deputy'>();
  for (const [role, address] of [['officer', officer], ['deputy', deputy]] as const) {
    if (!address || register.people.some((p) => p.id === address) || addedBy.has(address)) continue;
    if (!isValidAddress(address)) continue; // validation names the bad address
    const person = await personFromDirectory(deps, contacts, address);
    if (!person.name) {
      errors.push({ field: role, code: 'person-unknown', address });
      continue;
    }
    newPeople.push({ id: address, name: person.name });
    addedBy.set(address, role);
  }

  const id = existing?.id ?? newPlanId(values.title, register.plans.map((p) => p.id));
  // The form does not show the kind: a plan edited there keeps the kind the register gave it.
  const plan = { ...planFromForm(id, values, officer, deputy), ...(existing?.kind !== undefined ? { kind: existing.kind } : {}) };
  const next = withPlan(register, plan, newPeople);
  const ruleErrors = planFormErrors(
    { plans: next.content.plans, people: next.content.people, coordinators: next.content.coordinators, schedule: next.content.schedule },
    next.index,
    addedBy,
  );
  // One error per field: the form's own (picker, unknown person) say more than the import's.
  const taken = new Set(errors.map((e) => e.field));
  errors.push(...ruleErrors.filter((e) => !taken.has(e.field) || e.field === ''));

  const now = deps.clock.now();
  const form = (registerVersion: number): PlanForm => ({
    kind: 'form',
    planId: existing?.id,
    registerVersion,
    values,
    picked: {},
    was: input.was,
  });

  if (register.version !== input.registerVersion) {
    // Teams delivered the same save twice, or the coordinator pressed Spara again: the newest
    // version, made by this coordinator, already holds exactly this plan (a new one under the
    // id it was given then).
    const twin = register.plans.find((p) => (existing ? p.id === existing.id : true) && samePlan({ ...p, id: plan.id }, plan));
    if (twin && isActor(actor, register.importedBy) && register.source.startsWith('Teams:')) {
      return { kind: 'unchanged', register, plan: twin, again: true };
    }
    return stale(deps, register, existing?.id, values);
  }
  if (errors.length > 0) return { kind: 'invalid', form: form(input.registerVersion), errors };
  if (existing && samePlan(existing, plan)) return { kind: 'unchanged', register, plan: existing, again: false };

  const importedBy = personIdOf(actor);
  let saved: Register;
  try {
    saved = await deps.stores.registers.saveVersion(
      { plans: next.content.plans, people: next.content.people, coordinators: register.coordinators, ...(register.schedule ? { schedule: register.schedule } : {}) },
      // The new version is this register with one plan changed: only onto this version, or a
      // change another coordinator saved meanwhile would be undone.
      { importedBy, importedAt: now, source: existing ? 'Teams: ändrad plan' : 'Teams: ny plan', expectedVersion: register.version },
    );
  } catch (err) {
    if (!(err instanceof ConcurrencyError)) throw err;
    const fresh = await deps.stores.registers.current();
    return fresh ? stale(deps, fresh, existing?.id, values) : { kind: 'refused', reason: 'no-register' };
  }
  await recordAdminAction(deps, {
    at: now,
    actor: importedBy,
    actorName: actor.name || undefined,
    action: existing ? 'plan.changed' : 'plan.created',
    subject: `plan:${plan.id}`,
    before: existing ? { ...existing } : undefined,
    after: { ...plan, registerVersion: saved.version, ...(newPeople.length ? { peopleAdded: newPeople } : {}) },
  });
  deps.log.info(existing ? 'plan.changed' : 'plan.created', { plan: plan.id, version: saved.version });
  return { kind: 'saved', register: saved, plan, created: !existing, previous: existing };
}

/** The form refilled from the current register, saying who changed it and when. */
async function stale(deps: AppDeps, register: Register, planId: string | undefined, typed: PlanFormValues): Promise<SavePlanOutcome> {
  const fresh = await formFor(deps, register, planId);
  if (fresh.kind === 'unknown-plan') return fresh;
  // A new plan has no current values: what was typed stays, to be saved on the new version.
  if (planId === undefined) fresh.values = { ...typed, officerPick: typed.officerPick, deputyPick: typed.deputyPick };
  return { kind: 'stale', form: fresh, changedBy: register.importedBy, changedAt: register.importedAt };
}

function isActor(actor: Actor, address: string): boolean {
  return actor.addresses.some((a) => normalizeAddress(a) === normalizeAddress(address)) || actor.aadObjectId === address;
}

const PLAN_FIELDS: Array<keyof Plan> = ['id', 'title', 'period', 'note', 'officer', 'deputy', 'excludedReason', 'kind'];

function samePlan(a: Plan, b: Plan): boolean {
  return PLAN_FIELDS.every((f) => (a[f] ?? undefined) === (b[f] ?? undefined));
}

const PICKED_ID = /^[A-Za-z0-9-]{1,64}$/;

/**
 * The address of the person the picker returned: a stored contact, else a roster member. The
 * address already in the register wins when the person has two (UPN and e-mail).
 */
async function addressOfPick(deps: AppDeps, register: Register, contacts: Contact[], aadObjectId: string): Promise<string | undefined> {
  // The value comes from the card as sent: only something shaped like an object id (a GUID) is
  // looked up, never a list of ids or other text, which would make the bot walk every roster.
  if (!PICKED_ID.test(aadObjectId)) return undefined;
  let contact = contacts.find((c) => c.aadObjectId === aadObjectId);
  if (!contact || contactAddresses(contact).length === 0) {
    contact = await deps.directory.findUserById?.(aadObjectId);
    if (contact) {
      await deps.stores.contacts.save(contact);
      contacts.push(contact);
    }
  }
  if (!contact) return undefined;
  const addresses = contactAddresses(contact);
  return addresses.find((a) => register.people.some((p) => p.id === a)) ?? addresses[0];
}

/** The name Teams knows an address by: a stored contact, else the rosters. */
async function personFromDirectory(deps: AppDeps, contacts: Contact[], address: string): Promise<{ address: string; name?: string }> {
  const known = contacts.find((c) => contactMatches(c, address) && c.name);
  if (known) return { address, name: known.name };
  const [found] = await deps.directory.findUsers([address]);
  if (!found) return { address };
  await deps.stores.contacts.save(found);
  contacts.push(found);
  return { address, name: found.name || undefined };
}
