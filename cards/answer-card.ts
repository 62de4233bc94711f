// The card an officer answers: one per plan and round, with the questions of the round's
// template, its status choice, and Submit / Save draft as Action.Execute with an Action.Submit fallback. The same
// card carries the officer's controls: remind me later, delegate, out of office (each a
// ShowCard with its input) and start from the last round's answer. The server validates every
// input again; the date limits here only guide the picker.

import type { AnswerContent } from '../bot/domain/answer';
import { addDays, formatLocalDate, localDateIn } from '../bot/domain/calendar';
import type { Locale } from '../bot/domain/locale';
import { lowerFirst, t } from './messages/index';
import { answerPolicyOf, describeAnswerPolicy } from '../bot/domain/answer-policy';
import type { Plan } from '../bot/domain/register';
import type { Round } from '../bot/domain/round';
import { templateOf } from '../bot/domain/templates/builtin';
import { questionsOf } from '../bot/domain/templates/template';
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
  /** When the card is built: the date pickers start from this day (the round's opening if absent). */
  now?: Date;
}

/** The picker's limits: a snooze from tomorrow to the day before the due date; an absence from today. */
function dateLimits(round: Round, now: Date) {
  const today = localDateIn(now, round.timeZone);
  const tomorrow = formatLocalDate(addDays(today, 1));
  const beforeDue = formatLocalDate(addDays(localDateIn(round.dueAt, round.timeZone), -1));
  return { snoozeMin: tomorrow, snoozeMax: beforeDue < tomorrow ? tomorrow : beforeDue, absentMin: formatLocalDate(today) };
}

/** What a submit needs in this round, so that nobody types "-" to get past an empty section. */
function answerRuleLine(round: Round, locale: Locale): string {
  const policy = answerPolicyOf(round);
  const { rule } = describeAnswerPolicy(policy, locale, templateOf(round));
  // Where every section is needed none may be left empty; where none is, the rule says so itself.
  const allOrNone = policy.requiredSections.length === templateOf(round).questions.length || (policy.requiredSections.length === 0 && policy.minSections === 0);
  return t(locale, allOrNone ? 'cardAnswerRule' : 'cardAnswerRuleEmpty', { rule: lowerFirst(rule) });
}

export function buildAnswerCard(model: AnswerCardModel): AdaptiveCard {
  const { locale, round, plan, content } = model;
  const followUp = templateOf(round);
  const due = formatDate(round.dueAt, round.timeZone, locale);
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
      snooze: t(locale, 'cardSnooze'),
      snoozeDate: t(locale, 'cardSnoozeDate', { due }),
      snoozeConfirm: t(locale, 'cardSnoozeConfirm'),
      delegate: t(locale, 'cardDelegate'),
      deputy: t(locale, 'cardDeputyLabel'),
      deputyPlaceholder: t(locale, 'cardDeputyPlaceholder'),
      delegateConfirm: t(locale, 'cardDelegateConfirm'),
      absent: t(locale, 'cardAbsent'),
      absentDate: t(locale, 'cardAbsentLabel'),
      absentConfirm: t(locale, 'cardAbsentConfirm'),
      previous: t(locale, 'cardPrevious'),
      answerRule: answerRuleLine(round, locale),
    },
    dates: dateLimits(round, model.now ?? round.opensAt),
    round: { id: round.id, title: round.title, due },
    plan: { id: plan.id, title: plan.title, period: plan.period ?? '', note: plan.note ?? '' },
    notice: model.notice ?? '',
    errors: model.errors ?? [],
    questions: questionsOf(followUp, round.year, locale).map((q) => ({
      id: q.id,
      label: `${q.number}. ${q.label}`,
      placeholder: q.help ?? t(locale, 'cardPlaceholder'),
      multiline: q.multiline,
      maxLength: q.maxLength,
      value: content.texts[q.id] ?? '',
    })),
    status: content.status ?? '',
    statusChoices: followUp.statusScale.levels.map((level) => ({ title: level.label[locale], value: level.id })),
    baseVersion: model.baseVersion,
  });
}
