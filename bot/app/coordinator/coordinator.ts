// The coordinator's use cases: bind the coordinator channel, post the round's summary (on
// command or on schedule), report progress, remind everyone who has not submitted, and export
// the council document, a CSV and a JSON archive. Everything posted or exported is stored as a
// record exactly as sent or produced, with who asked and when.

import { randomUUID } from 'node:crypto';
import { buildSummaryMessages } from '../../../cards/summary-cards';
import type { Locale } from '../../domain/locale';
import { escapeMarkdown, t } from '../../../cards/messages/index';
import { actorIsCoordinator, type Actor } from '../../domain/permissions';
import { QUESTION_IDS, questionsFor } from '../../domain/questions';
import { normalizeAddress, type Register } from '../../domain/register';
import { progressWeek, roundPhase, summaryTime, type Round } from '../../domain/round';
import { compileSummary, officerName, summaryStatusLabel, type RoundSummary } from '../../domain/summary';
import { answerPolicyOf, isFilledIn, type EmptySectionText } from '../../domain/answer-policy';
import { withinOfficeHours } from '../../domain/office-hours';
import { formatDate, localDateOf, localDateTimeOf } from '../../domain/time';
import type { ChannelBinding, Delivery, StoredRecord } from '../../../storage/ports';
import type { AppDeps } from '../deps';
import type { CouncilDocumentModel } from './exports/council-document';
import { buildSummaryCsv } from './exports/csv-export';
import { buildJsonArchive, jsonArrayBytes } from './exports/json-export';
import { absentPeople } from '../officer/officer-controls';
import { ContactBook, findContact, indexContacts } from '../contacts/contact-book';
import { sendAnswerCard } from '../rounds/open-rounds';
import { claimable, claimDelivery, sendTextDelivery, staleBefore } from '../sending/deliveries';
import { SendError } from '../ports';

export type ExportFormat = 'word' | 'csv' | 'json';

/** Header fields of the council document, from configuration. */
export interface DocumentSettings {
  organisation: string;
  department: string;
  /** `title` may hold several titles separated by ";", each on its own line under the signature. */
  handlaggare: { name: string; title: string; phone?: string; email?: string };
  addressee: string;
  caseNumber: string;
  /** The switchboard's number, printed in the footer ("Tel 0480-45 00 00 vx"). */
  switchboard?: string;
}

export type Refusal = { kind: 'refused'; reason: 'no-channel' };

/** Why a coordinator's action was refused: not a coordinator, or no register yet to say who is. */
export type AdminRefusal = { kind: 'refused'; reason: 'not-coordinator' | 'no-register' };

export function isAdminRefusal<T extends object>(value: T | AdminRefusal): value is AdminRefusal {
  return (value as AdminRefusal).kind === 'refused';
}

/**
 * The register when the actor is one of its coordinators, else why not. A refusal is logged and
 * audited by id, under the name of the area refused (`plans.refused`, `rounds.refused`, …).
 */
export async function checkCoordinator(
  deps: AppDeps,
  actor: Actor,
  refused: { action: string; subject: string } = { action: 'coordinator.refused', subject: 'register' },
): Promise<Register | AdminRefusal> {
  const register = await deps.stores.registers.current();
  if (register && actorIsCoordinator(register, actor)) return register;
  deps.log.warn(refused.action, { actor: actor.aadObjectId });
  await deps.stores.audit.record({ at: deps.clock.now(), actor: actor.aadObjectId, action: refused.action, subject: refused.subject });
  return { kind: 'refused', reason: register ? 'not-coordinator' : 'no-register' };
}

export async function coordinatorRegister(deps: AppDeps, actor: Actor): Promise<Register | undefined> {
  const checked = await checkCoordinator(deps, actor);
  return isAdminRefusal(checked) ? undefined : checked;
}

