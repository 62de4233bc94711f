// What a typed message asks for. Commands are Swedish with English equivalents; the
// coordinator's commands may name a round (by id or title) and an export format. Whatever a
// user types is looked up in Maps, never in object literals: "constructor" or "__proto__"
// would otherwise find Object's own members and be taken for a command.

import type { ExportFormat } from '../app/coordinator/exports/export-round';
import type { RegisterExportFormat } from '../app/register/export-register';

export type Command =
  | { name: 'help' | 'myPlans' | 'answer' | 'unknown' }
  | { name: 'plans' }
  | { name: 'newRound' | 'rounds' }
  | { name: 'bindChannel' }
  | { name: 'summary'; round?: string; all?: boolean }
  | { name: 'progress' | 'remind'; round?: string }
  | { name: 'export'; round?: string; format: ExportFormat }
  | { name: 'exportRegister'; format: RegisterExportFormat }
  | { name: 'history' };

const SIMPLE = new Map<string, Command['name']>(Object.entries({
  'hjälp': 'help',
  hjalp: 'help',
  help: 'help',
  '?': 'help',
  hej: 'help',
  hello: 'help',
  hi: 'help',
  'mina planer': 'myPlans',
  'my plans': 'myPlans',
  status: 'myPlans',
  svara: 'answer',
  answer: 'answer',
  'koppla kanal': 'bindChannel',
  'bind channel': 'bindChannel',
  historik: 'history',
  history: 'history',
  planer: 'plans',
  plans: 'plans',
  'ny omgång': 'newRound',
  'ny omgang': 'newRound',
  'new round': 'newRound',
  'omgångar': 'rounds',
  omgangar: 'rounds',
  rounds: 'rounds',
} satisfies Record<string, Command['name']>));

const WITH_ROUND: Array<[RegExp, 'summary' | 'progress' | 'remind' | 'export']> = [
  [/^(sammanställning|sammanstallning|summary)(?: (.+))?$/, 'summary'],
  [/^(läge|lage|progress)(?: (.+))?$/, 'progress'],
  [/^(påminn|paminn|remind)(?: (.+))?$/, 'remind'],
  [/^(exportera|export)(?: (.+))?$/, 'export'],
];

const FORMATS = new Map<string, ExportFormat>([
  ['word', 'word'],
  ['docx', 'word'],
  ['csv', 'csv'],
  ['excel', 'csv'],
  ['json', 'json'],
]);

// `exportera register [csv|xlsx|excel]` is the register (CSV unless a workbook is asked for).
// A round titled "Register" is still reached with a round format: `exportera register word`.
const REGISTER_EXPORT = /^(?:exportera|export) register(?: (csv|xlsx|excel))?$/;

/** A round title has at most 200 characters, so a longer text is no command. */
export const MAX_COMMAND_LENGTH = 500;

/** Any text (or anything else a message may carry) gives a command, `unknown` at worst. */
export function parseCommand(text: unknown): Command {
  if (typeof text !== 'string') return { name: 'unknown' };
  const normalized = withoutClosingPunctuation(text.trim()).replace(/\s+/g, ' ');
  if (normalized.length > MAX_COMMAND_LENGTH) return { name: 'unknown' };
  const lower = normalized.toLowerCase();
  const simple = SIMPLE.get(lower);
  if (simple) return { name: simple } as Command;
  const register = REGISTER_EXPORT.exec(lower);
  if (register) return { name: 'exportRegister', format: register[1] === undefined || register[1] === 'csv' ? 'csv' : 'xlsx' };
  for (const [pattern, name] of WITH_ROUND) {
    const match = pattern.exec(lower);
    if (!match) continue;
    // The round keeps the case it was typed in: titles are matched case-insensitively later.
    let rest = match[2] === undefined ? '' : normalized.slice(normalized.length - match[2].length);
    if (name === 'summary') return summaryCommand(rest);
    if (name !== 'export') return { name, round: rest || undefined };
    const words = rest.split(' ');
    const format = FORMATS.get(words.at(-1)?.toLowerCase() ?? '');
    if (format) rest = words.slice(0, -1).join(' ');
    return { name, round: rest || undefined, format: format ?? 'word' };
  }
  return { name: 'unknown' };
}

/** `sammanställning [alla] [omgång]`: `alla` (en `all`) asks for every plan's card whatever the round's size. */
function summaryCommand(rest: string): Command {
  const all = /^(alla|all)(?: |$)/i.exec(rest);
  const round = all ? rest.slice(all[0].length) : rest;
  return { name: 'summary', round: round || undefined, ...(all ? { all: true } : {}) };
}

/**
 * "hjälp." and "svara!" are commands too. Cut from the end by hand: the pattern /[.!]+$/ takes
 * time quadratic in a long run of dots that is followed by anything else.
 */
function withoutClosingPunctuation(text: string): string {
  let end = text.length;
  while (end > 0 && (text[end - 1] === '.' || text[end - 1] === '!')) end--;
  return text.slice(0, end);
}
