// A follow-up round ("Uppföljning KF 2019"): when it opens, when answers are due, when it
// closes for edits. Times are instants; the coordinator's local times are converted at the edge
// with the round's time zone.

import type { AnswerPolicy } from './answer-policy';
import type { FieldError } from './errors';
import type { LatenessPolicy } from './reminder-policy';
import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns/format';
import { addDays, atLocalTime, endOfLocalDay, localDateIn, nextWorkingDay } from './calendar';
import { parseLocalDate, parseLocalTime, zonedInstant } from './time';
import type { FollowUpTemplate } from './templates/template';

export type RoundPhase = 'planned' | 'open' | 'closed';

export interface Round {
  id: string;
  title: string;
  /** The year the questions speak of ("Innevarande verksamhetsår, {year}"). */
  year: number;
  timeZone: string;
  opensAt: Date;
  dueAt: Date;
  closesAt: Date;
  /** Set once every officer has been prompted (the round's opening is complete). */
  promptedAt?: Date;
  /**
   * The register version whose plans have all been prompted: a newer register (a plan added
   * mid-round) makes the scheduler prompt the round again, once.
   */
  promptedRegisterVersion?: number;
  /** Set when a coordinator closed the round before `closesAt`. */
  closedAt?: Date;
  /** When the summary is posted by itself, if not the default (see `summaryTime`). */
  summaryAt?: Date;
  /** Reminders and escalation of this round; the defaults when absent. */
  policy?: LatenessPolicy;
  /** What a submit needs and how an empty section reads in the document; the defaults when absent. */
  answerPolicy?: AnswerPolicy;
  /** The council document's own settings for this round (date, Bakgrund); defaults when absent. */
  document?: RoundDocument;
  /**
   * The template the round follows, as it was (id and version) when the round was created: a
   * later version of it never changes this round. The default template when absent (rounds
   * stored before templates).
   */
  template?: FollowUpTemplate;
  createdBy: string;
  createdAt: Date;
}

/** What the coordinator sets for the round's council document. */
export interface RoundDocument {
  /** The document's date, `yyyy-mm-dd`; the export day when absent. */
  date?: string;
  /** The first paragraph of Bakgrund, as the coordinator wrote it; a sentence naming the round when absent. */
  background?: string;
  /** Plan id → the short name its appendix goes by in Bilagor ("Drogpolitiska programmet"); the title when absent. */
  appendixNames?: Record<string, string>;
  /**
   * Plan id → the title(s) the officer signs that plan's appendix with, several separated by ";"
   * (seed 000: one officer signs two plans with different titles); the register's title when absent.
   */
  signatureTitles?: Record<string, string>;
}

/** The settings given plan by plan, and the flag each is set with on the command line. */
export const PER_PLAN_DOCUMENT_SETTINGS = [
  { key: 'appendixNames', field: 'appendix', what: 'Bilagans namn' },
  { key: 'signatureTitles', field: 'signature', what: 'Titeln i underskriften' },
] as const;

const MAX_BACKGROUND_LENGTH = 2000;
const MAX_PER_PLAN_LENGTH = 200;

/** Every problem with a round's document settings: a real date, a Bakgrund of reasonable length. */
export function checkRoundDocument(document: RoundDocument): FieldError[] {
  const errors: FieldError[] = [];
  if (document.date !== undefined && !parseLocalDate(document.date)) {
    errors.push({ field: 'documentDate', message: `"${document.date}" är inget datum (åååå-mm-dd).` });
  }
  const background = document.background;
  if (background !== undefined && (background.length > MAX_BACKGROUND_LENGTH || /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(background))) {
    errors.push({ field: 'background', message: `Bakgrunden får vara högst ${MAX_BACKGROUND_LENGTH} tecken, utan styrtecken.` });
  }
  for (const { key, field, what } of PER_PLAN_DOCUMENT_SETTINGS) {
    for (const [planId, value] of Object.entries(document[key] ?? {})) {
      if (!value.trim() || value.length > MAX_PER_PLAN_LENGTH || /[\u0000-\u001f\u007f]/.test(value)) {
        errors.push({ field, message: `${what} för "${planId}" ska vara 1–${MAX_PER_PLAN_LENGTH} tecken på en rad.` });
      }
    }
  }
  return errors;
}

/** A round is open from its opening time until it closes, also after the due date. */
export function roundPhase(round: Round, now: Date): RoundPhase {
  if (round.closedAt || now.getTime() >= round.closesAt.getTime()) return 'closed';
  return now.getTime() >= round.opensAt.getTime() ? 'open' : 'planned';
}

/**
 * An open round whose prompts have not all gone out yet. Prompting is idempotent (each prompt is
 * a claimed delivery), so a tick that dies half-way is simply repeated.
 */
export function needsPrompting(round: Round, now: Date): boolean {
  return roundPhase(round, now) === 'open' && !round.promptedAt;
}

export function acceptsAnswers(round: Round, now: Date): boolean {
  return roundPhase(round, now) === 'open';
}

/** The rounds, the one that opens (or opened) last first. */
export function latestOpenedFirst(rounds: readonly Round[]): Round[] {
  return [...rounds].sort((a, b) => b.opensAt.getTime() - a.opensAt.getTime());
}