/** The round a coordinator means: by id or title, else the open one due first, else the one opened last. */
export async function findRound(deps: AppDeps, name?: string): Promise<Round | undefined> {
  const rounds = await deps.stores.rounds.list();
  const wanted = name?.trim().toLowerCase();
  if (wanted) return rounds.find((r) => r.id === wanted || r.title.toLowerCase() === wanted);
  const now = deps.clock.now();
  const open = rounds.filter((r) => roundPhase(r, now) === 'open').sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime());
  const opened = rounds.filter((r) => r.opensAt <= now).sort((a, b) => b.opensAt.getTime() - a.opensAt.getTime());
  return open[0] ?? opened[0];
}

export async function bindChannel(deps: AppDeps, actor: Actor, binding: Omit<ChannelBinding, 'boundBy' | 'boundAt'>): Promise<boolean> {
  if (!(await coordinatorRegister(deps, actor))) return false;
  const now = deps.clock.now();
  await deps.stores.channels.bind({ ...binding, boundBy: actor.addresses[0] ?? actor.aadObjectId, boundAt: now });
  await deps.stores.audit.record({ at: now, actor: actor.aadObjectId, action: 'channel.bound', subject: `channel:${binding.conversationId}` });
  return true;
}

/** The summary of a round: one read of the register and one of the round's answers. */
export async function summarise(deps: AppDeps, round: Round): Promise<RoundSummary> {
  const [register, versions] = await Promise.all([deps.stores.registers.current(), deps.stores.answers.listVersions(round.id)]);
  return compileSummary(round, register ?? { plans: [], people: [], coordinators: [] }, versions);
}

async function keep(deps: AppDeps, record: Omit<StoredRecord, 'id' | 'at'>): Promise<StoredRecord> {
  const at = deps.clock.now();
  const stored: StoredRecord = { ...record, id: `${record.kind}-${at.getTime()}-${randomUUID().slice(0, 8)}`, at };
  await deps.stores.records.save(stored);
  await deps.stores.audit.record({
    at,
    actor: record.requestedBy,
    action: `${record.kind}.recorded`,
    subject: `round:${record.roundId}/record:${stored.id}`,
    details: { format: record.format, bytes: record.bytes.length },
  });
  return stored;
}

/** Raised when a summary stopped part-way: how many of its messages reached the channel. */
export class PartialPostError extends Error {
  constructor(
    readonly messagesSent: number,
    override readonly cause: unknown,
  ) {
    super(`Posting stopped after ${messagesSent} messages: ${cause instanceof Error ? cause.message : String(cause)}`);
  }
}

/**
 * Posts the summary cards to the coordinator channel and keeps what was posted as a record,
 * also when posting stops part-way (then PartialPostError says how far it came). `skip` goes on
 * after the messages an earlier attempt posted.
 */
export async function postSummary(
  deps: AppDeps,
  round: Round,
  requestedBy: string,
  locale: Locale,
  options: { skip?: number } = {},
): Promise<{ kind: 'posted'; messages: number } | Refusal> {
  const binding = await deps.stores.channels.current();
  if (!binding) return { kind: 'refused', reason: 'no-channel' };
  const cards = buildSummaryMessages(await summarise(deps, round), locale, { fullTextNote: t(locale, 'summaryFullText') });
  const skip = Math.min(options.skip ?? 0, cards.length);
  let posted = skip;
  let failure: unknown;
  try {
    for (const card of cards.slice(skip)) {
      await deps.messenger.postToChannel(binding.reference, [{ card }]);
      posted++;
    }
  } catch (err) {
    failure = err;
  }
  const complete = posted === cards.length && skip === 0;
  await keep(deps, {
    roundId: round.id,
    kind: 'summary',
    format: complete ? 'teams-cards' : `teams-cards-${skip + 1}-${posted}-of-${cards.length}`,
    fileName: `${round.id}-sammanstallning.json`,
    contentType: 'application/json',
    requestedBy,
    bytes: jsonArrayBytes(cards.slice(skip, posted)),
  });
  if (failure !== undefined) throw new PartialPostError(posted, failure);
  return { kind: 'posted', messages: cards.length };
}

