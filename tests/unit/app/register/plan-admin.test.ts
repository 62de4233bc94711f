// The register in cards, as use cases on in-memory stores: the list with each plan's status in
// the open round, a new plan and a changed one saved as register versions with who and when,
// the admin history, the people picker's ids mapped to addresses, a stale form refused, and a
// non-coordinator refused. A standing deputy may answer like a round's deputy.

import { listPlans, openPlanForm, savePlan, type SavePlanInput } from '../../../../bot/app/register/plan-admin';
import { listOwnPlans } from '../../../../bot/app/officer/officer-plans';
import { recordAnswer } from '../../../../bot/app/officer/record-answer';
import { planFormValues, type PlanFormValues } from '../../../../bot/domain/plan-form';
import { actor, appFixture, contact } from '../../../support/app-fixture';

const sara = actor('samordnare@kalmar.se');
const anna = actor('anna@kalmar.se');

function input(values: Partial<PlanFormValues>, extra: Partial<SavePlanInput> = {}): SavePlanInput {
  return { registerVersion: 1, values: { ...planFormValues(), ...values }, was: { officer: '', deputy: '' }, ...extra };
}

describe('the plan list', () => {
  it("shows every plan with its officer and its status in the open round, excluded plans last", async () => {
    const f = await appFixture({ now: '2019-03-05T09:00:00Z' });
    await recordAnswer(f.deps, { actor: anna, roundId: f.round.id, planId: 'drog', intent: 'draft', values: { status: 'x' }, baseVersion: 0 });
    const listed = await listPlans(f.deps, sara);
    if (listed.kind !== 'list') throw new Error(listed.kind);
    expect(listed.round?.id).toBe(f.round.id);
    expect(listed.rows.map((r) => [r.plan.id, r.officerName, r.inRound?.state])).toEqual([
      ['drog', 'Anna Andersson', 'draft'],
      ['vald', 'Anna Andersson', 'unanswered'],
      ['vatten', 'Bo Berg', 'unanswered'],
      ['miljo', undefined, 'excluded'],
    ]);
  });

  it('pages 20 plans at a time', async () => {
    const f = await appFixture();
    const current = (await f.stores.registers.current())!;
    const plans = Array.from({ length: 45 }, (_, i) => ({ id: `p${i}`, title: `Plan ${i}`, officer: 'anna@kalmar.se' }));
    await f.stores.registers.saveVersion({ ...current, plans }, { importedBy: 'x', importedAt: new Date(), source: 't' });
    const last = await listPlans(f.deps, sara, 7);
    if (last.kind !== 'list') throw new Error(last.kind);
    expect([last.page, last.pages, last.rows.length, last.rows[0].plan.title]).toEqual([2, 3, 5, 'Plan 40']);
  });

  it('refuses someone who is not a coordinator, and audits it', async () => {
    const f = await appFixture();
    expect(await listPlans(f.deps, anna)).toEqual({ kind: 'refused', reason: 'not-coordinator' });
    expect(await openPlanForm(f.deps, anna, 'drog')).toEqual({ kind: 'refused', reason: 'not-coordinator' });
    expect(await savePlan(f.deps, anna, input({ title: 'X', officerAddress: 'anna@kalmar.se' }))).toEqual({ kind: 'refused', reason: 'not-coordinator' });
    expect(await f.stores.registers.current()).toMatchObject({ version: 1 });
    const day = await f.stores.audit.listDay('2019-03-01');
    expect(day.filter((e) => e.action === 'plans.refused')).toHaveLength(3);
  });
});

