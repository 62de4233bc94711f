import { progressOf } from '../../../../bot/app/coordinator/progress';
import { progressText } from '../../../../cards/replies/progress';
import { promptLateJoins } from '../../../../bot/app/rounds/late-join';
import { openDueRounds, promptOpenRounds } from '../../../../bot/app/rounds/open-rounds';
import { recordAnswer } from '../../../../bot/app/officer/record-answer';
import { handleCardAction } from '../../../../bot/teams/card-actions';
import { TERTIAL_TEMPLATE } from '../../../../bot/domain/templates/builtin';
import { actor, appFixture, contact, register } from '../../../support/app-fixture';
import { cardBytes, cardProblems } from '../../../support/card-validation';

const roundId = 'uppfoljning-kf-2019';
const ANSWERS = {
  status: 'Arbetet pågår enligt plan.',
  done: 'Samordnande grupp bildad.',
  current: 'Utbildningsinsatser.',
  risks: 'Personalomsättning.',
  completion: 'Programmet löper ut 2020.',
  planStatus: 'on-track',
};

async function fixture(now = '2019-03-08T09:00:00Z') {
  const f = await appFixture({ now, directory: [contact('cecilia@kalmar.se', { conversation: undefined })] });
  await f.stores.contacts.save(contact('anna@kalmar.se'));
  const act = (who: string, verb: string, data: Record<string, unknown> = {}, locale: 'sv' | 'en' = 'sv') =>
    handleCardAction(f.deps, actor(who), { verb: verb as any, data: { roundId, planId: 'drog', baseVersion: 0, ...data } }, locale, undefined);
  const card = async (...args: Parameters<typeof act>) => {
    const reply = await act(...args);
    if (reply.kind !== 'card') throw new Error(`expected a card, got: ${reply.text}`);
    return reply.card as any;
  };
  const lines = (c: any): string[] => JSON.stringify(c).match(/"text":"[^"]*"/g)?.map((m) => JSON.parse(`{${m}}`).text) ?? [];
  return { ...f, act, card, lines };
}

