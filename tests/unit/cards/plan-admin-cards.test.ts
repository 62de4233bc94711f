// The plan list and the plan form: under Teams' 28 KB at the register's limits, register text
// only in TextRuns and input values (never Markdown), the people picker as Teams expects it,
// the e-mail field beside it, and Action.Execute with an Action.Submit fallback.

import { buildPlanFormCard } from '../../../cards/plan-form-card';
import { buildPlanListCard, type PlanListCardRow } from '../../../cards/plan-list-card';
import { planFormValues } from '../../../bot/domain/plan-form';
import { TERTIAL_TEMPLATE } from '../../../bot/domain/templates/builtin';
import { cardBytes, cardProblems } from '../../support/card-validation';

const LIMIT = 28 * 1024;

function listCard(rows: PlanListCardRow[], page = 0, pages = 1) {
  return buildPlanListCard({
    locale: 'sv',
    page,
    pages,
    total: rows.length,
    register: { version: 4, changedAt: '1 mars 2019 09:00', changedBy: 'sara@kalmar.se' },
    round: { title: 'Uppföljning KF 2019', due: '1 april 2019' },
    rows,
  });
}

function allOf(card: unknown, type: string): any[] {
  const found: any[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      if ((node as any).type === type) found.push(node);
      Object.values(node).forEach(walk);
    }
  };
  walk(card);
  return found;
}

describe('the plan list card', () => {
  it('stays under 28 KB with 20 rows at every register limit, Swedish letters included', () => {
    const rows = Array.from({ length: 20 }, (_, i) => ({
      id: `${'p'.repeat(98)}${i}`,
      title: 'Ö'.repeat(300),
      period: 'å'.repeat(200),
      officerName: 'Ä'.repeat(200),
      deputyName: 'Å'.repeat(200),
      excludedReason: i % 2 ? 'ä'.repeat(500) : undefined,
      inRound: { state: 'submitted' as const, status: 'at-risk' as const },
    }));
    const card = listCard(rows, 1, 3);
    expect(cardBytes(card)).toBeLessThan(LIMIT);
    expect(cardProblems(card)).toEqual([]);
  });

  it('shows the status in the open round, excluded plans with their reason, and Ändra on every row', () => {
    const card = listCard([
      { id: 'a', title: 'A', officerName: 'Anna', inRound: { state: 'unanswered' } },
      { id: 'b', title: 'B', officerName: 'Bo', period: '2016-2020', inRound: { state: 'draft' } },
      { id: 'c', title: 'C', officerName: 'Bo', deputyName: 'Cecilia', inRound: { state: 'submitted', status: 'on-track' } },
      { id: 'd', title: 'D', excludedReason: 'Följs upp i miljöbokslutet.', inRound: { state: 'excluded' } },
    ]);
    const text = allOf(card, 'TextRun').map((r) => r.text).join('|');
    expect(text).toContain('Ej besvarad');
    expect(text).toContain('Utkast');
    expect(text).toContain('I fas');
    expect(text).toContain('Utgår: Följs upp i miljöbokslutet.');
    expect(text).toContain('Ansvarig: Bo, ersättare Cecilia');
    expect(text).toContain('genomförandetid 2016-2020');
    const edits = allOf(card, 'Action.Execute').filter((a) => a.verb === 'plan.edit');
    expect(edits.map((a) => a.data.planId)).toEqual(['a', 'b', 'c', 'd']);
    expect(edits.every((a) => a.fallback.type === 'Action.Submit' && a.fallback.data.verb === 'plan.edit')).toBe(true);
  });

  it('pages with Föregående and Nästa only where there is a page to go to', () => {
    const titles = (card: any) => card.actions.map((a: any) => a.title);
    expect(titles(listCard([], 0, 1))).toEqual(['Ny plan']);
    expect(titles(listCard([], 0, 2))).toEqual(['Ny plan', 'Nästa']);
    const middle = listCard([], 1, 3) as any;
    expect(titles(middle)).toEqual(['Ny plan', 'Föregående', 'Nästa']);
    expect(middle.actions.map((a: any) => a.data.page)).toEqual([1, 0, 2]);
  });

  it('renders a title with Markdown and template syntax as written, in a TextRun', () => {
    const title = '**Fet** [länk](https://evil.example) ${labels.heading} <at>x</at>';
    const card = listCard([{ id: 'x', title, officerName: '_Anna_' }]);
    expect(allOf(card, 'TextRun').map((r) => r.text)).toEqual(expect.arrayContaining([title]));
    expect(allOf(card, 'TextBlock').map((b) => b.text)).toEqual(['Planer i registret']);
  });
});

