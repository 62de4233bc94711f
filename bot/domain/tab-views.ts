// What the Teams tab's API answers, as JSON: the coordinator's view of a round, a plan's page,
// the plan across rounds, and who is asking. The server builds these from the same read models
// as the channel cards and the exports (bot/app/dashboard/); the page (tab/) reads them and
// renders every text as text. Times are ISO 8601 strings, as they travel.
//
// The routes (every one checks the token and the user's role per request; 401 without a valid
// token, 403 for what the user may not see, both audited):
//   GET  /api/tab/me                                   TabUserView
//   GET  /api/tab/people                               TabPersonView[]   (local mode only, else 404)
//   GET  /api/tab/rounds                               TabRoundListItem[] (newest first)
//   GET  /api/tab/rounds/:roundId                      TabRoundDashboard
//   GET  /api/tab/rounds/:roundId/plans/:planId        TabPlanPage
//   GET  /api/tab/plans/:planId/rounds                 TabPlanAcrossRounds
//   POST /api/tab/rounds/:roundId/remind               { planIds: string[] } | { all: true } -> TabRemindResult
//   POST /api/tab/rounds/:roundId/exports              { format } -> TabExportLink
//   POST /api/tab/rounds/:roundId/plans/:planId/card   -> { sent: boolean } (the answer card in the 1:1 chat)
// In Teams the page sends `Authorization: Bearer <Teams SSO token>`; in local mode it sends
// `X-Sign-In-As: <person id>` instead (refused outside local mode).

import type { Locale } from './locale';

/** Who is signed in to the tab, and what they may see. */
export interface TabUserView {
  id: string;
  name: string;
  locale: Locale;
  /** A coordinator sees every plan of every round, and may remind and export. */
  coordinator: boolean;
  /** Someone whose people (officers with them as manager) have plans. */
  manager: boolean;
  /** Someone who is the officer or the deputy of a plan. */
  officer: boolean;
  /** Local mode: the page signs in by choosing a person (`GET /api/tab/people`). */
  localSignIn: boolean;
}

/** One of the register's people, offered by "sign in as" in local mode only. */
export interface TabPersonView {
  id: string;
  name: string;
  /** What they are, for the chooser: coordinator, manager, officer. */
  roles: Array<'coordinator' | 'manager' | 'officer'>;
}

export type TabRoundPhase = 'planned' | 'open' | 'closed';

export interface TabRoundListItem {
  id: string;
  title: string;
  year: number;
  phase: TabRoundPhase;
  opensAt: string;
  dueAt: string;
  closesAt: string;
  /** The round's IANA time zone: its dates and times are shown in it. */
  timeZone: string;
  /** Of the plans this user may see in the round. */
  answered: number;
  total: number;
}

/** A status column: the template's levels, then submitted-no-status, draft, unanswered. */
export interface TabStatusView {
  id: string;
  label: string;
  /** The level's colour from the template (e.g. 'good', 'warning', 'attention'); absent for draft/unanswered. */
  colour?: string;
  count: number;
}

export interface TabPlanRow {
  planId: string;
  title: string;
  kind: string;
  unit?: string;
  officer?: { id: string; name: string };
  deputy?: { id: string; name: string };
  /** A status id of the round's columns (TabStatusView.id). */
  status: string;
  statusLabel: string;
  state: 'submitted' | 'draft' | 'unanswered';
  submittedAt?: string;
  draftAt?: string;
  lastReminderAt?: string;
  /** The officer is away (out of office) now, until then. */
  awayUntil?: string;
  /** Teams said the officer cannot be reached, or the bot never reached them. */
  unreachable: boolean;
  /** This user answers for the plan in the round (officer, deputy or by its delegation), so may have its card sent. */
  canSendCard: boolean;
}

/** The round's dashboard: the plans this user may see, counted and listed. */
export interface TabRoundDashboard {
  round: TabRoundListItem & { templateName: string; overdue: boolean };
  statuses: TabStatusView[];
  /** Submitted answers per day (in the round's time zone, yyyy-mm-dd) from opening to the due date or today. */
  byDay: Array<{ day: string; submitted: number; cumulative: number }>;
  /** At risk and delayed first, then by title in Swedish order. */
  plans: TabPlanRow[];
  /** Plan ids per list (each a subset of `plans`). */
  lists: {
    unanswered: string[];
    draftsOnly: string[];
    overdue: string[];
    away: string[];
    unreachable: string[];
  };
  /** Whether this user may press Påminn and export. */
  canRemind: boolean;
  canExport: boolean;
}

export interface TabAnswerVersionView {
  version: number;
  state: 'draft' | 'submitted';
  at: string;
  by: { id: string; name: string };
  status?: string;
  statusLabel?: string;
  /** Each question's answer exactly as typed, in the template's order. */
  answers: Array<{ questionId: string; label: string; text: string }>;
}

export interface TabPlanPage {
  round: { id: string; title: string; year: number; timeZone: string };
  plan: {
    id: string;
    title: string;
    kind: string;
    period?: string;
    note?: string;
    officer?: { id: string; name: string };
    deputy?: { id: string; name: string };
    /** Who the plan is delegated to for this round, if someone other than the officer. */
    delegatedTo?: { id: string; name: string };
  };
  /** Newest first. */
  versions: TabAnswerVersionView[];
  /**
   * The prompts (the answer card) and reminders sent for the plan in this round to its officer or
   * deputy, oldest first. Escalation digests are not listed: which plans a digest named is not kept.
   */
  sent: Array<{ kind: 'prompt' | 'reminder'; at: string; to?: string }>;
}

/** The plan in each round it was followed up in, newest round first. */
export interface TabPlanAcrossRounds {
  planId: string;
  title: string;
  rounds: Array<{
    roundId: string;
    title: string;
    year: number;
    timeZone: string;
    status: string;
    statusLabel: string;
    submittedAt?: string;
    answers: Array<{ questionId: string; label: string; text: string }>;
  }>;
}

/** What pressing Påminn did: reminded now, already reminded (a second press), or not remindable. */
export interface TabRemindResult {
  reminded: number;
  alreadyReminded: number;
  skipped: number;
}

export interface TabExportLink {
  format: 'docx' | 'csv' | 'json';
  url: string;
  expiresAt: string;
}
