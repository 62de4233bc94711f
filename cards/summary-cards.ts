// The coordinator's summary as Teams messages: one overview card (the round, answered/total, the
// counts by status in the spirit of seed 003's goal-fulfilment table, a chart of them with a
// text table for clients without charts, the plans at risk and delayed by name, and a button to
// the tab), then, for a small round or when asked, one detail card per plan with its five
// answers. Teams refuses a message over 28 KB, so every card is measured: the overview's lists of
// names are cut short ("och 12 till"), a plan's answers spread over continuation cards. Officer
// and register text travel only as template data into TextRuns, which render no Markdown, so
// titles and answers show exactly as typed.

import type { Locale } from '../bot/domain/locale';
import { t } from './messages/index';
import { officerName, summaryStatusesOf, summaryStatusLabel, type RoundSummary, type SummaryEntry, type SummaryStatus } from '../bot/domain/summary';
import { countsByKind, fulfilmentByKind } from '../bot/domain/templates/fulfilment';
import { concernLevels, levelColor, questionsOf, type FollowUpTemplate, type StatusColor } from '../bot/domain/templates/template';
import { formatDate, formatDateTime } from '../bot/domain/time';
import { expandTemplate, type AdaptiveCard } from './expand';
import overviewTemplate from './templates/summary-overview.json';
import planTemplate from './templates/summary-plan.json';

const expandOverview = (data: object) => expandTemplate(overviewTemplate, data);
const expandPlan = (data: object) => expandTemplate(planTemplate, data);

export interface OverviewCardOptions {
  /**
   * Teams ids of the users whose Teams refreshes the card when they see it (Universal Actions'
   * `refresh.userIds`); Teams takes at most MAX_REFRESH_USERS.
   */
  refreshUserIds?: string[];
  /** The address that opens the tab at the round (a deep link in Teams); no button without it. */
  tabUrl?: string;
}

export interface SummaryMessageOptions extends OverviewCardOptions {
  /**
   * Largest plan card, in UTF-8 bytes of its JSON. Teams refuses messages over 28 KB; the
   * default, also the overview's room, leaves 1 KB for the activity envelope around the card.
   */
  maxBytes?: number;
  /** Said after an answer that had to be cut, e.g. "Hela texten finns i exporten: skriv exportera". */
  fullTextNote: string;
  /** Whether each plan's card follows the overview (true unless told otherwise). */
  planCards?: boolean;
}

export const DEFAULT_SUMMARY_MAX_BYTES = 27 * 1024;

/** Teams refreshes a card by itself for at most 60 users (`refresh.userIds`). */
export const MAX_REFRESH_USERS = 60;

/** The overview card first, then (unless `planCards` is false) each plan's detail card(s) in the summary's order. */
export function buildSummaryMessages(summary: RoundSummary, locale: Locale, options: SummaryMessageOptions): AdaptiveCard[] {
  const maxBytes = options.maxBytes ?? DEFAULT_SUMMARY_MAX_BYTES;
  const cards = [buildOverviewCard(summary, locale, options)];
  if (options.planCards === false) return cards;
  for (const entry of summary.entries) cards.push(...buildPlanCards(summary, entry, locale, maxBytes, options.fullTextNote));
  return cards;
}

// ---------------------------------------------------------------------------------------------
// Overview

/** A status's colour: the template's for its levels, Accent for a draft, none for the unanswered. */
function statusColor(template: FollowUpTemplate, status: SummaryStatus): StatusColor {
  if (status === 'draft') return 'Accent';
  return levelColor(template, status);
}

/** A text colour as the name of Teams' chart colour for it. */
const CHART_COLORS: Record<StatusColor, string> = {
  Good: 'good',
  Warning: 'warning',
  Attention: 'attention',
  Accent: 'categoricalBlue',
  Default: 'neutral',
};

/** How many plans each list of the overview names at most, before "och N till". */
const LISTED_PLANS = 25;

/**
 * The round's overview card: the counts, a chart of them (a table where charts are not
 * rendered), the plans at risk and delayed (concernLevels) by name, and the tab button. The lists are
 * shortened until the card fits in DEFAULT_SUMMARY_MAX_BYTES.
 */