describe('saving a plan from the form', () => {
  it('adds a new plan as the next register version, with who and when, and records it in the history', async () => {
    const f = await appFixture();
    f.setNow('2019-03-02T10:00:00Z');
    const outcome = await savePlan(f.deps, sara, input({ title: 'Äldreplan 2020', period: '2020-2024', officerAddress: 'bo@kalmar.se', deputyAddress: 'anna@kalmar.se' }));
    expect(outcome).toMatchObject({ kind: 'saved', created: true, plan: { id: 'aldreplan-2020', officer: 'bo@kalmar.se', deputy: 'anna@kalmar.se' } });
    const current = (await f.stores.registers.current())!;
    expect(current).toMatchObject({ version: 2, importedBy: 'samordnare@kalmar.se', importedAt: new Date('2019-03-02T10:00:00Z'), source: 'Teams: ny plan' });
    expect(current.plans).toHaveLength(5);
    expect((await f.stores.registers.version(1))!.plans).toHaveLength(4); // the previous version stays
    const [action] = await f.stores.history.recent(5);
    expect(action).toMatchObject({
      actor: 'samordnare@kalmar.se',
      action: 'plan.created',
      subject: 'plan:aldreplan-2020',
      after: { id: 'aldreplan-2020', title: 'Äldreplan 2020', period: '2020-2024', officer: 'bo@kalmar.se', registerVersion: 2 },
    });
  });

  it('changes a plan and keeps the plan before and after', async () => {
    const f = await appFixture();
    const form = await openPlanForm(f.deps, sara, 'drog');
    if (form.kind !== 'form') throw new Error(form.kind);
    const outcome = await savePlan(f.deps, sara, { planId: 'drog', registerVersion: form.registerVersion, values: { ...form.values, note: 'revidering pågår' }, was: form.was });
    expect(outcome).toMatchObject({ kind: 'saved', created: false });
    expect((await f.stores.registers.current())!).toMatchObject({ version: 2, source: 'Teams: ändrad plan' });
    const [action] = await f.stores.history.recent(1);
    expect(action).toMatchObject({ action: 'plan.changed', before: { id: 'drog', officer: 'anna@kalmar.se' }, after: { note: 'revidering pågår' } });
    expect((action.before as any).note).toBeUndefined();
  });

  it('maps the picker value (an AAD object id) to the address, from a stored contact or the rosters', async () => {
    const cecilia = contact('cecilia@kalmar.se', { name: 'Cecilia Ceder' });
    const f = await appFixture();
    Object.assign(f.directory, { findUserById: async (id: string) => (id === cecilia.aadObjectId ? cecilia : undefined) });
    f.directory.members.push(cecilia);
    const outcome = await savePlan(f.deps, sara, input({ title: 'Ny', officerPick: cecilia.aadObjectId }));
    expect(outcome).toMatchObject({ kind: 'saved', plan: { officer: 'cecilia@kalmar.se' } });
    // Cecilia was new to the register: added with the name Teams knows.
    expect((await f.stores.registers.current())!.people).toContainEqual({ id: 'cecilia@kalmar.se', name: 'Cecilia Ceder' });
  });

  it('says so when a picked person cannot be mapped to an address, and keeps what was typed', async () => {
    const f = await appFixture();
    const outcome = await savePlan(f.deps, sara, input({ title: 'Ny plan', note: 'kvar', officerPick: 'aad-okand' }));
    expect(outcome).toMatchObject({ kind: 'invalid', form: { values: { title: 'Ny plan', note: 'kvar', officerPick: 'aad-okand' } } });
    if (outcome.kind !== 'invalid') return;
    expect(outcome.errors).toEqual([{ field: 'officer', code: 'pick-unknown' }]);
    expect((await f.stores.registers.current())!.version).toBe(1);
  });

  it('looks up only a picker value shaped like an object id, not a list or other text from the card', async () => {
    const f = await appFixture();
    const asked: string[] = [];
    Object.assign(f.directory, { findUserById: async (id: string) => (asked.push(id), undefined) });
    for (const pick of ['aad-1,aad-2', '../conversations/x', 'a'.repeat(65), 'aad okand']) {
      const outcome = await savePlan(f.deps, sara, input({ title: 'Ny plan', officerPick: pick }));
      expect(outcome).toMatchObject({ kind: 'invalid', errors: [{ field: 'officer', code: 'pick-unknown' }] });
    }
    expect(asked).toEqual([]);
  });

  it('refuses an officer Teams does not know, rather than inventing a name', async () => {
    const f = await appFixture();
    const outcome = await savePlan(f.deps, sara, input({ title: 'Ny', officerAddress: 'okand@kalmar.se' }));
    expect(outcome).toMatchObject({ kind: 'invalid', errors: [{ field: 'officer', code: 'person-unknown', address: 'okand@kalmar.se' }] });
  });

  it('shows every rule broken, with the same rules as an import', async () => {
    const f = await appFixture();
    const outcome = await savePlan(f.deps, sara, input({ title: '', excluded: true, excludedReason: '', officerAddress: 'anna@kalmar.se', deputyAddress: 'anna@kalmar.se' }));
    if (outcome.kind !== 'invalid') throw new Error(outcome.kind);
    expect(outcome.errors.map((e) => e.field)).toEqual(['title', 'excludedReason', 'deputy']);
  });

  it('refuses a form opened on an older register version and shows the current values', async () => {
    const f = await appFixture();
    const form = await openPlanForm(f.deps, sara, 'drog');
    if (form.kind !== 'form') throw new Error(form.kind);
    // Someone else changes the plan meanwhile.
    await savePlan(f.deps, actor('samordnare@kalmar.se'), { planId: 'drog', registerVersion: 1, values: { ...form.values, period: '2016-2022' }, was: form.was });
    f.setNow('2019-03-01T09:00:00Z');
    const outcome = await savePlan(f.deps, sara, { planId: 'drog', registerVersion: form.registerVersion, values: { ...form.values, note: 'min ändring' }, was: form.was });
    expect(outcome).toMatchObject({ kind: 'stale', changedBy: 'samordnare@kalmar.se', form: { registerVersion: 2, values: { period: '2016-2022', note: '' } } });
    expect((await f.stores.registers.current())!.version).toBe(2);
  });

  it('saves once when Teams delivers the same save twice', async () => {
    const f = await appFixture();
    f.directory.members.push(contact('dora@kalmar.se', { name: 'Dora' }));
    const save = input({ title: 'Dubbel', officerAddress: 'dora@kalmar.se' });
    expect(await savePlan(f.deps, sara, save)).toMatchObject({ kind: 'saved' });
    expect(await savePlan(f.deps, sara, save)).toMatchObject({ kind: 'unchanged', again: true, plan: { id: 'dubbel' } });
    expect((await f.stores.registers.current())!.plans.filter((p) => p.title === 'Dubbel')).toHaveLength(1);
  });
});

