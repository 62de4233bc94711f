// The coordinator's summary of a round as a model: for every plan followed up, its officer, its
// latest submitted answer and any newer draft, counted by status in the spirit of the
// goal-fulfilment table of seed 003 (I fas / Risk för försening / Försenad/avvaktar / Utkast /
// Ej besvarad). A draft is shown to the coordinator as a draft, never counted as an answer. Pure: the caller
// reads the round's answer versions in one partition query and passes them in; the cards and
// the council document render this model.

import type { AnswerVersion } from './answer';
import type { Locale } from './locale';
import { t } from '../../cards/messages/index';
import type { PlanStatus } from './questions';
import { normalizeAddress, type Person, type Plan, type RegisterContent } from './register';
import type { Round } from './round';
import { DEFAULT_TEMPLATE, templateOf } from './templates/builtin';
import { coversKind, levelLabel, type FollowUpTemplate } from './templates/template';
import { kindOf } from './kinds';

/** A submitted answer without a status, on a template whose status may be left out. */
export const SUBMITTED_WITHOUT_STATUS = 'submitted-no-status';

export type SummaryStatus = PlanStatus | 'draft' | 'unanswered' | typeof SUBMITTED_WITHOUT_STATUS;

/**
 * A submitted answer's column: its status; without one, a column of its own on a template that
 * lets the status be left out. On a template that requires it, validateAnswer refuses a submit
 * without one, so only older data lacks it: that still counts as answered but has no status
 * column to go in, as before templates.
 */
function submittedStatus(answer: AnswerVersion, template: FollowUpTemplate): SummaryStatus {
  return answer.content.status ?? (template.statusScale.required ? 'unanswered' : SUBMITTED_WITHOUT_STATUS);
}

/**
 * The columns of the summary table, in the order they are shown: the template's scale, the
 * submitted answers without a status where the template lets a status be left out, then drafts
 * and the unanswered.
 */
export function summaryStatusesOf(template: FollowUpTemplate): SummaryStatus[] {
  const withoutStatus: SummaryStatus[] = template.statusScale.required ? [] : [SUBMITTED_WITHOUT_STATUS];
  return [...template.statusScale.levels.map((level) => level.id), ...withoutStatus, 'draft', 'unanswered'];
}

/** The default template's columns. */
export const SUMMARY_STATUSES: readonly SummaryStatus[] = summaryStatusesOf(DEFAULT_TEMPLATE);

/**
 * A summary status in words, wherever the summary is shown. A draft is "Utkast" beside its
 * date on a card; in a cell of its own (the spreadsheet) it says that it is not submitted.
 */
export function summaryStatusLabel(
  status: SummaryStatus,
  locale: Locale,
  draft: 'short' | 'spelled-out' = 'short',
  template: FollowUpTemplate = DEFAULT_TEMPLATE,
): string {
  if (status === 'unanswered') return t(locale, 'notAnswered');
  if (status === SUBMITTED_WITHOUT_STATUS) return t(locale, 'submittedWithoutStatus');
  if (status === 'draft') return t(locale, draft === 'short' ? 'summaryDraft' : 'summaryDraftNotSubmitted');
  return levelLabel(template, status, locale);
}

export interface SummaryEntry {
  plan: Plan;
  /** The responsible officer as found in the register; absent if the register lacks them. */
  officer?: Person;
  /** 'draft' when the plan has only drafts: saved but never submitted. */
  state: 'submitted' | 'draft' | 'unanswered';
  /** The submitted status; 'draft' for a plan with only drafts, 'unanswered' for one with nothing. */
  status: SummaryStatus;
  /** The latest SUBMITTED version (drafts are not answers). */
  answer?: AnswerVersion;
  /** The newest draft, if it is newer than the submitted answer (or there is none). */
  draft?: AnswerVersion;
  /** When that draft was saved. */
  draftAt?: Date;
}

export interface RoundSummary {
  round: Round;
  /** The template the round follows (templateOf(round)). */
  template: FollowUpTemplate;
  /** The plans followed up (not excluded), alphabetical by title in Swedish collation. */
  entries: SummaryEntry[];
  /** Plans excluded from rounds (with their reason), in the register's order, as the seed lists them. */
  excluded: Plan[];
  counts: Record<SummaryStatus, number>;
  /** Plans with a submitted answer. */
  answered: number;
  /** Plans followed up. */
  total: number;
}

