import { snapshotForTick } from '../../../bot/app/tick-snapshot';
import { buildRound } from '../../../bot/domain/round';
import { createMemoryStores } from '../../../storage/memory';
import { register } from '../../support/app-fixture';

const at = new Date('2019-03-01T08:00:00Z');

async function stores() {
  const stores = createMemoryStores();
  await stores.registers.saveVersion(register, { importedBy: 'test', importedAt: at, source: 'test' });
  const { round } = buildRound(
    { title: 'Uppföljning KF 2019', year: '2019', opensDate: '2019-03-01', dueDate: '2019-04-01' },
    { timeZone: 'Europe/Stockholm', createdBy: 'test', createdAt: at },
  );
  await stores.rounds.create(round!);
  return stores;
}

describe('the stores as one tick sees them', () => {
  it('reads the register, the rounds and the channel once however often the tick asks', async () => {
    const underlying = await stores();
    const reads = [jest.spyOn(underlying.registers, 'current'), jest.spyOn(underlying.rounds, 'list'), jest.spyOn(underlying.channels, 'current')];
    const seen = snapshotForTick(underlying);
    for (let i = 0; i < 3; i++) {
      await Promise.all([seen.registers.current(), seen.rounds.list(), seen.channels.current()]);
    }
    expect(reads.map((read) => read.mock.calls.length)).toEqual([1, 1, 1]);
  });

  it('reads anew what the tick itself changed', async () => {
    const underlying = await stores();
    const seen = snapshotForTick(underlying);
    const [round] = await seen.rounds.list();
    const stored = (await seen.rounds.get(round.id))!;
    await seen.rounds.update({ ...stored.value, promptedAt: at }, stored.etag);
    expect((await seen.rounds.list())[0].promptedAt).toEqual(at);

    expect((await seen.registers.current())?.version).toBe(1);
    await seen.registers.saveVersion(register, { importedBy: 'test', importedAt: at, source: 'test' });
    expect((await seen.registers.current())?.version).toBe(2);
  });

  it('gives each caller its own list of rounds to sort', async () => {
    const seen = snapshotForTick(await stores());
    (await seen.rounds.list()).pop();
    expect(await seen.rounds.list()).toHaveLength(1);
  });
});
