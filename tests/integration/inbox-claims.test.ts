// The inbox in Azurite: an activity Teams sent with a timestamp is claimed in the partition of
// its minute, so that the claims of many conversations at once share a transaction; each
// activity is still new exactly once, also delivered twice at once and to two processes, and a
// claim made in the earlier layout (a partition per conversation) still counts.

import { RestError, TableClient } from '@azure/data-tables';
import { tableClientOptions } from '../../storage/azurite';
import { createStorageMeter, type StorageMeter } from '../../storage/tables';
import { ensureTable } from '../../storage/tables/entity';
import { TableInboxStore, type StorageWarning } from '../../storage/tables/table-inbox-store';
import { azuriteConnectionString, testTableClient, uniqueTablePrefix } from '../support/storage';

/** More than the margin (a minute) before `sentAt`: the claims at `at` are by their minute alone. */
const startedAt = new Date('2026-03-10T08:30:00.000Z');
const at = new Date('2026-03-10T09:05:00.000Z');
const sentAt = new Date('2026-03-10T09:04:59.120Z');
const conversation = (i: number) => `a:1on1-officer-${i}`;

/** A lost answer: the request was carried out, the connection then reset. */
const connectionReset = () => Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' });

/** A store of the table, as one process has it, that has made its first claim at `startedAt`; its requests counted by `meter`. */
async function inboxStore(
  table: string,
  meter: StorageMeter,
  fault: (client: TableClient) => void = () => {},
  warn?: StorageWarning,
): Promise<TableInboxStore> {
  const connectionString = azuriteConnectionString();
  const client = TableClient.fromConnectionString(connectionString, table, { ...tableClientOptions(connectionString), additionalPolicies: [meter.policy] });
  fault(client);
  const store = new TableInboxStore(client, warn);
  await store.claim('a:welcomed', 'welcome', startedAt);
  return store;
}

