// The progress of a round as a person reads it: the short Markdown reply to `läge` and the
// weekly digest in the coordinator channel. Plan titles and names are escaped, so what someone
// typed never becomes live Markdown in another person's message.

import type { Progress } from '../../bot/domain/summary';
import type { Locale } from '../../bot/domain/locale';
import { templateOf } from '../../bot/domain/templates/builtin';
import { formatDate } from '../../bot/domain/time';
import { escapeMarkdown, t } from '../messages/index';

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
  const drafts = progress.drafts.map((d) => t(locale, 'progressDraftItem', { label: d.label, at: formatDate(d.at, round.timeZone, locale), filled: d.filled, total: templateOf(round).questions.length }));
  if (drafts.length) parts.push(`${t(locale, 'progressDrafts')}\n${list(drafts)}`);
  if (progress.missing.length) parts.push(`${t(locale, 'progressMissing')}\n${list(progress.missing)}`);
  if (progress.unreachable.length) parts.push(`${t(locale, 'progressUnreachable')}\n${list(progress.unreachable)}`);
  const absent = (progress.absent ?? []).map((a) => t(locale, 'progressAbsentItem', { name: a.name, date: formatDate(a.until, round.timeZone, locale) }));
  if (absent.length) parts.push(`${t(locale, 'progressAbsent')}\n${list(absent)}`);
  return parts.join('\n\n');
}
