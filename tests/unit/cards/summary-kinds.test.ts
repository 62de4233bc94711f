// The summary card of a round whose register names kinds: seed 003's Måluppfyllelse table as an
// Adaptive Card Table (a row per kind, then the total), on the overview card only, and every card
// under Teams' 28 KB however many items there are.

import { compileSummary } from '../../../bot/domain/summary';
import { TERTIAL_TEMPLATE } from '../../../bot/domain/templates/builtin';
import { buildSummaryMessages } from '../../../cards/summary-cards';
import { seed003Answers, seed003Register } from '../../support/kinds-register';
import { kf2019 } from '../../support/rounds';

const LIMIT = 28 * 1024;
const round = kf2019({ id: 't2-2017', title: 'Måluppföljning tertial 2 2017', year: 2017, template: TERTIAL_TEMPLATE });
const nbsp = (text: string) => text.replace(/ %/g, '\u00a0%');

function cardsOf(copies: number, locale: 'sv' | 'en' = 'sv') {
  const { register, statuses } = seed003Register('kerstin@kalmar.se', copies);
  return buildSummaryMessages(compileSummary(round, register, seed003Answers(round.id, statuses)), locale, { fullTextNote: 'Hela texten finns i exporten.' });
}

/** The table's rows as text, cell by cell. */
function tableOf(card: any): string[][] | undefined {
  const table = card.body.find((b: any) => b.type === 'Table');
  return table?.rows.map((row: any) => row.cells.map((cell: any) => cell.items[0].inlines[0].text));
}

describe('the summary card of a register naming kinds', () => {
  it('shows seed 003\'s table: the scale as columns, a row per kind with its shares, then the total', () => {
    expect(tableOf(cardsOf(1)[0])).toEqual([
      ['Per typ', 'Uppfylld/Klar', 'Positiv trend/Pågående', 'Oförändrad eller negativ trend/Ej påbörjad', 'Totalt'],
      ['Nämndsmål', '0', nbsp('4 (50 %)'), nbsp('4 (50 %)'), '8'],
      ['Aktiviteter', nbsp('1 (4 %)'), nbsp('25 (93 %)'), nbsp('1 (4 %)'), '27'],
      ['Uppdrag', nbsp('1 (25 %)'), nbsp('3 (75 %)'), '0', '4'],
      ['Totalt', nbsp('2 (5 %)'), nbsp('32 (82 %)'), nbsp('5 (13 %)'), '39'],
    ]);
  });

  it('words the table in English for the en locale', () => {
    const rows = tableOf(cardsOf(1, 'en')[0])!;
    expect(rows[0]).toEqual(['By kind', 'Fulfilled/Done', 'Positive trend/In progress', 'Unchanged or negative trend/Not started', 'Total']);
    expect(rows.map((r) => r[0]).slice(1)).toEqual(['Committee goals', 'Activities', 'Assignments', 'Total']);
  });

  it('keeps every card under 28 KB at 1,000 items and more, the table on the overview card only', () => {
    const cards = cardsOf(26); // 26 × 39 = 1,014 items
    for (const card of cards) expect(Buffer.byteLength(JSON.stringify(card), 'utf8')).toBeLessThan(LIMIT);
    const [overview, ...plans] = cards;
    expect((overview.body as any[]).some((b) => b.type === 'Chart.Donut')).toBe(true);
    expect(tableOf(overview)!.at(-1)).toEqual(['Totalt', nbsp('52 (5 %)'), nbsp('832 (82 %)'), nbsp('130 (13 %)'), '1014']);
    expect(plans).toHaveLength(1014);
    expect(plans.some((c) => tableOf(c) !== undefined)).toBe(false);
  });

  it('has no table when the register names no kinds', () => {
    const { register, statuses } = seed003Register();
    const withoutKinds = { ...register, plans: register.plans.map(({ kind: _kind, ...plan }) => plan) };
    const cards = buildSummaryMessages(compileSummary(round, withoutKinds, seed003Answers(round.id, statuses)), 'sv', { fullTextNote: 'x' });
    expect(cards.some((c) => tableOf(c) !== undefined)).toBe(false);
  });
});