describe('two coordinators saving at once', () => {
  it("refuses a save made from a version another coordinator's save replaced while it was checked, keeping that save", async () => {
    const f = await appFixture();
    // Another coordinator's save lands while this one looks up people.
    const list = f.stores.contacts.list.bind(f.stores.contacts);
    let raced = false;
    f.stores.contacts.list = async () => {
      if (!raced) {
        raced = true;
        const v1 = (await f.stores.registers.current())!;
        const plans = v1.plans.map((p) => (p.id === 'vatten' ? { ...p, title: 'Vattenplan (ändrad)' } : p));
        await f.stores.registers.saveVersion({ ...v1, plans }, { importedBy: 'annan@kalmar.se', importedAt: new Date(), source: 'Teams: ändrad plan' });
      }
      return list();
    };
    const outcome = await savePlan(f.deps, sara, input({ title: 'Drogprogram', officerAddress: 'anna@kalmar.se' }, { planId: 'drog', was: { officer: 'anna@kalmar.se', deputy: '' } }));
    expect(outcome.kind).toBe('stale');
    const current = (await f.stores.registers.current())!;
    expect(current.version).toBe(2);
    expect(current.plans.find((p) => p.id === 'vatten')?.title).toBe('Vattenplan (ändrad)');
  });
});

describe("the register's standing deputy", () => {
  it('may answer for the plan in every round, and sees it among their plans', async () => {
    const f = await appFixture({ now: '2019-03-05T09:00:00Z' });
    const current = (await f.stores.registers.current())!;
    await f.stores.registers.saveVersion(
      { ...current, plans: current.plans.map((p) => (p.id === 'vatten' ? { ...p, deputy: 'anna@kalmar.se' } : p)) },
      { importedBy: 'x', importedAt: new Date(), source: 't' },
    );
    const outcome = await recordAnswer(f.deps, { actor: anna, roundId: f.round.id, planId: 'vatten', intent: 'draft', values: { status: 'utkast' }, baseVersion: 0 });
    expect(outcome.kind).toBe('recorded');
    const own = await listOwnPlans(f.deps, anna);
    expect(own[0].plans.map((p) => p.plan.id)).toContain('vatten');
    const other = await recordAnswer(f.deps, { actor: actor('bo@kalmar.se'), roundId: f.round.id, planId: 'drog', intent: 'draft', values: { status: 'x' }, baseVersion: 0 });
    expect(other).toMatchObject({ kind: 'refused', reason: 'not-permitted' });
  });
});
