// The round cards: the form a coordinator creates a round with (`ny omgång`), the confirmation
// after it, and the list of rounds (`omgångar`) with Öppna nu, Skjut upp and Stäng. Every text
// arrives worded (the Teams layer words it from the message catalogue); titles a coordinator
// typed travel in TextRuns and input values only, never in Markdown.

import type { Locale } from '../bot/domain/locale';
import { t } from './messages/index';
import type { RoundFormValues } from '../bot/domain/round-form';
import { DEFAULT_TEMPLATE } from '../bot/domain/templates/builtin';
import { expandTemplate, type AdaptiveCard } from './expand';
import createdTemplate from './templates/round-created.json';
import formTemplate from './templates/round-form.json';
import listTemplate from './templates/round-list.json';

export interface RoundFormCardModel {
  locale: Locale;
  timeZone: string;
  values: RoundFormValues;
  /** The due date the summary date is the suggestion for ('' when it is not): comes back with the actions. */
  summaryFollows?: string;
  reminderChoices: Array<{ title: string; value: string }>;
  escalationChoices: Array<{ title: string; value: string }>;
  /** The follow-up templates to choose from (their names are data); no choice shown when absent. */
  templateChoices?: Array<{ title: string; value: string }>;
  answerRuleChoices: Array<{ title: string; value: string }>;
  emptySectionChoices: Array<{ title: string; value: string }>;
  /** One line each, already worded. */
  errors?: string[];
  /** One-click fixes: put `date` (`yyyy-mm-dd`) in `field`. */
  fixes?: Array<{ title: string; field: string; date: string }>;
}

export function buildRoundFormCard(model: RoundFormCardModel): AdaptiveCard {
  const { locale } = model;
  return expandTemplate(formTemplate, {
    locale,
    timeZone: model.timeZone,
    values: model.values,
    summaryFollows: model.summaryFollows ?? '',
    errors: model.errors ?? [],
    fixes: model.fixes ?? [],
    reminderChoices: model.reminderChoices,
    escalationChoices: model.escalationChoices,
    templateChoices: model.templateChoices ?? [],
    template: model.values.template ?? DEFAULT_TEMPLATE.id,
    answerRuleChoices: model.answerRuleChoices,
    emptySectionChoices: model.emptySectionChoices,
    labels: {
      heading: t(locale, 'roundFormHeading'),
      intro: t(locale, 'roundFormIntro'),
      errorsHeading: t(locale, 'roundFormErrors'),
      title: t(locale, 'roundFormTitle'),
      titlePlaceholder: t(locale, 'roundFormTitlePlaceholder'),
      year: t(locale, 'roundFormYear'),
      opensDate: t(locale, 'roundFormOpensDate'),
      opensTime: t(locale, 'roundFormOpensTime'),
      openNow: t(locale, 'roundFormOpenNow'),
      dueDate: t(locale, 'roundFormDueDate'),
      summaryDate: t(locale, 'roundFormSummaryDate'),
      summaryTime: t(locale, 'roundFormSummaryTime'),
      reminders: t(locale, 'roundFormReminders'),
      escalation: t(locale, 'roundFormEscalation'),
      template: t(locale, 'roundFormTemplate'),
      answerRule: t(locale, 'roundFormAnswers'),
      emptySection: t(locale, 'roundFormEmptySection'),
      create: t(locale, 'roundFormCreate'),
    },
  });
}

export function buildRoundCreatedCard(model: { locale: Locale; lines: string[] }): AdaptiveCard {
  return expandTemplate(createdTemplate, {
    locale: model.locale,
    heading: t(model.locale, 'roundCreatedHeading'),
    lines: model.lines,
    labels: { list: t(model.locale, 'roundShowList') },
  });
}

export interface RoundListCardRow {
  id: string;
  title: string;
  phase: 'planned' | 'open' | 'closed';
  /** The state as a word ("Öppen"). */
  state: string;
  /** "Öppnar 1 mars 2026, svar senast 1 april 2026, stänger 1 maj 2026." */
  dates: string;
  /** Of an open round: "3 av 12 planer inskickade."; '' otherwise. */
  answered: string;
  /** The current due date, `yyyy-mm-dd`: where the postpone date input starts. */
  due: string;
  closeQuestion: string;
}

export function buildRoundListCard(model: { locale: Locale; timeZone: string; rows: RoundListCardRow[]; notice?: string; error?: string }): AdaptiveCard {
  const { locale } = model;
  const colors = { planned: 'Accent', open: 'Good', closed: 'Default' } as const;
  return expandTemplate(listTemplate, {
    locale,
    timeZone: model.timeZone,
    notice: model.notice ?? '',
    error: model.error ?? '',
    // Input ids must be unique in the card: one postpone date per row.
    rows: model.rows.map((row, i) => ({ ...row, inputId: `newDue${i}`, stateColor: colors[row.phase] })),
    labels: {
      heading: t(locale, 'roundListHeading'),
      empty: t(locale, 'roundListEmpty'),
      new: t(locale, 'roundListNew'),
      openNow: t(locale, 'roundListOpenNow'),
      postpone: t(locale, 'roundListPostpone'),
      postponeLabel: t(locale, 'roundListPostponeLabel'),
      postponeHint: t(locale, 'roundListPostponeHint'),
      postponeConfirm: t(locale, 'roundListPostponeConfirm'),
      close: t(locale, 'roundListClose'),
      closeConfirm: t(locale, 'roundListCloseConfirm'),
    },
  });
}
