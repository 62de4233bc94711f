import { questionsFor, statusLabel } from '../../../bot/domain/questions';
import { localeFrom } from '../../../bot/domain/locale';

describe('the five follow-up questions', () => {
  it('are worded as in the council document, with the round year filled in', () => {
    expect(questionsFor(2019, 'sv').map((q) => `${q.number}. ${q.label}`)).toEqual([
      '1. Status nuläge',
      '2. Genomfört t.o.m. 2018',
      '3. Innevarande verksamhetsår, 2019',
      '4. Risker/Svårigheter',
      '5. Genomförande och sluttid',
    ]);
  });

  it('speak English to English-locale users', () => {
    expect(questionsFor(2026, 'en').map((q) => q.label)).toEqual([
      'Current status',
      'Done up to and including 2025',
      "This year's work, 2026",
      'Risks and difficulties',
      'Implementation and end date',
    ]);
  });

  it('offer the three statuses of the summary in Swedish by default', () => {
    expect(['on-track', 'at-risk', 'delayed'].map((s) => statusLabel(s as never, 'sv'))).toEqual([
      'I fas',
      'Risk för försening',
      'Försenad/avvaktar',
    ]);
  });

  it.each([
    ['en-US', 'en'],
    ['en-GB', 'en'],
    ['sv-SE', 'sv'],
    ['fi-FI', 'sv'],
    [undefined, 'sv'],
  ])('reads locale %s as %s', (tag, expected) => {
    expect(localeFrom(tag)).toBe(expected);
  });
});

describe('escaping text for Markdown messages', () => {
  it('neutralises links, emphasis and list markers but leaves ordinary text readable', () => {
    const { escapeMarkdown } = jest.requireActual('../../../cards/messages');
    expect(escapeMarkdown('Drogpolitiskt program 2016-2020')).toBe('Drogpolitiskt program 2016-2020');
    expect(escapeMarkdown('[klicka](https://x) **fet** _kursiv_')).toBe('\\[klicka\\]\\(https://x\\) \\*\\*fet\\*\\* \\_kursiv\\_');
    expect(escapeMarkdown('- punkt\n1. första')).toBe('\\- punkt\n1\\. första');
  });
});
