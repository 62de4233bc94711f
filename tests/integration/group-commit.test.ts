// Rows of one partition asked for at once are written as one transaction, each caller answered
// once its own row is stored; a transaction that fails is written row by row. In Azurite.

import { benchAnswer, benchContact, BOT, officerAadId, TENANT_ID } from '../../bench/seed-round';
import { ConcurrencyError, type AuditEvent, type Stores } from '../../storage/ports';
import { createStorageMeter, createTableStores, type StorageMeter } from '../../storage/tables';
import { GroupCommit } from '../../storage/tables/group-commit';
import { ensureTable } from '../../storage/tables/entity';
import { azuriteConnectionString, testTableClient, uniqueTablePrefix } from '../support/storage';

const at = new Date('2026-03-10T09:00:00Z');
const event = (i: number): AuditEvent => ({ at: new Date(at.getTime() + i), actor: `aad-${i}`, action: 'answer.submitted', subject: `round:kf/plan:plan-${i}`, details: { version: 1 } });

describe('audit events recorded at once', () => {
  let stores: Stores;
  let meter: StorageMeter;

  beforeEach(async () => {
    meter = createStorageMeter();
    stores = await createTableStores(azuriteConnectionString(), { tablePrefix: uniqueTablePrefix(), meter });
    meter.reset();
  });

  it('are written as one insert when alone', async () => {
    await stores.audit.record(event(0));
    expect(meter.requests).toBe(1);
    expect(await stores.audit.listDay('2026-03-10')).toEqual([event(0)]);
  });

  it('share a transaction while another write of the day is in flight, and every one is stored', async () => {
    const events = Array.from({ length: 150 }, (_, i) => event(i));
    await Promise.all(events.map((e) => stores.audit.record(e)));
    // The first alone; the 149 that came meanwhile in transactions of at most 100.
    expect(meter.requests).toBe(3);
    meter.reset();
    expect(await stores.audit.listDay('2026-03-10')).toEqual(events);
  });
});

describe('answers appended at once to one round', () => {
  let stores: Stores;
  let meter: StorageMeter;

  beforeEach(async () => {
    meter = createStorageMeter();
    stores = await createTableStores(azuriteConnectionString(), { tablePrefix: uniqueTablePrefix(), meter });
  });

  it('share a transaction while another is in flight, and every one is stored', async () => {
    meter.reset();
    await Promise.all(Array.from({ length: 30 }, (_, i) => stores.answers.append(benchAnswer('kf', i, 1, 'submitted', at), null)));
    // The first alone; the 29 that came meanwhile (two rows each) in one transaction.
    expect(meter.requests).toBe(2);
    expect((await stores.answers.listProgress('kf')).map((a) => a.latest.version)).toEqual(Array.from({ length: 30 }, () => 1));
  });

  it('refuse only the one whose ETag is stale: the others of its transaction are stored', async () => {
    await stores.answers.append(benchAnswer('kf', 1, 1, 'draft', at), null);
    const read = (await stores.answers.current('kf', 'plan-1'))!;
    await stores.answers.append(benchAnswer('kf', 1, 2, 'draft', at), read.etag);
    const outcomes = await Promise.allSettled([
      stores.answers.append(benchAnswer('kf', 0, 1, 'submitted', at), null),
      stores.answers.append(benchAnswer('kf', 1, 2, 'submitted', at), read.etag),
      stores.answers.append(benchAnswer('kf', 2, 1, 'submitted', at), null),
      stores.answers.append(benchAnswer('kf', 3, 1, 'submitted', at), null),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
    expect((outcomes[1] as PromiseRejectedResult).reason).toBeInstanceOf(ConcurrencyError);
    const stored = await stores.answers.listProgress('kf');
    expect(stored.map((a) => [a.latest.planId, a.latest.version, a.latest.state])).toEqual([
      ['plan-0', 1, 'submitted'],
      ['plan-1', 2, 'draft'],
      ['plan-2', 1, 'submitted'],
      ['plan-3', 1, 'submitted'],
    ]);
  });
});

describe('contacts saved at once', () => {
  let stores: Stores;
  let meter: StorageMeter;

  beforeEach(async () => {
    meter = createStorageMeter();
    stores = await createTableStores(azuriteConnectionString(), { tablePrefix: uniqueTablePrefix(), meter });
    meter.reset();
  });

  const contact = (i: number, name = `Tjänsteperson ${i}`) => ({ ...benchContact(i, 'https://smba.example/', TENANT_ID, BOT, at), name });

  it('share a transaction while another save is in flight, and every one is stored', async () => {
    await Promise.all(Array.from({ length: 50 }, (_, i) => stores.contacts.save(contact(i))));
    // The first alone; the 49 that came meanwhile in one transaction.
    expect(meter.requests).toBe(2);
    expect((await stores.contacts.list()).map((c) => c.name).sort()).toEqual(Array.from({ length: 50 }, (_, i) => `Tjänsteperson ${i}`).sort());
  });

  it('of the same person twice are both applied, the later last, in transactions of their own', async () => {
    await Promise.all([stores.contacts.save(contact(0)), stores.contacts.save(contact(1, 'Första')), stores.contacts.save(contact(2)), stores.contacts.save(contact(1, 'Andra'))]);
    // The first alone, then Första with the next, then Andra: no transaction refused for touching a row twice.
    expect(meter.requests).toBe(3);
    expect((await stores.contacts.get(officerAadId(1)))?.name).toBe('Andra');
  });
});

describe('a transaction of waiting rows that fails', () => {
  it('is written row by row, so each caller gets the outcome of its own row', async () => {
    const client = testTableClient(`${uniqueTablePrefix()}Rows`);
    await ensureTable(client);
    const commits = new GroupCommit(client);
    const row = (rowKey: string) => ({ partitionKey: 'p', rowKey, text: rowKey });
    // a goes alone; b, b again (refused: it exists by then) and c wait, and their transaction fails on the duplicate.
    const outcomes = await Promise.allSettled([commits.create(row('a')), commits.create(row('b')), commits.create(row('b')), commits.create(row('c'))]);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
    const stored: string[] = [];
    for await (const e of client.listEntities()) stored.push(String(e.rowKey));
    expect(stored).toEqual(['a', 'b', 'c']);
  });

  it('writes the rows of a failed transaction at once, not one after another', async () => {
    const client = testTableClient(`${uniqueTablePrefix()}Rows`);
    await ensureTable(client);
    let inFlight = 0;
    let mostInFlight = 0;
    const counted: typeof client.createEntity = async (entity, options) => {
      mostInFlight = Math.max(mostInFlight, ++inFlight);
      try {
        return await client.createEntity(entity, options);
      } finally {
        inFlight--;
      }
    };
    const commits = new GroupCommit({ createEntity: counted, upsertEntity: client.upsertEntity.bind(client), submitTransaction: client.submitTransaction.bind(client) });
    const row = (rowKey: string) => ({ partitionKey: 'p', rowKey, text: rowKey });
    await client.createEntity(row('stored'));
    // first goes alone; the ten that wait share a transaction, which fails on the row stored before.
    const rows = ['first', ...Array.from({ length: 9 }, (_, i) => `r${i}`), 'stored'];
    const outcomes = await Promise.allSettled(rows.map((key) => commits.create(row(key))));
    expect(outcomes.map((o) => o.status)).toEqual([...rows.slice(0, -1).map(() => 'fulfilled'), 'rejected']);
    expect(mostInFlight).toBe(10);
  });
});