export function buildOverviewCard(summary: RoundSummary, locale: Locale, options: OverviewCardOptions = {}): AdaptiveCard {
  const maxBytes = DEFAULT_SUMMARY_MAX_BYTES;
  const data = overviewData(summary, locale, options);
  for (let listed = LISTED_PLANS; ; listed = Math.floor(listed / 2)) {
    const card = expandOverview({ ...data, attention: attentionLists(summary, locale, listed) });
    if (byteSize(card) <= maxBytes) return card;
    if (listed === 0) throw new RangeError(`A summary card cannot fit in ${maxBytes} bytes`);
  }
}

/** Everything on the overview but the lists of plans by name. */
function overviewData(summary: RoundSummary, locale: Locale, options: OverviewCardOptions) {
  const { round, template } = summary;
  const percent = new Intl.NumberFormat(locale === 'en' ? 'en-GB' : 'sv-SE', { style: 'percent', maximumFractionDigits: 0 });
  const statuses = summaryStatusesOf(template).map((status) => {
    const count = summary.counts[status] ?? 0;
    return {
      label: summaryStatusLabel(status, locale, 'short', template),
      count,
      value: summary.total > 0 ? `${count} (${percent.format(count / summary.total)})` : String(count),
      color: statusColor(template, status),
    };
  });
  const counts = [
    ...statuses.map(({ label, value, color }) => ({ label, value, color })),
    { label: t(locale, 'summaryTotal'), value: String(summary.total), color: 'Default' },
  ];
  const cell = (text: string, bold: boolean) => ({ text, weight: bold ? 'Bolder' : 'Default' });
  return {
    locale,
    heading: t(locale, 'summaryHeading'),
    labels: { round: t(locale, 'cardRound'), due: t(locale, 'cardDue') },
    round: { id: round.id, title: round.title, due: formatDate(round.dueAt, round.timeZone, locale) },
    answered: t(locale, 'summaryAnswered', { answered: summary.answered, total: summary.total }),
    counts,
    chart: {
      title: t(locale, 'summaryChartTitle'),
      data: statuses.map((s) => ({ legend: s.label, value: s.count, color: CHART_COLORS[s.color] })),
      // The chart's fallback: the same counts as a table, the total in bold.
      table: [
        { cells: [cell(t(locale, 'statusHeading'), true), cell(t(locale, 'summaryPlans'), true)] },
        ...counts.map((c, i) => ({ cells: [cell(c.label, i === counts.length - 1), cell(c.value, i === counts.length - 1)] })),
      ],
    },
    byKind: countsByKind(summary) ? kindTable(summary, locale) : { show: false },
    refreshUserIds: (options.refreshUserIds ?? []).slice(0, MAX_REFRESH_USERS),
    tab: options.tabUrl ? { show: true, title: t(locale, 'summaryOpenTab'), url: options.tabUrl } : { show: false },
  };
}

/**
 * The plans of each level of concern (concernLevels: at risk, delayed), by title and officer, in
 * the summary's order: at most `listed` of each, then "och N till".
 */
function attentionLists(summary: RoundSummary, locale: Locale, listed: number) {
  const { template, round } = summary;
  return concernLevels(template)
    .map((level) => {
      const plans = summary.entries.filter((entry) => entry.status === level.id);
      return { level, plans };
    })
    .filter(({ plans }) => plans.length > 0)
    .map(({ level, plans }) => ({
      heading: `${summaryStatusLabel(level.id, locale, 'short', template)} (${plans.length})`,
      color: level.color,
      plans: plans.slice(0, listed).map((entry) => ({ title: entry.plan.title, detail: ` · ${describeOfficer(entry, round.timeZone, locale)}` })),
      more: plans.length > listed ? t(locale, 'summaryMorePlans', { count: plans.length - listed }) : '',
    }));
}

/**
 * Seed 003's Måluppfyllelse table on the card: a header row (the scale's levels, then the
 * total), a row per kind, then the total row, in bold where the seed's table is.
 */
function kindTable(summary: RoundSummary, locale: Locale) {
  const levels = summary.template.statusScale.levels.map((level) => level.label[locale]);
  const header = [t(locale, 'summaryByKind'), ...levels, t(locale, 'kindsTotal')];
  const rows = fulfilmentByKind(summary, locale);
  const cell = (text: string, bold: boolean) => ({ text, weight: bold ? 'Bolder' : 'Default' });
  return {
    show: true,
    // The labels' column is wider; each level and the total share the rest.
    columns: header.map((_label, i) => ({ width: i === 0 ? 2 : 1 })),
    rows: [
      { cells: header.map((label) => cell(label, true)) },
      ...rows.map((row, i) => ({ cells: [row.label, ...row.cells].map((text) => cell(text, i === rows.length - 1)) })),
    ],
  };
}

