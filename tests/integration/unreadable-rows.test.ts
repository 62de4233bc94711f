// A store never writes a row its own reader refuses, and its lists skip (and report) a row that
// got there some other way, so that one bad row does not make the whole list fail. In Azurite.

import type { Contact } from '../../bot/domain/contact';
import type { Stores, UnreadableRow } from '../../storage/ports';
import { createTableStores, StorageLimitError, TABLE_NAMES } from '../../storage/tables';
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
