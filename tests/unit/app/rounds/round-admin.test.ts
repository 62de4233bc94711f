// Rounds in cards, as use cases on in-memory stores: a round created from the form with its
// policy and recorded in the history (the audit written once), a planned round opened now, an
// open round postponed (the officers who have not submitted told once, however often the action
// arrives) and closed early; a lost ETag race writes nothing; anyone but a coordinator is refused.

import {
  closeRoundEarly,
  createRoundFromForm,
  listRounds,
  openRoundEarly,
  openRoundForm,
  postponeRound,
} from '../../../../bot/app/rounds/round-admin';
import { recordAnswer } from '../../../../bot/app/officer/record-answer';
import type { RoundFormValues } from '../../../../bot/domain/round-form';
import { TERTIAL_TEMPLATE } from '../../../../bot/domain/templates/builtin';
import { formReply } from '../../../../bot/teams/round-form-actions';
import { ConcurrencyError } from '../../../../storage/ports';
import { actor, appFixture, contact } from '../../../support/app-fixture';

const sara = { ...actor('samordnare@kalmar.se'), name: 'Sara Samordnare' };
const anna = actor('anna@kalmar.se');
const TZ = 'Europe/Stockholm';

const ANSWERS = { status: 'Pågår.', done: 'Klart.', current: 'Arbete.', risks: 'Inga.', completion: '2020.', planStatus: 'on-track' };

const form: RoundFormValues = {
  title: 'Tertial 1 2019',
  year: '2019',
  opensDate: '2019-05-06',
  opensTime: '08:00',
  dueDate: '2019-05-20',
  summaryDate: '2019-05-21',
  summaryTime: '09:00',
  reminders: 'light',
  escalateAfter: '5',
  openNow: 'false',
  answerRule: 'one',
  emptySection: 'blank',
};

async function fixture() {
  const f = await appFixture({ now: '2019-03-05T09:00:00Z' });
  for (const address of ['anna@kalmar.se', 'bo@kalmar.se']) await f.stores.contacts.save(contact(address));
  return f;
}

describe('creating a round from the form', () => {
  it('opens prefilled for a coordinator', async () => {
    const f = await fixture();
    expect(await openRoundForm(f.deps, sara, TZ)).toMatchObject({ kind: 'form', values: { title: 'Uppföljning KF 2019', reminders: 'standard', escalateAfter: '3' } });
  });

  it('creates the round with its policy and records the dates and policy in the history, the audit once', async () => {
    const f = await fixture();
    const outcome = await createRoundFromForm(f.deps, sara, form, TZ);
    expect(outcome).toMatchObject({ kind: 'created', again: false, round: { id: 'tertial-1-2019', createdBy: 'samordnare@kalmar.se' } });
    const round = (await f.stores.rounds.get('tertial-1-2019'))!.value;
    expect(round.dueAt).toEqual(new Date('2019-05-20T21:59:59.999Z'));
    expect(round.summaryAt).toEqual(new Date('2019-05-21T07:00:00Z'));
    expect(round.policy).toEqual({
      reminders: { beforeDue: [2], onDueDate: true, overdueEvery: 5, overdueMax: 1, at: '09:00' },
      escalation: { afterWorkingDays: 5, every: 5, max: 2 },
    });
    const [entry] = await f.stores.history.recent(5);
    expect(entry).toMatchObject({
      actor: 'samordnare@kalmar.se',
      actorName: 'Sara Samordnare',
      action: 'round.created',
      subject: 'round:tertial-1-2019',
      after: { title: 'Tertial 1 2019', opensAt: '2019-05-06T06:00:00.000Z', dueAt: '2019-05-20T21:59:59.999Z', policy: round.policy },
    });
    const audit = (await f.stores.audit.listDay('2019-03-05')).filter((e) => e.action === 'round.created');
    expect(audit).toHaveLength(1);
  });

  it('keeps the answer rules chosen on the form with the round', async () => {
    const f = await fixture();
    await createRoundFromForm(f.deps, sara, { ...form, answerRule: 'all', emptySection: 'nothing-to-report' }, TZ);
    expect((await f.stores.rounds.get('tertial-1-2019'))!.value.answerPolicy).toEqual({
      requiredSections: ['status', 'done', 'current', 'risks', 'completion'],
      minSections: 5,
      emptySection: 'nothing-to-report',
    });
  });

  it('gives the form back with every problem and creates nothing: due on Kristi himmelsfärdsdag, summary before opening', async () => {
    const f = await fixture();
    const outcome = await createRoundFromForm(f.deps, sara, { ...form, dueDate: '2019-05-30', summaryDate: '2019-05-03' }, TZ);
    expect(outcome).toMatchObject({
      kind: 'invalid',
      form: { values: { dueDate: '2019-05-30', title: 'Tertial 1 2019' } },
      problems: [
        { field: 'dueDate', kind: 'day-off', holiday: 'Kristi himmelsfärdsdag', suggestion: { year: 2019, month: 5, day: 31 } },
        { field: 'summaryDate', kind: 'rule' },
      ],
    });
    expect(await f.stores.rounds.get('tertial-1-2019')).toBeUndefined();
    expect(await f.stores.history.recent(5)).toEqual([]);
  });

  it('creates the round once when the same form arrives twice', async () => {
    const f = await fixture();
    await createRoundFromForm(f.deps, sara, form, TZ);
    expect(await createRoundFromForm(f.deps, sara, form, TZ)).toMatchObject({ kind: 'created', again: true });
    expect(await f.stores.history.recent(5)).toHaveLength(1);
  });
});

