import { buildAnswerCard } from '../../../cards/answer-card';
import { buildConfirmationCard } from '../../../cards/confirmation-card';
import { emptyContent, validateAnswer, type AnswerVersion } from '../../../bot/domain/answer';
import { MAX_ANSWER_LENGTH } from '../../../bot/domain/questions';
import { cardBytes, cardProblems } from '../../support/card-validation';
import { kf2019 } from '../../support/rounds';

const round = kf2019();
const plan = { id: 'drog', title: 'Drogpolitiskt program 2016-2020', period: '2016-2020', note: 'revidering pågår', officer: 'a@b.se' };

function texts(card: object): string[] {
  const found: string[] = [];
  JSON.stringify(card, (key, value) => {
    if ((key === 'text' || key === 'label' || key === 'value' || key === 'title') && typeof value === 'string') found.push(value);
    return value;
  });
  return found;
}

function answer(overrides: Partial<AnswerVersion> = {}): AnswerVersion {
  return {
    roundId: round.id,
    planId: plan.id,
    version: 2,
    state: 'submitted',
    content: { texts: { status: 'Pågår', done: 'Klart', current: 'Utbildning', risks: '', completion: '2020' }, status: 'at-risk' },
    answeredBy: 'a@b.se',
    answeredByName: 'Anna Andersson',
    at: new Date('2019-03-05T09:30:00Z'),
    ...overrides,
  };
}

describe('the answer card', () => {
  it('shows the plan, its period and note, the round, and the five questions with the round years', () => {
    const card = buildAnswerCard({ locale: 'sv', round, plan, content: emptyContent(), baseVersion: 0 });
    expect(cardProblems(card)).toEqual([]);
    const shown = texts(card);
    for (const expected of [
      'Drogpolitiskt program 2016-2020',
      '2016-2020',
      'revidering pågår',
      'Uppföljning KF 2019',
      '1 april 2019',
      '1. Status nuläge',
      '2. Genomfört t.o.m. 2018',
      '3. Innevarande verksamhetsår, 2019',
      '4. Risker/Svårigheter',
      '5. Genomförande och sluttid',
      'I fas',
      'Risk för försening',
      'Försenad/avvaktar',
      'Skicka in',
      'Spara utkast',
    ]) {
      expect(shown).toContain(expected);
    }
  });

  it("says what a submit needs in the round, so that nobody types \"-\" for a section with nothing to report", () => {
    expect(texts(buildAnswerCard({ locale: 'sv', round, plan, content: emptyContent(), baseVersion: 0 }))).toContain(
      'För att skicka in krävs status och minst ett av de fem avsnitten. Ett avsnitt där du inget har att rapportera kan du lämna tomt.',
    );
    const strict = kf2019({ answerPolicy: { requiredSections: ['status', 'done', 'current', 'risks', 'completion'], minSections: 5, emptySection: 'blank' } });
    const card = buildAnswerCard({ locale: 'en', round: strict, plan, content: emptyContent(), baseVersion: 0 });
    expect(cardProblems(card)).toEqual([]);
    expect(texts(card)).toContain('To submit, you need the status and all five sections.');
    // Where no section is needed the rule says the sections may be left empty, once.
    const statusOnly = kf2019({ answerPolicy: { requiredSections: [], minSections: 0, emptySection: 'blank' } });
    expect(texts(buildAnswerCard({ locale: 'sv', round: statusOnly, plan, content: emptyContent(), baseVersion: 0 }))).toContain(
      'För att skicka in krävs bara status; avsnitten får lämnas tomma.',
    );
  });

  it('uses Action.Execute with an Action.Submit fallback carrying the same verb and plan', () => {
    const card = buildAnswerCard({ locale: 'sv', round, plan, content: emptyContent(), baseVersion: 3 }) as any;
    expect(card.actions.map((a: any) => [a.type, a.verb, a.fallback.type, a.fallback.data.verb])).toEqual([
      ['Action.Execute', 'answer.submit', 'Action.Submit', 'answer.submit'],
      ['Action.Execute', 'answer.draft', 'Action.Submit', 'answer.draft'],
    ]);
    expect(card.actions[0].data).toEqual({ roundId: round.id, planId: 'drog', baseVersion: 3, locale: 'sv' });
    const inputs = card.body.filter((b: any) => b.type === 'Input.Text');
    expect(inputs.every((i: any) => i.isMultiline === true && i.maxLength === MAX_ANSWER_LENGTH)).toBe(true);
  });

  it('speaks English to English-locale users', () => {
    const shown = texts(buildAnswerCard({ locale: 'en', round, plan, content: emptyContent(), baseVersion: 0 }));
    expect(shown).toEqual(expect.arrayContaining(['1. Current status', 'Submit', 'Save draft', 'On track']));
  });

  it.each([
    ['Swedish letters at the maximum length', 'åäö'.repeat(MAX_ANSWER_LENGTH / 3)],
    ['three-byte characters up to the byte limit', '€'.repeat(1500)],
    ['characters that JSON escapes', '"\\'.repeat(MAX_ANSWER_LENGTH / 2)],
  ])('stays under the 28 KB Teams limit with the largest valid answers: %s', (_name, longest) => {
    const content = { texts: { status: longest, done: longest, current: longest, risks: longest, completion: longest }, status: 'delayed' as const };
    expect(validateAnswer(content, 'submit')).toEqual([]);
    const card = buildAnswerCard({ locale: 'sv', round, plan, content, baseVersion: 1, errors: ['x'.repeat(300)] });
    expect(cardBytes(card)).toBeLessThan(28 * 1024);
    expect(cardBytes(buildConfirmationCard({ locale: 'sv', round, plan, answer: answer({ content }), canEdit: true }))).toBeLessThan(28 * 1024);
  });

  it('refuses answers that together would not fit in a card', () => {
    const heavy = '€'.repeat(MAX_ANSWER_LENGTH);
    const content = { texts: { status: heavy, done: heavy, current: heavy, risks: heavy, completion: heavy }, status: 'delayed' as const };
    expect(validateAnswer(content, 'draft')).toEqual([{ field: 'answers', message: 'too-long-total' }]);
  });
});

