import type { AnswerVersion } from '../../../bot/domain/answer';
import type { PlanStatus, QuestionId } from '../../../bot/domain/questions';
import { QUESTION_IDS } from '../../../bot/domain/questions';
import type { Person, Plan, RegisterContent } from '../../../bot/domain/register';
import { compileSummary, type RoundSummary } from '../../../bot/domain/summary';
import type { AdaptiveCard } from '../../../cards/expand';
import { buildSummaryMessages, cutAtBoundary } from '../../../cards/summary-cards';
import { cardBytes, cardProblems, cardWithChartsProblems, chartProblems, withoutCharts } from '../../support/card-validation';
import { kf2019 } from '../../support/rounds';

const NOTE = 'Hela texten finns i exporten: skriv exportera';
const LIMIT = 27 * 1024;

const round = kf2019();

// --- Test data builders ---------------------------------------------------------------------

const anna: Person = { id: 'anna@kommun.se', name: 'Anna Andersson', title: 'Folkhälsostrateg', unit: 'Kommunledningskontoret' };
const bo: Person = { id: 'bo@kommun.se', name: 'Bo Berg' };

function plan(id: string, title: string, overrides: Partial<Plan> = {}): Plan {
  return { id, title, period: '2016-2020', officer: anna.id, ...overrides };
}

function register(plans: Plan[], people: Person[] = [anna, bo]): RegisterContent {
  return { plans, people, coordinators: ['samordnare@kommun.se'] };
}

type Texts = Record<QuestionId, string>;

function texts(overrides: Partial<Texts> = {}): Texts {
  return {
    status: 'Programmet följs upp årligen.',
    done: 'Tillsyn på krogar och i detaljhandel.',
    current: 'Utbildning i ansvarsfull alkoholservering.',
    risks: 'Personalomsättning.',
    completion: 'Programmet gäller till 2020.',
    ...overrides,
  };
}

function submitted(planId: string, status: PlanStatus, answerTexts: Texts = texts(), version = 1): AnswerVersion {
  return {
    roundId: round.id,
    planId,
    version,
    state: 'submitted',
    content: { texts: answerTexts, status },
    answeredBy: anna.id,
    answeredByName: anna.name,
    at: new Date('2019-03-20T09:30:00Z'),
  };
}

function draft(planId: string, draftTexts: Texts = texts(), version = 1): AnswerVersion {
  return { ...submitted(planId, 'on-track', draftTexts, version), state: 'draft', at: new Date('2019-03-25T13:00:00Z') };
}

function summarise(plans: Plan[], versions: AnswerVersion[], people?: Person[]): RoundSummary {
  return compileSummary(round, register(plans, people), versions);
}

// --- Reading the cards back -----------------------------------------------------------------

function listIn(card: AdaptiveCard, id: string): any[] | undefined {
  return (card.body as any[]).find((element) => element.id === id)?.items;
}

const isOverview = (card: AdaptiveCard) => (card.body as any[]).some((element) => element.type === 'Chart.Donut');

function heading(card: AdaptiveCard): string {
  return (card.body as any[])[0].inlines.map((run: any) => run.text).join('');
}

/** Every TextRun's text, in order. */
function runs(card: AdaptiveCard): string[] {
  const found: string[] = [];
  JSON.stringify(card, (_key, value) => {
    if (value && value.type === 'TextRun') found.push(value.text);
    return value;
  });
  return found;
}

function answersOf(card: AdaptiveCard) {
  return (listIn(card, 'answers') ?? []).map((block) => ({
    question: block.items[0].inlines[0].text as string,
    text: block.items[1].inlines[0].text as string,
    note: block.items[1].inlines[1]?.text as string | undefined,
  }));
}

function countsTable(card: AdaptiveCard): string[][] {
  const table = (card.body as any[]).find((element) => element.type === 'ColumnSet');
  return table.columns.map((column: any) =>
    column.items.map((item: any) => (item.inlines[0].text as string).replace(/\u00a0/g, ' ')),
  );
}

/** The detail cards grouped by plan: a continuation card belongs to the card before it. */
function detailCardsByPlan(cards: AdaptiveCard[]): AdaptiveCard[][] {
  const plans: AdaptiveCard[][] = [];
  for (const card of cards.filter((c) => !isOverview(c))) {
    if (heading(card).endsWith(' (forts.)') || heading(card).endsWith(' (cont.)')) plans[plans.length - 1].push(card);
    else plans.push([card]);
  }
  return plans;
}

