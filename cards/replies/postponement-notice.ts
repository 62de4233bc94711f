// The 1:1 message to someone who has not submitted yet when a round's due date moves
// (bot/app/rounds/round-admin.ts). Markdown: the titles are escaped so that they render as written.

import type { Locale } from '../../bot/domain/locale';
import type { Round } from '../../bot/domain/round';
import { formatDate } from '../../bot/domain/time';
import { escapeMarkdown, t } from '../messages/index';

/** The new due date, naming the plan left to submit, or how many when there are several. */
export function postponementNotice(locale: Locale, round: Pick<Round, 'title' | 'dueAt' | 'timeZone'>, plans: string[]): string {
  return t(locale, plans.length === 1 ? 'roundPostponedNotice' : 'roundPostponedNoticeMany', {
    round: escapeMarkdown(round.title),
    plan: escapeMarkdown(plans[0]),
    count: plans.length,
    due: formatDate(round.dueAt, round.timeZone, locale),
  });
}