describe('the confirmation card', () => {
  it('shows what was stored, marks a section left empty, and offers Edit while the round is open', () => {
    const card = buildConfirmationCard({ locale: 'sv', round, plan, answer: answer(), canEdit: true }) as any;
    expect(cardProblems(card)).toEqual([]);
    const shown = texts(card);
    expect(shown).toEqual(expect.arrayContaining(['Tack! Ditt svar är inskickat.', 'Pågår', 'Inget ifyllt', 'Risk för försening']));
    expect(shown.some((s) => s.includes('Version 2') && s.includes('Anna Andersson'))).toBe(true);
    expect(card.actions).toEqual([expect.objectContaining({ type: 'Action.Execute', verb: 'answer.edit', title: 'Ändra' })]);
    expect(buildConfirmationCard({ locale: 'sv', round, plan, answer: answer(), canEdit: false }).actions).toEqual([]);
  });

  it('shows officer text exactly as typed: no template evaluation, no live Markdown', () => {
    const typed = '${round.title} {{x}} [klicka](https://evil.example) **fet** <b>x</b>';
    const card = buildConfirmationCard({
      locale: 'sv',
      round,
      plan,
      answer: answer({ content: { texts: { ...answer().content.texts, status: typed } } }),
      canEdit: true,
    }) as any;
    const runs: any[] = [];
    JSON.stringify(card, (_k, v) => {
      if (v && v.type === 'TextRun' && v.text === typed) runs.push(v);
      return v;
    });
    // The text arrives untouched, and only inside a TextRun, which renders no Markdown.
    expect(runs).toHaveLength(1);
    const blocks: any[] = [];
    JSON.stringify(card, (_k, v) => {
      if (v && v.type === 'TextBlock' && typeof v.text === 'string' && v.text.includes('evil')) blocks.push(v);
      return v;
    });
    expect(blocks).toEqual([]);
  });
});