describe('the officer’s controls on the answer card', () => {
  it('carries the four controls, in Swedish by default and in English for English users, within the card limits', async () => {
    const f = await fixture();
    const sv = await f.card('anna@kalmar.se', 'answer.previous');
    const controls = sv.body.find((b: any) => b.type === 'ActionSet').actions;
    expect(controls.map((a: any) => a.title)).toEqual(['Påminn mig senare', 'Delegera', 'Frånvarande till …', 'Utgå från förra omgången']);
    const verbs = controls.map((a: any) => a.verb ?? a.card.actions[0].verb);
    expect(verbs).toEqual(['plan.snooze', 'plan.delegate', 'officer.absent', 'answer.previous']);
    for (const a of controls) {
      const execute = a.verb ? a : a.card.actions[0];
      expect(execute).toMatchObject({ type: 'Action.Execute', data: { roundId, planId: 'drog' }, fallback: { type: 'Action.Submit', data: { verb: execute.verb } } });
    }
    expect(cardProblems(sv)).toEqual([]);
    const en = await f.card('anna@kalmar.se', 'answer.previous', {}, 'en');
    expect(en.body.find((b: any) => b.type === 'ActionSet').actions.map((a: any) => a.title)).toEqual([
      'Remind me later',
      'Delegate',
      'Out of office until …',
      'Start from the last round',
    ]);
  });

  it('starts the date pickers from today on every card it answers with, not from the round\'s opening', async () => {
    const f = await fixture('2019-03-20T09:00:00Z');
    const pickers = (c: any) => {
      const inputs = c.body.find((b: any) => b.type === 'ActionSet').actions.flatMap((a: any) => a.card?.body ?? []);
      return Object.fromEntries(inputs.map((i: any) => [i.id, [i.min, i.max]]));
    };
    const expected = { snoozeUntil: ['2019-03-21', '2019-03-31'], deputy: [undefined, undefined], absentUntil: ['2019-03-20', undefined] };
    expect(pickers(await f.card('anna@kalmar.se', 'answer.edit'))).toEqual(expected);
    // An incomplete submit (no status chosen) answers with the card again.
    expect(pickers(await f.card('anna@kalmar.se', 'answer.submit', { ...ANSWERS, planStatus: '' }))).toEqual(expected);
  });

  it('answers a control with a card under 28 KB however much was typed, saying where a cut section now ends', async () => {
    const f = await fixture('2019-03-08T14:00:00Z');
    const euros = '€'.repeat(2000);
    const card = await f.card('anna@kalmar.se', 'plan.snooze', { snoozeUntil: '', status: euros, done: euros, current: euros, risks: euros, completion: euros, baseVersion: 0 });
    expect(cardBytes(card)).toBeLessThan(28 * 1024);
    const runs: string[] = [];
    JSON.stringify(card, (_key, value) => (value?.type === 'TextRun' && runs.push(value.text), value));
    expect(runs).toContain('Du får ingen påminnelse om den här planen före 11 mars 2019 kl. 09:00.');
    expect(runs.filter((l) => l.startsWith('Texten i "'))).toHaveLength(5);
  });

  it('snoozes to the next working day at 09:00 and says so on the card, keeping what was typed', async () => {
    const f = await fixture('2019-03-08T14:00:00Z'); // a Friday
    const card = await f.card('anna@kalmar.se', 'plan.snooze', { snoozeUntil: '', status: 'Halvskrivet svar', baseVersion: 0 });
    expect(f.lines(card)).toContain('Du får ingen påminnelse om den här planen före 11 mars 2019 kl. 09:00.');
    expect(card.body.find((b: any) => b.id === 'status').value).toBe('Halvskrivet svar');
    const stored = await f.stores.settings.getPlan(roundId, 'drog');
    expect(stored?.value).toMatchObject({ snoozedUntil: new Date('2019-03-11T08:00:00Z'), updatedBy: 'anna@kalmar.se' });
    expect(await f.stores.answers.current(roundId, 'drog')).toBeUndefined(); // nothing of the text is saved
    expect((await f.stores.audit.listDay('2019-03-08')).map((e) => [e.action, e.actor, e.details])).toEqual([
      ['plan.snoozed', 'aad-anna', { until: '2019-03-11T08:00:00.000Z' }],
    ]);
  });

  it('refuses a snooze date that is not before the due date, with a clear message and nothing stored', async () => {
    const f = await fixture();
    const card = await f.card('anna@kalmar.se', 'plan.snooze', { snoozeUntil: '2019-04-03' });
    expect(f.lines(card)).toContain('Välj en dag före sista svarsdagen, 1 april 2019.');
    expect(await f.stores.settings.getPlan(roundId, 'drog')).toBeUndefined();
  });

  it('refuses the controls to someone who is not the officer, the deputy or a coordinator', async () => {
    const f = await fixture();
    expect(await f.act('bo@kalmar.se', 'plan.snooze')).toEqual({ kind: 'text', text: expect.stringContaining('Du kan inte svara för den här planen') });
    expect(await f.act('bo@kalmar.se', 'plan.delegate', { deputy: 'bo2@kalmar.se' })).toMatchObject({ kind: 'text' });
    expect(await f.act('bo@kalmar.se', 'answer.previous')).toMatchObject({ kind: 'text' });
    expect(await f.stores.settings.getPlan(roundId, 'drog')).toBeUndefined();
    expect((await f.stores.audit.listDay('2019-03-08')).map((e) => e.action)).toEqual(['control.refused', 'control.refused', 'control.refused']);
    // A coordinator may.
    expect((await f.act('samordnare@kalmar.se', 'plan.snooze')).kind).toBe('card');
  });

  it('delegates to a deputy found in the roster, who gets the card with who delegated, may submit, and the officer is told', async () => {
    const f = await fixture();
    const card = await f.card('anna@kalmar.se', 'plan.delegate', { deputy: ' Cecilia@Kalmar.se ' });
    expect(f.lines(card)).toContain('cecilia@kalmar.se har fått kortet och kan svara för planen i den här omgången.');
    expect((await f.stores.settings.getPlan(roundId, 'drog'))?.value).toMatchObject({ deputy: 'cecilia@kalmar.se', delegatedBy: 'anna@kalmar.se' });

    const [toDeputy] = f.messenger.sent;
    expect(toDeputy.to.aadObjectId).toBe('aad-cecilia');
    expect(f.lines(toDeputy.card)).toContain('anna har delegerat planen till dig i den här omgången. Du kan spara utkast och skicka in svaret.');
    expect(await f.stores.deliveries.get(roundId, 'delegate:drog:cecilia@kalmar.se')).toMatchObject({ outcome: 'sent', kind: 'prompt', planId: 'drog' });

    const outcome = await recordAnswer(f.deps, { actor: { ...actor('cecilia@kalmar.se'), name: 'Cecilia Ek' }, roundId, planId: 'drog', intent: 'submit', values: ANSWERS, baseVersion: 0 });
    expect(outcome).toMatchObject({ kind: 'recorded', answer: { answeredBy: 'cecilia@kalmar.se', answeredByName: 'Cecilia Ek' } });
    const told = f.messenger.sent.at(-1)!;
    expect(told.to.aadObjectId).toBe('aad-anna');
    expect(told.text).toBe('Cecilia Ek har skickat in svaret för **Drogpolitiskt program 2016-2020** i Uppföljning KF 2019.');

    // The deputy holds for this plan only.
    expect(await recordAnswer(f.deps, { actor: actor('cecilia@kalmar.se'), roundId, planId: 'vald', intent: 'submit', values: ANSWERS, baseVersion: 0 })).toMatchObject({
      kind: 'refused',
      reason: 'not-permitted',
    });
  });

  it('does not save a delegation to someone the bot cannot reach, and tells the officer', async () => {
    const f = await fixture();
    const card = await f.card('anna@kalmar.se', 'plan.delegate', { deputy: 'okand@kalmar.se' });
    expect(f.lines(card).join('\n')).toContain('okand@kalmar.se kan inte nås av boten ännu');
    expect(await f.stores.settings.getPlan(roundId, 'drog')).toBeUndefined();
    expect(f.messenger.sent).toEqual([]);
  });

  it('refuses an invalid deputy address and delegating to oneself', async () => {
    const f = await fixture();
    expect(f.lines(await f.card('anna@kalmar.se', 'plan.delegate', { deputy: 'cecilia' }))).toContain(
      'Skriv en giltig e-postadress, till exempel fornamn.efternamn@kommun.se.',
    );
    expect(f.lines(await f.card('samordnare@kalmar.se', 'plan.delegate', { deputy: 'samordnare@kalmar.se' }))).toContain('Du kan inte delegera till dig själv.');
    expect(await f.stores.settings.getPlan(roundId, 'drog')).toBeUndefined();
  });

  it('records an absence until the end of the day and shows it to the coordinator in the progress', async () => {
    const f = await fixture();
    const card = await f.card('anna@kalmar.se', 'officer.absent', { absentUntil: '2019-03-15' });
    expect(f.lines(card)).toContain('Du får inga påminnelser till och med 15 mars 2019.');
    expect(await f.stores.settings.listAbsences()).toEqual([
      { address: 'anna@kalmar.se', until: new Date('2019-03-15T22:59:59.999Z'), setBy: 'anna@kalmar.se', setAt: new Date('2019-03-08T09:00:00Z') },
    ]);
    const progress = await progressOf(f.deps, f.round);
    expect(progress.absent).toEqual([{ name: 'Anna Andersson', until: new Date('2019-03-15T22:59:59.999Z') }]);
    expect(progressText(progress, 'sv')).toContain('Frånvarande:\n- Anna Andersson, till och med 15 mars 2019');
    expect(progressText(progress, 'en')).toContain('Out of office:\n- Anna Andersson, until and including 15 March 2019');

    f.setNow('2019-03-16T08:00:00Z'); // the absence is over
    expect((await progressOf(f.deps, f.round)).absent).toEqual([]);
    expect(f.lines(await f.card('anna@kalmar.se', 'officer.absent', { absentUntil: '2019-03-01' }))).toContain('Välj i dag eller en senare dag.');
  });

  it('keeps the absence under every address the officer is known by, so a register naming them by e-mail finds it', async () => {
    const f = await fixture();
    const upnAndMail = { ...actor('anna@kalmar.se'), addresses: ['Anna.Andersson@kalmar.onmicrosoft.com', 'anna@kalmar.se'] };
    const reply = await handleCardAction(f.deps, upnAndMail, { verb: 'officer.absent', data: { roundId, planId: 'drog', absentUntil: '2019-03-15' } }, 'sv', undefined);
    expect(reply.kind).toBe('card');
    expect((await f.stores.settings.listAbsences()).map((a) => a.address).sort()).toEqual(['anna.andersson@kalmar.onmicrosoft.com', 'anna@kalmar.se']);
    expect((await progressOf(f.deps, f.round)).absent).toEqual([{ name: 'Anna Andersson', until: new Date('2019-03-15T22:59:59.999Z') }]);
  });

  it('fills the card with the plan’s submitted answer from the latest earlier round, saving nothing', async () => {
    const f = await fixture();
    const previous = (id: string, opens: string, risks: string, state: 'submitted' | 'draft' = 'submitted') =>
      f.stores.answers.append(
        { roundId: id, planId: 'drog', version: 1, state, content: { texts: { ...ANSWERS, risks }, status: 'at-risk' }, answeredBy: 'anna@kalmar.se', answeredByName: 'Anna', at: new Date(opens) },
        null,
      ).then(() => f.stores.rounds.create({ ...f.round, id, title: `Uppföljning ${id}`, opensAt: new Date(opens) }));
    expect(f.lines(await f.card('anna@kalmar.se', 'answer.previous'))).toContain('Det finns inget inskickat svar för planen från en tidigare omgång.');

    await previous('kf-2017', '2017-03-01T07:00:00Z', 'Risk 2017');
    await previous('kf-2018', '2018-03-01T07:00:00Z', 'Bara ett utkast 2018', 'draft');
    const card = await f.card('anna@kalmar.se', 'answer.previous');
    expect(card.body.find((b: any) => b.id === 'risks').value).toBe('Risk 2017');
    expect(card.body.find((b: any) => b.id === 'planStatus').value).toBe('at-risk');
    expect(f.lines(card)).toContain('Förifyllt med svaret från Uppföljning kf-2017. Ändra det som behövs: inget sparas förrän du skickar in eller sparar ett utkast.');
    // The questions' year labels are this round's.
    expect(card.body.find((b: any) => b.id === 'done').label).toBe('2. Genomfört t.o.m. 2018');
    expect(await f.stores.answers.current(roundId, 'drog')).toBeUndefined();
    expect(cardBytes(card)).toBeLessThan(28 * 1024);
  });
});