// ---------------------------------------------------------------------------------------------
// The summary a coordinator asks for (`sammanställning`): asked for at once, posted by the
// scheduler tick. A summary of 1,000 plans takes minutes at Teams' rate, far longer than Teams
// waits for the answer to a message, so the command only records the request and says so. The
// request is a delivery in a partition of its own (one query per tick finds the open ones), its
// id made of the round, the language and the command's activity id: a command delivered twice,
// or handled by two processes, is one request, and its posts are claimed deliveries of the
// round like the scheduled summary's, so they are made once.

/** The partition of the summaries asked for. */
const SUMMARY_REQUESTS = '_summary-requests';

export async function requestSummary(
  deps: AppDeps,
  round: Round,
  requestedBy: string,
  locale: Locale,
  commandId: string,
): Promise<{ kind: 'requested' } | Refusal> {
  if (!(await deps.stores.channels.current())) return { kind: 'refused', reason: 'no-channel' };
  const now = deps.clock.now();
  const id = `${round.id}:${locale}:${commandId}`;
  const request: Delivery = { roundId: SUMMARY_REQUESTS, id, kind: 'summary', planId: '', recipient: requestedBy, outcome: 'claimed', claimedAt: now };
  if (await deps.stores.deliveries.claim(request)) {
    await deps.stores.audit.record({ at: now, actor: requestedBy, action: 'summary.requested', subject: `round:${round.id}`, details: { request: id } });
  }
  return { kind: 'requested' };
}

/** The round, language and command of a request, from its id. */
function readRequest(request: Delivery): { roundId: string; locale: Locale; commandId: string } | undefined {
  const m = /^([a-z0-9-]+):(sv|en):(.+)$/.exec(request.id);
  return m ? { roundId: m[1], locale: m[2] as Locale, commandId: m[3] } : undefined;
}

export interface Progress {
  round: Round;
  total: number;
  submitted: number;
  /** Plans with only a draft: when it was saved and how many of the five sections it fills in. */
  drafts: Array<{ label: string; at: Date; filled: number }>;
  missing: string[];
  overdue: boolean;
  unreachable: string[];
  /** Officers and deputies of open plans who are out of office, and until when. */
  absent?: Array<{ name: string; until: Date }>;
}

/** Who has answered, who has drafts, who is missing, and who the bot could not reach. */
export async function progressOf(deps: AppDeps, round: Round): Promise<Progress> {
  const summary = await summarise(deps, round);
  const deliveries = await deps.stores.deliveries.list(round.id);
  const contacts = indexContacts(await deps.stores.contacts.list());
  const reached = new Set(deliveries.filter((d) => d.outcome === 'sent').map((d) => d.planId));
  // Teams said the officer cannot be reached (blocked the bot, or left): the newest 1:1 delivery
  // of the plan tells, until the officer is reachable again.
  const newest = new Map<string, Delivery>();
  for (const d of deliveries) {
    if (!d.planId) continue;
    const seen = newest.get(d.planId);
    if (!seen || d.claimedAt >= seen.claimedAt) newest.set(d.planId, d);
  }
  const refused = (planId: string) => newest.get(planId)?.outcome === 'unreachable';
  const label = (e: RoundSummary['entries'][number]) => `${e.plan.title} (${officerName(e) ?? '–'})`;
  const open = summary.entries.filter((e) => e.state !== 'submitted');
  return {
    round,
    total: summary.total,
    submitted: summary.answered,
    drafts: open
      .filter((e) => e.state === 'draft')
      .map((e) => ({ label: label(e), at: e.draftAt!, filled: QUESTION_IDS.filter((id) => isFilledIn(e.draft?.content.texts[id])).length })),
    missing: open.filter((e) => e.state === 'unanswered').map(label),
    overdue: deps.clock.now() > round.dueAt,
    unreachable: open
      .filter(
        (e) => (!reached.has(e.plan.id) || refused(e.plan.id)) && !(e.plan.officer && contacts.has(normalizeAddress(e.plan.officer))),
      )
      .map(label),
    absent: await absentPeople(deps, round, open.map((e) => e.plan)),
  };
}

/**
 * Sends the card again, with a reminder line, to every officer who has not submitted. The
 * command's activity id makes each reminder a delivery of its own: a redelivered command
 * sends nothing twice.
 */
