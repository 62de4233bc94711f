// Rounds from the register's cadence: created once, some days before they open, never for a
// period whose due date has passed, and recorded in the audit log.

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { generateRounds } from '../../../../bot/app/rounds/generate-rounds';
import { importRegister } from '../../../../bot/app/register/import-register';
import { silentLogger } from '../../../../bot/app/logger';
import { createRound } from '../../../../bot/app/rounds/create-round';
import type { Cadence } from '../../../../bot/domain/cadence';
import { createMemoryStores } from '../../../../storage/memory';
import type { Stores } from '../../../../storage/ports';

const TZ = 'Europe/Stockholm';
const demoJson = JSON.parse(readFileSync(path.join(__dirname, '..', '..', '..', '..', 'demo', 'register.json'), 'utf8')) as Record<string, unknown>;

function clockAt(iso: string) {
  let now = new Date(iso);
  return { now: () => now, set: (next: string) => (now = new Date(next)) };
}

async function storesWith(cadence?: Cadence): Promise<Stores> {
  const stores = createMemoryStores();
  const data = cadence ? { ...demoJson, schedule: { cadence } } : demoJson;
  const result = await importRegister(
    { stores, clock: { now: () => new Date('2026-01-01T00:00:00Z') } },
    { bytes: Buffer.from(JSON.stringify(data)), fileName: 'register.json', importedBy: 'alexw@example.com' },
  );
  expect(result.kind).toBe('imported');
  return stores;
}

const tertial: Cadence = { kind: 'tertial', opensAfterDays: 1, dueAfterWorkingDays: 10 };

