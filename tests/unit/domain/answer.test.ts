import { readAnswerInput, validateAnswer } from '../../../bot/domain/answer';
import { MAX_ANSWER_LENGTH } from '../../../bot/domain/questions';

const complete = {
  status: 'Pågår enligt plan',
  done: 'Kartläggning klar',
  current: 'Utbildning av personal',
  risks: 'Personalomsättning',
  completion: 'Klart 2020',
  planStatus: 'on-track',
};

describe('validating an answer', () => {
  it('accepts a complete submit', () => {
    expect(validateAnswer(readAnswerInput(complete), 'submit')).toEqual([]);
  });

  it('refuses a submit with an empty answer, naming each one, and asks for a status', () => {
    const errors = validateAnswer(readAnswerInput({ ...complete, risks: '   ', completion: '', planStatus: undefined }), 'submit');
    expect(errors.map((e) => `${e.field}:${e.message}`)).toEqual(['risks:required', 'completion:required', 'planStatus:required']);
  });

  it('lets a draft be partial', () => {
    expect(validateAnswer(readAnswerInput({ status: 'Halvvägs' }), 'draft')).toEqual([]);
  });

  it('refuses an answer longer than the limit, also in a draft', () => {
    const errors = validateAnswer(readAnswerInput({ done: 'x'.repeat(MAX_ANSWER_LENGTH + 1) }), 'draft');
    expect(errors).toEqual([{ field: 'done', message: 'too-long' }]);
  });

  it('keeps the text as typed apart from line endings, and ignores unknown fields and statuses', () => {
    const content = readAnswerInput({ status: ' ${x} [länk](http://x)\r\nrad två ', planStatus: 'done', extra: 'x' });
    expect(content.texts.status).toBe(' ${x} [länk](http://x)\nrad två ');
    expect(content.status).toBeUndefined();
    expect(Object.keys(content.texts)).toEqual(['status', 'done', 'current', 'risks', 'completion']);
  });
});
