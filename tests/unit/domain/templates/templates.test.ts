// Follow-up templates as data: the validator names every problem of a file, the built-in
// templates pass it, and the cards, validation and summary of a round follow its template
// (seed 003's tertial follow-up as the other example).

import AdmZip from 'adm-zip';
import { exportRound } from '../../../../bot/app/coordinator/exports/export-round';
import { validateAnswer } from '../../../../bot/domain/answer';
import { DEFAULT_ANSWER_POLICY, policyFromRule } from '../../../../bot/domain/answer-policy';
import { MAX_ANSWERS_BYTES } from '../../../../bot/domain/questions';
import { compileSummary } from '../../../../bot/domain/summary';
import { DEFAULT_TEMPLATE, TERTIAL_TEMPLATE } from '../../../../bot/domain/templates/builtin';
import { fulfilmentCell, fulfilmentRow } from '../../../../bot/domain/templates/fulfilment';
import { readTemplate, type TemplateProblem } from '../../../../bot/domain/templates/validate';
import { buildAnswerCard } from '../../../../cards/answer-card';
import { buildSummaryMessages } from '../../../../cards/summary-cards';
import { addTemplateLines, templateProblemLines } from '../../../../cards/replies/templates';
import { appFixture } from '../../../support/app-fixture';
import { kf2019 } from '../../../support/rounds';

const tertial = () => kf2019({ id: 't2-2017', title: 'Måluppföljning tertial 2 2017', year: 2017, template: TERTIAL_TEMPLATE });

function problemsOf(json: unknown): TemplateProblem[] {
  const reading = readTemplate(typeof json === 'string' ? json : JSON.stringify(json));
  return reading.kind === 'invalid' ? reading.problems : [];
}

/** A small valid template, to break one thing at a time. */
function aTemplate(): any {
  return {
    id: 'kvartal',
    name: { sv: 'Kvartalsuppföljning', en: 'Quarterly follow-up' },
    questions: [
      { id: 'laget', label: { sv: 'Läget {år}', en: 'Where things stand, {år}' } },
      { id: 'forra', label: { sv: 'Gjort {föregående år}', en: 'Done in {föregående år}' }, help: { sv: 'Kort.', en: 'Briefly.' }, maxLength: 500, multiline: false },
    ],
    statusScale: { levels: [{ id: 'ok', label: { sv: 'Bra', en: 'Good' }, color: 'Good' }, { id: 'nej', label: { sv: 'Dåligt', en: 'Bad' }, color: 'Attention' }] },
  };
}

