import { readAnswerInput, validateAnswer } from '../../../bot/domain/answer';
import { DEFAULT_ANSWER_POLICY } from '../../../bot/domain/answer-policy';
import { MAX_ANSWER_LENGTH, type QuestionId } from '../../../bot/domain/questions';

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

  it('accepts a submit with sections left empty, as seed 000 has them: only section 1, or all but section 4', () => {
    const onlyStatus = readAnswerInput({ status: 'Planen revideras och ett förslag förväntas vara klart i juni 2019.', planStatus: 'delayed' });
    expect(validateAnswer(onlyStatus, 'submit')).toEqual([]);
    expect(validateAnswer(readAnswerInput({ ...complete, risks: '' }), 'submit')).toEqual([]);
  });

  it('by default needs the status and at least one section, white space alone counting as empty', () => {
    const errors = validateAnswer(readAnswerInput({ status: '   ', done: '\n\t', current: ' ', risks: '', completion: '' }), 'submit');
    expect(errors.map((e) => `${e.field}:${e.message}`)).toEqual(['sections:too-few', 'planStatus:required']);
  });

  it("refuses a submit without the sections the round's policy requires, naming each one", () => {
    const policy = { ...DEFAULT_ANSWER_POLICY, requiredSections: ['status', 'risks', 'completion'] as QuestionId[] };
    const errors = validateAnswer(readAnswerInput({ ...complete, risks: '   ', completion: '' }), 'submit', policy);
    expect(errors.map((e) => `${e.field}:${e.message}`)).toEqual(['risks:required', 'completion:required']);
  });

  it('counts the sections filled in against the least number the policy asks for', () => {
    const policy = { ...DEFAULT_ANSWER_POLICY, minSections: 3 };
    const two = readAnswerInput({ status: 'Pågår', done: 'Klart', planStatus: 'on-track' });
    expect(validateAnswer(two, 'submit', policy).map((e) => `${e.field}:${e.message}`)).toEqual(['sections:too-few']);
    expect(validateAnswer(readAnswerInput({ ...complete, risks: '', completion: '' }), 'submit', policy)).toEqual([]);
    // A draft stays accepted as anything.
    expect(validateAnswer(readAnswerInput({}), 'draft', { ...policy, requiredSections: ['status'] })).toEqual([]);
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
