// Goal fulfilment in the form of seed 003's table ("Måluppfyllelse"): for the round's items, the
// submitted answers counted on each level of the template's scale, each with its share of them,
// and the total: "Nämndsmål 0, 4 (50 %), 4 (50 %), 8". A level nobody is on reads "0" alone, as
// in the seed. Shares are whole percents (the seed's "1 (3,5%)" of 27 follows no rule that also
// gives its "25 (93 %)"; whole percents give 4 % and 93 %).

import type { Locale } from '../locale';
import { SUBMITTED_WITHOUT_STATUS, type RoundSummary } from '../summary';

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

/** The row of the round's items: the submitted answers on each level, then how many they are. */
export function fulfilmentRow(summary: RoundSummary, label: string, locale: Locale): FulfilmentRow {
  const levels = summary.template.statusScale.levels;
  const counts = levels.map((level) => summary.counts[level.id] ?? 0);
  // A submitted answer without a status (where the template allows it) is counted in the total.
  const total = counts.reduce((a, b) => a + b, 0) + (summary.counts[SUBMITTED_WITHOUT_STATUS] ?? 0);
  return { label, cells: [...counts.map((n) => fulfilmentCell(n, total, locale)), String(total)] };
}