describe('starting from the last round on another template', () => {
  it('skips an earlier round on another template: its answers are to other questions', async () => {
    const f = await fixture();
    const earlier = async (id: string, opens: string, template?: typeof TERTIAL_TEMPLATE) => {
      await f.stores.rounds.create({ ...f.round, id, title: `Uppföljning ${id}`, opensAt: new Date(opens), template });
      const texts: Record<string, string> = template ? { assessment: 'Positiv trend.', causes: '', measures: '' } : { ...ANSWERS, risks: `Risk ${id}` };
      const at = new Date(opens);
      await f.stores.answers.append({ roundId: id, planId: 'drog', version: 1, state: 'submitted', content: { texts, status: template ? 'positive' : 'at-risk' }, answeredBy: 'anna@kalmar.se', answeredByName: 'Anna', at }, null);
    };
    await earlier('kf-2017', '2017-03-01T07:00:00Z');
    await earlier('t2-2018', '2018-09-01T07:00:00Z', TERTIAL_TEMPLATE);
    const card = await f.card('anna@kalmar.se', 'answer.previous');
    expect(card.body.find((b: any) => b.id === 'risks').value).toBe('Risk kf-2017');
    expect(card.body.find((b: any) => b.id === 'planStatus').value).toBe('at-risk');
  });
});

