// The register of plans: what is followed up, by whom, and who coordinates. A register is
// replaced as a whole by an import and kept as numbered versions.

import type { FieldError } from './errors';
import { checkSchedule, type RegisterSchedule } from './schedule';

/** A person in the register, identified by their UPN or e-mail address (lower case). */
export interface Person {
  id: string;
  name: string;
  title?: string;
  unit?: string;
  /** The manager's address (a person id); managers get the escalation digest. */
  manager?: string;
}

export interface Plan {
  id: string;
  title: string;
  /** Implementation period as written, e.g. "2016-2020" or "Ska gälla till 2027". */
  period?: string;
  /** Optional note, e.g. "revidering pågår". */
  note?: string;
  /** The responsible officer (a person id). Absent only for excluded plans. */
  officer?: string;
  /** Set when the plan is not followed up in rounds, with the reason shown in the document. */
  excludedReason?: string;
  /** A standing deputy (a person id) who may answer for the plan in every round. */
  deputy?: string;
  /**
   * What the item is: 'plan', 'nämndsmål', 'aktivitet', 'uppdrag' or another kind as written
   * (bot/domain/kinds.ts). Absent: a plan, as every item of a register before kinds.
   */
  kind?: string;
}

export interface RegisterContent {
  plans: Plan[];
  people: Person[];
  /** Addresses of the coordinators. */
  coordinators: string[];
  /** How often rounds are created by themselves and how they chase late answers; absent: by hand, defaults. */
  schedule?: RegisterSchedule;
}

export interface Register extends RegisterContent {
  version: number;
  importedAt: Date;
  importedBy: string;
  source: string;
}

/** UPNs and e-mail addresses compare case-insensitively. */
export function normalizeAddress(address: string): string {
  return address.trim().toLowerCase();
}

export function isValidAddress(address: string): boolean {
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(address.trim());
}

// One index per register read: the Table store hands every caller the same frozen register
// until a new version becomes current, so commands at once look plans up in one map.
const plansById = new WeakMap<RegisterContent, Map<string, Plan>>();

/** The register's plan with this id (excluded or not). */
export function planById(register: RegisterContent, id: string): Plan | undefined {
  let byId = plansById.get(register);
  if (!byId) {
    byId = new Map();
    for (const plan of register.plans) if (!byId.has(plan.id)) byId.set(plan.id, plan);
    plansById.set(register, byId);
  }
  return byId.get(id);
}

export function activePlans(register: RegisterContent): Plan[] {
  return register.plans.filter((p) => !p.excludedReason);
}

export function findPerson(register: RegisterContent, address: string): Person | undefined {
  const id = normalizeAddress(address);
  return register.people.find((p) => p.id === id);
}

export function isCoordinator(register: RegisterContent, address: string): boolean {
  return register.coordinators.includes(normalizeAddress(address));
}

// ---------------------------------------------------------------------------------------------
// Validation of a whole register before it replaces the current one. Pure: the file formats
// (bot/app/register/files) locate the errors through `where`, so the same rules speak of
// "rad 4, Namn" for a CSV file and of `people[2].name` for a JSON file.

export type RegisterItemKind = 'plan' | 'person' | 'coordinator';

/**
 * Locates a field of an item for the person fixing the file. `index` is the item's position in
 * its list, or -1 for the list as a whole (e.g. "no coordinator at all"). `field` is the domain
 * field name (`id`, `title`, `officer`, …), or '' for a coordinator's address.
 */
export type LocateRegisterField = (
  kind: RegisterItemKind,
  index: number,
  field: string,
) => { line?: number; field: string };

export const REGISTER_LIMITS = {
  planId: 100,
  planTitle: 300,
  period: 200,
  note: 200,
  excludedReason: 500,
  kind: 50,
  personText: 200,
  /** RFC 5321 caps an address path at 254 characters. */
  address: 254,
} as const;

const LIST_NAMES: Record<RegisterItemKind, string> = {
  plan: 'plans',
  person: 'people',
  coordinator: 'coordinators',
};