describe('reading a template from a file', () => {
  it('takes the built-in templates as they are written', () => {
    for (const template of [DEFAULT_TEMPLATE, TERTIAL_TEMPLATE]) {
      expect(readTemplate(JSON.stringify(template), template.version)).toEqual({ kind: 'valid', template });
    }
  });

  it('fills in the defaults a file may leave out', () => {
    const reading = readTemplate(JSON.stringify(aTemplate()), 3);
    expect(reading.kind).toBe('valid');
    if (reading.kind !== 'valid') return;
    expect(reading.template.version).toBe(3);
    expect(reading.template.questions[0]).toEqual({ id: 'laget', label: { sv: 'Läget {år}', en: 'Where things stand, {år}' }, required: false, maxLength: 2000, multiline: true });
    expect(reading.template.statusScale.required).toBe(true);
    expect(reading.template.document).toEqual({});
  });

  it('says so when the file is not JSON', () => {
    expect(problemsOf('{"id": "x",')).toEqual([expect.objectContaining({ path: '', code: 'bad-json' })]);
  });

  it('names every problem at once, each where it is', () => {
    const t = aTemplate();
    t.questions[1].id = 'laget';
    delete t.questions[0].label.en;
    t.questions[1].label.sv = 'Gjort {förra året}';
    t.statusScale.levels[1].color = 'red';
    t.name = { sv: 'Namn' };
    expect(problemsOf(t)).toEqual([
      { path: 'name.en', code: 'missing' },
      { path: 'questions[0].label.en', code: 'missing' },
      { path: 'questions[1].label.sv', code: 'unknown-placeholder', params: { value: '{förra året}', known: '{år}, {föregående år}' } },
      { path: 'questions[1].id', code: 'duplicate-id', params: { value: 'laget' } },
      { path: 'statusScale.levels[1].color', code: 'bad-color', params: { known: 'Good, Warning, Attention, Accent, Default' } },
    ]);
  });

  it('refuses question ids the card or the table cannot carry', () => {
    const t = aTemplate();
    t.questions[0].id = 'planStatus';
    t.questions[1].id = 'två ord';
    expect(problemsOf(t).map((p) => [p.path, p.code])).toEqual([
      ['questions[0].id', 'reserved-id'],
      ['questions[1].id', 'bad-id'],
    ]);
  });

  it('refuses more questions than an answer card holds', () => {
    const t = aTemplate();
    t.questions = Array.from({ length: 11 }, (_, i) => ({ id: `q${i}`, label: { sv: `Fråga ${i}`, en: `Question ${i}` } }));
    expect(problemsOf(t)).toEqual([{ path: 'questions', code: 'too-many', params: { max: 10 } }]);
  });

  it('refuses questions whose labels would take a 28 KB card over the limit', () => {
    const t = aTemplate();
    t.questions = Array.from({ length: 8 }, (_, i) => ({ id: `q${i}`, label: { sv: 'Å'.repeat(150), en: `Question ${i}` } }));
    expect(problemsOf(t)).toEqual([{ path: 'questions', code: 'card-too-large', params: { bytes: expect.any(Number), max: expect.any(Number) } }]);
  });

  it('gives the card room in one unit, bytes on both sides', () => {
    const problem: TemplateProblem = { path: 'questions', code: 'card-too-large', params: { bytes: 1300, max: 1151 } };
    expect(templateProblemLines([problem], 'sv')[0]).toContain('(1300 byte, högst 1151 byte)');
    expect(templateProblemLines([problem], 'en')[0]).toContain('(1300 bytes, at most 1151 bytes)');
  });

  it('words every problem in Swedish and English', () => {
    const problems = problemsOf({ ...aTemplate(), questions: [{ id: 'a', label: { sv: 'A {x}', en: 'A' } }, { id: 'a', label: { sv: 'B', en: 'B' } }] });
    expect(templateProblemLines(problems, 'sv')).toEqual([
      'questions[0].label.sv: {x} finns inte; det som går att använda är {år}, {föregående år}.',
      'questions[1].id: id "a" finns redan tidigare i listan.',
    ]);
    expect(templateProblemLines(problems, 'en')[1]).toBe('questions[1].id: id "a" already appears earlier in the list.');
  });
});

describe('a template that passes fits the answer card', () => {
  it('takes no more room than the five questions do, with the longest answers allowed', () => {
    // As much room as the validator allows, spent on three questions with long labels and help.
    const withLabels = (length: number) => {
      const t = aTemplate();
      t.questions = [0, 1, 2].map((i) => ({ id: `q${i}`, label: { sv: 'Ä'.repeat(length), en: 'E' }, help: { sv: 'Ö'.repeat(length), en: 'O' } }));
      return readTemplate(JSON.stringify(t));
    };
    let length = 1;
    while (withLabels(length + 1).kind === 'valid') length++;
    expect(length).toBeGreaterThan(20);
    const reading = withLabels(length);
    if (reading.kind !== 'valid') throw new Error('no template at the limit');
    // The same answer bytes (å takes two) over each template's questions, the same plan.
    const fill = (ids: string[]) => Object.fromEntries(ids.map((id) => [id, 'å'.repeat(Math.floor(MAX_ANSWERS_BYTES / 2 / 15) * (15 / ids.length))]));
    const plan = { id: 'p', title: 'T'.repeat(300), period: 'P'.repeat(200), note: 'N'.repeat(200) };
    const bytes = (template: typeof DEFAULT_TEMPLATE, status: string) =>
      Buffer.byteLength(JSON.stringify(buildAnswerCard({ locale: 'sv', round: kf2019({ template }), plan, content: { texts: fill(template.questions.map((q) => q.id)), status }, baseVersion: 9 })));
    expect(bytes(reading.template, 'ok')).toBeLessThanOrEqual(bytes(DEFAULT_TEMPLATE, 'on-track'));
  });
});

