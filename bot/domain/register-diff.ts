// What replacing one register with another changes: plans added, changed (which fields) and
// removed, people added, changed and removed, coordinators added and removed, and whether the
// schedule differs. Pure; shown to the coordinator before an upload is applied, and counted in
// the admin history.

import type { FieldError } from './errors';
import { normalizeAddress, type Person, type Plan, type RegisterContent, type RegisterCounts } from './register';

export type PlanField = 'title' | 'period' | 'note' | 'officer' | 'excludedReason' | 'deputy' | 'kind';
export type PersonField = 'name' | 'title' | 'unit' | 'manager';

export const PLAN_FIELDS: readonly PlanField[] = ['title', 'period', 'note', 'officer', 'excludedReason', 'deputy', 'kind'];
export const PERSON_FIELDS: readonly PersonField[] = ['name', 'title', 'unit', 'manager'];

export interface PlanChange {
  before: Plan;
  after: Plan;
  fields: PlanField[];
}

export interface PersonChange {
  before: Person;
  after: Person;
  fields: PersonField[];
}

export interface RegisterDiff {
  plans: { added: Plan[]; changed: PlanChange[]; removed: Plan[] };
  people: { added: Person[]; changed: PersonChange[]; removed: Person[] };
  coordinators: { added: string[]; removed: string[] };
  scheduleChanged: boolean;
}

export interface RegisterDiffCounts {
  plansAdded: number;
  plansChanged: number;
  plansRemoved: number;
  peopleAdded: number;
  peopleChanged: number;
  peopleRemoved: number;
  coordinatorsAdded: number;
  coordinatorsRemoved: number;
  scheduleChanged: boolean;
}

// Plan ids are unique without regard to case (as the validation checks them); addresses are
// compared as normalised.
const planKey = (plan: Plan): string => (plan.id ?? '').trim().toLowerCase();
const personKey = (person: Person): string => normalizeAddress(person.id ?? '');

/** Optional text compares as written, but an empty value is the same as none. */
function same(a: string | undefined, b: string | undefined, address = false): boolean {
  const norm = (v: string | undefined) => {
    const text = (v ?? '').trim();
    return address ? text.toLowerCase() : text;
  };
  return norm(a) === norm(b);
}

const ADDRESS_FIELDS = new Set<string>(['officer', 'deputy', 'manager']);

/**
 * The changes from `before` to `after`, each list in the order of `after` (removals in the
 * order of `before`). No register before: everything is added.
 */
export function diffRegisters(before: RegisterContent | undefined, after: RegisterContent): RegisterDiff {
  const old = before ?? { plans: [], people: [], coordinators: [] };

  const oldPlans = new Map(old.plans.map((p) => [planKey(p), p] as [string, Plan]));
  const newPlanKeys = new Set(after.plans.map(planKey));
  const plans: RegisterDiff['plans'] = { added: [], changed: [], removed: [] };
  for (const plan of after.plans) {
    const was = oldPlans.get(planKey(plan));
    if (!was) {
      plans.added.push(plan);
      continue;
    }
    const fields = PLAN_FIELDS.filter((f) => !same(was[f], plan[f], ADDRESS_FIELDS.has(f)));
    // A plan whose id changed only in case is the same plan, with the id written anew.
    if (fields.length > 0) plans.changed.push({ before: was, after: plan, fields });
  }
  plans.removed = old.plans.filter((p) => !newPlanKeys.has(planKey(p)));

  const oldPeople = new Map(old.people.map((p) => [personKey(p), p] as [string, Person]));
  const newPersonKeys = new Set(after.people.map(personKey));
  const people: RegisterDiff['people'] = { added: [], changed: [], removed: [] };
  for (const person of after.people) {
    const was = oldPeople.get(personKey(person));
    if (!was) {
      people.added.push(person);
      continue;
    }
    const fields = PERSON_FIELDS.filter((f) => !same(was[f], person[f], ADDRESS_FIELDS.has(f)));
    if (fields.length > 0) people.changed.push({ before: was, after: person, fields });
  }
  people.removed = old.people.filter((p) => !newPersonKeys.has(personKey(p)));

  const oldCoordinators = new Set(old.coordinators.map(normalizeAddress));
  const newCoordinators = new Set(after.coordinators.map(normalizeAddress));
  const coordinators = {
    added: [...newCoordinators].filter((c) => !oldCoordinators.has(c)),
    removed: [...oldCoordinators].filter((c) => !newCoordinators.has(c)),
  };

  const scheduleChanged = JSON.stringify(old.schedule ?? null) !== JSON.stringify(after.schedule ?? null);
  return { plans, people, coordinators, scheduleChanged };
}

export function countDiff(diff: RegisterDiff): RegisterDiffCounts {
  return {
    plansAdded: diff.plans.added.length,
    plansChanged: diff.plans.changed.length,
    plansRemoved: diff.plans.removed.length,
    peopleAdded: diff.people.added.length,
    peopleChanged: diff.people.changed.length,
    peopleRemoved: diff.people.removed.length,
    coordinatorsAdded: diff.coordinators.added.length,
    coordinatorsRemoved: diff.coordinators.removed.length,
    scheduleChanged: diff.scheduleChanged,
  };
}

/** True when applying `after` would change nothing that the register holds. */
export function isEmptyDiff(diff: RegisterDiff): boolean {
  const c = countDiff(diff);
  return !c.scheduleChanged && Object.entries(c).every(([key, n]) => key === 'scheduleChanged' || n === 0);
}

/** A register version as the admin history keeps it: its counts and, in words, its cadence. */
export interface RegisterSnapshot extends RegisterCounts {
  version: number;
  /** How rounds are created by themselves, in words; absent: by hand. */
  cadence?: string;
}

export type RegisterChangeSnapshot = RegisterSnapshot & Partial<RegisterDiffCounts>;

/** What a coordinator sees of an uploaded register before applying it. */
export interface RegisterPreview {
  uploadId: string;
  fileName: string;
  /** The register version the preview compares with; an apply is refused on any other. */
  baseVersion: number;
  /** The file's first problems, located by row and column (or path); none when it can be applied. */
  errors: FieldError[];
  /** How many problems there were beyond those listed. */
  moreErrors?: number;
  diff?: RegisterDiff;
  /** The register as it would be after the apply. */
  after?: RegisterCounts;
}