describe('starting from the last round on another version of the template', () => {
  it('skips an earlier round on another version of the same template: its questions may differ', async () => {
    const f = await fixture();
    const v2 = { ...TERTIAL_TEMPLATE, version: 2 };
    const stored = (await f.stores.rounds.get(roundId))!;
    await f.stores.rounds.update({ ...stored.value, template: v2 }, stored.etag);
    const earlier = async (id: string, opens: string, template: typeof TERTIAL_TEMPLATE, assessment: string) => {
      await f.stores.rounds.create({ ...f.round, id, title: `Uppföljning ${id}`, opensAt: new Date(opens), template });
      const content = { texts: { assessment, causes: '', measures: '' }, status: 'positive' };
      await f.stores.answers.append({ roundId: id, planId: 'drog', version: 1, state: 'submitted', content, answeredBy: 'anna@kalmar.se', answeredByName: 'Anna', at: new Date(opens) }, null);
    };
    await earlier('t1-2017', '2017-03-01T07:00:00Z', v2, 'Samma version.');
    await earlier('t2-2018', '2018-09-01T07:00:00Z', TERTIAL_TEMPLATE, 'Version 1.');
    const card = await f.card('anna@kalmar.se', 'answer.previous');
    expect(card.body.find((b: any) => b.id === 'assessment').value).toBe('Samma version.');
  });
});