describe('a round on the tertial template of seed 003', () => {
  it('asks its three questions with their help text and offers its scale', () => {
    const card = buildAnswerCard({ locale: 'sv', round: tertial(), plan: { id: 'individanpassad', title: 'Individanpassad' }, content: { texts: {} }, baseVersion: 0 });
    const json = JSON.stringify(card);
    const inputs = [...json.matchAll(/"type":"Input.Text","id":"(\w+)","label":"(\d[^"]+)","placeholder":"([^"]+)"/g)].map((m) => [m[1], m[2], m[3]]);
    expect(inputs).toEqual([
      ['assessment', '1. Samlad bedömning', 'Hur har arbetet gått under tertialet, 2017?'],
      ['causes', '2. Orsaker till resultatet', 'Skriv ditt svar här'],
      ['measures', '3. Vilka åtgärder behöver vidtas för att öka effekten på mål?', 'Skriv ditt svar här'],
    ]);
    expect(json).toContain('{"title":"Uppfylld/Klar","value":"fulfilled"},{"title":"Positiv trend/Pågående","value":"positive"},{"title":"Oförändrad eller negativ trend/Ej påbörjad","value":"unchanged"}');
    expect(json).not.toContain('Genomfört t.o.m.');
  });

  it('needs its required question and a status on its own scale to submit', () => {
    const round = tertial();
    const content = { texts: { assessment: ' ', causes: 'Nytt arbetssätt.', measures: '' }, status: 'on-track' };
    expect(validateAnswer({ ...content, status: undefined }, 'submit', DEFAULT_ANSWER_POLICY, round.template)).toEqual([
      { field: 'assessment', message: 'required' },
      { field: 'planStatus', message: 'required' },
    ]);
    expect(validateAnswer({ ...content, texts: { ...content.texts, assessment: 'Positiv trend.' }, status: 'positive' }, 'submit', DEFAULT_ANSWER_POLICY, round.template)).toEqual([]);
  });

  it('counts "every section" as the template\'s three, not the default\'s five', () => {
    expect(policyFromRule('all', 'blank', TERTIAL_TEMPLATE)).toEqual({ requiredSections: ['assessment', 'causes', 'measures'], minSections: 3, emptySection: 'blank' });
  });

  it('counts the summary on its scale, with its colours', () => {
    const round = tertial();
    const register = { plans: ['a', 'b', 'c', 'd'].map((id) => ({ id, title: `Mål ${id}`, officer: 'x@k.se' })), people: [], coordinators: [] };
    const answer = (planId: string, status: string) => ({ roundId: round.id, planId, version: 1, state: 'submitted' as const, content: { texts: { assessment: 'Ja.' }, status }, answeredBy: 'x@k.se', answeredByName: 'X', at: new Date('2017-09-01T10:00:00Z') });
    const summary = compileSummary(round, register, [answer('a', 'positive'), answer('b', 'positive'), answer('c', 'unchanged')]);
    expect(summary.counts).toEqual({ fulfilled: 0, positive: 2, unchanged: 1, draft: 0, unanswered: 1 });
    const [overview] = buildSummaryMessages(summary, 'sv', { fullTextNote: '' });
    const facts = JSON.stringify(overview);
    expect(facts).toContain('Positiv trend/Pågående');
    expect(facts).not.toContain('I fas');
  });
});

