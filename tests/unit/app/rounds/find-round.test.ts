// Which round is meant when a coordinator names none, or names one by id or title.

import { findRound } from '../../../../bot/app/rounds/find-round';
import { buildRound } from '../../../../bot/domain/round';
import { appFixture } from '../../../support/app-fixture';

describe('the round a coordinator means', () => {
  it('is the one named by id or title (any case), else the open one due first', async () => {
    const f = await appFixture({ now: '2019-03-05T09:00:00Z' });
    const { round: later } = buildRound(
      { title: 'Tertial 1 2019', year: '2019', opensDate: '2019-03-02', dueDate: '2019-05-15' },
      { timeZone: 'Europe/Stockholm', createdBy: 'x', createdAt: f.deps.clock.now() },
    );
    await f.stores.rounds.create(later!);
    expect((await findRound(f.deps))?.id).toBe('uppfoljning-kf-2019');
    expect((await findRound(f.deps, 'tertial 1 2019'))?.id).toBe('tertial-1-2019');
    expect((await findRound(f.deps, 'tertial-1-2019'))?.id).toBe('tertial-1-2019');
    expect(await findRound(f.deps, 'KF 2018')).toBeUndefined();
  });
});
