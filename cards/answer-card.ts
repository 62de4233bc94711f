// The card an officer answers: one per plan and round, with the five questions, the status
// choice, and Submit / Save draft as Action.Execute with an Action.Submit fallback.

import type { AnswerContent } from '../bot/domain/answer';
import type { Locale } from '../bot/domain/locale';
import { t } from '../bot/domain/messages';
import { MAX_ANSWER_LENGTH, PLAN_STATUSES, questionsFor, statusLabel } from '../bot/domain/questions';
import type { Plan } from '../bot/domain/register';
import type { Round } from '../bot/domain/round';
import { formatDate } from '../bot/domain/time';
import { expandTemplate, type AdaptiveCard } from './expand';
import template from './templates/answer-card.json';

export interface AnswerCardModel {
  locale: Locale;
  round: Round;
  plan: Plan;
  content: AnswerContent;
  /** The answer version the officer's edit is based on (0 when none); detects lost updates. */
  baseVersion: number;
  /** A line above the questions, e.g. "draft saved at …". */
  notice?: string;
  /** Why the last submit was refused, one line each. */
  errors?: string[];
}

export function buildAnswerCard(model: AnswerCardModel): AdaptiveCard {
  const { locale, round, plan, content } = model;
  return expandTemplate(template, {
    locale,
    labels: {
      round: t(locale, 'cardRound'),
      due: t(locale, 'cardDue'),
      period: t(locale, 'cardPeriod'),
      note: t(locale, 'cardNote'),
      status: t(locale, 'cardStatusLabel'),
      submit: t(locale, 'submit'),
      draft: t(locale, 'saveDraft'),
    },
    round: { id: round.id, title: round.title, due: formatDate(round.dueAt, round.timeZone, locale) },
    plan: { id: plan.id, title: plan.title, period: plan.period ?? '', note: plan.note ?? '' },
    notice: model.notice ?? '',
    errors: model.errors ?? [],
    questions: questionsFor(round.year, locale).map((q) => ({
      id: q.id,
      label: `${q.number}. ${q.label}`,
      placeholder: t(locale, 'cardPlaceholder'),
      maxLength: MAX_ANSWER_LENGTH,
      value: content.texts[q.id],
    })),
    status: content.status ?? '',
    statusChoices: PLAN_STATUSES.map((s) => ({ title: statusLabel(s, locale), value: s })),
    baseVersion: model.baseVersion,
  });
}
