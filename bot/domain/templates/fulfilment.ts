// Goal fulfilment in the form of seed 003's table ("Måluppfyllelse"): for the round's items, the
// submitted answers counted on each level of the template's scale, each with its share of them,
// and the total: "Nämndsmål 0, 4 (50 %), 4 (50 %), 8". A level nobody is on reads "0" alone, as
// in the seed. Shares are whole percents (the seed's "1 (3,5%)" of 27 follows no rule that also
// gives its "25 (93 %)"; whole percents give 4 % and 93 %). The table has one row per kind of
// item (nämndsmål, aktiviteter, uppdrag …), then a total row, when the register names kinds.

import { t } from '../../../cards/messages/index';
import { kindLabel, kindOf, kindsIn, namesKinds } from '../kinds';
import type { Locale } from '../locale';
import { SUBMITTED_WITHOUT_STATUS, type RoundSummary, type SummaryEntry } from '../summary';

export interface FulfilmentRow {
  label: string;
  /** One per level of the scale, then the total. */
  cells: string[];
}

export function fulfilmentCell(count: number, of: number, locale: Locale): string {
  if (count === 0 || of === 0) return String(count);
  const percent = new Intl.NumberFormat(locale === 'en' ? 'en-GB' : 'sv-SE', { style: 'percent', maximumFractionDigits: 0 });
  return `${count} (${percent.format(count / of)})`;
}

/**
 * The row of these entries: their submitted answers on each level of the round's scale, each
 * with its share of them, then how many they are (those without a status, where the template
 * allows it, count in that total).
 */
function entriesRow(label: string, summary: RoundSummary, entries: SummaryEntry[], locale: Locale): FulfilmentRow {
  const submitted = entries.filter((e) => e.state === 'submitted');
  const onLevels = summary.template.statusScale.levels.map((level) => submitted.filter((e) => e.status === level.id).length);
  const total = onLevels.reduce((a, b) => a + b, 0) + submitted.filter((e) => e.status === SUBMITTED_WITHOUT_STATUS).length;
  return { label, cells: [...onLevels.map((n) => fulfilmentCell(n, total, locale)), String(total)] };
}

/** The row of all the round's items: the submitted answers on each level, then how many they are. */
export function fulfilmentRow(summary: RoundSummary, label: string, locale: Locale): FulfilmentRow {
  return entriesRow(label, summary, summary.entries, locale);
}

/** One row per kind of the round's items (the known kinds first), then the total row ("Totalt"). */
export function fulfilmentByKind(summary: RoundSummary, locale: Locale): FulfilmentRow[] {
  const kinds = kindsIn(summary.entries.map((e) => e.plan));
  const rows = kinds.map((kind) => entriesRow(kindLabel(kind, locale), summary, summary.entries.filter((e) => kindOf(e.plan) === kind), locale));
  return [...rows, fulfilmentRow(summary, t(locale, 'kindsTotal'), locale)];
}

/** Whether the round's items name their kinds: then the counts are shown by kind wherever the summary is. */
export function countsByKind(summary: RoundSummary): boolean {
  return namesKinds(summary.entries.map((e) => e.plan));
}

/**
 * The table's rows for a round: by kind when its items name kinds, else the one row of the
 * round's items under the template's name (a round on another template than the default).
 */
export function fulfilmentRows(summary: RoundSummary, locale: Locale): FulfilmentRow[] {
  return countsByKind(summary) ? fulfilmentByKind(summary, locale) : [fulfilmentRow(summary, summary.template.name[locale], locale)];
}