/** What a coordinator gives when creating a round, as typed (local dates and times). */
export interface RoundInput {
  id?: string;
  title: string;
  year: string;
  /** `yyyy-mm-dd` */
  opensDate: string;
  /** `HH:mm`, default 08:00 */
  opensTime?: string;
  /** `yyyy-mm-dd`: answers are due by the end of this day. */
  dueDate: string;
  /** `yyyy-mm-dd`: edits are accepted until the end of this day; default 30 days after due. */
  closesDate?: string;
  /** `yyyy-mm-dd`: when the summary is posted by itself; default the first working day after due. */
  summaryDate?: string;
  /** `HH:mm` with `summaryDate`, default 09:00 */
  summaryTime?: string;
}

const DEFAULT_CLOSE_AFTER_DAYS = 30;

/** A readable, key-safe id from a title: "Uppföljning KF 2019" → "uppfoljning-kf-2019". */
export function roundIdFromTitle(title: string): string {
  return title
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
}

/** Validates a coordinator's input and builds the round; every problem is reported at once. */
export function buildRound(
  input: RoundInput,
  meta: { timeZone: string; createdBy: string; createdAt: Date },
): { round?: Round; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const title = input.title.trim();
  if (!title) errors.push({ field: 'title', message: 'Ange en titel, t.ex. "Uppföljning KF 2019".' });
  else if (title.length > 200 || /[\u0000-\u001f\u007f]/.test(title)) {
    errors.push({ field: 'title', message: 'Titeln får vara högst 200 tecken på en rad.' });
  }
  const id = (input.id ?? roundIdFromTitle(title)).trim();
  if (title && !/^[a-z0-9][a-z0-9-]{0,59}$/.test(id)) {
    errors.push({ field: 'id', message: 'Id får bara innehålla a–z, 0–9 och bindestreck (högst 60 tecken).' });
  }
  const year = Number(input.year);
  if (!/^\d{4}$/.test(input.year.trim()) || year < 2000 || year > 2100) {
    errors.push({ field: 'year', message: 'Ange året som ett årtal, t.ex. 2019.' });
  }
  const opensDate = parseLocalDate(input.opensDate);
  if (!opensDate) errors.push({ field: 'opens', message: `"${input.opensDate}" är inget datum (åååå-mm-dd).` });
  const opensTime = parseLocalTime(input.opensTime ?? '08:00');
  if (!opensTime) errors.push({ field: 'opensTime', message: `"${input.opensTime}" är ingen tid (tt:mm).` });
  const dueDate = parseLocalDate(input.dueDate);
  if (!dueDate) errors.push({ field: 'due', message: `"${input.dueDate}" är inget datum (åååå-mm-dd).` });
  const closesDate = input.closesDate === undefined ? undefined : parseLocalDate(input.closesDate);
  if (input.closesDate !== undefined && !closesDate) {
    errors.push({ field: 'closes', message: `"${input.closesDate}" är inget datum (åååå-mm-dd).` });
  }
  const summaryDate = input.summaryDate === undefined ? undefined : parseLocalDate(input.summaryDate);
  if (input.summaryDate !== undefined && !summaryDate) {
    errors.push({ field: 'summary', message: `"${input.summaryDate}" är inget datum (åååå-mm-dd).` });
  }
  const summaryClock = parseLocalTime(input.summaryTime ?? '09:00');
  if (!summaryClock) errors.push({ field: 'summaryTime', message: `"${input.summaryTime}" är ingen tid (tt:mm).` });
  else if (input.summaryTime !== undefined && input.summaryDate === undefined) {
    errors.push({ field: 'summaryTime', message: 'Ange också ett datum för sammanställningen.' });
  }
  if (errors.length > 0 || !opensDate || !opensTime || !dueDate || !summaryClock) return { errors };

  const opensAt = zonedInstant(opensDate, opensTime, meta.timeZone);
  const dueAt = endOfLocalDay(dueDate, meta.timeZone);
  const closesAt = endOfLocalDay(closesDate ?? addDays(dueDate, DEFAULT_CLOSE_AFTER_DAYS), meta.timeZone);
  if (dueAt <= opensAt) errors.push({ field: 'due', message: 'Sista svarsdag måste ligga efter öppningstiden.' });
  if (closesAt < dueAt) errors.push({ field: 'closes', message: 'Omgången kan inte stänga före sista svarsdag.' });
  const summaryAt = summaryDate && zonedInstant(summaryDate, summaryClock, meta.timeZone);
  if (summaryAt && summaryAt <= opensAt) errors.push({ field: 'summary', message: 'Sammanställningen kan inte postas innan omgången öppnar.' });
  if (errors.length > 0) return { errors };

  return {
    errors,
    round: {
      id,
      title,
      year,
      timeZone: meta.timeZone,
      opensAt,
      dueAt,
      closesAt,
      ...(summaryAt ? { summaryAt } : {}),
      createdBy: meta.createdBy,
      createdAt: meta.createdAt,
    },
  };
}

/** When the summary is posted by itself: the first working day after the due date, 09:00 local time. */
export function summaryTime(round: Round): Date {
  if (round.summaryAt) return round.summaryAt;
  return atLocalTime(nextWorkingDay(localDateIn(round.dueAt, round.timeZone)), { hour: 9, minute: 0 }, round.timeZone);
}

/** The ISO week (e.g. `2019-W11`) of an instant in the round's time zone, once Monday 09:00 has passed. */
export function progressWeek(now: Date, timeZone: string): string | undefined {
  const local = new TZDate(now.getTime(), timeZone);
  const weekday = (local.getDay() + 6) % 7; // Monday 0
  if (weekday === 0 && local.getHours() < 9) return undefined;
  return format(local, "RRRR-'W'II");
}
