import { listOwnPlans, unsubmitted } from '../../../../bot/app/officer/officer-plans';
import { recordAnswer, type AnswerCommand } from '../../../../bot/app/officer/record-answer';
import { actor, appFixture } from '../../../support/app-fixture';

const values = {
  status: 'Arbetet pågår enligt plan.',
  done: 'Samordnande grupp bildad.',
  current: 'Utbildningsinsatser.',
  risks: 'Personalomsättning.',
  completion: 'Programmet löper ut 2020.',
  planStatus: 'on-track',
};

function command(overrides: Partial<AnswerCommand> = {}): AnswerCommand {
  return {
    actor: actor('anna@kalmar.se'),
    roundId: 'uppfoljning-kf-2019',
    planId: 'drog',
    intent: 'submit',
    values,
    baseVersion: 0,
    ...overrides,
  };
}

describe('recording an answer', () => {
  it('stores a complete submit as version 1 with who and when', async () => {
    const f = await appFixture({ now: '2019-03-05T09:00:00Z' });
    const outcome = await recordAnswer(f.deps, command({ activityId: 'act-1' }));
    expect(outcome.kind).toBe('recorded');
    const current = (await f.stores.answers.current('uppfoljning-kf-2019', 'drog'))!.value;
    expect(current.latest).toMatchObject({ version: 1, state: 'submitted', answeredBy: 'anna@kalmar.se', activityId: 'act-1' });
    expect(current.latest.content.texts.done).toBe('Samordnande grupp bildad.');
    expect(current.submittedAt).toEqual(new Date('2019-03-05T09:00:00Z'));
    expect((await f.stores.audit.listDay('2019-03-05')).map((e) => e.action)).toEqual(['answer.submitted']);
  });

  it('keeps every version when the officer saves a draft, submits and edits', async () => {
    const f = await appFixture({ now: '2019-03-05T09:00:00Z' });
    await recordAnswer(f.deps, command({ intent: 'draft', values: { status: 'Påbörjat' } }));
    await recordAnswer(f.deps, command({ baseVersion: 1 }));
    await recordAnswer(f.deps, command({ baseVersion: 2, values: { ...values, risks: 'Ny risk.' } }));
    const versions = await f.stores.answers.versions('uppfoljning-kf-2019', 'drog');
    expect(versions.map((v) => [v.version, v.state, v.content.texts.risks])).toEqual([
      [1, 'draft', ''],
      [2, 'submitted', 'Personalomsättning.'],
      [3, 'submitted', 'Ny risk.'],
    ]);
  });

  it('stores a submit with sections left empty in a round without an answer policy (one stored before rounds had one)', async () => {
    const f = await appFixture({ now: '2019-03-05T09:00:00Z' });
    expect(f.round.answerPolicy).toBeUndefined();
    const onlyStatus = { status: 'Planen revideras och ett förslag förväntas vara klart i juni 2019.', done: ' ', planStatus: 'delayed' };
    const outcome = await recordAnswer(f.deps, command({ planId: 'vald', values: onlyStatus }));
    expect(outcome.kind).toBe('recorded');
    const stored = (await f.stores.answers.current('uppfoljning-kf-2019', 'vald'))!.value.latest;
    expect(stored).toMatchObject({ state: 'submitted', content: { status: 'delayed', texts: { status: onlyStatus.status, done: ' ', current: '', risks: '', completion: '' } } });
  });

  it("refuses a submit without a section the round's policy requires, keeping what was typed, and stores nothing", async () => {
    const f = await appFixture({ now: '2019-03-05T09:00:00Z' });
    const stored = (await f.stores.rounds.get(f.round.id))!;
    await f.stores.rounds.update({ ...stored.value, answerPolicy: { requiredSections: ['risks'], minSections: 1, emptySection: 'blank' } }, stored.etag);
    const outcome = await recordAnswer(f.deps, command({ values: { ...values, risks: '' } }));
    expect(outcome).toMatchObject({ kind: 'invalid', errors: [{ field: 'risks', message: 'required' }] });
    if (outcome.kind === 'invalid') expect(outcome.content.texts.status).toBe(values.status);
    expect(await f.stores.answers.current('uppfoljning-kf-2019', 'drog')).toBeUndefined();
  });

  it('refuses a submit with every section empty, white space included, and stores nothing', async () => {
    const f = await appFixture({ now: '2019-03-05T09:00:00Z' });
    const outcome = await recordAnswer(f.deps, command({ values: { status: '  ', done: '\n', planStatus: 'on-track' } }));
    expect(outcome).toMatchObject({ kind: 'invalid', errors: [{ field: 'sections', message: 'too-few' }] });
    expect(await f.stores.answers.current('uppfoljning-kf-2019', 'drog')).toBeUndefined();
  });

  it('refuses and logs an answer from someone who is not the officer or a coordinator', async () => {
    const f = await appFixture({ now: '2019-03-05T09:00:00Z' });
    const outcome = await recordAnswer(f.deps, command({ actor: actor('bo@kalmar.se') }));
    expect(outcome).toMatchObject({ kind: 'refused', reason: 'not-permitted' });
    expect(await f.stores.answers.current('uppfoljning-kf-2019', 'drog')).toBeUndefined();
    expect(await f.stores.audit.listDay('2019-03-05')).toEqual([
      expect.objectContaining({ action: 'answer.refused', actor: 'aad-bo', details: { reason: 'not-permitted' } }),
    ]);
  });

  it('lets a coordinator answer for an officer', async () => {
    const f = await appFixture({ now: '2019-03-05T09:00:00Z' });
    expect((await recordAnswer(f.deps, command({ actor: actor('samordnare@kalmar.se') }))).kind).toBe('recorded');
  });

  it.each([
    ['before the round opens', '2019-02-28T12:00:00Z', 'round-not-open'],
    ['after the round closed', '2019-05-01T00:00:00Z', 'round-not-open'],
  ])('refuses an answer %s', async (_name, now, reason) => {
    const f = await appFixture({ now });
    expect(await recordAnswer(f.deps, command())).toMatchObject({ kind: 'refused', reason });
  });

  it('refuses answers for unknown rounds and plans, and for excluded plans', async () => {
    const f = await appFixture({ now: '2019-03-05T09:00:00Z' });
    expect(await recordAnswer(f.deps, command({ roundId: 'nope' }))).toMatchObject({ reason: 'unknown-round' });
    expect(await recordAnswer(f.deps, command({ planId: 'nope' }))).toMatchObject({ reason: 'unknown-plan' });
    expect(await recordAnswer(f.deps, command({ planId: 'miljo', actor: actor('samordnare@kalmar.se') }))).toMatchObject({
      reason: 'not-permitted',
    });
  });

  it('never loses an edit silently: a change based on an old version is returned, not written', async () => {
    const f = await appFixture({ now: '2019-03-05T09:00:00Z' });
    await recordAnswer(f.deps, command());
    await recordAnswer(f.deps, command({ actor: actor('samordnare@kalmar.se'), baseVersion: 1, values: { ...values, risks: 'Samordnarens text.' } }));
    const late = await recordAnswer(f.deps, command({ baseVersion: 1, values: { ...values, risks: 'Annas text.' } }));
    expect(late).toMatchObject({ kind: 'conflict', baseVersion: 2 });
    if (late.kind === 'conflict') {
      expect(late.content.texts.risks).toBe('Annas text.');
      expect(late.theirs.answeredBy).toBe('samordnare@kalmar.se');
    }
    expect((await f.stores.answers.current('uppfoljning-kf-2019', 'drog'))!.value.latest.content.texts.risks).toBe('Samordnarens text.');
    // Submitting again on top of the newest version replaces it, and all three versions remain.
    expect((await recordAnswer(f.deps, command({ baseVersion: 2, values: { ...values, risks: 'Annas text.' } }))).kind).toBe('recorded');
    expect(await f.stores.answers.versions('uppfoljning-kf-2019', 'drog')).toHaveLength(3);
  });

  it('writes a first answer without reading the current one, and a card shown before an answer made meanwhile comes back as a conflict', async () => {
    const f = await appFixture({ now: '2019-03-05T09:00:00Z' });
    const reads: string[] = [];
    const current = f.stores.answers.current.bind(f.stores.answers);
    f.stores.answers.current = (roundId, planId) => (reads.push(planId), current(roundId, planId));
    expect((await recordAnswer(f.deps, command({ values: { ...values, risks: 'Samordnarens text.' } }))).kind).toBe('recorded');
    expect(reads).toEqual([]);
    // Anna's card was shown before that answer: nothing of hers overwrites it.
    const late = await recordAnswer(f.deps, command({ values: { ...values, risks: 'Annas text.' } }));
    expect(late).toMatchObject({ kind: 'conflict', baseVersion: 1, theirs: { version: 1, content: { texts: { risks: 'Samordnarens text.' } } } });
    expect(late.kind === 'conflict' && late.content.texts.risks).toBe('Annas text.');
    expect(await f.stores.answers.versions('uppfoljning-kf-2019', 'drog')).toHaveLength(1);
  });

  it('does not add a version when the same answer is submitted again', async () => {
    const f = await appFixture({ now: '2019-03-05T09:00:00Z' });
    await recordAnswer(f.deps, command());
    await recordAnswer(f.deps, command({ baseVersion: 1 }));
    expect(await f.stores.answers.versions('uppfoljning-kf-2019', 'drog')).toHaveLength(1);
  });
});