describe('the exports of a round on the tertial template', () => {
  async function tertialRoundWithAnswer() {
    const f = await appFixture({ now: '2017-09-04T14:37:00Z' });
    const round = { ...f.round, id: 't2-2017', title: 'Uppföljning tertial 2 2017', year: 2017, template: TERTIAL_TEMPLATE };
    await f.stores.rounds.create(round);
    const content = { texts: { assessment: 'Journalgranskningar har ökat.', causes: 'Nytt arbetssätt.', measures: '' }, status: 'positive' };
    await f.stores.answers.append({ roundId: round.id, planId: 'drog', version: 1, state: 'submitted', content, answeredBy: 'anna@kalmar.se', answeredByName: 'Anna Andersson', at: f.deps.clock.now() }, null);
    return { f, round };
  }
  const settings = { organisation: 'Kalmar kommun', department: 'Socialförvaltningen', handlaggare: { name: 'Kerstin Lagerlund', title: 'controller' }, addressee: 'Socialnämnden', caseNumber: 'SN 2017/1' };

  it('has a CSV column per question of the template and its status words', async () => {
    const { f, round } = await tertialRoundWithAnswer();
    const csv = (await exportRound(f.deps, round, 'csv', 'samordnare@kalmar.se', settings)).bytes.toString('utf8');
    const [header, first] = csv.replace(/^\uFEFF/, '').split(/\r?\n/);
    expect(header.split(';').slice(5, 8)).toEqual(['1. Samlad bedömning', '2. Orsaker till resultatet', '3. Vilka åtgärder behöver vidtas för att öka effekten på mål?']);
    expect(first).toContain(';Positiv trend/Pågående;');
    expect(first).toContain(';Journalgranskningar har ökat.;Nytt arbetssätt.;;');
    expect(csv).not.toContain('Genomfört t.o.m.');
  });

  it('archives the round with its template and the questions as asked, in the same archive format', async () => {
    const { f, round } = await tertialRoundWithAnswer();
    const archive = JSON.parse((await exportRound(f.deps, round, 'json', 'samordnare@kalmar.se', settings)).bytes.toString('utf8'));
    expect(archive.format).toBe('uppfoljning-round-archive/1');
    expect(archive.round.template).toMatchObject({ id: 'maluppfoljning-tertial', version: 1 });
    expect(archive.questions.sv.map((q: any) => [q.id, q.number, q.label, q.help])).toEqual([
      ['assessment', 1, 'Samlad bedömning', 'Hur har arbetet gått under tertialet, 2017?'],
      ['causes', 2, 'Orsaker till resultatet', undefined],
      ['measures', 3, 'Vilka åtgärder behöver vidtas för att öka effekten på mål?', undefined],
    ]);
    expect(archive.questions.en[0]).toMatchObject({ id: 'assessment', label: 'Overall assessment', help: 'How has the work gone this tertial, 2017?' });
    const plain = JSON.parse((await exportRound(f.deps, f.round, 'json', 'samordnare@kalmar.se', settings)).bytes.toString('utf8'));
    expect(Object.keys(plain)).toEqual(['format', 'round', 'register', 'versions']);
  });

  it('heads each appendix as the template says and leaves out the period line', async () => {
    const { f, round } = await tertialRoundWithAnswer();
    const word = await exportRound(f.deps, round, 'word', 'samordnare@kalmar.se', settings);
    const xml = new AdmZip(word.bytes).readAsText('word/document.xml', 'utf8');
    const text = xml.replace(/<[^>]+>/g, '');
    expect(text).toContain('Drogpolitiskt program 2016-2020, tertial 2 2017');
    expect(text).toContain('1. Samlad bedömning');
    expect(text).toContain('Journalgranskningar har ökat.');
    expect(text).not.toContain('Genomförandetid');
    // Seed 003's table after the list of plans: the scale as columns, the round's one answer counted.
    expect(text).toContain('MåluppfyllelseUppfylld/KlarPositiv trend/PågåendeOförändrad eller negativ trend/Ej påbörjadTotaltMåluppföljning tertial01 (100\u00a0%)01');
  });
});

describe('goal fulfilment in the form of seed 003\'s table', () => {
  const nbsp = (text: string) => text.replace(/ %/g, '\u00a0%');
  it('writes the seed\'s rows: a level nobody is on as 0, the others with their share in whole percents', () => {
    const row = (counts: number[]) => {
      const total = counts.reduce((a, b) => a + b, 0);
      return [...counts.map((n) => fulfilmentCell(n, total, 'sv')), String(total)];
    };
    expect(row([0, 4, 4])).toEqual(['0', nbsp('4 (50 %)'), nbsp('4 (50 %)'), '8']); // Nämndsmål
    expect(row([1, 3, 0])).toEqual([nbsp('1 (25 %)'), nbsp('3 (75 %)'), '0', '4']); // Uppdrag
    // Aktiviteter: the seed writes 3,5 % for 1 of 27 (3.7 %), beside 93 % for 25 of 27.
    expect(row([1, 25, 1])).toEqual([nbsp('1 (4 %)'), nbsp('25 (93 %)'), nbsp('1 (4 %)'), '27']);
  });

  it('counts a round\'s submitted answers on its scale, drafts and the unanswered left out', () => {
    const round = tertial();
    const register = { plans: ['a', 'b', 'c', 'd', 'e'].map((id) => ({ id, title: `Mål ${id}`, officer: 'x@k.se' })), people: [], coordinators: [] };
    const answer = (planId: string, status: string, state: 'submitted' | 'draft' = 'submitted') => ({ roundId: round.id, planId, version: 1, state, content: { texts: { assessment: 'Ja.' }, status }, answeredBy: 'x@k.se', answeredByName: 'X', at: new Date('2017-09-01T10:00:00Z') });
    const summary = compileSummary(round, register, [answer('a', 'positive'), answer('b', 'positive'), answer('c', 'unchanged'), answer('d', 'fulfilled', 'draft')]);
    expect(fulfilmentRow(summary, 'Nämndsmål', 'sv')).toEqual({ label: 'Nämndsmål', cells: ['0', nbsp('2 (67 %)'), nbsp('1 (33 %)'), '3'] });
  });
});

