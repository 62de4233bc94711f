// The plan form a coordinator fills in on a card (Ny plan / Ändra): what it holds, how it turns
// into the next register content, and where the register's rules place their errors on it.
// The rules themselves are the import's: the whole new content goes through validateRegister,
// so a plan saved from a card could equally have come from a file.

import type { FieldError } from './errors';
import {
  locateByPath,
  normalizeAddress,
  validateRegister,
  type Person,
  type Plan,
  type RegisterContent,
  type RegisterItemKind,
} from './register';
import { trimmedTextIn } from './card-input';

/** The fields of the form, named as the plan's fields (and '' for the register as a whole). */
export type PlanFormField = 'id' | 'title' | 'period' | 'note' | 'excludedReason' | 'officer' | 'deputy' | '';

export interface PlanFormError {
  field: PlanFormField;
  message: string;
}

/** What the form shows and sends back, every value as typed (trimmed when read). */
export interface PlanFormValues {
  title: string;
  period: string;
  note: string;
  excluded: boolean;
  excludedReason: string;
  /** The address typed in the fallback field (or the plan's, when the form opens). */
  officerAddress: string;
  deputyAddress: string;
  /** The people picker's value: an Azure AD object id, '' when nobody is picked. */
  officerPick: string;
  deputyPick: string;
}

/** The form as it opens for a plan (empty for a new one); the pickers are filled by the caller. */
export function planFormValues(plan?: Plan): PlanFormValues {
  return {
    title: plan?.title ?? '',
    period: plan?.period ?? '',
    note: plan?.note ?? '',
    excluded: plan?.excludedReason !== undefined,
    excludedReason: plan?.excludedReason ?? '',
    officerAddress: plan?.officer ?? '',
    deputyAddress: plan?.deputy ?? '',
    officerPick: '',
    deputyPick: '',
  };
}

/** Reads the card's inputs as Teams sends them (strings; a toggle sends "true"/"false"). */
export function readPlanForm(data: Record<string, unknown>): PlanFormValues {
  const text = (key: string): string => trimmedTextIn(data, key);
  return {
    title: text('title'),
    period: text('period'),
    note: text('note'),
    excluded: data.excluded === true || text('excluded') === 'true',
    excludedReason: text('excludedReason'),
    officerAddress: text('officerAddress'),
    deputyAddress: text('deputyAddress'),
    // A multi-select picker would send "id1,id2"; the form allows one person.
    officerPick: text('officerPick'),
    deputyPick: text('deputyPick'),
  };
}

export type ChosenAddress = { address: string } | { conflict: { picked: string; typed: string } };

/**
 * Which address the coordinator meant, from the picker (already mapped to an address) and the
 * typed field, given the address the form opened with. The one that was changed wins; when
 * both were changed to different people, the coordinator is asked to choose.
 */
export function chooseAddress(picked: string, typed: string, was: string): ChosenAddress {
  const p = normalizeAddress(picked);
  const t = normalizeAddress(typed);
  const w = normalizeAddress(was);
  const changed = [...new Set([p, t].filter((a) => a && a !== w))];
  if (changed.length === 1) return { address: changed[0] };
  if (changed.length > 1) return { conflict: { picked: p, typed: t } };
  // Nothing new: the old address if either field still holds it, else cleared.
  return { address: p === w || t === w ? w : '' };
}

/** The plan the form describes, under its id; optional fields left empty are left out. */
export function planFromForm(id: string, values: PlanFormValues, officer: string, deputy: string): Plan {
  const plan: Plan = { id, title: values.title };
  if (values.period) plan.period = values.period;
  if (values.note) plan.note = values.note;
  if (officer) plan.officer = normalizeAddress(officer);
  if (deputy) plan.deputy = normalizeAddress(deputy);
  // An empty reason is kept: validation then asks for one.
  if (values.excluded) plan.excludedReason = values.excludedReason;
  return plan;
}

// Å, Ä and Ö fold to a and o so that "Våld i nära relationer" becomes "vald-i-nara-relationer".
const FOLD: Record<string, string> = { å: 'a', ä: 'a', ö: 'o', é: 'e', ü: 'u' };

/** A short, key-safe id for a new plan from its title, unique among the ids taken. */
export function newPlanId(title: string, taken: Iterable<string>): string {
  const base =
    title
      .toLowerCase()
      .replace(/[åäöéü]/g, (ch) => FOLD[ch])
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 40)
      .replace(/-+$/, '') || 'plan';
  const used = new Set([...taken].map((id) => id.trim().toLowerCase()));
  if (!used.has(base)) return base;
  for (let n = 2; ; n++) if (!used.has(`${base}-${n}`)) return `${base}-${n}`;
}

/**
 * The register with the plan put in place of the one with the same id (or added last), and
 * the people added. Returns the plan's position, which validation errors are matched against.
 */
export function withPlan(content: RegisterContent, plan: Plan, newPeople: Person[]): { content: RegisterContent; index: number } {
  const at = content.plans.findIndex((p) => p.id === plan.id);
  const plans = at < 0 ? [...content.plans, plan] : content.plans.map((p, i) => (i === at ? plan : p));
  return {
    content: { ...content, plans, people: [...content.people, ...newPeople] },
    index: at < 0 ? plans.length - 1 : at,
  };
}

/**
 * Validates the whole new content with the import's rules and places each error on the form:
 * errors of the plan on its field, errors of a person the form added on the field that named
 * them. Errors elsewhere (the register was valid before, so there should be none) are kept
 * without a field.
 */
export function planFormErrors(content: RegisterContent, index: number, addedBy: Map<string, 'officer' | 'deputy'>): PlanFormError[] {
  const locate = (kind: RegisterItemKind, i: number, field: string): { field: string } => {
    if (kind === 'plan' && i === index) return { field: `form:${field}` };
    if (kind === 'person' && i >= 0) {
      const named = addedBy.get(normalizeAddress(content.people[i]?.id ?? ''));
      if (named) return { field: `form:${named}` };
    }
    return locateByPath(kind, i, field);
  };
  return validateRegister(content, locate).map((e: FieldError) => ({
    field: e.field.startsWith('form:') ? (e.field.slice(5) as PlanFormField) : '',
    message: e.message,
  }));
}
