// The coordinator's list of plans (`planer`): one page of the register with each plan's
// officer, period and status in the open round, Ändra on every row, Ny plan and paging. Every
// text from the register travels in a TextRun, so a title renders as written, never as Markdown.

import type { Locale } from '../bot/domain/locale';
import { t } from './messages/index';
import type { PlanStatus } from '../bot/domain/questions';
import { DEFAULT_TEMPLATE } from '../bot/domain/templates/builtin';
import { levelLabel, type FollowUpTemplate } from '../bot/domain/templates/template';
import { expandTemplate, type AdaptiveCard } from './expand';
import template from './templates/plan-list.json';

export interface PlanListCardRow {
  id: string;
  title: string;
  period?: string;
  officerName?: string;
  deputyName?: string;
  excludedReason?: string;
  /** The plan in the open round; absent when no round is open. */
  inRound?: { state: 'excluded' | 'unanswered' | 'draft' } | { state: 'submitted'; status?: PlanStatus };
}

export interface PlanListCardModel {
  locale: Locale;
  /** 0-based. */
  page: number;
  pages: number;
  total: number;
  register: { version: number; changedAt: string; changedBy: string };
  /** The round shown, with the template whose scale its statuses are on (the default when absent). */
  round?: { title: string; due: string; template?: FollowUpTemplate };
  rows: PlanListCardRow[];
  /** A line above the list, e.g. that a plan was saved. */
  notice?: string;
}

// Teams refuses a message over 28 KB. A page of 20 rows fits with room to spare as registers
// usually are; when every text is near its register limit (a title may be 300 characters, a
// reason 500), the list shortens them step by step until it fits. The form shows them whole.
const MAX_CARD_BYTES = 27 * 1024;
const SHORTENING = [
  { title: 300, period: 200, name: 200, reason: 500 },
  { title: 120, period: 40, name: 40, reason: 120 },
  { title: 80, period: 30, name: 30, reason: 60 },
  { title: 50, period: 20, name: 25, reason: 30 },
];
type Shown = (typeof SHORTENING)[number];

function shorten(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}

function stateOf(row: PlanListCardRow, locale: Locale, shown: Shown, template: FollowUpTemplate): { text: string; color: string } {
  if (row.excludedReason !== undefined) {
    return { text: t(locale, 'planListExcluded', { reason: shorten(row.excludedReason, shown.reason) }), color: 'Default' };
  }
  const inRound = row.inRound;
  if (!inRound || inRound.state === 'excluded') return { text: '', color: 'Default' };
  switch (inRound.state) {
    case 'unanswered':
      return { text: t(locale, 'notAnswered'), color: 'Attention' };
    case 'draft':
      return { text: t(locale, 'planListDraft'), color: 'Warning' };
    case 'submitted':
      return { text: inRound.status ? levelLabel(template, inRound.status, locale) : t(locale, 'planListSubmitted'), color: 'Good' };
  }
}

export function buildPlanListCard(model: PlanListCardModel): AdaptiveCard {
  let card: AdaptiveCard = {};
  for (const shown of SHORTENING) {
    card = expandList(model, shown);
    if (Buffer.byteLength(JSON.stringify(card), 'utf8') <= MAX_CARD_BYTES) break;
  }
  return card;
}

function expandList(model: PlanListCardModel, shown: Shown): AdaptiveCard {
  const { locale } = model;
  const rows = model.rows.map((row) => {
    const who = row.officerName ? t(locale, 'planListOfficer', { name: shorten(row.officerName, shown.name) }) : t(locale, 'planListNoOfficer');
    const details = [
      who,
      row.deputyName ? t(locale, 'planListDeputy', { name: shorten(row.deputyName, shown.name) }) : '',
      row.period ? t(locale, 'planListPeriod', { period: shorten(row.period, shown.period) }) : '',
    ].filter(Boolean);
    const state = stateOf(row, locale, shown, model.round?.template ?? DEFAULT_TEMPLATE);
    return { id: row.id, title: shorten(row.title, shown.title), details: details.join(', '), state: state.text, stateColor: state.color };
  });
  return expandTemplate(template, {
    locale,
    page: model.page,
    hasPrevious: model.page > 0,
    hasNext: model.page < model.pages - 1,
    labels: {
      heading: t(locale, 'planListHeading'),
      edit: t(locale, 'edit'),
      newPlan: t(locale, 'planListNew'),
      previous: t(locale, 'planListPrevious'),
      next: t(locale, 'planListNext'),
    },
    meta: t(locale, 'planListMeta', {
      version: model.register.version,
      at: model.register.changedAt,
      by: model.register.changedBy,
      count: model.total,
      page: model.page + 1,
      pages: model.pages,
    }),
    roundLine: model.round ? t(locale, 'planListRound', { round: model.round.title, due: model.round.due }) : t(locale, 'planListNoRound'),
    notice: model.notice ?? '',
    rows,
  });
}