export async function remindUnsubmitted(
  deps: AppDeps,
  round: Round,
  requestedBy: string,
  commandId: string,
): Promise<{ sent: number; unreachable: number }> {
  const summary = await summarise(deps, round);
  const open = summary.entries.filter((e) => e.state !== 'submitted');
  const contacts = await ContactBook.open(deps);
  await contacts.lookUp(open.flatMap((e) => (e.plan.officer ? [e.plan.officer] : [])));
  let sent = 0;
  let unreachable = 0;
  for (const entry of open) {
    const contact = entry.plan.officer ? contacts.get(entry.plan.officer) : undefined;
    if (!contact) {
      unreachable++;
      continue;
    }
    const { outcome, reached } = await sendAnswerCard(deps, round, entry.plan, contact, {
      id: `reminder:${entry.plan.id}:${commandId}`,
      kind: 'reminder',
      notice: (locale) => t(locale, 'reminderNotice', { due: formatDate(round.dueAt, round.timeZone, locale) }),
    });
    if (outcome === 'sent') sent++;
    if (outcome === 'failed' || outcome === 'unreachable') unreachable++;
    // A 1:1 conversation created for one plan serves the officer's other plans.
    contacts.reached(reached);
  }
  await deps.stores.audit.record({ at: deps.clock.now(), actor: requestedBy, action: 'round.reminded', subject: `round:${round.id}`, details: { sent, unreachable } });
  return { sent, unreachable };
}

