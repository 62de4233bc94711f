// A store never writes a row its own reader refuses, and its lists skip (and report) a row that
// got there some other way, so that one bad row does not make the whole list fail. In Azurite.

import type { AppDeps } from '../../bot/app/deps';
import { reportUnreadableRows } from '../../bot/app/unreadable-rows';
import type { Contact } from '../../bot/domain/contact';
import type { Stores, UnreadableRow } from '../../storage/ports';
import { createTableStores, StorageLimitError, TABLE_NAMES } from '../../storage/tables';
import { contact, FixedDirectory, RecordingMessenger } from '../support/app-fixture';
import { createRecordingLogger, type RecordingLogger } from '../support/recording-logger';
import { azuriteConnectionString, testTableClient, uniqueTablePrefix } from '../support/storage';

const at = new Date('2019-03-05T09:00:00Z');
const anna: Contact = { aadObjectId: 'aad-anna', teamsUserId: '29:anna', name: 'Anna Andersson', updatedAt: at };

describe('rows the stores cannot read', () => {
  let stores: Stores;
  let prefix: string;
  let skipped: UnreadableRow[];
  const table = (name: keyof typeof TABLE_NAMES) => testTableClient(prefix + TABLE_NAMES[name]);

  beforeEach(async () => {
    prefix = uniqueTablePrefix();
    stores = await createTableStores(azuriteConnectionString(), { tablePrefix: prefix });
    skipped = [];
    stores.unreadable.subscribe((row) => skipped.push(row));
  });

  it('are never written: a contact whose name is not text is refused, and nothing is stored', async () => {
    const odd = { ...anna, name: 123 } as unknown as Contact;
    await expect(stores.contacts.save(odd)).rejects.toThrow(StorageLimitError);
    await expect(stores.contacts.save({ ...anna, name: undefined } as unknown as Contact)).rejects.toThrow(/would not read back/);
    expect(await stores.contacts.list()).toEqual([]);
  });

  it('are never written: a round without a title, a delivery of an unknown outcome', async () => {
    const round = { id: 'r', year: 2019, timeZone: 'Europe/Stockholm', opensAt: at, dueAt: at, closesAt: at, createdBy: 't', createdAt: at };
    await expect(stores.rounds.create(round as never)).rejects.toThrow(StorageLimitError);
    const delivery = { roundId: 'r', id: 'prompt:drog', kind: 'prompt', planId: 'drog', recipient: 'a@k.se', outcome: 'lost', claimedAt: at };
    await expect(stores.deliveries.claim(delivery as never)).rejects.toThrow(StorageLimitError);
    expect(await stores.rounds.list()).toEqual([]);
  });

  it('are skipped by the contacts list and reported, while every other contact is listed', async () => {
    await stores.contacts.save(anna);
    await table('contacts').createEntity({ partitionKey: 'contact', rowKey: 'bad', aadObjectId: 'bad', teamsUserId: '29:bad', name: 123, updatedAt: at });
    expect((await stores.contacts.list()).map((c) => c.name)).toEqual(['Anna Andersson']);
    expect(skipped).toEqual([{ table: prefix + TABLE_NAMES.contacts, partitionKey: 'contact', rowKey: 'bad', problem: 'Stored entity bad lacks name' }]);
  });

  it('are skipped by the lists of installations, deliveries, answers, rounds, settings and audit', async () => {
    await table('installations').createEntity({ partitionKey: 'installation', rowKey: 'bad', conversationId: 'bad', kind: 'spaceship', installedAt: at });
    await table('deliveries').createEntity({ partitionKey: 'r', rowKey: 'bad', roundId: 'r', outcome: 'sent' });
    await table('answers').createEntity({ partitionKey: 'r', rowKey: 'current:bad', roundId: 'r', state: 'submitted' });
    await table('answers').createEntity({ partitionKey: 'r', rowKey: 'version:bad:0000000001', roundId: 'r', state: 'submitted' });
    await table('rounds').createEntity({ partitionKey: 'round', rowKey: 'bad', id: 'bad' });
    await table('settings').createEntity({ partitionKey: 'round:r', rowKey: 'bad', roundId: 'r' });
    await table('settings').createEntity({ partitionKey: 'absences', rowKey: 'bad', address: 'bad@k.se' });
    await table('audit').createEntity({ partitionKey: '2019-03-05', rowKey: 'bad', actor: 'x' });
    await stores.audit.record({ at, actor: 'system', action: 'test', subject: 'x' });

    expect(await stores.installations.list()).toEqual([]);
    expect(await stores.deliveries.list('r')).toEqual([]);
    expect(await stores.answers.listCurrent('r')).toEqual([]);
    expect(await stores.answers.listVersions('r')).toEqual([]);
    expect(await stores.rounds.list()).toEqual([]);
    expect(await stores.settings.listPlans('r')).toEqual([]);
    expect(await stores.settings.listAbsences()).toEqual([]);
    expect((await stores.audit.listDay('2019-03-05')).map((e) => e.action)).toEqual(['test']);
    expect(skipped.map((r) => r.table.slice(prefix.length))).toEqual([
      TABLE_NAMES.installations, TABLE_NAMES.deliveries, TABLE_NAMES.answers, TABLE_NAMES.answers,
      TABLE_NAMES.rounds, TABLE_NAMES.settings, TABLE_NAMES.settings, TABLE_NAMES.audit,
    ]);
  });
});