function describeOfficer(entry: SummaryEntry, timeZone: string, locale: Locale): string {
  const name = officerName(entry) ?? '–';
  return entry.draftAt ? `${name} · ${t(locale, 'stateDraft', { at: formatDate(entry.draftAt, timeZone, locale) })}` : name;
}

// ---------------------------------------------------------------------------------------------
// One plan

interface AnswerBlock {
  question: string;
  text: string;
  missing: boolean;
  /** Set when the text had to be cut: where the full text is. */
  note: string;
}

function buildPlanCards(
  summary: RoundSummary,
  entry: SummaryEntry,
  locale: Locale,
  maxBytes: number,
  fullTextNote: string,
): AdaptiveCard[] {
  const { round, template } = summary;
  const tz = round.timeZone;
  const { plan, officer, answer } = entry;
  const missing = t(locale, 'notAnswered');

  const facts: Array<{ label: string; value: string; color: string }> = [];
  const addFact = (label: string, value: string | undefined, color = 'Default') => {
    if (value && value.trim()) facts.push({ label, value, color });
  };
  addFact(t(locale, 'cardRound'), round.title);
  const firstFacts = facts.length;
  addFact(t(locale, 'cardPeriod'), plan.period);
  addFact(t(locale, 'cardNote'), plan.note);
  addFact(
    t(locale, 'summaryOfficer'),
    officer ? [officer.name, officer.title, officer.unit].filter((s) => s && s.trim()).join(', ') : plan.officer,
  );
  addFact(t(locale, 'statusHeading'), summaryStatusLabel(entry.status, locale, 'short', template), statusColor(template, entry.status));

  // A plan with only a draft shows the draft's text under a banner saying it is one: what the
  // officer wrote is never dropped, nor mistaken for an answer.
  const draftOnly = !answer && entry.draft ? entry.draft : undefined;
  const shown = answer ?? draftOnly;
  const meta = [
    answer ? t(locale, 'summarySubmitted', { at: formatDateTime(answer.at, tz, locale), name: answer.answeredByName }) : '',
    answer && entry.draftAt ? t(locale, 'summaryNewerDraft', { at: formatDateTime(entry.draftAt, tz, locale) }) : '',
  ].filter(Boolean).join(' ');
  const draftBanner = draftOnly ? t(locale, 'summaryDraftBanner', { at: formatDateTime(draftOnly.at, tz, locale) }) : '';

  // Nothing at all is "Ej besvarad"; a section an answer or draft left empty is "Inget ifyllt".
  const empty = shown ? t(locale, 'sectionEmpty') : missing;
  const blocks: AnswerBlock[] = questionsOf(template, round.year, locale).map((q) => {
    const text = shown?.content.texts[q.id] ?? '';
    const isMissing = text.trim() === '';
    return { question: `${q.number}. ${q.label}`, text: isMissing ? empty : text, missing: isMissing, note: '' };
  });

  const render = (page: AnswerBlock[], index: number): AdaptiveCard =>
    expandPlan({
      plan: { title: plan.title },
      labels: { continued: t(locale, 'summaryContinued') },
      continued: index > 0,
      // A continuation card repeats only the plan and the round: enough to know whose answers
      // these are, and the most room for the answers.
      facts: index > 0 ? facts.slice(0, firstFacts) : facts,
      meta: index > 0 ? '' : meta,
      // Repeated on a continuation card: every card of a draft says it is one.
      draftBanner,
      answers: page,
    });

  const whole = render(blocks, 0);
  if (byteSize(whole) <= maxBytes) return [whole];
  const fitted = cutOversizedAnswers(blocks, render, maxBytes, fullTextNote);
  return packIntoCards(fitted, render, 'answers', maxBytes, fitted === blocks ? whole : undefined);
}

/**
 * An answer that does not fit even alone on a continuation card is cut at a safe boundary and
 * followed by the note saying where the full text is. Answers are validated well below this
 * (MAX_ANSWERS_BYTES), so this guards against data from elsewhere or a small `maxBytes`.
 */
