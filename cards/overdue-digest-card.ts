// The overdue digest: to a manager, the plans of their people that are not submitted after the
// due date; to the coordinators, every such plan. Names and titles come from the register and
// travel only as template data into TextRuns, which render no Markdown. Teams refuses a message
// over 28 KB, so a long list is cut and the card says how many more there are.

import type { OverduePlan } from '../bot/domain/reminders';
import type { Locale } from '../bot/domain/locale';
import { t } from './messages/index';
import type { Round } from '../bot/domain/round';
import { formatDate } from '../bot/domain/time';
import { expandTemplate, type AdaptiveCard } from './expand';
import template from './templates/overdue-digest.json';

export interface OverdueDigestModel {
  locale: Locale;
  round: Round;
  /** A manager's digest of their people, or the coordinators' list of everyone. */
  audience: 'manager' | 'coordinators';
  /** In the order to show them; one officer's plans next to each other. */
  plans: OverduePlan[];
  /** Display names of deputies and managers by address (the address is shown when unknown). */
  nameOf?: (address: string) => string | undefined;
  /** Largest card in UTF-8 bytes of its JSON; the default leaves 1 KB of the 28 KB for the envelope. */
  maxBytes?: number;
}

export const DEFAULT_DIGEST_MAX_BYTES = 27 * 1024;

interface PersonRow {
  name: string;
  note: string;
  plans: string;
}

export function buildOverdueDigestCard(model: OverdueDigestModel): AdaptiveCard {
  const { locale, round, plans } = model;
  const maxBytes = model.maxBytes ?? DEFAULT_DIGEST_MAX_BYTES;
  const due = formatDate(round.dueAt, round.timeZone, locale);
  const intro =
    model.audience === 'manager'
      ? t(locale, 'overdueDigestManagerIntro', { due })
      : t(locale, 'overdueDigestListIntro', { due, count: plans.length });
  const expand = (shown: number) =>
    expandTemplate(template, {
      heading: t(locale, 'overdueDigestHeading'),
      labels: { round: t(locale, 'cardRound') },
      round: { title: round.title },
      intro,
      people: rows(model, plans.slice(0, shown)),
      more: shown < plans.length ? t(locale, 'overdueDigestMore', { count: plans.length - shown }) : '',
    });
  const fits = (card: AdaptiveCard) => Buffer.byteLength(JSON.stringify(card), 'utf8') <= maxBytes;
  const full = expand(plans.length);
  if (fits(full)) return full;
  // The largest number of plans that fits, by bisection (cards grow with every plan shown).
  let low = 0;
  let high = plans.length - 1;
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if (fits(expand(middle))) low = middle;
    else high = middle - 1;
  }
  return expand(low);
}

/** One row per officer: their name, what to know about them, and their plans one per line. */
function rows(model: OverdueDigestModel, plans: OverduePlan[]): PersonRow[] {
  const { locale, round } = model;
  const name = (address: string) => model.nameOf?.(address) ?? address;
  const byOfficer = new Map<string, OverduePlan[]>();
  for (const plan of plans) byOfficer.set(plan.officer, [...(byOfficer.get(plan.officer) ?? []), plan]);
  return [...byOfficer.values()].map((own) => {
    const first = own[0];
    const notes: string[] = [];
    if (first.absentUntil) {
      // An absence lasts to the end of its last day: show that day, not the midnight after it.
      const lastDay = new Date(first.absentUntil.getTime() - 1);
      notes.push(t(locale, 'overdueDigestAbsent', { until: formatDate(lastDay, round.timeZone, locale) }));
    }
    if (model.audience === 'coordinators') {
      notes.push(first.manager ? t(locale, 'overdueDigestManager', { name: name(first.manager) }) : t(locale, 'overdueDigestNoManager'));
    }
    const lines = own.map((p) => (p.deputy ? `• ${p.title} (${t(locale, 'overdueDigestDeputy', { name: name(p.deputy) })})` : `• ${p.title}`));
    return { name: first.officerName, note: notes.join(', '), plans: lines.join('\n') };
  });
}
