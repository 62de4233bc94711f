// The card that replaces an answer card once it is stored: exactly what was saved, shown as
// typed (TextRun renders no Markdown), with Edit while the round is open. Built here rather than
// from a template: it answers every submit, and the templating engine allocates about 100 KiB
// per card (a third of what a submit allocates); what the officer typed is a value in it, never
// read as a template.

import type { AnswerVersion } from '../bot/domain/answer';
import type { Locale } from '../bot/domain/locale';
import { t } from './messages/index';
import type { Plan } from '../bot/domain/register';
import type { Round } from '../bot/domain/round';
import { templateOf } from '../bot/domain/templates/builtin';
import { levelLabel, questionsOf } from '../bot/domain/templates/template';
import { formatDateTime } from '../bot/domain/time';
import type { AdaptiveCard } from './expand';

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
  const meta = t(locale, 'confirmMeta', { version: answer.version, at: formatDateTime(answer.at, tz, locale), name: answer.answeredByName });
  const footer = model.canEdit ? t(locale, 'confirmEditUntil', { closes: formatDateTime(round.closesAt, tz, locale) }) : t(locale, 'confirmClosed');
  const edit = t(locale, 'edit');
  const editData = { roundId: round.id, planId: plan.id, locale };
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    body: [
      { type: 'TextBlock', text: t(locale, submitted ? 'confirmSubmitted' : 'confirmDraft'), size: 'Medium', weight: 'Bolder', color: submitted ? 'Good' : 'Accent', wrap: true },
      { type: 'RichTextBlock', inlines: [textRun(plan.title, { size: 'Large', weight: 'Bolder' })] },
      {
        type: 'RichTextBlock',
        spacing: 'Small',
        inlines: [textRun(`${t(locale, 'cardRound')}: `, { weight: 'Bolder' }), textRun(round.title), textRun(`\n${meta}`, { isSubtle: true })],
      },
      ...answers.map((a) => ({
        type: 'Container',
        spacing: 'Medium',
        items: [
          { type: 'RichTextBlock', inlines: [textRun(a.question, { weight: 'Bolder' })] },
          { type: 'RichTextBlock', spacing: 'Small', inlines: [textRun(a.text, { italic: a.missing })] },
        ],
      })),
      { type: 'RichTextBlock', spacing: 'Medium', inlines: [textRun(footer, { isSubtle: true })] },
    ],
    actions: model.canEdit
      ? [
          {
            type: 'Action.Execute',
            title: edit,
            verb: 'answer.edit',
            data: editData,
            fallback: { type: 'Action.Submit', title: edit, data: { verb: 'answer.edit', ...editData } },
          },
        ]
      : [],
  };
}

/** A run of text, shown as it is: a TextRun renders no Markdown. */
function textRun(text: string, style: Record<string, unknown> = {}): Record<string, unknown> {
  return { type: 'TextRun', text, ...style };
}