function cutOversizedAnswers(
  blocks: AnswerBlock[],
  render: (page: AnswerBlock[], index: number) => AdaptiveCard,
  maxBytes: number,
  fullTextNote: string,
): AnswerBlock[] {
  let cut = false;
  const fitted = blocks.map((block) => {
    if (byteSize(render([block], 1)) <= maxBytes) return block;
    // The card with this block and an empty text: what is left is the room for the text.
    const emptyText = { ...block, text: '', note: fullTextNote };
    const room = maxBytes - byteSize(render([emptyText], 1));
    const text = cutAtBoundary(block.text, room);
    if (text === '') throw new RangeError(`A summary card cannot fit in ${maxBytes} bytes`);
    cut = true;
    return { ...block, text, note: fullTextNote };
  });
  return cut ? fitted : blocks;
}

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/**
 * The longest prefix of `text` that takes at most `room` bytes inside a JSON string, ending at
 * a word boundary when one is near, and never inside a character (a surrogate pair, a letter
 * and its combining ring, an emoji sequence).
 */
export function cutAtBoundary(text: string, room: number): string {
  let used = 0;
  let end = 0;
  let lastSpace = -1;
  for (const { segment, index } of graphemes.segment(text)) {
    const bytes = byteSize(segment) - 2;
    if (used + bytes > room) break;
    used += bytes;
    end = index + segment.length;
    if (/\s/.test(segment)) lastSpace = index;
  }
  if (end === text.length) return text;
  // Prefer ending a word, unless that would throw away more than a fifth of what fits.
  if (lastSpace > 0 && lastSpace >= end * 0.8) return text.slice(0, lastSpace).trimEnd() || text.slice(0, end);
  return text.slice(0, end);
}

// ---------------------------------------------------------------------------------------------
// Splitting a list over cards

/**
 * Spreads `items` over as few cards as fit in `maxBytes`, in order. `render(page, index)`
 * builds card `index` (0 the first, later ones continuations) with one element per item in
 * the container `listId`. Each item's size is measured once from the card with every item;
 * the grouping is then arithmetic, and every card is measured again after rendering, moving
 * items on when a card turned out larger than reckoned.
 */
function packIntoCards<T>(
  items: T[],
  render: (page: T[], index: number) => AdaptiveCard,
  listId: string,
  maxBytes: number,
  whole: AdaptiveCard = render(items, 0),
): AdaptiveCard[] {
  const wholeBytes = byteSize(whole);
  if (wholeBytes <= maxBytes || items.length === 0) return checked([whole], maxBytes);

  // Each element costs its JSON plus the comma before it; the first element has no comma.
  const costs = listIn(whole, listId).map((element) => byteSize(element) + 1);
  if (costs.length !== items.length) throw new Error(`Template list "${listId}" does not match its items`);
  const fixedFirst = wholeBytes - sum(costs) + 1;
  const fixedNext = byteSize(render(items.slice(0, 1), 1)) - costs[0] + 1;

  const groups: T[][] = [[]];
  let used = fixedFirst;
  items.forEach((item, i) => {
    if (groups[groups.length - 1].length > 0 && used + costs[i] > maxBytes) {
      groups.push([]);
      used = fixedNext;
    }
    groups[groups.length - 1].push(item);
    used += costs[i];
  });

  const cards: AdaptiveCard[] = [];
  for (let g = 0; g < groups.length; g++) {
    let card = render(groups[g], g);
    while (byteSize(card) > maxBytes && groups[g].length > 1) {
      if (g + 1 === groups.length) groups.push([]);
      groups[g + 1].unshift(groups[g].pop()!);
      card = render(groups[g], g);
    }
    cards.push(card);
  }
  return checked(cards, maxBytes);
}

/** A card that cannot be made to fit is a fault to report, never a message Teams refuses. */
function checked(cards: AdaptiveCard[], maxBytes: number): AdaptiveCard[] {
  for (const card of cards) {
    if (byteSize(card) > maxBytes) throw new RangeError(`A summary card cannot fit in ${maxBytes} bytes`);
  }
  return cards;
}

function listIn(card: AdaptiveCard, id: string): unknown[] {
  const body = (card.body ?? []) as Array<{ id?: string; items?: unknown[] }>;
  return body.find((element) => element.id === id)?.items ?? [];
}

function byteSize(value: unknown): number {
  return Buffer.byteLength(JSON.stringify(value), 'utf8');
}

function sum(values: number[]): number {
  return values.reduce((a, b) => a + b, 0);
}
