// The coordinator's and administrator's command-line tool: import the register, set its schedule,
// create and open rounds, list rounds. Uses the same storage as the bot (the running bot's embedded
// storage in local mode, or STORAGE_CONNECTION_STRING).
//
//   npm run admin -- import-register demo/register.csv
//   npm run admin -- create-round --title "Uppföljning KF 2019" --year 2019 --opens 2019-03-01 --due 2019-04-01
//   npm run admin -- open-round uppfoljning-kf-2019
//   npm run admin -- rounds
//   npm run admin -- set-schedule --cadence tertial
//   npm run admin -- add-template mall.json

import { readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { Stores } from '../../storage/ports';
import type { Clock } from '../app/clock';
import { createTableStores } from '../../storage/tables';
import { createRound, openRoundNow, setRoundDocument, type CreateRoundResult } from '../app/rounds/create-round';
import {
  answerPolicyOf,
  checkAnswerPolicy,
  DEFAULT_ANSWER_POLICY,
  describeRoundAnswerRule,
  parseEmptySection,
  parseSections,
  type AnswerPolicy,
} from '../domain/answer-policy';
import { errorMessage, type FieldError } from '../domain/errors';
import { PER_PLAN_DOCUMENT_SETTINGS, type RoundDocument } from '../domain/round';
import { recordAdminAction, recordRoundCreated, recordRoundOpened, registerChange } from '../app/register/admin-history';
import { formatFieldErrors, importRegister } from '../app/register/import-register';
import type { RegisterCounts } from '../domain/register';
import { runSetSchedule } from './set-schedule';
import { runAddTemplate, runListTemplates } from './templates';
import { findTemplate } from '../app/templates/templates';
import { DEFAULT_TEMPLATE, templateOf } from '../domain/templates/builtin';
import type { FollowUpTemplate } from '../domain/templates/template';
import { loadConfigOrExit } from '../config';
import { useEmbeddedStorage } from '../embedded-storage';
import { buildRound, roundPhase, summaryTime } from '../domain/round';
import { calendarProblemText, checkRoundCalendar } from '../domain/round-form';
import { formatDateTime, localDateOf } from '../domain/time';
import { systemClock } from '../system-clock';

const USAGE = `Användning: npm run admin -- <kommando> [flaggor]

Kommandon:
  import-register <fil.csv|.xlsx|.json> Läser in registret över planer (ersätter det nuvarande som en ny version)
  create-round --title T --year ÅÅÅÅ --opens ÅÅÅÅ-MM-DD [--opens-time TT:MM] --due ÅÅÅÅ-MM-DD
               [--closes ÅÅÅÅ-MM-DD] [--summary ÅÅÅÅ-MM-DD [--summary-time TT:MM]] [--id ID] [--open-now]
               [--required-sections 1,4|alla|inga] [--min-sections N] [--empty-section tom|inget]
               [--document-date ÅÅÅÅ-MM-DD] [--background TEXT] [--appendix PLAN-ID=KORTNAMN ...]
               [--signature PLAN-ID="TITEL; TITEL" ...] [--template MALL-ID]
                                       Skapar en uppföljningsomgång (lokal tid, Europe/Stockholm om inte TIME_ZONE anges).
                                       Standard: status och minst ett avsnitt krävs; ett tomt avsnitt står som bara rubriken
  set-document <id> [--date ÅÅÅÅ-MM-DD] [--background TEXT] [--appendix PLAN-ID=KORTNAMN ...]
               [--signature PLAN-ID="TITEL; TITEL" ...]
                                       Tjänsteskrivelsens datum, första stycke under Bakgrund, bilagornas
                                       kortnamn och titlarna i en plans underskrift för omgången (ett tomt
                                       värde ger tillbaka standard; kortnamn och titlar följer med till nästa omgång)
  open-round <id>                      Öppnar en planerad omgång nu
  rounds                               Listar omgångarna
  add-template <fil.json>              Sparar en uppföljningsmall (frågor, statusskala, texter i dokumentet)
                                       som en ny version; omgångar som redan är skapade behåller sina frågor
  templates                            Listar mallarna att välja bland med --template
  set-schedule --cadence yearly|tertial|quarterly|monthly|none
               [--opens MM-DD --due MM-DD]            (yearly, standard 03-01 och 04-01)
               [--opens-after DAGAR --due-after ARBETSDAGAR]  (per period, standard 1 och 10, månad 1 och 5)
                                       Hur ofta omgångar skapas av sig själva (sparas som en ny registerversion)

Gemensamma flaggor:
  --by <namn eller e-post>             Vem som utför ändringen (sparas i loggen), standard: inloggad användare`;

/** The round's fields (buildRound's names, and the form's where they differ) as the tool's flags. */
const FLAGS: Record<string, string> = {
  opensDate: '--opens',
  opensTime: '--opens-time',
  dueDate: '--due',
  summaryDate: '--summary',
  summaryTime: '--summary-time',
};

function flagOf(field: string): string {
  return FLAGS[field] ?? `--${field.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
}

/**
 * "14 planer som följs upp och 4 som inte följs upp, 30 personer, 2 samordnare": the plans
 * followed up and those excluded are counted apart, as the council document lists them.
 */
export function countWords(c: RegisterCounts): string {
  const plans = `${c.plans} ${c.plans === 1 ? 'plan' : 'planer'} som följs upp${c.excluded > 0 ? ` och ${c.excluded} som inte följs upp` : ''}`;
  return `${plans}, ${c.people} ${c.people === 1 ? 'person' : 'personer'}, ${c.coordinators} samordnare`;
}

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
      'required-sections': { type: 'string' },
      'min-sections': { type: 'string' },
      'empty-section': { type: 'string' },
      'document-date': { type: 'string' },
      background: { type: 'string' },
      date: { type: 'string' },
      appendix: { type: 'string', multiple: true },
      signature: { type: 'string', multiple: true },
      template: { type: 'string' },
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
      if (result.kind === 'invalid') {
        const more = result.moreErrors ?? 0;
        io.err(`Registret lästes inte in: ${result.errors.length + more} fel. Inget har ändrats.`);
        io.err(formatFieldErrors(result.errors));
        if (more > 0) io.err(`… och ${more.toLocaleString('sv-SE')} till`);
        return 1;
      }
      await recordAdminAction(deps, {
        at: result.register.importedAt,
        actor: by,
        action: 'register.imported',
        subject: `register:${result.register.version}`,
        ...registerChange(previous, result.register),
      });
      io.out(`Registret är inläst som version ${result.register.version}: ${countWords(result.counts)}.`);
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
      // The answer rule's sections are the chosen template's (createRound names an unknown one).
      const template = (values.template && (await findTemplate(deps, values.template))) || DEFAULT_TEMPLATE;
      const answers = answerPolicyFromFlags(values, template);
      const document = documentFromFlags(values['document-date'], values.background, values);
      const flagErrors = [...('errors' in answers ? answers.errors : []), ...('errors' in document ? document.errors : [])];
      if (flagErrors.length > 0 || 'errors' in answers || 'errors' in document) {
        io.err('Omgången skapades inte:');
        io.err(formatFieldErrors(flagErrors));
        return 1;
      }
      const input = {
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
        answerPolicy: answers.policy,
        document: document.document,
        templateId: values.template,
      };
      // The same calendar as the round form in Teams: days off named with the next working day,
      // and times the clocks skip. An opening now is this minute, whatever --opens says.
      const calendar = checkRoundCalendar(
        { ...(input.openNow ? {} : { opensDate: input.opensDate, opensTime: input.opensTime }), dueDate: input.dueDate, summaryDate: input.summaryDate, summaryTime: input.summaryTime },
        timeZone,
      );
      const result: CreateRoundResult =
        calendar.length === 0 ? await createRound(deps, input, { createdBy: by, timeZone }) : { kind: 'invalid', errors: [] };
      if (result.kind === 'invalid') {
        // Every problem at once: the round's own rules beside the calendar's (a field that is not
        // a date is named by the rules only).
        const rules = calendar.length === 0 ? result.errors : buildRound(input, { timeZone, createdBy: by, createdAt: clock.now() }).errors;
        const flagged = new Set(rules.map((e) => flagOf(e.field)));
        const errors = [
          ...rules.map((e) => ({ ...e, field: flagOf(e.field) })),
          ...calendar.filter((p) => !flagged.has(flagOf(p.field))).map((p) => ({ field: flagOf(p.field), message: calendarProblemText(p, 'sv') })),
        ];
        io.err('Omgången skapades inte:');
        io.err(formatFieldErrors(errors));
        return 1;
      }
      const r = result.round;
      await recordRoundCreated(deps, r, { actor: by });
      io.out(
        `Omgången "${r.title}" (id ${r.id}) öppnar ${formatDateTime(r.opensAt, timeZone, 'sv')}, svar senast ${formatDateTime(r.dueAt, timeZone, 'sv')}, stänger ${formatDateTime(r.closesAt, timeZone, 'sv')}. Sammanställningen postas ${formatDateTime(summaryTime(r), timeZone, 'sv')}.`,
      );
      if (r.template) io.out(`Mallen är "${r.template.name.sv}" (${r.template.id}, version ${r.template.version}).`);
      io.out(describeRoundAnswerRule(answerPolicyOf(r), 'sv', templateOf(r)));
      io.out('Den körande boten skickar korten när omgången öppnar.');
      return 0;
    }
    case 'open-round': {
      if (!arg) break;
      const result = await openRoundNow(deps, arg, by);
      if (result.kind === 'not-opened') {
        io.err(result.message);
        return 1;
      }
      if (result.before) await recordRoundOpened(deps, result.before, result.round, { actor: by });
      io.out(`Omgången "${result.round.title}" är öppen. Den körande boten skickar korten inom en minut.`);
      return 0;
    }
    case 'set-document': {
      if (!arg) break;
      const document = documentFromFlags(values.date, values.background, values);
      if ('errors' in document) {
        io.err('Tjänsteskrivelsens uppgifter ändrades inte:');
        io.err(formatFieldErrors(document.errors));
        return 1;
      }
      if (!document.document) {
        io.err('Ange --date, --background, --appendix eller --signature.');
        return 1;
      }
      const result = await setRoundDocument(deps, arg, document.document, by);
      if (result.kind === 'invalid') {
        io.err('Tjänsteskrivelsens uppgifter ändrades inte:');
        io.err(formatFieldErrors(result.errors.map((e) => ({ ...e, field: e.field === 'documentDate' ? '--date' : `--${e.field}` }))));
        return 1;
      }
      const d = result.round.document ?? {};
      const listed = (values: Record<string, string> | undefined) => Object.entries(values ?? {}).map(([id, value]) => `${id}: ${value}`).join(' | ');
      // Unset values are described, not quoted as if they were the text.
      const dated = d.date ? `datum ${d.date}` : 'daterad den dag den exporteras';
      const background = d.background ? `"${d.background}"` : 'med omgångens titel';
      io.out(`Tjänsteskrivelsen för "${result.round.title}": ${dated}, Bakgrund börjar ${background}.`);
      if (d.appendixNames) io.out(`Bilagornas kortnamn: ${listed(d.appendixNames)}.`);
      if (d.signatureTitles) io.out(`Titlar i underskriften: ${listed(d.signatureTitles)}.`);
      return 0;
    }
    case 'add-template':
      if (!arg) break;
      return runAddTemplate(arg, by, deps, io);
    case 'templates':
      return runListTemplates(deps, io);
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

/** The round's answer policy from the flags, on top of the default; undefined when none is given. */
function answerPolicyFromFlags(
  values: { 'required-sections'?: string; 'min-sections'?: string; 'empty-section'?: string },
  template: FollowUpTemplate,
): { policy?: AnswerPolicy } | { errors: FieldError[] } {
  const errors: FieldError[] = [];
  const policy: AnswerPolicy = { ...DEFAULT_ANSWER_POLICY };
  const count = template.questions.length;
  const required = values['required-sections'];
  if (required !== undefined) {
    const sections = parseSections(required, template);
    if (sections) policy.requiredSections = sections;
    else errors.push({ field: '--required-sections', message: `"${required}": ange avsnittens nummer 1–${count} med komma emellan, "alla" eller "inga".` });
  }
  const min = values['min-sections'];
  if (min !== undefined) {
    if (/^[0-9]+$/.test(min.trim()) && Number(min) <= count) policy.minSections = Number(min);
    else errors.push({ field: '--min-sections', message: `"${min}": ange ett antal avsnitt från 0 till ${count}.` });
  }
  const empty = values['empty-section'];
  if (empty !== undefined) {
    const text = parseEmptySection(empty);
    if (text) policy.emptySection = text;
    else errors.push({ field: '--empty-section', message: `"${empty}": ange "tom" (bara rubriken) eller "inget" (Inget att rapportera).` });
  }
  if (errors.length > 0) return { errors };
  if (required === undefined && min === undefined && empty === undefined) return {};
  const problems = checkAnswerPolicy(policy, template);
  return problems.length > 0 ? { errors: problems } : { policy };
}

const PER_PLAN_EXAMPLES: Record<string, string> = {
  appendix: 'drog="Drogpolitiska programmet"',
  signature: 'extremism="Strateg social hållbarhet; lokal samordnare för arbetet mot våldsbejakande extremism"',
};

/**
 * The round's document settings from the flags; `--appendix drog="Drogpolitiska programmet"`
 * and `--signature` may each be given once per plan.
 */
function documentFromFlags(
  date: string | undefined,
  background: string | undefined,
  perPlan: { appendix?: string[]; signature?: string[] },
): { document?: RoundDocument } | { errors: FieldError[] } {
  const errors: FieldError[] = [];
  const document: RoundDocument = {
    ...(date !== undefined ? { date: date.trim() } : {}),
    ...(background !== undefined ? { background: background.trim() } : {}),
  };
  for (const { key, field } of PER_PLAN_DOCUMENT_SETTINGS) {
    const pairs = perPlan[field];
    if (pairs === undefined) continue;
    const values: Record<string, string> = {};
    for (const pair of pairs) {
      const m = /^\s*([^=\s]+)\s*=(.*)$/.exec(pair);
      if (m) values[m[1]] = m[2].trim();
      else errors.push({ field: `--${field}`, message: `"${pair}": skriv planens id, likhetstecken och värdet, t.ex. ${PER_PLAN_EXAMPLES[field]}.` });
    }
    document[key] = values;
  }
  if (errors.length > 0) return { errors };
  return Object.keys(document).length > 0 ? { document } : {};
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
    process.stderr.write(`Fel: ${errorMessage(err)}\n`);
    process.exit(1);
  });
}