/** Locates fields by their path in the content, e.g. `plans[3].title`. */
export function locateByPath(kind: RegisterItemKind, index: number, field: string): { field: string } {
  const list = LIST_NAMES[kind];
  if (index < 0) return { field: list };
  return { field: `${list}[${index}]${field ? `.${field}` : ''}` };
}

// Plan ids end up in storage keys and delivery ids, where Azure Tables refuses these characters.
const KEY_UNSAFE = /[/\\#?]/;

// Words a coordinator may type in the "excluded" column meaning "yes" instead of a reason. The
// reason is printed in the council document, so a bare "ja" would be published as the reason.
const NOT_A_REASON = new Set(['ja', 'j', 'x', 'yes', 'y', 'true', 'sant', 'utgår', 'utgar', '1']);

/**
 * Checks a register as a whole and returns every problem, one per field (the first rule a field
 * breaks), in the order plans, people, coordinators, schedule.
 */
export function validateRegister(
  content: RegisterContent,
  where: LocateRegisterField = locateByPath,
): FieldError[] {
  const errors: FieldError[] = [];
  const report = (kind: RegisterItemKind, index: number, field: string, message: string | undefined): void => {
    if (message) errors.push({ ...where(kind, index, field), message });
  };
  const placeOf = (kind: RegisterItemKind, index: number, field: string): string => {
    const at = where(kind, index, field);
    return at.line !== undefined ? `på rad ${at.line}` : `i ${at.field}`;
  };

  const personIds = new Set(content.people.map((p) => normalizeAddress(p.id ?? '')));

  if (content.plans.length === 0) report('plan', -1, '', 'Registret innehåller inga planer.');
  const firstPlanIndex = new Map<string, number>();
  content.plans.forEach((plan, i) => {
    const id = plan.id ?? '';
    const title = plan.title ?? '';
    const key = id.trim().toLowerCase();
    const duplicateOf = key ? firstPlanIndex.get(key) : undefined;
    if (key && duplicateOf === undefined) firstPlanIndex.set(key, i);
    const named = id.trim() ? `"${id.trim()}"` : title.trim() ? `"${title.trim()}"` : '';

    report('plan', i, 'id', firstFailure(
      () => (id.trim() ? undefined : `Planen ${named ? `${named} ` : ''}saknar id. Ange ett kort id, t.ex. "drog".`),
      () => controlCharacterIn(id, 'Planens id'),
      () => tooLong(id, REGISTER_LIMITS.planId, 'Planens id', 'långt'),
      () => {
        const bad = KEY_UNSAFE.exec(id);
        return bad ? `Planens id "${id}" får inte innehålla tecknet ${bad[0]} (/ \\ # och ? är inte tillåtna).` : undefined;
      },
      () => (duplicateOf !== undefined
        ? `Planens id "${id.trim()}" förekommer redan ${placeOf('plan', duplicateOf, 'id')}.`
        : undefined),
    ));
    report('plan', i, 'title', firstFailure(
      () => (title.trim() ? undefined : `Planen ${named ? `${named} ` : ''}saknar titel.`),
      () => controlCharacterIn(title, 'Planens titel'),
      () => tooLong(title, REGISTER_LIMITS.planTitle, 'Planens titel', 'lång'),
    ));
    if (plan.period !== undefined) {
      report('plan', i, 'period', firstFailure(
        () => controlCharacterIn(plan.period!, 'Genomförandetiden'),
        () => tooLong(plan.period!, REGISTER_LIMITS.period, 'Genomförandetiden', 'lång'),
      ));
    }
    if (plan.note !== undefined) {
      report('plan', i, 'note', firstFailure(
        () => controlCharacterIn(plan.note!, 'Noteringen'),
        () => tooLong(plan.note!, REGISTER_LIMITS.note, 'Noteringen', 'lång'),
      ));
    }

    if (plan.kind !== undefined) {
      const kind = plan.kind;
      report('plan', i, 'kind', firstFailure(
        () => (kind.trim()
          ? undefined
          : `Planen ${named ? `${named} ` : ''}har en tom typ. Skriv t.ex. "plan", "nämndsmål", "aktivitet" eller "uppdrag", eller ta bort fältet.`),
        () => controlCharacterIn(kind, 'Typen'),
        () => tooLong(kind, REGISTER_LIMITS.kind, 'Typen', 'lång'),
      ));
    }

    const excluded = plan.excludedReason !== undefined;
    if (excluded) {
      const reason = plan.excludedReason!;
      report('plan', i, 'excludedReason', firstFailure(
        () => (reason.trim()
          ? undefined
          : `Planen ${named ? `${named} ` : ''}är markerad som utgången men saknar skäl. Skriv skälet, t.ex. "Följs upp i det årliga miljöbokslutet".`),
        () => controlCharacterIn(reason, 'Skälet'),
        () => tooLong(reason, REGISTER_LIMITS.excludedReason, 'Skälet', 'långt'),
        () => (NOT_A_REASON.has(reason.trim().toLowerCase())
          ? `"${reason.trim()}" är inget skäl. Skälet står i tjänsteskrivelsen, skriv t.ex. "Följs upp i det årliga miljöbokslutet".`
          : undefined),
      ));
    }
    const officer = plan.officer ?? '';
    if (!excluded || officer.trim()) {
      report('plan', i, 'officer', firstFailure(
        () => (officer.trim()
          ? undefined
          : `Planen ${named ? `${named} ` : ''}saknar ansvarig tjänsteperson. Ange hens e-postadress, eller ett skäl om planen inte ska följas upp.`),
        () => checkAddress(officer, 'Ansvarigs adress'),
        () => (personIds.has(normalizeAddress(officer))
          ? undefined
          : `Ansvarig "${officer.trim()}" finns inte bland personerna i registret. Lägg till hen med namn.`),
      ));
    }
    const deputy = plan.deputy ?? '';
    if (deputy.trim()) {
      report('plan', i, 'deputy', firstFailure(
        () => checkAddress(deputy, 'Ersättarens adress'),
        () => (officer.trim() && normalizeAddress(deputy) === normalizeAddress(officer)
          ? 'Ersättaren kan inte vara samma person som den ansvariga.'
          : undefined),
        () => (personIds.has(normalizeAddress(deputy))
          ? undefined
          : `Ersättaren "${deputy.trim()}" finns inte bland personerna i registret. Lägg till hen med namn.`),
      ));
    }
  });

  const firstPersonIndex = new Map<string, number>();
  content.people.forEach((person, i) => {
    const id = person.id ?? '';
    const name = person.name ?? '';
    const key = normalizeAddress(id);
    const duplicateOf = key ? firstPersonIndex.get(key) : undefined;
    if (key && duplicateOf === undefined) firstPersonIndex.set(key, i);
    const who = id.trim() ? `"${id.trim()}"` : name.trim() ? `"${name.trim()}"` : '';

    report('person', i, 'id', firstFailure(
      () => (id.trim() ? undefined : `Personen ${who ? `${who} ` : ''}saknar e-postadress.`),
      () => checkAddress(id, 'E-postadressen'),
      () => (duplicateOf !== undefined
        ? `Personen "${id.trim()}" förekommer redan ${placeOf('person', duplicateOf, 'id')}.`
        : undefined),
    ));
    report('person', i, 'name', firstFailure(
      () => (name.trim() ? undefined : `Personen ${who ? `${who} ` : ''}saknar namn.`),
      () => controlCharacterIn(name, 'Namnet'),
      () => tooLong(name, REGISTER_LIMITS.personText, 'Namnet', 'långt'),
    ));
    if (person.title !== undefined) {
      report('person', i, 'title', firstFailure(
        () => controlCharacterIn(person.title!, 'Titeln'),
        () => tooLong(person.title!, REGISTER_LIMITS.personText, 'Titeln', 'lång'),
      ));
    }
    if (person.unit !== undefined) {
      report('person', i, 'unit', firstFailure(
        () => controlCharacterIn(person.unit!, 'Enheten'),
        () => tooLong(person.unit!, REGISTER_LIMITS.personText, 'Enheten', 'lång'),
      ));
    }
    if (person.manager !== undefined && person.manager.trim()) {
      const manager = person.manager;
      report('person', i, 'manager', firstFailure(
        () => checkAddress(manager, 'Chefens adress'),
        () => (key && normalizeAddress(manager) === key ? `${who} kan inte vara sin egen chef.` : undefined),
      ));
    }
  });

  if (content.coordinators.length === 0) {
    report('coordinator', -1, '', 'Registret saknar samordnare. Ange minst en person med rollen samordnare.');
  }
  const firstCoordinatorIndex = new Map<string, number>();
  content.coordinators.forEach((address, i) => {
    const key = normalizeAddress(address ?? '');
    const duplicateOf = key ? firstCoordinatorIndex.get(key) : undefined;
    if (key && duplicateOf === undefined) firstCoordinatorIndex.set(key, i);
    report('coordinator', i, '', firstFailure(
      () => (key ? undefined : 'Samordnarens e-postadress saknas.'),
      () => checkAddress(address, 'Samordnarens adress'),
      () => (duplicateOf !== undefined
        ? `Samordnaren "${address.trim()}" förekommer redan ${placeOf('coordinator', duplicateOf, '')}.`
        : undefined),
    ));
  });

  // Only the JSON form carries a schedule; its problems are named by path (`schedule.cadence.due`).
  if (content.schedule !== undefined) {
    for (const problem of checkSchedule(content.schedule)) {
      errors.push({ field: problem.path ? `schedule.${problem.path}` : 'schedule', message: problem.message });
    }
  }

  return errors;
}

function firstFailure(...rules: Array<() => string | undefined>): string | undefined {
  for (const rule of rules) {
    const message = rule();
    if (message) return message;
  }
  return undefined;
}

// Every field is a single line: it is shown in a card header, a table cell of the summary and
// a heading of the council document, where a tab or line break would break the layout.
const CONTROL_CHARACTER = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

function controlCharacterIn(value: string, what: string): string | undefined {
  const found = CONTROL_CHARACTER.exec(value);
  if (!found) return undefined;
  return `${what} får inte innehålla ${describeCharacter(found[0])}; allt ska stå på en rad.`;
}

function describeCharacter(ch: string): string {
  if (ch === '\t') return 'en tabb';
  if (ch === '\n' || ch === '\r' || ch === '\u2028' || ch === '\u2029') return 'en radbrytning';
  return `ett osynligt styrtecken (U+${ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')})`;
}

function tooLong(value: string, max: number, what: string, adjective: 'lång' | 'långt'): string | undefined {
  const length = [...value].length;
  return length > max ? `${what} är ${length} tecken ${adjective}; högst ${max} tecken är tillåtet.` : undefined;
}

function checkAddress(address: string, what: string): string | undefined {
  return firstFailure(
    () => controlCharacterIn(address, what),
    () => tooLong(address.trim(), REGISTER_LIMITS.address, what, 'lång'),
    () => (isValidAddress(address) ? undefined : `"${address.trim()}" är ingen giltig e-postadress.`),
  );
}

/** How many plans (followed up and excluded), people and coordinators a register holds. */
export interface RegisterCounts {
  /** Plans followed up in rounds (not excluded). */
  plans: number;
  /** Plans listed in the document as not followed up. */
  excluded: number;
  people: number;
  coordinators: number;
}

export function countRegister(content: RegisterContent): RegisterCounts {
  const excluded = content.plans.filter((p) => p.excludedReason !== undefined).length;
  return {
    plans: content.plans.length - excluded,
    excluded,
    people: content.people.length,
    coordinators: content.coordinators.length,
  };
}
