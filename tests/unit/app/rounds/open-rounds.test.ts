import { openDueRounds } from '../../../../bot/app/rounds/open-rounds';
import { appFixture, contact } from '../../../support/app-fixture';

describe('opening a round', () => {
  it('does nothing before the opening time', async () => {
    const f = await appFixture({ now: '2019-03-01T06:59:00Z' });
    await f.stores.contacts.save(contact('anna@kalmar.se'));
    expect(await openDueRounds(f.deps)).toEqual([]);
    expect(f.messenger.sent).toHaveLength(0);
  });

  it('waits for office hours: a round opening at 07:00 local time is prompted at 08:00', async () => {
    const f = await appFixture({ now: '2019-03-01T06:30:00Z', officeHours: { start: 8 * 60, end: 17 * 60 } });
    await f.stores.contacts.save(contact('anna@kalmar.se'));
    const stored = (await f.stores.rounds.get(f.round.id))!;
    await f.stores.rounds.update({ ...stored.value, opensAt: new Date('2019-03-01T06:00:00Z') }, stored.etag);
    expect(await openDueRounds(f.deps)).toEqual([]); // 07:30 in Stockholm
    f.setNow('2019-03-01T07:00:00Z'); // 08:00
    expect((await openDueRounds(f.deps))[0]).toMatchObject({ sent: 2 });
  });

  it('sends each reachable officer one card per plan they own, and none for excluded plans', async () => {
    const f = await appFixture();
    await f.stores.contacts.save(contact('anna@kalmar.se'));
    await f.stores.contacts.save(contact('bo@kalmar.se'));
    const [report] = await openDueRounds(f.deps);
    expect(report).toMatchObject({ sent: 3, failed: 0, unreachable: [] });
    const byOfficer = f.messenger.sent.map((s) => [s.to.upn, s.card.actions[0].data.planId]);
    expect(byOfficer.sort()).toEqual([
      ['anna@kalmar.se', 'drog'],
      ['anna@kalmar.se', 'vald'],
      ['bo@kalmar.se', 'vatten'],
    ]);
    const deliveries = await f.stores.deliveries.list(f.round.id);
    expect(deliveries.map((d) => [d.id, d.outcome, d.activityId !== undefined])).toEqual(
      expect.arrayContaining([['prompt:drog', 'sent', true], ['prompt:vald', 'sent', true], ['prompt:vatten', 'sent', true]]),
    );
    expect((await f.stores.rounds.get(f.round.id))!.value.promptedAt).toBeDefined();
  });

  it('never sends a prompt twice, even when asked again at the same instant', async () => {
    const f = await appFixture();
    await f.stores.contacts.save(contact('anna@kalmar.se'));
    await openDueRounds(f.deps);
    await openDueRounds(f.deps);
    // Also a forced re-run of the prompting (as after a crash before the round was marked).
    const stored = (await f.stores.rounds.get(f.round.id))!;
    await f.stores.rounds.update({ ...stored.value, promptedAt: undefined }, stored.etag);
    await openDueRounds(f.deps);
    expect(f.messenger.sent).toHaveLength(2);
  });

  it('finds officers it has not met in the rosters of installed teams, matching the address case-insensitively', async () => {
    const f = await appFixture({ directory: [contact('bo@kalmar.se', { upn: 'bo@kalmar.se', email: 'Bo.Berg@Kalmar.se', conversation: { viaTeam: true } })] });
    await f.stores.contacts.save(contact('anna@kalmar.se'));
    const [report] = await openDueRounds(f.deps);
    expect(f.directory.lookups).toEqual([['bo@kalmar.se']]);
    expect(report.sent).toBe(3);
    expect(await f.stores.contacts.get('aad-bo')).toMatchObject({ email: 'Bo.Berg@Kalmar.se' });
  });

  it('looks in the rosters for someone met only in a channel, who has no 1:1 address yet', async () => {
    const f = await appFixture({ directory: [contact('bo@kalmar.se', { conversation: { viaTeam: true } })] });
    await f.stores.contacts.save(contact('anna@kalmar.se'));
    await f.stores.contacts.save(contact('bo@kalmar.se', { conversation: undefined }));
    const [report] = await openDueRounds(f.deps);
    expect(f.directory.lookups).toEqual([['bo@kalmar.se']]);
    expect(report).toMatchObject({ sent: 3, failed: 0 });
  });

  it('reports officers it cannot reach and sends them nothing, without claiming their prompt', async () => {
    const f = await appFixture();
    await f.stores.contacts.save(contact('anna@kalmar.se'));
    const [report] = await openDueRounds(f.deps);
    expect(report.unreachable).toEqual(['bo@kalmar.se']);
    expect(await f.stores.deliveries.get(f.round.id, 'prompt:vatten')).toBeUndefined();
  });

  it('records a refused send with its status code and goes on with the others', async () => {
    const f = await appFixture();
    await f.stores.contacts.save(contact('anna@kalmar.se'));
    await f.stores.contacts.save(contact('bo@kalmar.se'));
    f.messenger.failFor.add('aad-bo');
    const [report] = await openDueRounds(f.deps);
    expect(report).toMatchObject({ sent: 2, failed: 1 });
    expect(await f.stores.deliveries.get(f.round.id, 'prompt:vatten')).toMatchObject({ outcome: 'failed', statusCode: 403 });
  });
});
