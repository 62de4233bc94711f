// The register's schedule: how often rounds are created by themselves (the cadence) and how
// they chase late answers (the lateness policy given to each new round). Both optional: without
// a cadence, rounds are created by hand; without a policy, rounds use the defaults.

import { checkCadence, checkWhole, isWhole, type Cadence } from './cadence';
import { DEFAULT_LATENESS_POLICY, type LatenessPolicy } from './reminder-policy';
import { parseLocalTime } from './time';

export interface RegisterSchedule {
  cadence?: Cadence;
  policy?: LatenessPolicy;
}

/** A problem in a schedule: `path` below `schedule`, e.g. `cadence.opens`. */
export interface ScheduleProblem {
  path: string;
  message: string;
}

/** Every problem with a schedule as read from a file; the value may be anything the file held. */
export function checkSchedule(value: unknown): ScheduleProblem[] {
  if (!isObject(value)) return [{ path: '', message: 'Schemat ska vara ett objekt med fälten cadence och policy.' }];
  const problems: ScheduleProblem[] = unknownKeys(value, ['cadence', 'policy'], '', 'schemat');
  if (value.cadence !== undefined) {
    problems.push(...checkCadence(value.cadence).map((p) => ({ path: join('cadence', p.path), message: p.message })));
  }
  if (value.policy !== undefined) problems.push(...checkPolicy(value.policy).map((p) => ({ ...p, path: join('policy', p.path) })));
  return problems;
}

/** Fills what a partial policy leaves out from the defaults, section by section. */
export function withDefaultPolicy(value: unknown): unknown {
  if (!isObject(value)) return value;
  const section = (name: 'reminders' | 'escalation') =>
    isObject(value[name]) ? { ...DEFAULT_LATENESS_POLICY[name], ...value[name] } : value[name] ?? { ...DEFAULT_LATENESS_POLICY[name] };
  return { ...value, reminders: section('reminders'), escalation: section('escalation') };
}

const LIMITS = {
  beforeDue: { min: 1, max: 30 },
  overdueEvery: { min: 1, max: 30 },
  overdueMax: { min: 0, max: 20 },
  afterWorkingDays: { min: 0, max: 60 },
  every: { min: 1, max: 60 },
  max: { min: 0, max: 20 },
} as const;

function checkPolicy(value: unknown): ScheduleProblem[] {
  if (!isObject(value)) return [{ path: '', message: 'Påminnelseregeln ska vara ett objekt med fälten reminders och escalation.' }];
  const problems = unknownKeys(value, ['reminders', 'escalation'], '', 'påminnelseregeln');
  const reminders = value.reminders;
  if (!isObject(reminders)) {
    problems.push({ path: 'reminders', message: 'Påminnelserna (reminders) ska vara ett objekt.' });
  } else {
    problems.push(...unknownKeys(reminders, ['beforeDue', 'onDueDate', 'overdueEvery', 'overdueMax', 'at'], 'reminders', 'påminnelserna'));
    const before = reminders.beforeDue;
    if (!Array.isArray(before) || before.some((n) => !isWhole(n, LIMITS.beforeDue))) {
      problems.push({
        path: 'reminders.beforeDue',
        message: `Påminnelser före sista svarsdag anges som en lista med antal arbetsdagar från ${LIMITS.beforeDue.min} till ${LIMITS.beforeDue.max}, t.ex. [5, 1], eller [] för inga.`,
      });
    } else if (new Set(before).size !== before.length) {
      problems.push({ path: 'reminders.beforeDue', message: 'Samma dag förekommer två gånger bland påminnelserna före sista svarsdag.' });
    }
    if (typeof reminders.onDueDate !== 'boolean') {
      problems.push({ path: 'reminders.onDueDate', message: 'Påminnelse på sista svarsdagen (onDueDate) anges som true eller false.' });
    }
    problems.push(...checkField(reminders, 'overdueEvery', 'reminders', 'Antalet arbetsdagar mellan påminnelserna efter sista svarsdag'));
    problems.push(...checkField(reminders, 'overdueMax', 'reminders', 'Antalet påminnelser efter sista svarsdag'));
    if (typeof reminders.at !== 'string' || !parseLocalTime(reminders.at)) {
      problems.push({ path: 'reminders.at', message: 'Tiden då påminnelserna skickas anges som tt:mm, t.ex. "09:00".' });
    }
  }
  const escalation = value.escalation;
  if (!isObject(escalation)) {
    problems.push({ path: 'escalation', message: 'Eskaleringen (escalation) ska vara ett objekt.' });
  } else {
    problems.push(...unknownKeys(escalation, ['afterWorkingDays', 'every', 'max'], 'escalation', 'eskaleringen'));
    problems.push(...checkField(escalation, 'afterWorkingDays', 'escalation', 'Antalet arbetsdagar efter sista svarsdag innan chefen får besked (0: aldrig)'));
    problems.push(...checkField(escalation, 'every', 'escalation', 'Antalet arbetsdagar mellan beskeden till chefen'));
    problems.push(...checkField(escalation, 'max', 'escalation', 'Antalet besked till chefen'));
  }
  return problems;
}

function checkField(owner: Record<string, unknown>, key: keyof typeof LIMITS, section: string, what: string): ScheduleProblem[] {
  const message = checkWhole(owner[key], LIMITS[key], what);
  return message ? [{ path: `${section}.${key}`, message }] : [];
}

function unknownKeys(value: Record<string, unknown>, allowed: string[], path: string, where: string): ScheduleProblem[] {
  return Object.keys(value)
    .filter((key) => !allowed.includes(key))
    .map((key) => ({ path: join(path, key), message: `Okänt fält "${key}" i ${where}. Tillåtna fält: ${allowed.join(', ')}.` }));
}

function join(a: string, b: string): string {
  return a && b ? `${a}.${b}` : a || b;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
