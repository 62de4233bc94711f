// The answer rule worded from the round's own template: its number of questions, the questions
// it requires itself, and whether it asks for a status at all.

import { DEFAULT_ANSWER_POLICY, describeAnswerPolicy, policyFromRule } from '../../../bot/domain/answer-policy';
import { DEFAULT_TEMPLATE, TERTIAL_TEMPLATE } from '../../../bot/domain/templates/builtin';
import type { FollowUpTemplate } from '../../../bot/domain/templates/template';
import { progressText } from '../../../cards/replies/progress';
import { appFixture } from '../../support/app-fixture';

const NO_STATUS: FollowUpTemplate = { ...TERTIAL_TEMPLATE, id: 'utan-status', questions: TERTIAL_TEMPLATE.questions.map((q) => ({ ...q, required: false })), statusScale: { ...TERTIAL_TEMPLATE.statusScale, required: false } };

describe('the answer rule in words, per template', () => {
  it('reads as before on the default template', () => {
    expect(describeAnswerPolicy(DEFAULT_ANSWER_POLICY, 'sv', DEFAULT_TEMPLATE).rule).toBe('Status och minst ett av de fem avsnitten');
    expect(describeAnswerPolicy(policyFromRule('all', 'blank'), 'en', DEFAULT_TEMPLATE).rule).toBe('The status and all five sections');
  });

  it("counts the template's questions and names the question it requires itself", () => {
    expect(describeAnswerPolicy(DEFAULT_ANSWER_POLICY, 'sv', TERTIAL_TEMPLATE).rule).toBe('Status och avsnitt 1');
    expect(describeAnswerPolicy({ ...DEFAULT_ANSWER_POLICY, minSections: 2 }, 'sv', TERTIAL_TEMPLATE).rule).toBe('Status, avsnitt 1 och minst 2 av de tre avsnitten');
    expect(describeAnswerPolicy(policyFromRule('all', 'blank', TERTIAL_TEMPLATE), 'en', TERTIAL_TEMPLATE).rule).toBe('The status and all three sections');
  });

  it('leaves the status out of the rule of a template that does not require one', () => {
    expect(describeAnswerPolicy(DEFAULT_ANSWER_POLICY, 'sv', NO_STATUS).rule).toBe('Minst ett av de tre avsnitten');
    expect(describeAnswerPolicy({ ...DEFAULT_ANSWER_POLICY, minSections: 0 }, 'en', NO_STATUS).rule).toBe('Nothing; the status and the sections may all be left empty');
  });

  it("counts a draft's sections out of the round's template in the progress reply", async () => {
    const { round } = await appFixture();
    const progress = { total: 1, submitted: 0, drafts: [{ label: 'Plan', at: new Date('2019-03-20T09:00:00Z'), filled: 1 }], missing: [], unreachable: [], overdue: false };
    expect(progressText({ ...progress, round }, 'sv')).toContain('1 av 5 avsnitt ifyllda');
    expect(progressText({ ...progress, round: { ...round, template: TERTIAL_TEMPLATE } }, 'sv')).toContain('1 av 3 avsnitt ifyllda');
  });
});
