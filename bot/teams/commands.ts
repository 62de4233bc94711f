// What a typed message asks for. Commands are Swedish with English equivalents; the
// coordinator's commands may name a round (by id or title) and an export format.

import type { ExportFormat } from '../app/coordinator';
import type { RegisterExportFormat } from '../app/export-register';

export type Command =
  | { name: 'help' | 'myPlans' | 'answer' | 'unknown' }
  | { name: 'plans' }
  | { name: 'newRound' | 'rounds' }
  | { name: 'bindChannel' }
  | { name: 'summary' | 'progress' | 'remind'; round?: string }
  | { name: 'export'; round?: string; format: ExportFormat }
  | { name: 'exportRegister'; format: RegisterExportFormat }
  | { name: 'history' };

const SIMPLE: Record<string, Command['name']> = {
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
};

const WITH_ROUND: Array<[RegExp, 'summary' | 'progress' | 'remind' | 'export']> = [
  [/^(sammanställning|sammanstallning|summary)(?: (.+))?$/, 'summary'],
  [/^(läge|lage|progress)(?: (.+))?$/, 'progress'],
  [/^(påminn|paminn|remind)(?: (.+))?$/, 'remind'],
  [/^(exportera|export)(?: (.+))?$/, 'export'],
];

const FORMATS: Record<string, ExportFormat> = { word: 'word', docx: 'word', csv: 'csv', excel: 'csv', json: 'json' };

// `exportera register [csv|xlsx|excel]` is the register (CSV unless a workbook is asked for).
// A round titled "Register" is still reached with a round format: `exportera register word`.
const REGISTER_EXPORT = /^(?:exportera|export) register(?: (csv|xlsx|excel))?$/;

export function parseCommand(text: string): Command {
  const normalized = text.trim().replace(/[.!]+$/, '').replace(/\s+/g, ' ');
  const lower = normalized.toLowerCase();
  const simple = SIMPLE[lower];
  if (simple) return { name: simple } as Command;
  const register = REGISTER_EXPORT.exec(lower);
  if (register) return { name: 'exportRegister', format: register[1] === undefined || register[1] === 'csv' ? 'csv' : 'xlsx' };
  for (const [pattern, name] of WITH_ROUND) {
    const match = pattern.exec(lower);
    if (!match) continue;
    // The round keeps the case it was typed in: titles are matched case-insensitively later.
    let rest = match[2] === undefined ? '' : normalized.slice(normalized.length - match[2].length);
    if (name !== 'export') return { name, round: rest || undefined };
    const words = rest.split(' ');
    const format = FORMATS[words.at(-1)?.toLowerCase() ?? ''];
    if (format) rest = words.slice(0, -1).join(' ');
    return { name, round: rest || undefined, format: format ?? 'word' };
  }
  return { name: 'unknown' };
}
