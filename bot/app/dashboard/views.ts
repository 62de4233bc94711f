// The small pieces every tab view is made of: a person by id and name, a round in the list, a
// status's column and label, and an answer's texts beside the template's questions. Texts come
// from the template and the catalogue in the user's locale; the officers' text is passed on as
// typed (the page renders it as text).

import type { AnswerContent } from '../../domain/answer';
import type { Locale } from '../../domain/locale';
import { normalizeAddress, type RegisterContent } from '../../domain/register';
import { roundPhase, type Round } from '../../domain/round';
import { summaryStatusLabel, summaryStatusesOf, type SummaryStatus } from '../../domain/summary';
import type { TabRoundListItem, TabStatusView } from '../../domain/tab-views';
import { templateOf } from '../../domain/templates/builtin';
import { concernLevels, levelColor, questionsOf, type FollowUpTemplate } from '../../domain/templates/template';

export type PersonRef = { id: string; name: string };

/** Finds people's names by address in one register read. */
export function peopleOf(register: RegisterContent): (address: string | undefined) => PersonRef | undefined {
  const names = new Map(register.people.map((p) => [normalizeAddress(p.id), p.name]));
  return (address) => {
    if (!address) return undefined;
    const id = normalizeAddress(address);
    return { id, name: names.get(id) ?? address };
  };
}

/** A round as the list shows it, with the answered and total of the plans the user may see. */
export function roundItem(round: Round, now: Date, counts: { answered: number; total: number }): TabRoundListItem {
  return {
    id: round.id,
    title: round.title,
    year: round.year,
    phase: roundPhase(round, now),
    opensAt: round.opensAt.toISOString(),
    dueAt: round.dueAt.toISOString(),
    closesAt: round.closesAt.toISOString(),
    timeZone: round.timeZone,
    ...counts,
  };
}

/** A status in the user's words, on the round's template. */
export function statusLabel(status: SummaryStatus, template: FollowUpTemplate, locale: Locale): string {
  return summaryStatusLabel(status, locale, 'short', template);
}

/** The round's status columns, counted over the given statuses (a status outside the scale gets a column of its own). */
export function statusColumns(template: FollowUpTemplate, statuses: SummaryStatus[], locale: Locale): TabStatusView[] {
  const counts = new Map<SummaryStatus, number>(summaryStatusesOf(template).map((s) => [s, 0]));
  for (const s of statuses) counts.set(s, (counts.get(s) ?? 0) + 1);
  const levels = new Set(template.statusScale.levels.map((l) => l.id));
  return [...counts].map(([id, count]) => ({
    id,
    label: statusLabel(id, template, locale),
    ...(levels.has(id) ? { colour: levelColor(template, id).toLowerCase() } : {}),
    count,
  }));
}

/** Whether a status is a worry (one of the template's concernLevels): such plans are listed first, in the scale's order. */
export function concernRank(template: FollowUpTemplate, status: SummaryStatus): number {
  const index = concernLevels(template).findIndex((l) => l.id === status);
  return index < 0 ? Number.MAX_SAFE_INTEGER : index;
}

/** Each question of the round's template with the answer's text exactly as stored. */
export function answerTexts(round: Round, content: AnswerContent | undefined, locale: Locale): Array<{ questionId: string; label: string; text: string }> {
  return questionsOf(templateOf(round), round.year, locale).map((q) => ({
    questionId: q.id,
    label: q.label,
    text: content && Object.hasOwn(content.texts, q.id) ? content.texts[q.id] : '',
  }));
}
