// The kept reads of the Table stores (the register per version, the rounds and a round's answers,
// deliveries and settings refreshed with what changed): a change written by another process
// (other stores on the same tables) is seen at the very next read, and callers who ask at the
// same moment share one request.

import { listOwnPlans } from '../../bot/app/officer/officer-plans';
import { planById } from '../../bot/domain/register';
import { buildRound, type Round } from '../../bot/domain/round';
import { ConcurrencyError, type Stores } from '../../storage/ports';
import { createStorageMeter, createTableStores, type StorageMeter } from '../../storage/tables';
import { azuriteConnectionString, uniqueTablePrefix } from '../support/storage';
import { benchAnswer, benchContact, benchRegister, BOT, officerAadId, officerAddress, TENANT_ID } from '../../bench/seed-round';

const at = new Date('2026-03-10T09:00:00Z');

function aRound(): Round {
  const { round } = buildRound(
    { id: 'kf-2026', title: 'Uppföljning KF 2026', year: '2026', opensDate: '2026-03-09', dueDate: '2026-04-07' },
    { timeZone: 'Europe/Stockholm', createdBy: 'test', createdAt: at },
  );
  return round!;
}

describe('kept reads of the Table stores', () => {
  let mine: Stores;
  let theirs: Stores;
  let meter: StorageMeter;
  let round: Round;

  beforeEach(async () => {
    const tablePrefix = uniqueTablePrefix();
    meter = createStorageMeter();
    // Two processes on one storage account: each has its own clients and its own kept reads.
    mine = await createTableStores(azuriteConnectionString(), { tablePrefix, meter });
    theirs = await createTableStores(azuriteConnectionString(), { tablePrefix });
    round = aRound();
    await theirs.rounds.create(round);
    await theirs.registers.saveVersion(benchRegister(30), { importedBy: 'test', importedAt: at, source: 'test' });
  });

  it('serves a register imported by another process at the next read', async () => {
    expect((await mine.registers.current())?.plans).toHaveLength(30);
    await theirs.registers.saveVersion(benchRegister(31), { importedBy: 'test', importedAt: at, source: 'test' });
    const read = await mine.registers.current();
    expect(read?.version).toBe(2);
    expect(read?.plans).toHaveLength(31);
  });

  it('reads only the head of an unchanged register', async () => {
    await mine.registers.current();
    meter.reset();
    expect((await mine.registers.current())?.plans).toHaveLength(30);
    expect(meter.requests).toBe(1);
    expect(meter.bytesRead).toBeLessThan(1024);
  });

  it('serves a round changed by another process at the next read', async () => {
    expect((await mine.rounds.list()).map((r) => r.title)).toEqual(['Uppföljning KF 2026']);
    const stored = (await theirs.rounds.get(round.id))!;
    await theirs.rounds.update({ ...stored.value, title: 'Uppföljning KF 2026 (flyttad)' }, stored.etag);
    await theirs.rounds.create({ ...round, id: 'kf-2027', title: 'Uppföljning KF 2027' });
    expect((await mine.rounds.list()).map((r) => r.title)).toEqual(['Uppföljning KF 2026 (flyttad)', 'Uppföljning KF 2027']);
  });

  it("serves another process's answers, deliveries and settings at the next read", async () => {
    expect(await mine.answers.listProgress(round.id)).toEqual([]);
    expect(await mine.deliveries.list(round.id)).toEqual([]);
    expect(await mine.settings.listPlans(round.id)).toEqual([]);
    expect(await mine.settings.listAbsences()).toEqual([]);

    await theirs.answers.append(benchAnswer(round.id, 1, 1, 'draft', at), null);
    await theirs.deliveries.claim({ roundId: round.id, id: 'prompt:plan-1', kind: 'prompt', planId: 'plan-1', recipient: 'aad-1', outcome: 'claimed', claimedAt: at });
    await theirs.settings.savePlan({ roundId: round.id, planId: 'plan-1', snoozedUntil: new Date('2026-03-12T07:00:00Z'), updatedBy: 'officer0@kalmar.se', updatedAt: at }, null);
    await theirs.settings.saveAbsence({ address: 'officer0@kalmar.se', until: new Date('2026-03-20T23:00:00Z'), setBy: 'officer0@kalmar.se', setAt: at });
    expect((await mine.answers.listProgress(round.id)).map((a) => [a.latest.planId, a.latest.state])).toEqual([['plan-1', 'draft']]);
    expect((await mine.deliveries.list(round.id)).map((d) => d.outcome)).toEqual(['claimed']);
    expect((await mine.settings.listPlans(round.id)).map((s) => s.snoozedUntil)).toEqual([new Date('2026-03-12T07:00:00Z')]);
    expect((await mine.settings.listAbsences()).map((a) => a.address)).toEqual(['officer0@kalmar.se']);

    // A row that changes again (a submit after the draft, the claim completed) replaces the kept one.
    const draft = (await theirs.answers.current(round.id, 'plan-1'))!;
    await theirs.answers.append(benchAnswer(round.id, 1, 2, 'submitted', at), draft.etag);
    await theirs.answers.append(benchAnswer(round.id, 0, 1, 'submitted', at), null);
    await theirs.deliveries.complete({ roundId: round.id, id: 'prompt:plan-1', kind: 'prompt', planId: 'plan-1', recipient: 'aad-1', outcome: 'sent', claimedAt: at, completedAt: at });
    // In key order, as a full read returns them.
    expect((await mine.answers.listProgress(round.id)).map((a) => [a.latest.planId, a.latest.version, a.latest.state])).toEqual([
      ['plan-0', 1, 'submitted'],
      ['plan-1', 2, 'submitted'],
    ]);
    expect((await mine.deliveries.list(round.id)).map((d) => d.outcome)).toEqual(['sent']);
  });

  it("hands out one list of a round's answers and settings until a row changes, and a new one with another process's change", async () => {
    await theirs.answers.append(benchAnswer(round.id, 1, 1, 'draft', at), null);
    const first = await mine.answers.listProgress(round.id);
    expect(Object.isFrozen(first)).toBe(true);
    // Read again (the row comes back in the refresh's overlap, unchanged): the same list.
    expect(await mine.answers.listProgress(round.id)).toBe(first);

    await theirs.answers.append(benchAnswer(round.id, 2, 1, 'submitted', at), null);
    const added = await mine.answers.listProgress(round.id);
    expect(added).not.toBe(first);
    expect(added.map((a) => a.latest.planId)).toEqual(['plan-1', 'plan-2']);
    // A row changed in place (the draft submitted) makes a new list too.
    await theirs.answers.append(benchAnswer(round.id, 1, 2, 'submitted', at), (await theirs.answers.current(round.id, 'plan-1'))!.etag);
    const changed = await mine.answers.listProgress(round.id);
    expect(changed).not.toBe(added);
    expect(changed.map((a) => [a.latest.planId, a.latest.version, a.latest.state])).toEqual([
      ['plan-1', 2, 'submitted'],
      ['plan-2', 1, 'submitted'],
    ]);

    const settings = (snoozedUntil: Date, etag: string | null) =>
      theirs.settings.savePlan({ roundId: round.id, planId: 'plan-1', snoozedUntil, updatedBy: 'officer0@kalmar.se', updatedAt: at }, etag);
    await settings(new Date('2026-03-12T07:00:00Z'), null);
    const plans = await mine.settings.listPlans(round.id);
    expect(await mine.settings.listPlans(round.id)).toBe(plans);
    await settings(new Date('2026-03-13T07:00:00Z'), (await theirs.settings.getPlan(round.id, 'plan-1'))!.etag);
    expect((await mine.settings.listPlans(round.id)).map((s) => s.snoozedUntil)).toEqual([new Date('2026-03-13T07:00:00Z')]);
  });

  it("shows an officer's plans with another process's answer at the next read (the lookups follow the lists)", async () => {
    const deps = { stores: mine, clock: { now: () => new Date('2026-03-10T10:00:00Z') } };
    const officer = { aadObjectId: officerAadId(0), name: 'Tjänsteperson 0', addresses: [officerAddress(0)] };
    const states = async () => (await listOwnPlans(deps, officer))[0].plans.slice(0, 2).map((p) => [p.plan.id, p.progress.state]);
    expect(await states()).toEqual([['plan-0', 'unanswered'], ['plan-1', 'unanswered']]);
    await theirs.answers.append(benchAnswer(round.id, 1, 1, 'submitted', at), null);
    expect(await states()).toEqual([['plan-0', 'unanswered'], ['plan-1', 'submitted']]);
    // A new register version (another process imported it) is looked up anew: the plan gone from it is not found.
    const before = (await mine.registers.current())!;
    expect(planById(before, 'plan-30')).toBeUndefined();
    await theirs.registers.saveVersion(benchRegister(31), { importedBy: 'test', importedAt: at, source: 'test' });
    expect(planById((await mine.registers.current())!, 'plan-30')?.id).toBe('plan-30');
  });

  it('reads whole only the rows changed since, not those written just before and kept', async () => {
    await Promise.all(Array.from({ length: 30 }, (_, i) => theirs.answers.append(benchAnswer(round.id, i, 1, 'submitted', at), null)));
    meter.reset();
    await mine.answers.listProgress(round.id);
    const whole = meter.bytesRead;
    meter.reset();
    // Nothing changed: one request, the 30 rows of the look-back as keys and ETags only.
    expect(await mine.answers.listProgress(round.id)).toHaveLength(30);
    expect(meter.requests).toBe(1);
    const keysOnly = meter.bytesRead;
    expect(keysOnly).toBeLessThan(whole / 3);

    const read = (await theirs.answers.current(round.id, 'plan-7'))!;
    await theirs.answers.append(benchAnswer(round.id, 7, 2, 'draft', at), read.etag);
    meter.reset();
    const after = await mine.answers.listProgress(round.id);
    expect(after.find((a) => a.latest.planId === 'plan-7')?.latest).toMatchObject({ version: 2, state: 'draft' });
    expect(after).toHaveLength(30);
    // The keys again, then the changed row whole: far less than the 30 rows whole.
    expect(meter.requests).toBe(2);
    expect(meter.bytesRead).toBeLessThan(keysOnly + 2_000);
  });

  it('keeps the answers it wrote itself as written: the next read asks what changed and reads none of them back', async () => {
    await mine.answers.listProgress(round.id);
    await Promise.all(Array.from({ length: 30 }, (_, i) => mine.answers.append(benchAnswer(round.id, i, 1, 'submitted', at), null)));
    meter.reset();
    const kept = await mine.answers.listProgress(round.id);
    // One request, the 30 rows of the look-back as keys and ETags only (a row whole is about 300 bytes).
    expect(meter.requests).toBe(1);
    expect(meter.bytesRead).toBeLessThan(30 * 150);
    // What another process reads of them, in key order.
    expect(kept).toEqual(await theirs.answers.listProgress(round.id));
    expect(kept.map((a) => a.latest.planId)).toEqual(Array.from({ length: 30 }, (_, i) => `plan-${i}`).sort());

    // A change by another process after them is read whole at the next read.
    const read = (await theirs.answers.current(round.id, 'plan-7'))!;
    await theirs.answers.append(benchAnswer(round.id, 7, 2, 'draft', at), read.etag);
    expect((await mine.answers.listProgress(round.id)).find((a) => a.latest.planId === 'plan-7')?.latest).toMatchObject({ version: 2, state: 'draft' });
  });

  it('keeps the contacts it saved itself as saved, and reads one another process saved after them', async () => {
    const contact = (i: number) => benchContact(i, 'http://127.0.0.1:9/', TENANT_ID, BOT, at);
    await theirs.contacts.save(contact(0));
    await mine.contacts.get(officerAadId(0));
    await Promise.all(Array.from({ length: 20 }, (_, i) => mine.contacts.save({ ...contact(i), locale: 'sv-SE' })));
    meter.reset();
    const found = await Promise.all(Array.from({ length: 20 }, (_, i) => mine.contacts.get(officerAadId(i))));
    expect(meter.requests).toBe(1);
    expect(meter.bytesRead).toBeLessThan(20 * 250);
    expect(found).toEqual(await Promise.all(Array.from({ length: 20 }, (_, i) => theirs.contacts.get(officerAadId(i)))));
    expect(found.every((c) => c?.locale === 'sv-SE')).toBe(true);

    await theirs.contacts.save({ ...contact(3), stale: true });
    expect((await mine.contacts.get(officerAadId(3)))?.stale).toBe(true);
  });

  it('lets callers who ask at the same moment share one read', async () => {
    // Nothing kept yet: one read of the head and one of the version's rows for all of them.
    meter.reset();
    const registers = await Promise.all(Array.from({ length: 20 }, () => mine.registers.current()));
    expect(registers.every((r) => r === registers[0] && r?.plans.length === 30)).toBe(true);
    expect(meter.requests).toBe(2);

    meter.reset();
    await Promise.all(Array.from({ length: 20 }, () => mine.registers.current()));
    expect(meter.requests).toBe(1);

    meter.reset();
    await Promise.all(Array.from({ length: 20 }, () => Promise.all([mine.rounds.list(), mine.answers.listProgress(round.id), mine.settings.listPlans(round.id)])));
    expect(meter.requests).toBe(3);
  });

  it('looks up senders who write at once with one request, and sees a contact another process changed at the next one', async () => {
    const contact = (i: number) => benchContact(i, 'http://127.0.0.1:9/', TENANT_ID, BOT, at);
    await Promise.all([0, 1, 2].map((i) => theirs.contacts.save(contact(i))));
    meter.reset();
    const found = await Promise.all(Array.from({ length: 20 }, (_, i) => mine.contacts.get(officerAadId(i % 3))));
    expect(found.map((c) => c?.name)).toEqual(Array.from({ length: 20 }, (_, i) => `Tjänsteperson ${i % 3}`));
    expect(meter.requests).toBe(1);

    // The 1:1 chat was removed, as another instance saw it: the next lookup says so.
    await theirs.contacts.save({ ...contact(1), stale: true });
    expect((await mine.contacts.get(officerAadId(1)))?.stale).toBe(true);
    expect(await mine.contacts.get(officerAadId(7))).toBeUndefined();
  });

  it('does not hand a contact read begun before its own save to a caller who asks after it', async () => {
    const before = mine.contacts.get(officerAadId(4));
    await mine.contacts.save(benchContact(4, 'http://127.0.0.1:9/', TENANT_ID, BOT, at));
    expect((await mine.contacts.get(officerAadId(4)))?.name).toBe('Tjänsteperson 4');
    await before;
  });

  it('appends on an answer read here without reading it again, carrying its submission time, and still refuses a stale ETag', async () => {
    const submitted = benchAnswer(round.id, 3, 1, 'submitted', at);
    await theirs.answers.append(submitted, null);
    meter.reset();
    const read = (await mine.answers.current(round.id, 'plan-3'))!;
    const later = new Date(at.getTime() + 60_000);
    const stored = await mine.answers.append(benchAnswer(round.id, 3, 2, 'draft', later), read.etag);
    // The read and the transaction: nothing read a second time.
    expect(meter.requests).toBe(2);
    expect(stored.submittedAt).toEqual(submitted.at);
    expect((await theirs.answers.current(round.id, 'plan-3'))?.value.submittedAt).toEqual(submitted.at);

    // Another process wrote after this read: the ETag this process read is stale.
    const again = (await mine.answers.current(round.id, 'plan-3'))!;
    await theirs.answers.append(benchAnswer(round.id, 3, 3, 'submitted', later), (await theirs.answers.current(round.id, 'plan-3'))!.etag);
    await expect(mine.answers.append(benchAnswer(round.id, 3, 4, 'draft', later), again.etag)).rejects.toThrow(ConcurrencyError);
  });

  it('does not hand a read begun before its own write to a caller who asks after it', async () => {
    const before = mine.answers.listProgress(round.id);
    await mine.answers.append(benchAnswer(round.id, 2, 1, 'submitted', at), null);
    const after = await mine.answers.listProgress(round.id);
    expect(after.map((a) => a.latest.planId)).toEqual(['plan-2']);
    await before;
  });
});
