// `npm run admin -- set-schedule`: how often rounds are created by themselves. Reads the flags,
// saves the cadence as a new register version and tells which round comes next and when the
// running bot creates it.
//
//   set-schedule --cadence tertial [--opens-after 1] [--due-after 10]
//   set-schedule --cadence yearly --opens 03-01 --due 04-01
//   set-schedule --cadence none

import type { Stores } from '../../storage/ports';
import type { Clock } from '../app/clock';
import { recordAdminAction, registerChange } from '../app/register/admin-history';
import { formatFieldErrors } from '../app/register/import-register';
import { setCadence } from '../app/register/set-schedule';
import { addDays, atLocalTime, compareDates, localDateIn } from '../domain/calendar';
import {
  CREATE_DAYS_BEFORE_OPENING,
  DEFAULT_CADENCES,
  describeCadence,
  upcomingRounds,
  type Cadence,
  type CadenceKind,
} from '../domain/cadence';
import { buildRound } from '../domain/round';
import { formatDate, formatDateTime, parseLocalDate } from '../domain/time';

export interface SetScheduleFlags {
  cadence?: string;
  opens?: string;
  due?: string;
  'opens-after'?: string;
  'due-after'?: string;
}

const KIND_WORDS: Record<string, CadenceKind | 'none'> = {
  yearly: 'yearly',
  arlig: 'yearly',
  årlig: 'yearly',
  årligen: 'yearly',
  ar: 'yearly',
  år: 'yearly',
  tertial: 'tertial',
  quarterly: 'quarterly',
  kvartal: 'quarterly',
  monthly: 'monthly',
  manad: 'monthly',
  månad: 'monthly',
  månadsvis: 'monthly',
  none: 'none',
  ingen: 'none',
};

type Output = { out: (line: string) => void; err: (line: string) => void };

export async function runSetSchedule(
  flags: SetScheduleFlags,
  deps: { stores: Stores; clock: Clock },
  timeZone: string,
  by: string,
  io: Output,
): Promise<number> {
  const word = flags.cadence?.trim().toLocaleLowerCase('sv');
  const kind = word === undefined || !Object.hasOwn(KIND_WORDS, word) ? undefined : KIND_WORDS[word];
  if (!kind) {
    io.err(
      word === undefined
        ? 'Ange --cadence: yearly, tertial, quarterly, monthly eller none.'
        : `Okänd kadens "${flags.cadence}". Välj yearly (årlig), tertial, quarterly (kvartal), monthly (månad) eller none (ingen).`,
    );
    return 1;
  }
  const current = (await deps.stores.registers.current())?.schedule?.cadence;
  const cadence = readCadence(kind, flags, current);
  if ('error' in cadence) {
    io.err(cadence.error);
    return 1;
  }
  const previous = await deps.stores.registers.current();
  const result = await setCadence(deps, cadence.value, by);
  if (result.kind === 'invalid') {
    io.err('Schemat sparades inte:');
    io.err(formatFieldErrors(result.errors.map((e) => ({ ...e, field: flagOf(e.field) }))));
    return 1;
  }
  if (result.changed) {
    await recordAdminAction(deps, {
      at: result.register.importedAt,
      actor: by,
      action: 'register.schedule-set',
      subject: `register:${result.register.version}`,
      ...registerChange(previous, result.register),
    });
  }
  const saved = result.changed ? `Schemat är sparat som registerversion ${result.register.version}` : 'Schemat var redan så; inget ändrades';
  if (!cadence.value) {
    io.out(`${saved}: inga omgångar skapas av sig själva. Skapa dem med create-round.`);
    return 0;
  }
  io.out(`${saved}: ${describeCadence(cadence.value)}.`);
  await tellNextRound(cadence.value, deps, timeZone, io);
  return 0;
}