describe('the plan form card', () => {
  const form = (overrides: Partial<Parameters<typeof buildPlanFormCard>[0]> = {}) =>
    buildPlanFormCard({
      locale: 'sv',
      planId: 'drog',
      registerVersion: 7,
      values: { ...planFormValues({ id: 'drog', title: 'Drog', officer: 'anna@kalmar.se' }), officerPick: 'aad-anna' },
      picked: { officer: { id: 'aad-anna', name: 'Anna Andersson' } },
      was: { officer: 'anna@kalmar.se', deputy: '' },
      page: 2,
      ...overrides,
    });

  it('offers Teams people picker for the officer and the deputy, single select, searching the organisation', () => {
    const pickers = allOf(form(), 'Input.ChoiceSet');
    expect(pickers.map((p) => p.id)).toEqual(['officerPick', 'deputyPick']);
    for (const picker of pickers) {
      expect(picker['choices.data']).toEqual({ type: 'Data.Query', dataset: 'graph.microsoft.com/users' });
      expect(picker.isMultiSelect).toBe(false);
    }
    // The current officer is shown selected: the value is the AAD object id, with a title beside it.
    expect(pickers[0].value).toBe('aad-anna');
    expect(pickers[0].choices).toEqual([{ title: 'Anna Andersson', value: 'aad-anna' }]);
    expect(pickers[1].choices).toEqual([]);
  });

  it('has an e-mail field beside each picker for clients without it', () => {
    const inputs = allOf(form(), 'Input.Text');
    expect(inputs.map((i) => i.id)).toEqual(['title', 'period', 'note', 'officerAddress', 'deputyAddress', 'excludedReason']);
    const officer = inputs.find((i) => i.id === 'officerAddress');
    expect(officer).toMatchObject({ style: 'Email', value: 'anna@kalmar.se', maxLength: 254 });
  });

  it('saves with Action.Execute and an Action.Submit fallback carrying the version it was opened from', () => {
    const [save, back] = form().actions as any[];
    expect(save).toMatchObject({ type: 'Action.Execute', verb: 'plan.save', data: { planId: 'drog', registerVersion: 7, officerWas: 'anna@kalmar.se', page: 2 } });
    expect(save.fallback).toMatchObject({ type: 'Action.Submit', data: { verb: 'plan.save', planId: 'drog', registerVersion: 7 } });
    expect(back).toMatchObject({ verb: 'plans.page', data: { page: 2 }, fallback: { data: { verb: 'plans.page' } } });
  });

  it('keeps typed values and shows every error as plain text', () => {
    const title = '**x** ${labels.save}';
    const card = form({ values: { ...planFormValues(), title, excluded: true }, planId: undefined, picked: {}, errors: ['Titel: [fel](https://x)', 'Skäl: saknas'] });
    expect(allOf(card, 'Input.Text').find((i) => i.id === 'title').value).toBe(title);
    expect(allOf(card, 'Input.Toggle')[0].value).toBe('true');
    const runs = allOf(card, 'TextRun').map((r) => r.text);
    expect(runs).toEqual(expect.arrayContaining(['Titel: [fel](https://x)', 'Skäl: saknas']));
    expect(allOf(card, 'TextBlock').map((b) => b.text)).toEqual(['Ny plan']);
    expect((card.actions as any[])[0].data.planId).toBe('');
  });

  it('parses without problems in the Adaptive Cards renderer and stays small', () => {
    const card = form({ values: { ...planFormValues(), title: 'Ö'.repeat(300), note: 'ä'.repeat(200), period: 'å'.repeat(200), excludedReason: 'x'.repeat(500) }, errors: Array(12).fill('x'.repeat(300)) });
    // The generic renderer knows no `choices.data`: a picker with nobody selected has no static
    // choices, as in Teams' own examples, which it flags. Nothing else may be flagged.
    expect(cardProblems(card)).toEqual(['An Input.ChoiceSet must have at least one choice defined.']);
    expect(cardBytes(card)).toBeLessThan(LIMIT);
  });

  it('is in English for an English coordinator', () => {
    const card = form({ locale: 'en' });
    expect(allOf(card, 'TextBlock')[0].text).toBe('Change plan');
    expect((card.actions as any[])[0].title).toBe('Save');
  });
});

describe('the plan list of a round on another template', () => {
  it('names a submitted status on the round\'s own scale', () => {
    const card = buildPlanListCard({
      locale: 'sv',
      page: 0,
      pages: 1,
      total: 1,
      register: { version: 1, changedAt: '1 mars 2019', changedBy: 'sara' },
      round: { title: 'Tertial 2 2017', due: '4 september 2017', template: TERTIAL_TEMPLATE },
      rows: [{ id: 'mal', title: 'Individanpassad', inRound: { state: 'submitted', status: 'positive' } }],
    });
    expect(JSON.stringify(card)).toContain('Positiv trend/Pågående');
  });
});
