// The Markdown replies a person reads in a 1:1 chat: what a coordinator or an officer typed
// (titles, names) renders as written, never as links or emphasis.

import { deputyAnswerNotice } from '../../../../cards/replies/deputy-answer-notice';
import { postponementNotice } from '../../../../cards/replies/postponement-notice';

const round = { title: 'Uppföljning KF 2019', dueAt: new Date('2019-04-08T21:59:59.999Z'), timeZone: 'Europe/Stockholm' };

describe('the notice that a due date moved', () => {
  it('names the one plan left to submit', () => {
    expect(postponementNotice('sv', round, ['Drogpolitiskt program 2016-2020'])).toBe(
      'Sista svarsdag för **Uppföljning KF 2019** är flyttad till 8 april 2019. Du har ännu inte skickat in svaret för **Drogpolitiskt program 2016-2020**.',
    );
  });

  it('counts the plans when there are several, in the reader’s language', () => {
    expect(postponementNotice('en', round, ['A', 'B'])).toBe(
      'The due date of **Uppföljning KF 2019** has moved to 8 April 2019. You have 2 plans left to submit.',
    );
  });

  it('keeps Markdown in a round’s or plan’s title literal', () => {
    const text = postponementNotice('sv', { ...round, title: 'KF **2019**' }, ['[Klicka här](https://example.org)']);
    expect(text).toBe(
      'Sista svarsdag för **KF \\*\\*2019\\*\\*** är flyttad till 8 april 2019. Du har ännu inte skickat in svaret för **\\[Klicka här\\]\\(https://example.org\\)**.',
    );
  });
});

describe('the notice that a deputy submitted', () => {
  it('tells the officer who submitted which plan, with the deputy’s name and the titles literal', () => {
    expect(deputyAnswerNotice('sv', 'Cecilia _Ek_', { title: 'Trygg [stad]' }, { title: 'Uppföljning KF 2019' })).toBe(
      'Cecilia \\_Ek\\_ har skickat in svaret för **Trygg \\[stad\\]** i Uppföljning KF 2019.',
    );
  });
});
