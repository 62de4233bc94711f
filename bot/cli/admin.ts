// The coordinator's and administrator's command-line tool: import the register, set its schedule,
// create and open rounds, list rounds. Uses the same storage as the bot (the running bot's embedded
// storage in local mode, or STORAGE_CONNECTION_STRING).
//
//   npm run admin -- import-register demo/register.csv
//   npm run admin -- create-round --title "Uppföljning KF 2019" --year 2019 --opens 2019-03-01 --due 2019-04-01
//   npm run admin -- open-round uppfoljning-kf-2019
//   npm run admin -- rounds
//   npm run admin -- set-schedule --cadence tertial

import { readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { Stores } from '../../storage/ports';
import type { Clock } from '../app/clock';
import { createTableStores } from '../../storage/tables';
import { createRound, openRoundNow } from '../app/create-round';
import { recordAdminAction, registerChange } from '../app/admin-history';
import { formatFieldErrors, importRegister } from '../app/import-register';
import { runSetSchedule } from './set-schedule';
import { loadConfigOrExit } from '../config';
import { useEmbeddedStorage } from '../embedded-storage';
import { roundPhase, summaryTime } from '../domain/round';
import { formatDateTime, localDateOf } from '../domain/time';
import { systemClock } from '../system-clock';

const USAGE = `Användning: npm run admin -- <kommando> [flaggor]

Kommandon:
  import-register <fil.csv|.xlsx|.json> Läser in registret över planer (ersätter det nuvarande som en ny version)
  create-round --title T --year ÅÅÅÅ --opens ÅÅÅÅ-MM-DD [--opens-time TT:MM] --due ÅÅÅÅ-MM-DD
               [--closes ÅÅÅÅ-MM-DD] [--summary ÅÅÅÅ-MM-DD [--summary-time TT:MM]] [--id ID] [--open-now]
                                       Skapar en uppföljningsomgång (lokal tid, Europe/Stockholm om inte TIME_ZONE anges)
  open-round <id>                      Öppnar en planerad omgång nu
  rounds                               Listar omgångarna
  set-schedule --cadence yearly|tertial|quarterly|monthly|none
               [--opens MM-DD --due MM-DD]            (yearly, standard 03-01 och 04-01)
               [--opens-after DAGAR --due-after ARBETSDAGAR]  (per period, standard 1 och 10, månad 1 och 5)
                                       Hur ofta omgångar skapas av sig själva (sparas som en ny registerversion)

Gemensamma flaggor:
  --by <namn eller e-post>             Vem som utför ändringen (sparas i loggen), standard: inloggad användare`;

type Output = { out: (line: string) => void; err: (line: string) => void };

export async function runAdmin(
  argv: string[],
  deps: { stores: Stores; clock: Clock },
  timeZone: string,
  io: Output,
): Promise<number> {
  const { stores, clock } = deps;
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      title: { type: 'string' },
      year: { type: 'string' },
      opens: { type: 'string' },
      'opens-time': { type: 'string' },
      due: { type: 'string' },
      closes: { type: 'string' },
      summary: { type: 'string' },
      'summary-time': { type: 'string' },
      id: { type: 'string' },
      'open-now': { type: 'boolean' },
      cadence: { type: 'string' },
      'opens-after': { type: 'string' },
      'due-after': { type: 'string' },
      by: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const [command, arg] = positionals;
  const by = values.by ?? os.userInfo().username;
  switch (command) {
    case 'import-register': {
      if (!arg) break;
      const bytes = await readFile(arg).catch(() => undefined);
      if (!bytes) {
        io.err(`Filen ${arg} finns inte eller går inte att läsa.`);
        return 1;
      }
      const previous = await stores.registers.current();
      const result = await importRegister(deps, { bytes, fileName: path.basename(arg), importedBy: by });
      if (!result.ok) {
        io.err(`Registret lästes inte in: ${result.errors.length} fel. Inget har ändrats.`);
        io.err(formatFieldErrors(result.errors));
        return 1;
      }
      await recordAdminAction(deps, {
        at: result.register.importedAt,
        actor: by,
        action: 'register.imported',
        subject: `register:${result.register.version}`,
        ...registerChange(previous, result.register),
      });
      const c = result.counts;
      io.out(
        `Registret är inläst som version ${result.register.version}: ${c.plans} planer (${c.excluded} som inte följs upp), ${c.people} personer, ${c.coordinators} samordnare.`,
      );
      return 0;
    }
    case 'create-round': {
      const required = values['open-now'] ? ['title', 'year', 'due'] : ['title', 'year', 'opens', 'due'];
      const missing = required.filter((k) => !values[k as keyof typeof values]);
      if (missing.length > 0) {
        io.err(`Ange ${missing.map((m) => `--${m}`).join(', ')}.`);
        return 1;
      }
      const today = localDateOf(clock.now(), timeZone);
      const result = await createRound(
        deps,
        {
          id: values.id,
          title: values.title!,
          year: values.year!,
          opensDate: values.opens ?? today,
          opensTime: values['opens-time'],
          dueDate: values.due!,
          closesDate: values.closes,
          summaryDate: values.summary,
          summaryTime: values['summary-time'],
          openNow: values['open-now'],
        },
        { createdBy: by, timeZone },
      );
      if (!result.ok) {
        io.err('Omgången skapades inte:');
        // The round's fields are the tool's flags.
        io.err(formatFieldErrors(result.errors.map((e) => ({ ...e, field: `--${e.field.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}` }))));
        return 1;
      }
      const r = result.round;
      io.out(
        `Omgången "${r.title}" (id ${r.id}) öppnar ${formatDateTime(r.opensAt, timeZone, 'sv')}, svar senast ${formatDateTime(r.dueAt, timeZone, 'sv')}, stänger ${formatDateTime(r.closesAt, timeZone, 'sv')}. Sammanställningen postas ${formatDateTime(summaryTime(r), timeZone, 'sv')}.`,
      );
      io.out('Den körande boten skickar korten när omgången öppnar.');
      return 0;
    }
    case 'open-round': {
      if (!arg) break;
      const result = await openRoundNow(deps, arg, by);
      if (!result.ok) {
        io.err(result.message);
        return 1;
      }
      io.out(`Omgången "${result.round.title}" är öppen. Den körande boten skickar korten inom en minut.`);
      return 0;
    }
    case 'set-schedule':
      return runSetSchedule(values, deps, timeZone, by, io);
    case 'rounds': {
      const now = clock.now();
      const rounds = (await stores.rounds.list()).sort((a, b) => a.opensAt.getTime() - b.opensAt.getTime());
      if (rounds.length === 0) io.out('Det finns inga omgångar.');
      const phase = { planned: 'planerad', open: 'öppen', closed: 'stängd' } as const;
      for (const r of rounds) {
        io.out(`${r.id}\t${r.title}\t${phase[roundPhase(r, now)]}\tsvar senast ${formatDateTime(r.dueAt, timeZone, 'sv')}`);
      }
      return 0;
    }
  }
  io.err(USAGE);
  return command === undefined || values.help ? 0 : 1;
}

async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const storage =
    config.storage.kind === 'embedded'
      ? await useEmbeddedStorage(config.storage.dataDir)
      : { connectionString: config.storage.connectionString, tables: undefined, release: async () => {} };
  try {
    // The embedded storage is written through its journal, as the bot writes it.
    const stores = await createTableStores(storage.connectionString, { journaled: storage.tables });
    const code = await runAdmin(process.argv.slice(2), { stores, clock: systemClock }, config.timeZone, {
      out: (line) => process.stdout.write(`${line}\n`),
      err: (line) => process.stderr.write(`${line}\n`),
    });
    process.exitCode = code;
  } finally {
    await storage.release();
  }
}

if (require.main === module) {
  main().catch((err: unknown) => {
    process.stderr.write(`Fel: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  });
}