/** A register with nothing in it: what a summary reads before the first import. */
export const EMPTY_REGISTER: RegisterContent = { plans: [], people: [], coordinators: [] };

/** The officer's name from the register, else the plan's officer address, if any. */
export function officerName(entry: SummaryEntry): string | undefined {
  return entry.officer?.name ?? entry.plan.officer;
}

// Swedish order puts Å, Ä, Ö after Z; a code-point sort would also put every lower-case title
// after every upper-case one.
const swedish = new Intl.Collator('sv', { sensitivity: 'base', numeric: true });

/** Titles in Swedish order: Å, Ä, Ö after Z, any case, and "Plan 9" before "Plan 10". */
export function compareTitles(a: string, b: string): number {
  return swedish.compare(a, b);
}

/** Orders plans as the council document does: by title in Swedish, then by id for equal titles. */
export function comparePlans(a: Plan, b: Plan): number {
  return compareTitles(a.title, b.title) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/**
 * Compiles the summary from every answer version of the round (any order). Versions of plans
 * that left the register, or of excluded plans, are ignored; versions of other rounds too. Only
 * the items of the kinds the round's template is for are part of it.
 */
export function compileSummary(round: Round, register: RegisterContent, versions: AnswerVersion[]): RoundSummary {
  const latestSubmitted = new Map<string, AnswerVersion>();
  const latestDraft = new Map<string, AnswerVersion>();
  for (const version of versions) {
    if (version.roundId !== round.id) continue;
    const latest = version.state === 'submitted' ? latestSubmitted : latestDraft;
    const known = latest.get(version.planId);
    if (!known || isNewer(version, known)) latest.set(version.planId, version);
  }

  const people = new Map(register.people.map((p) => [normalizeAddress(p.id), p]));
  const template = templateOf(round);
  const counts: Record<SummaryStatus, number> = Object.fromEntries(summaryStatusesOf(template).map((s) => [s, 0]));
  const entries: SummaryEntry[] = [];
  const excluded: Plan[] = [];

  for (const plan of register.plans) {
    // An item of a kind the round's template is not for is not part of the round at all.
    if (!coversKind(template, kindOf(plan))) continue;
    if (plan.excludedReason) {
      excluded.push(plan);
      continue;
    }
    const answer = latestSubmitted.get(plan.id);
    const draft = latestDraft.get(plan.id);
    const pendingDraft = draft && (!answer || isNewer(draft, answer)) ? draft : undefined;
    const status: SummaryStatus = answer ? submittedStatus(answer, template) : pendingDraft ? 'draft' : 'unanswered';
    // A status the round's scale does not know (data from elsewhere) still counts, in a column of its own.
    counts[status] = (counts[status] ?? 0) + 1;
    entries.push({
      plan,
      officer: plan.officer ? people.get(normalizeAddress(plan.officer)) : undefined,
      state: answer ? 'submitted' : pendingDraft ? 'draft' : 'unanswered',
      status,
      answer,
      draft: pendingDraft,
      draftAt: pendingDraft?.at,
    });
  }

  entries.sort((a, b) => comparePlans(a.plan, b.plan));
  const answered = entries.filter((e) => e.state === 'submitted').length;
  return { round, template, entries, excluded, counts, answered, total: entries.length };
}

/** Version numbers grow by one per change of a plan's answer; time only breaks a tie. */
function isNewer(a: AnswerVersion, b: AnswerVersion): boolean {
  return a.version !== b.version ? a.version > b.version : a.at.getTime() > b.at.getTime();
}

/** Where a round stands (`läge`, the weekly digest): who submitted, who has drafts, who is missing, unreachable or away. */
export interface Progress {
  round: Round;
  total: number;
  submitted: number;
  /** Plans with only a draft: when it was saved and how many of its template's sections it fills in. */
  drafts: Array<{ label: string; at: Date; filled: number }>;
  missing: string[];
  overdue: boolean;
  unreachable: string[];
  /** Officers and deputies of open plans who are out of office, and until when. */
  absent?: Array<{ name: string; until: Date }>;
}
