// The round form, the confirmation and the round list: valid Adaptive Cards under Teams' 28 KB
// at their limits (a 200-character title, every problem on the form, ten rounds in the list),
// and the coordinator's typed title only as input value or TextRun.

import { buildRoundCreatedCard, buildRoundFormCard, buildRoundListCard, type RoundListCardRow } from '../../../cards/round-cards';
import { cardBytes, cardProblems } from '../../support/card-validation';

const LIMIT = 28 * 1024;
const LONG_TITLE = 'Uppföljning av **handlingsplan** för ${miljö} och [länk](https://x) '.repeat(4).slice(0, 200);

function formCard(locale: 'sv' | 'en' = 'sv') {
  return buildRoundFormCard({
    locale,
    timeZone: 'Europe/Stockholm',
    values: {
      title: LONG_TITLE,
      year: '2026',
      opensDate: '2026-04-01',
      opensTime: '09:00',
      dueDate: '2026-05-14',
      summaryDate: '2026-05-15',
      summaryTime: '09:00',
      reminders: 'standard',
      escalateAfter: '3',
      openNow: 'false',
      answerRule: 'one',
      emptySection: 'blank',
    },
    reminderChoices: [
      { title: 'Standard', value: 'standard' },
      { title: 'Lätt', value: 'light' },
      { title: 'Sträng', value: 'strict' },
    ],
    escalationChoices: [0, 3, 5, 10].map((d) => ({ title: `${d} arbetsdagar`, value: String(d) })),
    answerRuleChoices: [
      { title: 'Status och minst ett av de fem avsnitten', value: 'one' },
      { title: 'Status och alla fem avsnitten', value: 'all' },
    ],
    emptySectionChoices: [
      { title: 'Ingenting, bara rubriken', value: 'blank' },
      { title: '"Inget att rapportera"', value: 'nothing-to-report' },
    ],
    errors: Array.from({ length: 10 }, () => 'Sista svarsdag: 14 maj 2026 är Kristi himmelsfärdsdag. Närmaste arbetsdag är 15 maj 2026.'),
    fixes: [
      { title: 'Använd 15 maj 2026 (sista svarsdag)', field: 'dueDate', date: '2026-05-15' },
      { title: 'Använd 18 maj 2026 (sammanställningen postas)', field: 'summaryDate', date: '2026-05-18' },
    ],
  });
}

function listRow(i: number): RoundListCardRow {
  const phase = (['open', 'planned', 'closed'] as const)[i % 3];
  return {
    id: `uppfoljning-${i}`,
    title: LONG_TITLE,
    phase,
    state: phase,
    dates: 'Öppnar 1 april 2026 kl. 09.00, svar senast 30 april 2026, stänger 29 maj 2026.',
    answered: phase === 'open' ? '3 av 120 planer inskickade.' : '',
    due: '2026-04-30',
    closeQuestion: `Vill du stänga ${LONG_TITLE} nu? Svaren kan då inte längre ändras, och det går inte att ångra.`,
  };
}

function inputValues(card: unknown): string[] {
  const found: string[] = [];
  const walk = (node: any) => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      if (typeof node.type === 'string' && node.type.startsWith('Input.') && typeof node.value === 'string') found.push(node.value);
      Object.values(node).forEach(walk);
    }
  };
  walk(card);
  return found;
}

describe('the round cards', () => {
  it('gives a valid round form under 28 KB with every problem and the one-click fixes, in both languages', () => {
    for (const locale of ['sv', 'en'] as const) {
      const card = formCard(locale);
      expect(cardProblems(card)).toEqual([]);
      expect(cardBytes(card)).toBeLessThan(LIMIT);
      expect(inputValues(card)).toContain(LONG_TITLE);
    }
  });

  it('gives a valid list of ten rounds under 28 KB, with a postpone date per row', () => {
    const card = buildRoundListCard({ locale: 'sv', timeZone: 'Europe/Stockholm', rows: Array.from({ length: 10 }, (_, i) => listRow(i)), notice: 'x'.repeat(300) });
    expect(cardProblems(card)).toEqual([]);
    expect(cardBytes(card)).toBeLessThan(LIMIT);
    expect(inputValues(card).filter((v) => v === '2026-04-30').length).toBeGreaterThan(0);
  });

  it('gives a valid confirmation card', () => {
    const card = buildRoundCreatedCard({ locale: 'sv', lines: [`${LONG_TITLE} öppnar 1 april 2026 kl. 09.00.`, 'Påminnelser: standard.'] });
    expect(cardProblems(card)).toEqual([]);
    expect(cardBytes(card)).toBeLessThan(LIMIT);
  });
});