describe('generateRounds', () => {
  it('does nothing without a register or without a cadence', async () => {
    const clock = clockAt('2026-08-20T08:00:00Z');
    expect(await generateRounds({ stores: createMemoryStores(), clock, log: silentLogger }, { timeZone: TZ })).toEqual([]);
    const stores = await storesWith();
    expect(await generateRounds({ stores, clock, log: silentLogger }, { timeZone: TZ })).toEqual([]);
    expect(await stores.rounds.list()).toEqual([]);
  });

  it('creates the round of tertial 2 two weeks before it opens, with its title, year and dates', async () => {
    const stores = await storesWith(tertial);
    const clock = clockAt('2026-08-20T08:00:00Z');
    expect(await generateRounds({ stores, clock, log: silentLogger }, { timeZone: TZ })).toEqual(['tertial-2-2026']);
    const round = (await stores.rounds.get('tertial-2-2026'))!.value;
    expect(round).toMatchObject({
      title: 'Tertial 2 2026',
      year: 2026,
      timeZone: TZ,
      createdBy: 'schedule',
      opensAt: new Date('2026-09-01T06:00:00Z'), // 08:00 CEST
      dueAt: new Date('2026-09-15T21:59:59.999Z'),
    });
    expect(await stores.audit.listDay('2026-08-20')).toEqual([
      expect.objectContaining({ actor: 'schedule', action: 'round.created', subject: 'round:tertial-2-2026' }),
    ]);
  });

  it('creates it once: a second tick, or a second process at the same time, changes nothing', async () => {
    const stores = await storesWith(tertial);
    const clock = clockAt('2026-08-20T08:00:00Z');
    const deps = { stores, clock, log: silentLogger };
    const both = await Promise.all([generateRounds(deps, { timeZone: TZ }), generateRounds(deps, { timeZone: TZ })]);
    expect(both.flat()).toEqual(['tertial-2-2026']);
    clock.set('2026-08-21T08:00:00Z');
    expect(await generateRounds(deps, { timeZone: TZ })).toEqual([]);
    expect((await stores.rounds.list()).map((r) => r.id)).toEqual(['tertial-2-2026']);
  });

  it('counts a round a coordinator created with the same id as done', async () => {
    const stores = await storesWith({ kind: 'yearly', opens: '03-01', due: '04-01' });
    const clock = clockAt('2026-02-01T08:00:00Z');
    await createRound(
      { stores, clock },
      { title: 'Uppföljning KF 2026', year: '2026', opensDate: '2026-02-16', dueDate: '2026-03-16' },
      { createdBy: 'alexw@example.com', timeZone: TZ },
    );
    clock.set('2026-02-20T08:00:00Z');
    expect(await generateRounds({ stores, clock, log: silentLogger }, { timeZone: TZ })).toEqual([]);
    expect((await stores.rounds.get('uppfoljning-kf-2026'))!.value.createdBy).toBe('alexw@example.com');
  });

  it('creates an open round at once when the cadence is set after its opening', async () => {
    const stores = await storesWith(tertial);
    const clock = clockAt('2026-09-10T08:00:00Z');
    expect(await generateRounds({ stores, clock, log: silentLogger }, { timeZone: TZ })).toEqual(['tertial-2-2026']);
  });

  it('never creates a round whose due date has passed, after months without a tick', async () => {
    const stores = await storesWith(tertial);
    const clock = clockAt('2027-03-01T08:00:00Z');
    expect(await generateRounds({ stores, clock, log: silentLogger }, { timeZone: TZ })).toEqual([]);
    clock.set('2027-04-19T08:00:00Z');
    expect(await generateRounds({ stores, clock, log: silentLogger }, { timeZone: TZ })).toEqual(['tertial-1-2027']);
  });

  it('follows a year of ticks: one round per tertial, each created 14 days before it opens', async () => {
    const stores = await storesWith(tertial);
    const clock = clockAt('2026-01-01T12:00:00Z');
    const createdOn: Record<string, string> = {};
    for (let day = 0; day < 400; day++) {
      clock.set(new Date(Date.UTC(2026, 0, 1 + day, 12)).toISOString());
      for (const id of await generateRounds({ stores, clock, log: silentLogger }, { timeZone: TZ })) {
        createdOn[id] = clock.now().toISOString().slice(0, 10);
      }
    }
    expect(createdOn).toEqual({
      'tertial-3-2025': '2026-01-01', // opens Friday 2 January 2026: inside its window at the first tick
      'tertial-1-2026': '2026-04-20', // opens Monday 4 May (1 May is första maj)
      'tertial-2-2026': '2026-08-18', // opens Tuesday 1 September
      'tertial-3-2026': '2026-12-21', // opens Monday 4 January 2027
      // Tertial 1 2027 opens Monday 3 May 2027, 14 days after 19 April: past the last tick.
    });
  });

  it('creates rounds a chosen number of days ahead', async () => {
    const stores = await storesWith(tertial);
    const clock = clockAt('2026-08-20T08:00:00Z');
    expect(await generateRounds({ stores, clock, log: silentLogger }, { timeZone: TZ, daysBefore: 3 })).toEqual([]);
    clock.set('2026-08-29T08:00:00Z');
    expect(await generateRounds({ stores, clock, log: silentLogger }, { timeZone: TZ, daysBefore: 3 })).toEqual(['tertial-2-2026']);
  });
});

describe('a stored cadence that is not valid', () => {
  it('creates nothing and does not throw, so the rest of the tick runs', async () => {
    const stores = createMemoryStores();
    const content = JSON.parse(JSON.stringify(demoJson)) as Parameters<Stores['registers']['saveVersion']>[0];
    await stores.registers.saveVersion(
      { ...content, schedule: { cadence: { kind: 'yearly', opens: '13-45', due: '04-01' } } },
      { importedBy: 'x', importedAt: new Date('2026-01-01T00:00:00Z'), source: 'register.json' },
    );
    const errors: string[] = [];
    const log = { ...silentLogger, error: (event: string) => errors.push(event) };
    expect(await generateRounds({ stores, clock: clockAt('2026-02-20T08:00:00Z'), log }, { timeZone: TZ })).toEqual([]);
    expect(errors).toEqual(['round.schedule-invalid']);
  });
});