const CONTENT_TYPES: Record<ExportFormat, { type: string; extension: string }> = {
  word: { type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', extension: 'docx' },
  csv: { type: 'text/csv; charset=utf-8', extension: 'csv' },
  json: { type: 'application/json; charset=utf-8', extension: 'json' },
};

/**
 * The council document's bytes. The module that builds it is loaded with the first document
 * rather than when the bot starts: it and the docx library take about 4 MiB of heap that a bot
 * sending a round's prompts never uses.
 */
async function buildCouncilDocumentOf(summary: RoundSummary, document: DocumentSettings, now: Date): Promise<Buffer> {
  const { buildCouncilDocument } = await import('./exports/council-document');
  return buildCouncilDocument(councilDocumentModel(summary, document, now));
}

/** Produces an export, keeps it as a record and returns it (the caller hands out a link). */
export async function exportRound(
  deps: AppDeps,
  round: Round,
  format: ExportFormat,
  requestedBy: string,
  document: DocumentSettings,
): Promise<StoredRecord> {
  let bytes: Buffer;
  if (format === 'json') {
    const [register, versions] = await Promise.all([deps.stores.registers.current(), deps.stores.answers.listVersions(round.id)]);
    bytes = buildJsonArchive({ round, register, versions });
  } else {
    const summary = await summarise(deps, round);
    bytes = format === 'word' ? await buildCouncilDocumentOf(summary, document, deps.clock.now()) : summaryCsv(summary);
  }
  const { type, extension } = CONTENT_TYPES[format];
  return keep(deps, {
    roundId: round.id,
    kind: 'export',
    format: extension,
    fileName: `${round.title}.${extension}`,
    contentType: type,
    requestedBy,
    bytes,
  });
}

/** Several titles in one field, separated by ";": one line each under the signature. */
export function titleLines(title: string | undefined): string[] {
  return (title ?? '').split(';').map((t) => t.trim()).filter(Boolean);
}

function councilDocumentModel(summary: RoundSummary, document: DocumentSettings, now: Date): CouncilDocumentModel {
  const { round } = summary;
  const year = round.year;
  const questions = questionsFor(year, 'sv');
  const policy = answerPolicyOf(round);
  const { title: handlaggareTitle, ...handlaggare } = document.handlaggare;
  return {
    header: {
      ...document,
      handlaggare: { ...handlaggare, titles: titleLines(handlaggareTitle) },
      date: round.document?.date ?? localDateOf(now, round.timeZone),
    },
    title: `Uppföljning av handlingsplaner och program ${year}`,
    proposal: `${document.addressee} lägger uppföljningen av handlingsplaner och program till handlingarna.`,
    background: [
      round.document?.background?.trim() || `${round.title}: en samlad uppföljning av tidigare beslutade handlingsplaner och program.`,
      'Respektive ansvarig tjänsteperson har i bifogade dokument gjort en kortfattad uppföljning/lägesrapport av hur arbetet fortlöper, status nuläge, risker/svårigheter, m.m.',
    ],
    plansHeading: 'Aktuella gällande handlingsplaner och program:',
    // Only submitted answers reach the council: a draft stays with the officer until it is sent.
    plans: summary.entries.map((entry) => ({
      title: entry.plan.title,
      period: entry.plan.period,
      note: entry.plan.note,
      appendixTitle: `${round.document?.appendixNames?.[entry.plan.id] ?? entry.plan.title} uppföljning ${round.title.replace(/^Uppföljning\s+/i, '')}`,
      shortName: round.document?.appendixNames?.[entry.plan.id],
      officer: entry.officer && {
        name: entry.officer.name,
        titles: titleLines(round.document?.signatureTitles?.[entry.plan.id] ?? entry.officer.title),
        unit: entry.officer.unit,
      },
      answered: entry.answer !== undefined,
      sections: questions.map((q) => ({
        heading: `${q.number}. ${q.label}`,
        text: entry.answer && isFilledIn(entry.answer.content.texts[q.id]) ? entry.answer.content.texts[q.id] : undefined,
      })),
    })),
    excluded: summary.excluded.map((plan) => ({ title: plan.title, reason: plan.excludedReason ?? '' })),
    notAnswered: t('sv', 'notAnswered'),
    emptySection: EMPTY_SECTION_WORDS[policy.emptySection],
  };
}

/** What the document prints under a section a submitted answer left empty. */
const EMPTY_SECTION_WORDS: Record<EmptySectionText, string | undefined> = {
  blank: undefined,
  'nothing-to-report': 'Inget att rapportera',
};

/**
 * One row per plan: the submitted answer, or, for a plan with only a draft, the draft's text
 * with the status "Utkast, inte inskickat". A draft newer than the submitted answer is dated in
 * the last column; the JSON export holds its text with every other version.
 */
function summaryCsv(summary: RoundSummary): Buffer {
  const questions = questionsFor(summary.round.year, 'sv');
  const columns = [
    { key: 'plan', header: 'Plan' },
    { key: 'period', header: 'Genomförandetid' },
    { key: 'officer', header: 'Ansvarig' },
    { key: 'status', header: 'Status' },
    { key: 'submittedAt', header: 'Inskickad' },
    // The question ids share names with the columns above (`status`): keep them apart.
    ...questions.map((q) => ({ key: `answer:${q.id}`, header: `${q.number}. ${q.label}` })),
    { key: 'draftAt', header: 'Utkast sparat' },
  ];
  const tz = summary.round.timeZone;
  const rows = summary.entries.map((e) => {
    const shown = e.answer ?? e.draft;
    return {
      plan: e.plan.title,
      period: e.plan.period ?? '',
      officer: officerName(e) ?? '',
      status: summaryStatusLabel(e.status, 'sv', 'spelled-out'),
      submittedAt: e.answer ? localDateTimeOf(e.answer.at, tz) : '',
      ...Object.fromEntries(questions.map((q) => [`answer:${q.id}`, shown?.content.texts[q.id] ?? ''])),
      draftAt: e.draftAt ? localDateTimeOf(e.draftAt, tz) : '',
    };
  });
  return buildSummaryCsv(rows, columns);
}

/** How often a scheduled post that failed is tried, at the following ticks. */
const SCHEDULED_ATTEMPTS = 3;
const SUMMARY_WINDOW_MS = 7 * 24 * 3600_000;

/**
 * Claims the next attempt of a scheduled post (`summary`, then `summary#2`, …): undefined when it
 * was made or is being made, or every attempt failed. A conditional insert decides between
 * processes; in the steady state this is one point read per tick.
 */
async function claimScheduled(deps: AppDeps, round: Round, base: string, kind: 'summary' | 'progress', recipient: string): Promise<Delivery | undefined> {
  let messagesSent = 0;
  for (let attempt = 1; attempt <= SCHEDULED_ATTEMPTS; attempt++) {
    const id = attempt === 1 ? base : `${base}#${attempt}`;
    const earlier = await deps.stores.deliveries.get(round.id, id);
    if (earlier?.outcome === 'failed') {
      messagesSent = earlier.messagesSent ?? messagesSent;
      continue;
    }
    // Made, being made, or left behind by a process that died and not yet due to be taken over.
    if (earlier && !claimable(earlier, staleBefore(deps))) return undefined;
    // A claim taken over goes on from where the earlier attempts had come (a post cut off by the
    // crash may repeat the messages it sent before it died: it is not known how many).
    const from = earlier?.messagesSent ?? messagesSent;
    const delivery: Delivery = { roundId: round.id, id, kind, planId: '', recipient, outcome: 'claimed', claimedAt: deps.clock.now(), messagesSent: from };
    return (await claimDelivery(deps, delivery)) ? delivery : undefined;
  }
  return undefined;
}

/** Whether a scheduled post was made, every attempt failed, or it is still to be made (or being made). */
async function scheduledState(deps: AppDeps, round: Round, base: string): Promise<'sent' | 'failed' | 'pending'> {
  for (let attempt = 1; attempt <= SCHEDULED_ATTEMPTS; attempt++) {
    const made = await deps.stores.deliveries.get(round.id, attempt === 1 ? base : `${base}#${attempt}`);
    if (made?.outcome === 'sent') return 'sent';
    if (made?.outcome !== 'failed') return 'pending';
  }
  return 'failed';
}

/**
 * The scheduled posts, run by the scheduler tick: the summary at the round's summary time, and
 * a short progress digest once a week while the round is open and not yet due. Each is a
 * claimed delivery, so several processes or a restart never post twice; a post that failed is
 * tried again at the next tick, up to three times, going on where it stopped.
 */
export async function postScheduled(deps: AppDeps): Promise<string[]> {
  const binding = await deps.stores.channels.current();
  if (!binding) return [];
  const now = deps.clock.now();
  const posted: string[] = [];
  const attempt = async (round: Round, base: string, kind: 'summary' | 'progress', post: (skip: number) => Promise<unknown>) => {
    const delivery = await claimScheduled(deps, round, base, kind, binding.conversationId);
    if (!delivery) return;
    try {
      await post(delivery.messagesSent ?? 0);
      await deps.stores.deliveries.complete({ ...delivery, outcome: 'sent', completedAt: deps.clock.now() });
      posted.push(`${base}:${round.id}`);
    } catch (err) {
      const cause = err instanceof PartialPostError ? err.cause : err;
      const statusCode = cause instanceof SendError ? cause.statusCode : undefined;
      const messagesSent = err instanceof PartialPostError ? err.messagesSent : delivery.messagesSent;
      deps.log.error('channel.post-failed', { round: round.id, delivery: delivery.id, statusCode: statusCode ?? 'none', messagesSent });
      await deps.stores.deliveries.complete({ ...delivery, outcome: 'failed', completedAt: deps.clock.now(), statusCode, messagesSent });
    }
  };
  const rounds = await deps.stores.rounds.list();
  // Summaries asked for by command first, whatever the office hours: the coordinator is waiting.
  for (const request of await deps.stores.deliveries.list(SUMMARY_REQUESTS)) {
    const asked = readRequest(request);
    const round = asked && rounds.find((r) => r.id === asked.roundId);
    if (!asked || !round || request.outcome !== 'claimed' || now.getTime() - request.claimedAt.getTime() > SUMMARY_WINDOW_MS) continue;
    const base = `summary:${asked.commandId}`;
    let messages: number | undefined;
    await attempt(round, base, 'summary', async (skip) => {
      const result = await postSummary(deps, round, request.recipient, asked.locale, { skip });
      if (result.kind === 'posted') messages = result.messages;
    });
    const state = await scheduledState(deps, round, base);
    if (state === 'pending') continue;
    await deps.stores.deliveries.complete({ ...request, outcome: state, completedAt: deps.clock.now() });
    await tellSummaryPosted(deps, round, base, request.recipient, state, messages);
  }
  for (const round of rounds) {
    if (!withinOfficeHours(now, deps.officeHours, round.timeZone)) continue;
    // A week to post the summary in (the bot may have been down): a channel bound later does
    // not receive the summaries of old rounds.
    const summaryAt = summaryTime(round);
    if (now >= summaryAt && now.getTime() < summaryAt.getTime() + SUMMARY_WINDOW_MS) {
      // A retry goes on after the messages that reached the channel, so none is posted twice.
      await attempt(round, 'summary', 'summary', (skip) => postSummary(deps, round, 'system', 'sv', { skip }));
    }
    const week = progressWeek(now, round.timeZone);
    if (week && roundPhase(round, now) === 'open' && now < round.dueAt) {
      await attempt(round, `progress:${week}`, 'progress', async () => {
        const text = progressText(await progressOf(deps, round), 'sv');
        await deps.messenger.postToChannel(binding.reference, [{ text }]);
        await keep(deps, {
          roundId: round.id,
          kind: 'progress',
          format: 'teams-text',
          fileName: `${round.id}-lage-${week}.md`,
          contentType: 'text/markdown; charset=utf-8',
          requestedBy: 'system',
          bytes: Buffer.from(text, 'utf8'),
        });
      });
    }
  }
  return posted;
}

/** The coordinator who asked is told 1:1 that the summary is in the channel, or that it could not be posted. */
async function tellSummaryPosted(deps: AppDeps, round: Round, base: string, address: string, state: 'sent' | 'failed', messages?: number): Promise<void> {
  const contact = await findContact(deps, address);
  if (!contact) return;
  const notice = { roundId: round.id, id: `${base}:told`, kind: 'notice' as const, planId: '', recipient: address };
  await sendTextDelivery(deps, notice, contact, (locale) =>
    state === 'sent' && messages !== undefined
      ? t(locale, 'summaryPosted', { round: escapeMarkdown(round.title), count: messages })
      : t(locale, state === 'sent' ? 'summaryPostedAlready' : 'summaryFailed', { round: escapeMarkdown(round.title) }),
  );
}

/** At most this many plans per list of the progress message (three lists of 400-byte lines stay under 28 KB). */
const PROGRESS_LIST_MAX = 20;

/** The progress as a short Markdown message; plan titles and names are escaped. */
export function progressText(progress: Progress, locale: Locale): string {
  const { round } = progress;
  // Teams refuses a message over 28 KB: each list shows its first names and says how many more.
  const list = (items: string[]) =>
    [
      ...items.slice(0, PROGRESS_LIST_MAX).map((i) => `- ${escapeMarkdown(i)}`),
      ...(items.length > PROGRESS_LIST_MAX ? [t(locale, 'progressMore', { count: items.length - PROGRESS_LIST_MAX })] : []),
    ].join('\n');
  const parts = [
    t(locale, 'progressHeading', {
      round: escapeMarkdown(round.title),
      submitted: progress.submitted,
      total: progress.total,
      due: formatDate(round.dueAt, round.timeZone, locale),
    }),
  ];
  if (progress.overdue && progress.missing.length + progress.drafts.length > 0) parts.push(t(locale, 'progressOverdue'));
  const drafts = progress.drafts.map((d) => t(locale, 'progressDraftItem', { label: d.label, at: formatDate(d.at, round.timeZone, locale), filled: d.filled }));
  if (drafts.length) parts.push(`${t(locale, 'progressDrafts')}\n${list(drafts)}`);
  if (progress.missing.length) parts.push(`${t(locale, 'progressMissing')}\n${list(progress.missing)}`);
  if (progress.unreachable.length) parts.push(`${t(locale, 'progressUnreachable')}\n${list(progress.unreachable)}`);
  const absent = (progress.absent ?? []).map((a) => t(locale, 'progressAbsentItem', { name: a.name, date: formatDate(a.until, round.timeZone, locale) }));
  if (absent.length) parts.push(`${t(locale, 'progressAbsent')}\n${list(absent)}`);
  return parts.join('\n\n');
}