describe('the report of a row the stores cannot read', () => {
  const LEASE_MS = 300_000;
  const coordinator = 'samordnare@kalmar.se';
  let stores: Stores;
  let prefix: string;
  let log: RecordingLogger;
  let messenger: RecordingMessenger;
  let now: Date;
  const logged = (event: string) => log.events.filter((e) => e.event === event);

  /** Waits for the report, which runs beside the list that met the row. */
  async function until(check: () => boolean, what: string): Promise<void> {
    for (const started = Date.now(); !check(); ) {
      if (Date.now() - started > 5_000) throw new Error(`Timed out waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  beforeEach(async () => {
    prefix = uniqueTablePrefix();
    stores = await createTableStores(azuriteConnectionString(), { tablePrefix: prefix });
    now = at;
    log = createRecordingLogger();
    messenger = new RecordingMessenger();
    await stores.registers.saveVersion({ plans: [], people: [{ id: coordinator, name: 'Sara Samordnare' }], coordinators: [coordinator] }, { importedBy: 'test', importedAt: at, source: 'test' });
    await stores.contacts.save(contact(coordinator));
    const deps: AppDeps = { stores, clock: { now: () => now }, messenger, directory: new FixedDirectory(), log, officeHours: 'always', sending: { deliveryLeaseMs: LEASE_MS } };
    reportUnreadableRows(deps);
    await testTableClient(prefix + TABLE_NAMES.contacts).createEntity({ partitionKey: 'contact', rowKey: 'bad', aadObjectId: 'bad', teamsUserId: '29:bad', name: 123, updatedAt: at });
  });

  /** Makes the store's method fail the first time it is called, as when storage is briefly unavailable. */
  function failOnce<T extends object>(store: T, method: keyof T & string): void {
    const original = (store[method] as (...args: unknown[]) => unknown).bind(store);
    let failed = false;
    (store as Record<string, unknown>)[method] = (...args: unknown[]) => {
      if (failed) return original(...args);
      failed = true;
      return Promise.reject(new Error('storage unavailable'));
    };
  }

  it.each([
    ['the register cannot be read to find the coordinators', () => failOnce(stores.registers, 'current')],
    ['the audit cannot be written after the coordinators were told', () => failOnce(stores.audit, 'record')],
  ])('is tried again by a later list once the lease expired when %s, and made once in all', async (_what, fail) => {
    fail();
    await stores.contacts.list();
    await until(() => logged('storage.unreadable-row-report-failed').length === 1, 'the first report to fail');

    now = new Date(at.getTime() + LEASE_MS + 1_000);
    await stores.contacts.list();
    await until(() => logged('storage.unreadable-row-told').length === 1, 'the report to be made');
    await stores.contacts.list(); // met again: reported already

    const audited = (await stores.audit.listDay('2019-03-05')).filter((e) => e.action === 'storage.unreadable-row');
    expect(audited.map((e) => e.details?.rowKey)).toEqual(['bad']);
    expect(messenger.sent.map((m) => [m.to.upn, m.text?.includes(`tabellen ${prefix}${TABLE_NAMES.contacts}`)])).toEqual([[coordinator, true]]);
    expect(logged('storage.unreadable-row')).toHaveLength(1);
    expect(logged('storage.unreadable-row-report-failed')).toHaveLength(1);
  });
});
