// The round's dashboard for the tab: the plans the user may see, counted by status, day by day
// and listed (at risk and delayed first), with the lists a coordinator chases (not answered,
// drafts only, overdue, away, unreachable). Read from the round's state (round-state.ts), the
// same as the coordinator's progress, in a constant number of queries.

import { addDays, compareDates, formatLocalDate, localDateIn } from '../../domain/calendar';
import type { Locale } from '../../domain/locale';
import { kindOf } from '../../domain/kinds';
import { roundPhase, type Round } from '../../domain/round';
import type { SummaryEntry } from '../../domain/summary';
import type { TabPlanRow, TabRoundDashboard } from '../../domain/tab-views';
import type { TabViewer } from '../access';
import type { AppDeps } from '../deps';
import { awayUntil, deputyOf, isUnreachable, readRoundState, type RoundState } from './round-state';
import { concernRank, peopleOf, roundItem, statusColumns, statusLabel } from './views';

/** The dashboard of the plans the viewer may see in the round; undefined when they may see none. */
export async function roundDashboard(deps: AppDeps, round: Round, viewer: TabViewer, locale: Locale): Promise<TabRoundDashboard | undefined> {
  const state = await readRoundState(deps, round, viewer.register);
  const entries = visibleEntries(state, viewer);
  if (entries.length === 0 && !viewer.coordinator) return undefined;
  const { template } = state.summary;
  const now = deps.clock.now();
  const person = peopleOf(state.register);
  const rows = entries
    .map((entry) => ({ ...planRow(state, entry, person, locale), canSendCard: viewer.answersFor(entry.plan, state.settings.get(entry.plan.id)) }))
    .map((row, i) => ({ row, rank: concernRank(template, row.status), i }))
    .sort((a, b) => a.rank - b.rank || a.i - b.i)
    .map(({ row }) => row);
  const open = rows.filter((r) => r.state !== 'submitted');
  const ids = (list: TabPlanRow[]) => list.map((r) => r.planId);
  const overdue = now > round.dueAt;
  return {
    round: {
      ...roundItem(round, now, { answered: entries.filter((e) => e.state === 'submitted').length, total: entries.length }),
      templateName: template.name[locale],
      overdue,
    },
    statuses: statusColumns(template, entries.map((e) => e.status), locale),
    byDay: submittedByDay(round, entries, now),
    plans: rows,
    lists: {
      unanswered: ids(open.filter((r) => r.state === 'unanswered')),
      draftsOnly: ids(open.filter((r) => r.state === 'draft')),
      overdue: overdue ? ids(open) : [],
      away: ids(open.filter((r) => r.awayUntil)),
      unreachable: ids(open.filter((r) => r.unreachable)),
    },
    canRemind: viewer.coordinator && roundPhase(round, now) === 'open',
    canExport: viewer.coordinator,
  };
}

/** The round's plans the viewer may see, in the summary's order (by title, in Swedish). */
function visibleEntries(state: RoundState, viewer: TabViewer): SummaryEntry[] {
  return state.summary.entries.filter((e) => viewer.maySee(e.plan, state.settings.get(e.plan.id)));
}

function planRow(state: RoundState, entry: SummaryEntry, person: ReturnType<typeof peopleOf>, locale: Locale): Omit<TabPlanRow, 'canSendCard'> {
  const { plan } = entry;
  const away = awayUntil(state, plan);
  const last = state.lastReminders.get(plan.id);
  const officer = person(plan.officer);
  const deputy = person(deputyOf(state, plan) ?? plan.deputy);
  return {
    planId: plan.id,
    title: plan.title,
    kind: kindOf(plan),
    ...(entry.officer?.unit ? { unit: entry.officer.unit } : {}),
    ...(officer ? { officer } : {}),
    ...(deputy ? { deputy } : {}),
    status: entry.status,
    statusLabel: statusLabel(entry.status, state.summary.template, locale),
    state: entry.state,
    ...(entry.answer ? { submittedAt: entry.answer.at.toISOString() } : {}),
    ...(entry.draftAt ? { draftAt: entry.draftAt.toISOString() } : {}),
    ...(last ? { lastReminderAt: last.toISOString() } : {}),
    ...(away ? { awayUntil: away.toISOString() } : {}),
    unreachable: isUnreachable(state, entry),
  };
}

/**
 * Submitted answers per local day of the round's time zone, from the day it opened to its due
 * date, or to today when that is later (answers still come in after the due date), but not past
 * the day it closed.
 */
export function submittedByDay(round: Round, entries: SummaryEntry[], now: Date): TabRoundDashboard['byDay'] {
  const perDay = new Map<string, number>();
  for (const e of entries) {
    if (!e.answer) continue;
    const day = formatLocalDate(localDateIn(e.answer.at, round.timeZone));
    perDay.set(day, (perDay.get(day) ?? 0) + 1);
  }
  const first = localDateIn(round.opensAt, round.timeZone);
  const due = localDateIn(round.dueAt, round.timeZone);
  const today = localDateIn(now, round.timeZone);
  const closed = localDateIn(round.closedAt ?? round.closesAt, round.timeZone);
  // The last day answers could come in on, and never before the due date.
  const end = compareDates(closed, due) > 0 ? closed : due;
  const last = compareDates(today, due) <= 0 ? due : compareDates(today, end) < 0 ? today : end;
  const days: TabRoundDashboard['byDay'] = [];
  let cumulative = 0;
  for (let day = first; compareDates(day, last) <= 0; day = addDays(day, 1)) {
    const key = formatLocalDate(day);
    const submitted = perDay.get(key) ?? 0;
    cumulative += submitted;
    days.push({ day: key, submitted, cumulative });
  }
  return days;
}