// --- The overview -----------------------------------------------------------------------------

describe('the summary in Teams: overview', () => {
  const plans = [
    plan('drog', 'Drogpolitiskt program'),
    plan('avfall', 'Avfallsplan', { officer: bo.id }),
    plan('aldre', 'Äldreomsorgsplan'),
    plan('cykel', 'Cykelplan', { officer: bo.id }),
    plan('miljo', 'Miljöprogram', { officer: undefined, excludedReason: 'Följs upp i det årliga miljöbokslutet' }),
  ];
  const versions = [submitted('drog', 'on-track'), submitted('avfall', 'at-risk'), submitted('aldre', 'delayed'), draft('cykel')];

  it('opens with the round, its due date, answered of total and the counts by status as a table', () => {
    const cards = buildSummaryMessages(summarise(plans, versions), 'sv', { fullTextNote: NOTE });
    const overview = cards[0];
    expect(cardWithChartsProblems(overview)).toEqual([]);
    expect(overview.version).toBe('1.5');
    expect(heading(overview)).toBe('Sammanställning');
    expect(runs(overview)).toEqual(expect.arrayContaining(['Uppföljning KF 2019', '1 april 2019', '\n3 av 4 planer besvarade']));
    expect(countsTable(overview)).toEqual([
      ['I fas', '1 (25 %)'],
      ['Risk för försening', '1 (25 %)'],
      ['Försenad/avvaktar', '1 (25 %)'],
      ['Utkast', '1 (25 %)'],
      ['Ej besvarad', '0 (0 %)'],
      ['Totalt', '4'],
    ]);
  });

  it('names the plans at risk and delayed with their officers, a level at a time, and no others', () => {
    const [overview] = buildSummaryMessages(summarise(plans, versions), 'sv', { fullTextNote: NOTE });
    expect(attentionOf(overview)).toEqual([
      { heading: 'Risk för försening (1)', plans: ['Avfallsplan · Bo Berg'], more: undefined },
      { heading: 'Försenad/avvaktar (1)', plans: ['Äldreomsorgsplan · Anna Andersson'], more: undefined },
    ]);
  });

  it('draws the counts as a donut chart in the template\'s colours, with the same counts as a table where charts are not shown', () => {
    const [overview] = buildSummaryMessages(summarise(plans, versions), 'sv', { fullTextNote: NOTE });
    const chart = chartOf(overview);
    expect(chartProblems(chart)).toEqual([]);
    expect(chart.data).toEqual([
      { legend: 'I fas', value: 1, color: 'good' },
      { legend: 'Risk för försening', value: 1, color: 'warning' },
      { legend: 'Försenad/avvaktar', value: 1, color: 'attention' },
      { legend: 'Utkast', value: 1, color: 'categoricalBlue' },
      { legend: 'Ej besvarad', value: 0, color: 'neutral' },
    ]);
    expect(chart.fallback.type).toBe('Table');
    expect(cardProblems(withoutCharts(overview))).toEqual([]);
    expect(tableTexts(chart.fallback)).toEqual([
      ['Status', 'Planer'],
      ['I fas', '1 (25 %)'],
      ['Risk för försening', '1 (25 %)'],
      ['Försenad/avvaktar', '1 (25 %)'],
      ['Utkast', '1 (25 %)'],
      ['Ej besvarad', '0 (0 %)'],
      ['Totalt', '4'],
    ]);
  });

  it('opens the tab at the round from its button, and asks Teams to refresh it for the coordinators it names (at most 60)', () => {
    const tabUrl = 'https://teams.microsoft.com/l/entity/app/dashboard?context=%7B%22subEntityId%22%3A%22uppfoljning-kf-2019%22%7D';
    const ids = Array.from({ length: 70 }, (_, i) => `29:coordinator-${i}`);
    const [overview] = buildSummaryMessages(summarise(plans, versions), 'en', { fullTextNote: NOTE, tabUrl, refreshUserIds: ids });
    expect(cardProblems(withoutCharts(overview))).toEqual([]);
    const button = (overview.body as any[]).find((e) => e.type === 'ActionSet').actions[0];
    expect(button).toEqual({ type: 'Action.OpenUrl', title: 'Open in the tab', url: tabUrl });
    expect(overview.refresh).toEqual({
      action: { type: 'Action.Execute', verb: 'overview.refresh', data: { roundId: round.id, locale: 'en' } },
      userIds: ids.slice(0, 60),
    });
    const [withoutLink] = buildSummaryMessages(summarise(plans, versions), 'sv', { fullTextNote: NOTE });
    expect((withoutLink.body as any[]).some((e) => e.type === 'ActionSet')).toBe(false);
  });

  it.each(['sv', 'en'] as const)('stays one valid card under 28 KB at 1,000 plans with long titles, the lists cut short with "and N more" (%s)', (locale) => {
    const many = Array.from({ length: 1000 }, (_, i) => plan(`p${i}`, `Handlingsplan ${String(i).padStart(4, '0')} ${'för en bättre och tryggare kommun '.repeat(5)}`.slice(0, 200)));
    const statuses = ['on-track', 'at-risk', 'delayed'] as const;
    const summary = summarise(many, many.map((p, i) => submitted(p.id, statuses[i % 3])));
    // Sixty coordinators with ids as long as Teams' (29:1 and some 80 characters), and the deep link.
    const refreshUserIds = Array.from({ length: 60 }, (_, i) => `29:1${String(i).padStart(2, '0')}${'x'.repeat(80)}`);
    const tabUrl = 'https://teams.microsoft.com/l/entity/5c7a9e1e-0000-4000-8000-000000000001/dashboard?context=%7B%22subEntityId%22%3A%22uppfoljning-kf-2019%22%7D';
    const cards = buildSummaryMessages(summary, locale, { fullTextNote: NOTE, planCards: false, tabUrl, refreshUserIds });
    expect(cards).toHaveLength(1);
    const [overview] = cards;
    expect(cardBytes(overview)).toBeLessThanOrEqual(28 * 1024);
    expect(cardWithChartsProblems(overview)).toEqual([]);
    const lists = attentionOf(overview);
    expect(lists.map((l) => l.heading)).toEqual(locale === 'sv' ? ['Risk för försening (333)', 'Försenad/avvaktar (333)'] : ['At risk of delay (333)', 'Delayed/on hold (333)']);
    for (const list of lists) {
      expect(list.plans.length).toBeGreaterThan(0);
      expect(list.more).toBe(locale === 'sv' ? `och ${333 - list.plans.length} till` : `and ${333 - list.plans.length} more`);
    }
  });
});

