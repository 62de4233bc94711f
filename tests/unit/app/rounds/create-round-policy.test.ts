// A new round keeps its own follow-up policy: the one given, else the register's, else the defaults.

import { createRound } from '../../../../bot/app/rounds/create-round';
import { DEFAULT_FOLLOW_UP_POLICY, type FollowUpPolicy } from '../../../../bot/domain/reminder-policy';
import { createMemoryStores } from '../../../../storage/memory';
import { register } from '../../../support/app-fixture';

const input = { title: 'Uppföljning KF 2019', year: '2019', opensDate: '2019-03-01', dueDate: '2019-04-01' };
const meta = { createdBy: 'samordnare@kalmar.se', timeZone: 'Europe/Stockholm' };
const strict: FollowUpPolicy = {
  reminders: { beforeDue: [3], onDueDate: true, overdueEvery: 1, overdueMax: 5, at: '08:30' },
  escalation: { afterWorkingDays: 1, every: 2, max: 3 },
};

async function setUp(schedule?: { policy?: FollowUpPolicy }) {
  const stores = createMemoryStores();
  const now = new Date('2019-02-01T10:00:00Z');
  await stores.registers.saveVersion({ ...register, ...(schedule ? { schedule } : {}) }, { importedBy: 'x', importedAt: now, source: 'test' });
  return { stores, clock: { now: () => now } };
}

describe('the policy of a new round', () => {
  it('is the defaults when neither the coordinator nor the register gives one', async () => {
    const deps = await setUp();
    const result = await createRound(deps, input, meta);
    expect(result.kind === 'created' && result.round.policy).toEqual(DEFAULT_FOLLOW_UP_POLICY);
    expect((await deps.stores.rounds.get('uppfoljning-kf-2019'))?.value.policy).toEqual(DEFAULT_FOLLOW_UP_POLICY);
  });

  it("is the register's schedule policy", async () => {
    const deps = await setUp({ policy: strict });
    const result = await createRound(deps, input, meta);
    expect(result.kind === 'created' && result.round.policy).toEqual(strict);
  });

  it('is the one given with the round, checked by the same rules', async () => {
    const deps = await setUp();
    expect(await createRound(deps, { ...input, policy: strict }, meta)).toMatchObject({ kind: 'created', round: { policy: strict } });
    const bad = { ...strict, reminders: { ...strict.reminders, at: '9' } };
    const refused = await createRound(deps, { ...input, id: 'annan', policy: bad }, meta);
    expect(refused).toMatchObject({ kind: 'invalid', errors: [{ field: 'policy.reminders.at' }] });
    expect(await deps.stores.rounds.get('annan')).toBeUndefined();
  });
});
