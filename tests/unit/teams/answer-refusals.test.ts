// What the card says when a submit is refused under the round's answer rules: which section is
// missing, or how many are, in the officer's language.

import { handleCardAction } from '../../../bot/teams/card-actions';
import type { AnswerPolicy } from '../../../bot/domain/answer-policy';
import { TERTIAL_TEMPLATE } from '../../../bot/domain/templates/builtin';
import type { FollowUpTemplate } from '../../../bot/domain/templates/template';
import { actor, appFixture } from '../../support/app-fixture';

async function refusalLines(policy: AnswerPolicy | undefined, data: Record<string, unknown>, locale: 'sv' | 'en' = 'sv', template?: FollowUpTemplate): Promise<string[]> {
  const f = await appFixture({ now: '2019-03-08T09:00:00Z' });
  if (policy || template) {
    const stored = (await f.stores.rounds.get(f.round.id))!;
    await f.stores.rounds.update({ ...stored.value, ...(policy && { answerPolicy: policy }), ...(template && { template }) }, stored.etag);
  }
  const reply = await handleCardAction(
    f.deps,
    actor('anna@kalmar.se'),
    { verb: 'answer.submit', data: { roundId: f.round.id, planId: 'drog', baseVersion: 0, planStatus: 'on-track', ...data } },
    locale,
    undefined,
  );
  if (reply.kind !== 'card') throw new Error(`expected a card, got: ${reply.text}`);
  const container = (reply.card.body as any[]).find((b) => b.style === 'attention');
  expect(await f.stores.answers.current(f.round.id, 'drog')).toBeUndefined();
  return container.items.map((item: any) => item.inlines[0].text);
}

describe('a submit refused under the answer rules', () => {
  it('asks for at least one section by default, white space counting as empty', async () => {
    expect(await refusalLines(undefined, { status: '  ', done: '\n' })).toEqual([
      'Svaret är inte inskickat ännu:',
      'Fyll i minst ett av de fem avsnitten. De andra får lämnas tomma.',
    ]);
  });

  it('says how many sections the round asks for and how many are filled in, in English too', async () => {
    const policy: AnswerPolicy = { requiredSections: [], minSections: 3, emptySection: 'blank' };
    expect(await refusalLines(policy, { status: 'Pågår.', risks: 'Inga.' })).toEqual([
      'Svaret är inte inskickat ännu:',
      'Fyll i minst 3 av de fem avsnitten (du har fyllt i 2). De andra får lämnas tomma.',
    ]);
    expect(await refusalLines(policy, { status: 'Ongoing.', locale: 'en' }, 'en')).toEqual([
      'Your answer has not been submitted yet:',
      'Fill in at least 3 of the five sections (you have filled in 1). The others may be left empty.',
    ]);
  });

  it('names each required section left empty by its number and label', async () => {
    const policy: AnswerPolicy = { requiredSections: ['status', 'risks'], minSections: 1, emptySection: 'blank' };
    expect(await refusalLines(policy, { done: 'Klart.', risks: ' ', planStatus: '' })).toEqual([
      'Svaret är inte inskickat ännu:',
      'Fyll i "1. Status nuläge". Det avsnittet måste besvaras i den här omgången.',
      'Fyll i "4. Risker/Svårigheter". Det avsnittet måste besvaras i den här omgången.',
      'Välj en sammanfattande status.',
    ]);
  });

  it("counts the sections of the round's own template", async () => {
    const policy: AnswerPolicy = { requiredSections: [], minSections: 2, emptySection: 'blank' };
    expect(await refusalLines(policy, { planStatus: 'fulfilled', assessment: 'Bra.' }, 'sv', TERTIAL_TEMPLATE)).toEqual([
      'Svaret är inte inskickat ännu:',
      'Fyll i minst 2 av de tre avsnitten (du har fyllt i 1). De andra får lämnas tomma.',
    ]);
  });
});