function chartOf(card: AdaptiveCard): any {
  return (card.body as any[]).find((e) => e.type === 'Chart.Donut');
}

function tableTexts(table: any): string[][] {
  return table.rows.map((row: any) => row.cells.map((cell: any) => (cell.items[0].inlines[0].text as string).replace(/\u00a0/g, ' ')));
}

function attentionOf(card: AdaptiveCard) {
  return (card.body as any[])
    .filter((e) => e.type === 'Container')
    .map((list) => {
      const [head, ...rest] = list.items as any[];
      const text = (block: any) => block.inlines.map((run: any) => run.text).join('');
      const more = rest.find((block) => block.inlines.length === 1);
      return { heading: text(head), plans: rest.filter((block) => block !== more).map(text), more: more && text(more) };
    });
}

// --- One card per plan ----------------------------------------------------------------------------

describe('the summary in Teams: one card per plan', () => {
  it('shows the plan, its period, officer and status, and the five answers under the round’s questions', () => {
    const cards = buildSummaryMessages(
      summarise([plan('drog', 'Drogpolitiskt program 2016-2020', { note: 'revidering pågår' })], [submitted('drog', 'at-risk')]),
      'sv',
      { fullTextNote: NOTE },
    );
    expect(cards).toHaveLength(2);
    const detail = cards[1];
    expect(cardProblems(detail)).toEqual([]);
    expect(heading(detail)).toBe('Drogpolitiskt program 2016-2020');
    const shown = runs(detail);
    for (const expected of [
      'Uppföljning KF 2019',
      '2016-2020',
      'revidering pågår',
      'Anna Andersson, Folkhälsostrateg, Kommunledningskontoret',
      'Risk för försening',
      'Inskickad 20 mars 2019 kl. 10:30 av Anna Andersson.',
    ]) {
      expect(shown).toContain(expected);
    }
    expect(answersOf(detail)).toEqual([
      { question: '1. Status nuläge', text: 'Programmet följs upp årligen.', note: undefined },
      { question: '2. Genomfört t.o.m. 2018', text: 'Tillsyn på krogar och i detaljhandel.', note: undefined },
      { question: '3. Innevarande verksamhetsår, 2019', text: 'Utbildning i ansvarsfull alkoholservering.', note: undefined },
      { question: '4. Risker/Svårigheter', text: 'Personalomsättning.', note: undefined },
      { question: '5. Genomförande och sluttid', text: 'Programmet gäller till 2020.', note: undefined },
    ]);
  });

  it('says "Ej besvarad" for a plan with nothing saved and "Inget ifyllt" for a section a submitted answer left empty', () => {
    const cards = buildSummaryMessages(
      summarise([plan('a', 'Avfallsplan'), plan('b', 'Biblioteksplan')], [submitted('a', 'on-track', texts({ risks: '  ' }))]),
      'sv',
      { fullTextNote: NOTE },
    );
    const [avfall, bibliotek] = cards.slice(1);
    expect(answersOf(avfall).map((a) => a.text)).toEqual([
      'Programmet följs upp årligen.',
      'Tillsyn på krogar och i detaljhandel.',
      'Utbildning i ansvarsfull alkoholservering.',
      'Inget ifyllt',
      'Programmet gäller till 2020.',
    ]);
    expect(answersOf(bibliotek).map((a) => a.text)).toEqual(Array(5).fill('Ej besvarad'));
  });

  it("shows a plan's only draft with its text under a banner saying it is a draft, as typed, Markdown never alive", () => {
    const typed = 'Planen revideras. [länk](https://evil.example) **fet** <at>Sara</at>';
    const cards = buildSummaryMessages(
      summarise([plan('b', 'Biblioteksplan')], [draft('b', texts({ status: typed, done: '', current: ' ', risks: '', completion: '' }))]),
      'sv',
      { fullTextNote: NOTE },
    );
    const bibliotek = cards[1];
    expect(cardProblems(bibliotek)).toEqual([]);
    expect(answersOf(bibliotek).map((a) => a.text)).toEqual([typed, 'Inget ifyllt', 'Inget ifyllt', 'Inget ifyllt', 'Inget ifyllt']);
    expect(runs(bibliotek)).toEqual(
      expect.arrayContaining([
        'Utkast',
        'UTKAST, inte inskickat (sparat 25 mars 2019 kl. 14:00). Texten räknas inte som svar och kommer inte med i tjänsteskrivelsen förrän den skickas in.',
      ]),
    );
    // Officer text travels only in TextRuns, which render no Markdown.
    const textBlocks = JSON.stringify(bibliotek).match(/"type":"TextBlock"[^}]*/g) ?? [];
    expect(textBlocks.join('')).not.toContain('evil.example');
  });

  it('marks every card of a long draft as a draft, continuations included', () => {
    const long = 'ord '.repeat(499) + 'slut';
    const cards = buildSummaryMessages(
      summarise([plan('b', 'Biblioteksplan')], [draft('b', texts({ status: long, done: long, current: long, risks: long, completion: long }))]),
      'sv',
      { fullTextNote: NOTE, maxBytes: 8 * 1024 },
    );
    const [bibliotek] = detailCardsByPlan(cards);
    expect(bibliotek.length).toBeGreaterThan(1);
    for (const card of bibliotek) expect(runs(card).some((r) => r.startsWith('UTKAST, inte inskickat'))).toBe(true);
  });

  it('speaks English to English-locale coordinators', () => {
    const cards = buildSummaryMessages(
      summarise([plan('a', 'Avfallsplan'), plan('b', 'Biblioteksplan')], [submitted('a', 'delayed')]),
      'en',
      { fullTextNote: 'The full text is in the export: type export' },
    );
    expect(heading(cards[0])).toBe('Summary');
    expect(runs(cards[0])).toEqual(expect.arrayContaining(['Round: ', '\nDue: ', '1 April 2019', '\n1 of 2 plans answered']));
    expect(countsTable(cards[0]).map(([label]) => label)).toEqual(['On track', 'At risk of delay', 'Delayed/on hold', 'Draft', 'Not answered', 'Total']);
    expect(answersOf(cards[1]).map((a) => a.question)).toEqual([
      '1. Current status',
      '2. Done up to and including 2018',
      "3. This year's work, 2019",
      '4. Risks and difficulties',
      '5. Implementation and end date',
    ]);
    expect(runs(cards[1])).toEqual(expect.arrayContaining(['Responsible officer: ', 'Delayed/on hold']));
    expect(answersOf(cards[2]).map((a) => a.text)).toEqual(Array(5).fill('Not answered'));
  });

  it('shows officer and register text exactly as typed, only in TextRuns: no links, Markdown or template expressions', () => {
    const hostile = ['[x](http://evil)', '**b**', '${x}', '${round.title}', '<at>alla</at>'];
    const typed = hostile.join(' ');
    const cards = buildSummaryMessages(
      summarise(
        [plan('drog', `Plan ${typed}`, { period: typed, note: typed, officer: 'x@kommun.se' })],
        [submitted('drog', 'delayed', texts({ status: typed, risks: '- punkt\n1. lista\n# rubrik' }))],
        [{ id: 'x@kommun.se', name: `Namn ${typed}` }],
      ),
      'sv',
      { fullTextNote: NOTE },
    );
    for (const card of cards) expect(cardProblems(withoutCharts(card))).toEqual([]);
    const all = cards.flatMap(runs);
    expect(all).toEqual(expect.arrayContaining([`Plan ${typed}`, typed, `Namn ${typed}`, '- punkt\n1. lista\n# rubrik']));
    expect(answersOf(cards[1])[0].text).toBe(typed);
    expect(attentionOf(cards[0])[0].plans).toEqual([`Plan ${typed} · Namn ${typed}`]);
    // Nowhere outside a TextRun: no TextBlock, FactSet or action carries the text.
    const outside: string[] = [];
    JSON.stringify(cards, (_key, value) => {
      if (value && typeof value === 'object' && value.type !== 'TextRun') {
        for (const [k, v] of Object.entries(value)) {
          if (typeof v === 'string' && hostile.some((h) => v.includes(h))) outside.push(`${value.type}.${k}`);
        }
      }
      return value;
    });
    expect(outside).toEqual([]);
  });
});