describe('the round list and its actions', () => {
  it('lists open rounds with answered of total, then planned ones', async () => {
    const f = await fixture();
    await createRoundFromForm(f.deps, sara, form, TZ);
    await recordAnswer(f.deps, { actor: anna, roundId: f.round.id, planId: 'drog', intent: 'submit', values: ANSWERS, baseVersion: 0 });
    const listed = await listRounds(f.deps, sara);
    if (listed.kind !== 'list') throw new Error(listed.kind);
    expect(listed.rows.map((r) => [r.round.id, r.phase, r.answered, r.total])).toEqual([
      [f.round.id, 'open', 1, 3],
      ['tertial-1-2019', 'planned', undefined, undefined],
    ]);
  });

  it('opens a planned round now, with the opening before and after in the history', async () => {
    const f = await fixture();
    await createRoundFromForm(f.deps, sara, form, TZ);
    f.setNow('2019-03-06T10:00:00Z');
    expect(await openRoundEarly(f.deps, sara, 'tertial-1-2019')).toMatchObject({ kind: 'opened', round: { opensAt: new Date('2019-03-06T10:00:00Z') } });
    expect(await openRoundEarly(f.deps, sara, 'tertial-1-2019')).toMatchObject({ kind: 'unchanged' });
    const [entry] = await f.stores.history.recent(1);
    expect(entry).toMatchObject({ action: 'round.opened', before: { opensAt: '2019-05-06T06:00:00.000Z' }, after: { opensAt: '2019-03-06T10:00:00.000Z' } });
  });

  it('postpones an open round and tells each officer who has not submitted once, however often the action arrives', async () => {
    const f = await fixture();
    await recordAnswer(f.deps, { actor: actor('bo@kalmar.se'), roundId: f.round.id, planId: 'vatten', intent: 'submit', values: ANSWERS, baseVersion: 0 });
    const outcome = await postponeRound(f.deps, sara, f.round.id, '2019-04-08');
    expect(outcome).toMatchObject({ kind: 'postponed', told: 1, unreachable: 0, round: { dueAt: new Date('2019-04-08T21:59:59.999Z') } });
    expect(f.messenger.sent.map((s) => [s.to.upn, s.text])).toEqual([
      ['anna@kalmar.se', 'Sista svarsdag för **Uppföljning KF 2019** är flyttad till 8 april 2019. Du har 2 planer kvar att skicka in.'],
    ]);
    // Teams delivers the action again: the round already has the date, nobody is told twice.
    expect(await postponeRound(f.deps, sara, f.round.id, '2019-04-08')).toMatchObject({ kind: 'unchanged' });
    expect(f.messenger.sent).toHaveLength(1);
    expect(await f.stores.deliveries.get(f.round.id, 'postponed:2019-04-08:anna@kalmar.se')).toMatchObject({ kind: 'notice', outcome: 'sent' });
    const [entry] = await f.stores.history.recent(1);
    expect(entry).toMatchObject({ action: 'round.postponed', before: { dueAt: '2019-04-01T21:59:59.999Z' }, after: { dueAt: '2019-04-08T21:59:59.999Z' } });
  });

  it('refuses a new due date on a holiday and changes nothing', async () => {
    const f = await fixture();
    expect(await postponeRound(f.deps, sara, f.round.id, '2019-04-19')).toMatchObject({ kind: 'invalid', problem: { holiday: 'Långfredagen' } });
    expect((await f.stores.rounds.get(f.round.id))!.value.dueAt).toEqual(f.round.dueAt);
    expect(f.messenger.sent).toEqual([]);
  });

  it('closes a round early, once', async () => {
    const f = await fixture();
    expect(await closeRoundEarly(f.deps, sara, f.round.id)).toMatchObject({ kind: 'closed', round: { closedAt: new Date('2019-03-05T09:00:00Z') } });
    expect(await closeRoundEarly(f.deps, sara, f.round.id)).toMatchObject({ kind: 'already-closed' });
    const history = await f.stores.history.recent(5);
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({ action: 'round.closed', after: { closedAt: '2019-03-05T09:00:00.000Z' } });
  });

  it('writes nothing when someone changed the round at the same moment', async () => {
    const f = await fixture();
    const update = f.stores.rounds.update.bind(f.stores.rounds);
    f.stores.rounds.update = async () => {
      throw new ConcurrencyError();
    };
    expect(await closeRoundEarly(f.deps, sara, f.round.id)).toMatchObject({ kind: 'changed-meanwhile' });
    f.stores.rounds.update = update;
    expect((await f.stores.rounds.get(f.round.id))!.value.closedAt).toBeUndefined();
    expect(await f.stores.history.recent(5)).toEqual([]);
  });

  it('refuses anyone who is not a coordinator, and audits it', async () => {
    const f = await fixture();
    const refused = { kind: 'refused', reason: 'not-coordinator' };
    expect(await openRoundForm(f.deps, anna, TZ)).toEqual(refused);
    expect(await createRoundFromForm(f.deps, anna, form, TZ)).toEqual(refused);
    expect(await listRounds(f.deps, anna)).toEqual(refused);
    expect(await openRoundEarly(f.deps, anna, f.round.id)).toEqual(refused);
    expect(await postponeRound(f.deps, anna, f.round.id, '2019-04-08')).toEqual(refused);
    expect(await closeRoundEarly(f.deps, anna, f.round.id)).toEqual(refused);
    expect((await f.stores.rounds.list()).map((r) => r.id)).toEqual([f.round.id]);
    expect((await f.stores.audit.listDay('2019-03-05')).filter((e) => e.action === 'rounds.refused')).toHaveLength(6);
  });
});