describe('inbox claims of activities sent with a timestamp', () => {
  let table: string;
  let meter: StorageMeter;
  let inbox: TableInboxStore;

  beforeEach(async () => {
    table = `${uniqueTablePrefix()}Inbox`;
    await ensureTable(testTableClient(table));
    meter = createStorageMeter();
    inbox = await inboxStore(table, meter);
  });

  it('an activity delivered twice is new once', async () => {
    expect(await inbox.claim(conversation(1), 'activity-1', at, sentAt)).toBe(true);
    expect(await inbox.claim(conversation(1), 'activity-1', at, sentAt)).toBe(false);
    expect(await inbox.claim(conversation(1), 'activity-2', at, sentAt)).toBe(true);
    expect(await inbox.claim(conversation(2), 'activity-1', at, sentAt)).toBe(true);
  });

  it('claims of many conversations at once share transactions', async () => {
    meter.reset();
    const claims = await Promise.all(Array.from({ length: 200 }, (_, i) => inbox.claim(conversation(i), `activity-${i}`, at, sentAt)));
    expect(claims.every(Boolean)).toBe(true);
    // The first alone; the 199 that came meanwhile in transactions of at most 100.
    expect(meter.requests).toBe(3);
  });

  it('an activity delivered twice at once, among others, is new once and the others all are', async () => {
    const deliveries = Array.from({ length: 50 }, (_, i) => ({ conversation: conversation(i), id: `activity-${i}` }));
    deliveries.push(deliveries[7], deliveries[30], deliveries[30]);
    const claims = await Promise.all(deliveries.map((d) => inbox.claim(d.conversation, d.id, at, sentAt)));
    const newOnes = (id: string) => deliveries.filter((d, i) => d.id === id && claims[i]).length;
    expect(deliveries.map((d) => newOnes(d.id))).toEqual(deliveries.map(() => 1));
    expect(claims.filter(Boolean)).toHaveLength(50);
  });

  it('an activity delivered to two processes at once is new in one of them', async () => {
    const other = await inboxStore(table, meter);
    const deliveries = Array.from({ length: 40 }, (_, i) => ({ conversation: conversation(i), id: `activity-${i}` }));
    const [mine, theirs] = await Promise.all([inbox, other].map((store) => Promise.all(deliveries.map((d) => store.claim(d.conversation, d.id, at, sentAt)))));
    expect(deliveries.map((_, i) => Number(mine[i]) + Number(theirs[i]))).toEqual(deliveries.map(() => 1));
  });

  it('an activity sent before the store\'s first claim is not new when an earlier version claimed it by its conversation', async () => {
    const before = new Date('2026-03-10T08:29:58.000Z');
    // As the earlier version of the bot claimed it: no timestamp given, a partition per conversation.
    expect(await inbox.claim(conversation(1), 'activity-1', before)).toBe(true);
    expect(await inbox.claim(conversation(1), 'activity-1', at, before)).toBe(false);
    expect(await inbox.claim(conversation(1), 'activity-2', at, before)).toBe(true);
    expect(await inbox.claim(conversation(1), 'activity-2', at, before)).toBe(false);
  });

  it('a store\'s first claim, of an activity sent before it, also looks in the earlier layout', async () => {
    const fresh = new TableInboxStore(testTableClient(table));
    await inbox.claim(conversation(1), 'activity-1', startedAt);
    expect(await fresh.claim(conversation(1), 'activity-1', at, sentAt)).toBe(false);
  });

  it('an activity sent more than the margin after the store\'s first claim is claimed by its minute alone', async () => {
    meter.reset();
    expect(await inbox.claim(conversation(1), 'activity-1', at, sentAt)).toBe(true);
    expect(meter.requests).toBe(1);
  });

  it('an activity sent within the margin after the store\'s first claim is also claimed by its conversation', async () => {
    const soon = new Date(startedAt.getTime() + 30_000);
    meter.reset();
    expect(await inbox.claim(conversation(1), 'activity-1', soon, soon)).toBe(true);
    expect(meter.requests).toBe(2);
  });

  it('with the server\'s clock behind Teams\', an activity an earlier version claimed by its conversation is not new', async () => {
    // As the earlier version of the bot claimed it, at 09:05:00 by Teams' clock.
    expect(await inbox.claim(conversation(1), 'activity-1', at)).toBe(true);
    // A new process, its clock 20 s behind, makes its first claim with the redelivery.
    const behind = new TableInboxStore(testTableClient(table));
    expect(await behind.claim(conversation(1), 'activity-1', new Date(at.getTime() - 5_000), at)).toBe(false);
  });

  it('a claim without a timestamp (a welcome, an upload applied) stays in the partition of its conversation', async () => {
    expect(await inbox.claim(conversation(1), 'welcome', at)).toBe(true);
    expect(await inbox.claim(conversation(1), 'welcome', at)).toBe(false);
    expect(await inbox.claim(conversation(1), 'welcome', at, sentAt)).toBe(true);
  });

  it('a transaction the service applied whose answer was lost still makes each of its claims new, and a redelivery not', async () => {
    const lostAnswer = await inboxStore(table, meter, (client) => {
      const submit = client.submitTransaction.bind(client);
      client.submitTransaction = async (actions) => {
        await submit(actions);
        throw connectionReset();
      };
    });
    // The first goes alone; the twenty that come meanwhile share the transaction whose answer is lost.
    const deliveries = Array.from({ length: 21 }, (_, i) => ({ conversation: conversation(i), id: `activity-${i}` }));
    const claims = await Promise.all(deliveries.map((d) => lostAnswer.claim(d.conversation, d.id, at, sentAt)));
    expect(claims).toEqual(deliveries.map(() => true));
    expect(await lostAnswer.claim(conversation(5), 'activity-5', at, sentAt)).toBe(false);
    expect(await inbox.claim(conversation(5), 'activity-5', at, sentAt)).toBe(false);
  });

  it('an activity sent before the store\'s first claim whose claim by its conversation fails is new, with a warning, and its redelivery not', async () => {
    const before = new Date('2026-03-10T08:29:58.000Z');
    const warnings: string[] = [];
    const failing = await inboxStore(
      table,
      meter,
      (client) => {
        const create = client.createEntity.bind(client);
        client.createEntity = async (row, options) => {
          if (row.rowKey === 'activity-1') throw new RestError('Internal error', { statusCode: 500 });
          return create(row, options);
        };
      },
      (event) => warnings.push(event),
    );
    expect(await failing.claim(conversation(1), 'activity-1', at, before)).toBe(true);
    expect(warnings).toEqual(['inbox.earlier-layout-claim-failed']);
    expect(await inbox.claim(conversation(1), 'activity-1', at, before)).toBe(false);
  });
});
