// The Markdown an officer reads in the 1:1 chat: `mina planer`, what `svara` says when there is
// nothing to answer, and that a round is not open (the other refusals: refusals.ts). Titles are
// the register's and the coordinator's text: escaped, so that they show as written.

import type { Locale } from '../../bot/domain/locale';
import type { Plan } from '../../bot/domain/register';
import type { Round } from '../../bot/domain/round';
import { formatDate, formatDateTime } from '../../bot/domain/time';
import { escapeMarkdown, t } from '../messages/index';

/** How far an officer has come with one plan, as `mina planer` lists it. */
export type PlanStanding = { state: 'unanswered' } | { state: 'draft' | 'submitted'; at: Date };

export interface OwnRoundStanding {
  round: Round;
  plans: Array<{ plan: Plan; progress: PlanStanding }>;
}

/** `mina planer`: each open round with the officer's plans and how far each has come. */
export function ownPlansText(rounds: OwnRoundStanding[], locale: Locale): string {
  if (rounds.length === 0) return t(locale, 'noOpenRound');
  return rounds
    .map(({ round, plans }) => {
      const title = escapeMarkdown(round.title);
      if (plans.length === 0) return t(locale, 'noPlans', { round: title });
      const lines = plans.map(({ plan, progress }) => {
        const at = progress.state === 'unanswered' ? '' : formatDateTime(progress.at, round.timeZone, locale);
        const state =
          progress.state === 'unanswered'
            ? t(locale, 'stateUnanswered')
            : t(locale, progress.state === 'draft' ? 'stateDraft' : 'stateSubmitted', { at });
        return `- ${escapeMarkdown(plan.title)}: ${state}`;
      });
      return [t(locale, 'myPlansHeading', { round: title, due: formatDate(round.dueAt, round.timeZone, locale) }), ...lines].join('\n');
    })
    .join('\n\n');
}

/** The officer has no plans in the round. */
export function noPlansText(round: Pick<Round, 'title'>, locale: Locale): string {
  return t(locale, 'noPlans', { round: escapeMarkdown(round.title) });
}

/** Every plan of the officer's in the round is submitted. */
export function nothingToAnswerText(round: Pick<Round, 'title'>, locale: Locale): string {
  return t(locale, 'nothingToAnswer', { round: escapeMarkdown(round.title) });
}

/** The round takes no answers (not open yet, or closed). */
export function roundNotOpenText(round: Pick<Round, 'title'> | undefined, locale: Locale): string {
  return t(locale, 'roundNotOpen', { round: escapeMarkdown(round?.title ?? '') });
}
