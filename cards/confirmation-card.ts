// The card that replaces an answer card once it is stored: exactly what was saved, shown as
// typed (TextRun renders no Markdown), with Edit while the round is open.

import type { AnswerVersion } from '../bot/domain/answer';
import type { Locale } from '../bot/domain/locale';
import { t } from './messages/index';
import type { Plan } from '../bot/domain/register';
import type { Round } from '../bot/domain/round';
import { templateOf } from '../bot/domain/templates/builtin';
import { levelLabel, questionsOf } from '../bot/domain/templates/template';
import { formatDateTime } from '../bot/domain/time';
import { expandTemplate, type AdaptiveCard } from './expand';
import template from './templates/confirmation-card.json';

export interface ConfirmationCardModel {
  locale: Locale;
  round: Round;
  plan: Plan;
  answer: AnswerVersion;
  /** Whether the round still accepts changes. */
  canEdit: boolean;
}

export function buildConfirmationCard(model: ConfirmationCardModel): AdaptiveCard {
  const { locale, round, plan, answer } = model;
  const tz = round.timeZone;
  const missing = t(locale, 'notAnswered');
  // A section left empty is what the officer chose to send; it says so, unlike a missing status.
  const empty = t(locale, 'sectionEmpty');
  const followUp = templateOf(round);
  const answers = questionsOf(followUp, round.year, locale).map((q) => {
    const text = answer.content.texts[q.id] ?? '';
    const isMissing = text.trim() === '';
    return { question: `${q.number}. ${q.label}`, text: isMissing ? empty : text, missing: isMissing };
  });
  answers.push({
    question: t(locale, 'statusHeading'),
    text: answer.content.status ? levelLabel(followUp, answer.content.status, locale) : missing,
    missing: !answer.content.status,
  });
  const submitted = answer.state === 'submitted';
  return expandTemplate(template, {
    locale,
    heading: t(locale, submitted ? 'confirmSubmitted' : 'confirmDraft'),
    headingColor: submitted ? 'Good' : 'Accent',
    labels: { round: t(locale, 'cardRound'), edit: t(locale, 'edit') },
    round: { id: round.id, title: round.title },
    plan: { id: plan.id, title: plan.title },
    meta: t(locale, 'confirmMeta', {
      version: answer.version,
      at: formatDateTime(answer.at, tz, locale),
      name: answer.answeredByName,
    }),
    answers,
    footer: model.canEdit
      ? t(locale, 'confirmEditUntil', { closes: formatDateTime(round.closesAt, tz, locale) })
      : t(locale, 'confirmClosed'),
    canEdit: model.canEdit,
  });
}