describe("an officer's own plans", () => {
  it('lists the plans of the open round with their state, and what is left to submit', async () => {
    const f = await appFixture({ now: '2019-03-05T09:00:00Z' });
    await recordAnswer(f.deps, command());
    await recordAnswer(f.deps, command({ planId: 'vald', intent: 'draft', values: { status: 'Utkast' } }));
    const [own] = await listOwnPlans(f.deps, actor('anna@kalmar.se'));
    expect(own.plans.map((p) => [p.plan.id, p.progress.state])).toEqual([
      ['drog', 'submitted'],
      ['vald', 'draft'],
    ]);
    expect(unsubmitted(own).map((p) => p.plan.id)).toEqual(['vald']);
  });

  it('lists nothing when no round is open', async () => {
    const f = await appFixture({ now: '2019-02-01T09:00:00Z' });
    expect(await listOwnPlans(f.deps, actor('anna@kalmar.se'))).toEqual([]);
  });
});

describe('a deputy answering for the officer', () => {
  const delegate = (f: Awaited<ReturnType<typeof appFixture>>, roundId = 'uppfoljning-kf-2019') =>
    f.stores.settings.savePlan(
      { roundId, planId: 'drog', deputy: 'cecilia@kalmar.se', delegatedBy: 'anna@kalmar.se', updatedBy: 'anna@kalmar.se', updatedAt: new Date('2019-03-04T09:00:00Z') },
      null,
    );

  it('lets the plan’s deputy in the round submit, and keeps who answered', async () => {
    const f = await appFixture({ now: '2019-03-05T09:00:00Z' });
    await delegate(f);
    const outcome = await recordAnswer(f.deps, command({ actor: actor('Cecilia@Kalmar.se') }));
    expect(outcome).toMatchObject({ kind: 'recorded', answer: { answeredBy: 'Cecilia@Kalmar.se', answeredByName: 'Cecilia' } });
  });

  it("lists the delegated plan among the deputy's plans in that round only, and takes it back off when the delegation ends", async () => {
    const f = await appFixture({ now: '2019-03-05T09:00:00Z' });
    await delegate(f);
    const [own] = await listOwnPlans(f.deps, actor('Cecilia@Kalmar.se'));
    expect(own.round.id).toBe('uppfoljning-kf-2019');
    expect(unsubmitted(own).map((p) => p.plan.id)).toEqual(['drog']);
    // The officer still sees it too.
    expect((await listOwnPlans(f.deps, actor('anna@kalmar.se')))[0].plans.map((p) => p.plan.id)).toContain('drog');

    const stored = (await f.stores.settings.getPlan('uppfoljning-kf-2019', 'drog'))!;
    await f.stores.settings.savePlan({ ...stored.value, deputy: undefined, delegatedBy: undefined }, stored.etag);
    expect((await listOwnPlans(f.deps, actor('cecilia@kalmar.se')))[0].plans).toEqual([]);
  });

  it('does not list a plan delegated in another round', async () => {
    const f = await appFixture({ now: '2019-03-05T09:00:00Z' });
    await delegate(f, 'uppfoljning-kf-2018');
    expect((await listOwnPlans(f.deps, actor('cecilia@kalmar.se')))[0].plans).toEqual([]);
  });

  it('refuses a stranger, and a deputy of another round', async () => {
    const f = await appFixture({ now: '2019-03-05T09:00:00Z' });
    await delegate(f, 'uppfoljning-kf-2018');
    expect(await recordAnswer(f.deps, command({ actor: actor('cecilia@kalmar.se') }))).toMatchObject({ kind: 'refused', reason: 'not-permitted' });
    expect(await recordAnswer(f.deps, command({ actor: actor('okand@kalmar.se') }))).toMatchObject({ kind: 'refused', reason: 'not-permitted' });
    expect(await f.stores.answers.current('uppfoljning-kf-2019', 'drog')).toBeUndefined();
  });
});