// --- Staying under the Teams message limit ------------------------------------------------------

describe('the summary in Teams: every message under 28 KB', () => {
  it('moves answers that do not fit to continuation cards, whole and in order', () => {
    const heavy = (c: string) => `${c.repeat(9)} `.repeat(200); // 2,000 characters
    const answerTexts = texts({ status: heavy('€'), done: heavy('€'), current: heavy('€'), risks: heavy('"'), completion: heavy('€') });
    const cards = buildSummaryMessages(summarise([plan('drog', 'Drogpolitiskt program')], [submitted('drog', 'on-track', answerTexts)]), 'sv', {
      fullTextNote: NOTE,
    });
    const [details] = detailCardsByPlan(cards);
    expect(details.length).toBeGreaterThan(1);
    expect(details.map(heading)).toEqual(['Drogpolitiskt program', ...Array(details.length - 1).fill('Drogpolitiskt program (forts.)')]);
    for (const card of details) {
      expect(cardBytes(card)).toBeLessThanOrEqual(LIMIT);
      expect(cardProblems(card)).toEqual([]);
    }
    // A continuation card names the round but does not repeat the plan's facts.
    expect(runs(details[1])).toContain('Uppföljning KF 2019');
    expect(runs(details[1])).not.toContain('Ansvarig: ');
    const answers = details.flatMap(answersOf);
    expect(answers.map((a) => a.text)).toEqual(QUESTION_IDS.map((id) => answerTexts[id]));
    expect(answers.every((a) => a.note === undefined)).toBe(true);
  });

  it('cuts an answer too long for any card at a word, and says where the full text is', () => {
    const long = 'Orsaksanalys görs under tertial tre och åtgärder följer. '.repeat(60);
    const cards = buildSummaryMessages(summarise([plan('drog', 'Drogpolitiskt program')], [submitted('drog', 'on-track', texts({ done: long }))]), 'sv', {
      fullTextNote: NOTE,
      maxBytes: 4 * 1024,
    });
    // The plan's cards (the overview's room is Teams' own).
    for (const card of cards.slice(1)) {
      expect(cardBytes(card)).toBeLessThanOrEqual(4 * 1024);
      expect(cardProblems(card)).toEqual([]);
    }
    const answers = detailCardsByPlan(cards)[0].flatMap(answersOf);
    const done = answers[1];
    expect(done.note).toBe(`…\n\n${NOTE}`);
    expect(done.text.length).toBeGreaterThan(1000);
    expect(long.startsWith(done.text)).toBe(true);
    expect(long[done.text.length]).toMatch(/\s/);
    // The other answers are whole.
    expect(answers.filter((a) => a !== done).map((a) => [a.text, a.note])).toEqual(
      QUESTION_IDS.filter((id) => id !== 'done').map((id) => [texts()[id], undefined]),
    );
  });

  it('never cuts inside a character: surrogate pairs, combining rings, emoji sequences', () => {
    const decomposed = 'a\u030a'; // "å" as a letter and a combining ring
    const family = '👩‍👩‍👧';
    for (const unit of [decomposed, '😀', family, '€']) {
      const text = unit.repeat(500);
      for (let room = 1; room < 200; room += 7) {
        const cut = cutAtBoundary(text, room);
        expect(Buffer.byteLength(JSON.stringify(cut)) - 2).toBeLessThanOrEqual(room);
        expect(cut.length % unit.length).toBe(0);
        expect(text.startsWith(cut)).toBe(true);
      }
    }
    expect(cutAtBoundary('kort text', 100)).toBe('kort text');
    expect(cutAtBoundary('ett två tre fyra', 14)).toBe('ett två tre');
  });

  it('fits 1,000 plans with five answers of 2,000 characters each, losing nothing', () => {
    // One alphabet per plan, so that some plans fit in one card and others need
    // continuations: plain ASCII, Swedish letters (2 bytes), euro signs (3 bytes), emoji
    // (4 bytes for 2 characters, sometimes cut in half by the 2,000) and characters that
    // JSON escapes.
    const alphabets = ['abc defg hij', 'åäö ÅÄÖ éü', '€€€€€€€ ', '😀😀 😀😀', '"\\ "\\ \t'];
    const plans = Array.from({ length: 1000 }, (_, i) => plan(`p${i}`, `Handlingsplan ${i} för ${'åäö'[i % 3]}`));
    const versions = plans.map((p, i) => {
      const answerTexts = Object.fromEntries(
        QUESTION_IDS.map((id, q) => {
          const alphabet = alphabets[(i + (q === 4 && i % 7 === 0 ? 1 : 0)) % alphabets.length];
          return [id, `${p.id}/${id}: ${alphabet.repeat(300)}`.slice(0, 2000)];
        }),
      ) as Texts;
      return submitted(p.id, (['on-track', 'at-risk', 'delayed'] as const)[i % 3], answerTexts);
    });

    expect(versions.every((v) => QUESTION_IDS.every((id) => v.content.texts[id].length === 2000))).toBe(true);

    const started = performance.now();
    const summary = compileSummary(round, register(plans), versions);
    const compiled = performance.now();
    const cards = buildSummaryMessages(summary, 'sv', { fullTextNote: NOTE });
    const rendered = performance.now();
    const sizes = cards.map(cardBytes);
    console.log(
      `summary of 1,000 plans × 5 × 2,000 characters: compile ${(compiled - started).toFixed(0)} ms, ` +
        `render ${(rendered - compiled).toFixed(0)} ms, ${cards.length} messages, largest ${Math.max(...sizes)} bytes`,
    );

    expect(Math.max(...sizes)).toBeLessThanOrEqual(LIMIT);
    const byPlan = detailCardsByPlan(cards);
    expect(byPlan).toHaveLength(1000);
    expect(byPlan.some((group) => group.length > 1)).toBe(true);
    const original = new Map(versions.map((v) => [v.planId, v.content.texts]));
    byPlan.forEach((group, i) => {
      const entry = summary.entries[i];
      expect(heading(group[0])).toBe(entry.plan.title);
      const answers = group.flatMap(answersOf);
      expect(answers.every((a) => a.note === undefined)).toBe(true);
      expect(answers.map((a) => a.text)).toEqual(QUESTION_IDS.map((id) => original.get(entry.plan.id)![id]));
    });
    // The renderer's own validation, on every kind of card: the overview (its chart as a client
    // without charts shows it), a whole plan, a plan with continuations.
    const samples = [withoutCharts(cards[0]), ...byPlan.find((g) => g.length > 1)!, byPlan.find((g) => g.length === 1)![0]];
    for (const card of samples) expect(cardProblems(card)).toEqual([]);
  });
});