describe('late join', () => {
  it('prompts an officer who installs the app after the round opened', async () => {
    const f = await appFixture({ now: '2019-03-01T08:00:00Z' });
    await f.stores.contacts.save(contact('anna@kalmar.se'));
    await openDueRounds(f.deps);
    expect(f.messenger.sent.map((s) => s.to.aadObjectId)).toEqual(['aad-anna', 'aad-anna']);
    // Bo installs the app a week later.
    f.setNow('2019-03-08T09:00:00Z');
    await f.stores.contacts.save(contact('bo@kalmar.se'));
    await promptOpenRounds(f.deps);
    expect(f.messenger.sent.map((s) => [s.to.aadObjectId, s.card.actions[0].data.planId])).toEqual([
      ['aad-anna', 'drog'],
      ['aad-anna', 'vald'],
      ['aad-bo', 'vatten'],
    ]);
  });

  it('prompts a plan added to the register mid-round at the next tick, once, and reads only the register otherwise', async () => {
    const f = await appFixture({ now: '2019-03-01T08:00:00Z' });
    for (const a of ['anna@kalmar.se', 'bo@kalmar.se']) await f.stores.contacts.save(contact(a));
    await openDueRounds(f.deps);
    expect(await promptLateJoins(f.deps)).toEqual([]);
    expect((await f.stores.rounds.get(roundId))?.value.promptedRegisterVersion).toBe(1);
    expect(f.messenger.sent).toHaveLength(3);

    f.setNow('2019-03-12T09:00:00Z');
    const listDeliveries = jest.spyOn(f.stores.deliveries, 'list');
    expect(await promptLateJoins(f.deps)).toEqual([]);
    expect(listDeliveries).not.toHaveBeenCalled();

    await f.stores.registers.saveVersion(
      { ...register, plans: [...register.plans, { id: 'trygg', title: 'Trygghetsprogram', officer: 'bo@kalmar.se' }] },
      { importedBy: 'samordnare@kalmar.se', importedAt: f.deps.clock.now(), source: 'test' },
    );
    const [report] = await promptLateJoins(f.deps);
    expect(report).toMatchObject({ roundId, sent: 1, failed: 0, unreachable: [] });
    expect(f.messenger.sent.at(-1)).toMatchObject({ to: { aadObjectId: 'aad-bo' }, card: { actions: [{ data: { planId: 'trygg' } }, {}] } });
    expect((await f.stores.rounds.get(roundId))?.value.promptedRegisterVersion).toBe(2);
    expect(await promptLateJoins(f.deps)).toEqual([]);
    expect(f.messenger.sent).toHaveLength(4);
  });
});