describe('choosing the template on the round form', () => {
  it('offers the built-in templates and the coordinators\' own', async () => {
    const f = await fixture();
    await f.stores.templates.saveVersion({ ...structuredClone(TERTIAL_TEMPLATE), id: 'kvartal', name: { sv: 'Kvartal', en: 'Quarterly' } }, { addedBy: 'samordnare@kalmar.se', addedAt: new Date(), source: 'kvartal.json' });
    const opened = await openRoundForm(f.deps, sara, TZ);
    if (opened.kind !== 'form') throw new Error('no form');
    expect(opened.templates.map((t) => t.id)).toEqual(['handlingsplaner', 'maluppfoljning-tertial', 'kvartal']);
    const card = JSON.stringify(formReply(opened, 'sv'));
    expect(card).toContain('"id":"template","label":"Mall för frågorna"');
    expect(card).toContain('{"title":"Måluppföljning tertial","value":"maluppfoljning-tertial"}');
  });

  it('offers the built-in templates and the 20 most recently added of 200 stored, the card under 28 KB; an older one is still created on', async () => {
    const f = await fixture();
    const at = (i: number) => new Date(Date.UTC(2026, 0, 1) + i * 60_000);
    const longName = (i: number) => ({ sv: `${'Å'.repeat(90)} ${i}`, en: `${'A'.repeat(90)} ${i}` });
    for (let i = 0; i < 200; i++) {
      await f.stores.templates.saveVersion({ ...structuredClone(TERTIAL_TEMPLATE), id: `mall-${i}`, name: longName(i) }, { addedBy: 'samordnare@kalmar.se', addedAt: at(i), source: `mall-${i}.json` });
    }
    const opened = await openRoundForm(f.deps, sara, TZ);
    if (opened.kind !== 'form') throw new Error('no form');
    expect(opened.templates.map((t) => t.id)).toEqual(['handlingsplaner', 'maluppfoljning-tertial', ...Array.from({ length: 20 }, (_, i) => `mall-${199 - i}`)]);
    expect(Buffer.byteLength(JSON.stringify(formReply(opened, 'sv')), 'utf8')).toBeLessThan(28 * 1024);
    const outcome = await createRoundFromForm(f.deps, sara, { ...form, template: 'mall-0' }, TZ);
    expect(outcome).toMatchObject({ kind: 'created', round: { template: { id: 'mall-0' } } });
  });

  it('creates the round on the chosen template, "every section" being its own', async () => {
    const f = await fixture();
    const outcome = await createRoundFromForm(f.deps, sara, { ...form, template: 'maluppfoljning-tertial', answerRule: 'all' }, TZ);
    expect(outcome.kind).toBe('created');
    const round = (await f.stores.rounds.get('tertial-1-2019'))!.value;
    expect(round.template).toEqual(TERTIAL_TEMPLATE);
    expect(round.answerPolicy?.requiredSections).toEqual(['assessment', 'causes', 'measures']);
  });

  it('keeps the default for a form without the choice, and refuses a template that does not exist', async () => {
    const f = await fixture();
    expect(await createRoundFromForm(f.deps, sara, { ...form, template: 'finns-inte' }, TZ)).toMatchObject({ kind: 'invalid', problems: [{ field: 'template', kind: 'unknown-choice' }] });
    expect(await f.stores.rounds.get('tertial-1-2019')).toBeUndefined();
    await createRoundFromForm(f.deps, sara, form, TZ);
    expect((await f.stores.rounds.get('tertial-1-2019'))!.value.template).toBeUndefined();
  });
});