describe('the mistakes of a template file, each named', () => {
  it('names a field the template does not know, such as a misspelt "required"', () => {
    const t = aTemplate();
    t.questions[0].requried = true;
    t.statusScale.levels[0].colour = 'Good';
    t.name.fi = 'Neljännesvuosi';
    expect(problemsOf(t)).toEqual([
      { path: 'name.fi', code: 'unknown-field', params: { value: 'fi', known: 'sv, en' } },
      { path: 'questions[0].requried', code: 'unknown-field', params: { value: 'requried', known: 'id, label, help, required, maxLength, multiline' } },
      { path: 'statusScale.levels[0].colour', code: 'unknown-field', params: { value: 'colour', known: 'id, label, color' } },
    ]);
    expect(templateProblemLines(problemsOf(t), 'sv')[1]).toBe(
      'questions[0].requried: fältet "requried" finns inte i en mall (stavfel?); här går att använda id, label, help, required, maxLength, multiline.',
    );
  });

  it('refuses line breaks and other control characters in names and labels, as the register does', () => {
    const t = aTemplate();
    t.name.sv = 'Kvartals\nuppföljning';
    t.statusScale.levels[1].label.en = 'Bad\tone';
    expect(problemsOf(t)).toEqual([
      { path: 'name.sv', code: 'control-character' },
      { path: 'statusScale.levels[1].label.en', code: 'control-character' },
    ]);
    expect(templateProblemLines([{ path: 'name.sv', code: 'control-character' }], 'en')).toEqual(['name.sv: may not hold line breaks, tabs or other control characters.']);
  });

  it('takes placeholders only where they are filled in: {år} in a question, not in the name, a level or the period label', () => {
    const t = aTemplate();
    t.name.sv = 'Uppföljning {år}';
    t.statusScale.levels[0].label.sv = 'Bra {år}';
    t.document = { appendixHeading: { sv: '{plan} {år}', en: '{plan}, {omgång}' }, periodLabel: { sv: 'Tid {år}', en: 'Time' } };
    expect(problemsOf(t).map((p) => [p.path, p.code])).toEqual([
      ['name.sv', 'no-placeholder'],
      ['statusScale.levels[0].label.sv', 'no-placeholder'],
      ['document.periodLabel.sv', 'no-placeholder'],
    ]);
    expect(templateProblemLines([{ path: 'name.sv', code: 'no-placeholder', params: { value: '{år}' } }], 'sv')).toEqual(['name.sv: {år} fylls aldrig i här; skriv texten utan klammerparenteser.']);
  });

  it('words a bad id by the rule of its kind', () => {
    const t = aTemplate();
    t.id = 'Kvartal_1';
    t.questions[0].id = 'två-ord';
    t.statusScale.levels[0].id = '1ok';
    const lines = templateProblemLines(problemsOf(t), 'en');
    expect(lines).toEqual([
      'id: "Kvartal_1" cannot be used as the template\'s id: use lower-case letters a–z, digits and single hyphens (-) between them.',
      'questions[0].id: "två-ord" cannot be used as a question\'s id: start with a lower-case letter a–z, then use lower-case letters, digits and single underscores (_) between them.',
      'statusScale.levels[0].id: "1ok" cannot be used as a status\'s id: start with a lower-case letter a–z, then use lower-case letters, digits and single hyphens (-) between them.',
    ]);
  });

  it('says "1 problem" in English for one', () => {
    const problems: TemplateProblem[] = [{ path: 'name', code: 'missing' }];
    expect(addTemplateLines({ kind: 'invalid', problems }, 'en')[0]).toBe('The template was not saved: 1 problem. Nothing has changed.');
    expect(addTemplateLines({ kind: 'invalid', problems: [...problems, ...problems] }, 'en')[0]).toBe('The template was not saved: 2 problems. Nothing has changed.');
    expect(addTemplateLines({ kind: 'invalid', problems }, 'sv')[0]).toBe('Mallen sparades inte: 1 fel. Inget har ändrats.');
  });
});
