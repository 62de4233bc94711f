// The 1:1 message that tells an officer their deputy submitted the plan's answer
// (bot/app/officer/deputy-answer-notice.ts). Markdown: the names and titles are escaped so that
// they render as written.

import type { Locale } from '../../bot/domain/locale';
import type { Plan } from '../../bot/domain/register';
import type { Round } from '../../bot/domain/round';
import { escapeMarkdown, t } from '../messages/index';

export function deputyAnswerNotice(locale: Locale, deputyName: string, plan: Pick<Plan, 'title'>, round: Pick<Round, 'title'>): string {
  return t(locale, 'deputySubmitted', {
    name: escapeMarkdown(deputyName),
    plan: escapeMarkdown(plan.title),
    round: escapeMarkdown(round.title),
  });
}