function readCadence(
  kind: CadenceKind | 'none',
  flags: SetScheduleFlags,
  current: Cadence | undefined,
): { value: Cadence | undefined } | { error: string } {
  const yearlyFlags = (['opens', 'due'] as const).filter((f) => flags[f] !== undefined);
  const periodicFlags = (['opens-after', 'due-after'] as const).filter((f) => flags[f] !== undefined);
  const stray = kind === 'none' ? [...yearlyFlags, ...periodicFlags] : kind === 'yearly' ? periodicFlags : yearlyFlags;
  if (stray.length > 0) {
    const hint =
      kind === 'none'
        ? 'Utan kadens finns inga datum att ange.'
        : kind === 'yearly'
          ? 'En årlig kadens anges med --opens MM-DD och --due MM-DD.'
          : 'En kadens per period anges med --opens-after (dagar efter periodens slut) och --due-after (arbetsdagar efter öppningen).';
    return { error: `${stray.map((f) => `--${f}`).join(' och ')} passar inte med --cadence ${kind}. ${hint}` };
  }
  if (kind === 'none') return { value: undefined };
  // What is not given stays as it is when the kind does not change, or takes the default.
  const base = current?.kind === kind ? current : DEFAULT_CADENCES[kind];
  if (base.kind === 'yearly') {
    return { value: { kind: 'yearly', opens: flags.opens?.trim() ?? base.opens, due: flags.due?.trim() ?? base.due } };
  }
  const whole = (flag: 'opens-after' | 'due-after', fallback: number): number | string => {
    const text = flags[flag];
    if (text === undefined) return fallback;
    return /^\d+$/.test(text.trim()) ? Number(text.trim()) : text;
  };
  const opensAfterDays = whole('opens-after', base.opensAfterDays);
  const dueAfterWorkingDays = whole('due-after', base.dueAfterWorkingDays);
  for (const [flag, value, what] of [
    ['opens-after', opensAfterDays, 'antal dagar efter periodens slut'],
    ['due-after', dueAfterWorkingDays, 'antal arbetsdagar efter öppningen'],
  ] as const) {
    if (typeof value === 'string') return { error: `--${flag}: "${value}" är inget heltal. Ange ${what}, t.ex. 10.` };
  }
  return { value: { kind: base.kind, opensAfterDays: opensAfterDays as number, dueAfterWorkingDays: dueAfterWorkingDays as number } };
}

const FLAG_OF_FIELD: Record<string, string> = {
  opens: '--opens',
  due: '--due',
  opensAfterDays: '--opens-after',
  dueAfterWorkingDays: '--due-after',
  kind: '--cadence',
};

function flagOf(field: string): string {
  return Object.hasOwn(FLAG_OF_FIELD, field) ? FLAG_OF_FIELD[field] : field;
}

/** The first upcoming round that does not exist yet, and when the running bot creates it. */
async function tellNextRound(cadence: Cadence, deps: { stores: Stores; clock: Clock }, timeZone: string, io: Output): Promise<void> {
  const now = deps.clock.now();
  const today = localDateIn(now, timeZone);
  for (const { input } of upcomingRounds(cadence, now, timeZone, 3)) {
    if (await deps.stores.rounds.get(input.id!)) {
      io.out(`Omgången "${input.title}" (id ${input.id}) finns redan.`);
      continue;
    }
    const { round } = buildRound(input, { timeZone, createdBy: 'schedule', createdAt: now });
    if (!round) return;
    const createOn = addDays(parseLocalDate(input.opensDate)!, -CREATE_DAYS_BEFORE_OPENING);
    const when =
      compareDates(createOn, today) <= 0
        ? 'Den körande boten skapar den inom en minut.'
        : `Den körande boten skapar den ${formatDate(atLocalTime(createOn, { hour: 12, minute: 0 }, timeZone), timeZone, 'sv')}, ${CREATE_DAYS_BEFORE_OPENING} dagar före öppningen.`;
    io.out(
      `Nästa omgång: "${round.title}" (id ${round.id}) öppnar ${formatDateTime(round.opensAt, timeZone, 'sv')}, svar senast ${formatDateTime(round.dueAt, timeZone, 'sv')}. ${when}`,
    );
    return;
  }
}
