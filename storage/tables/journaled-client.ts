// A TableClient for the embedded storage that journals what it wrote: every write the stores make
// goes to Azurite first and then, once Azurite has answered, as the state it left and the
// service's time of it (from the ETag), to the journal; it is reported done only when the
// journal is on disk. A Merge leaves a state the caller did not send, so it is read back.
// Writes to one entity are made one after the other, so that the journal holds them in the
// order Azurite applied them. Reads and writes wait while the emulator is being restarted and
// go to wherever it runs now (it may come back on another port).
//
// Only the calls the stores make are offered; anything else throws rather than write around the
// journal.

import type {
  TableClient,
  TableEntity,
  TableTransactionResponse,
  TransactionAction,
  UpdateMode,
} from '@azure/data-tables';
import { odata } from '@azure/data-tables';
import { finalStates, writeTimeOf, type JournalOp, type WriteJournal } from '../journal';
import { ensureTable, statusOf, submitInChunks } from './entity';

export interface JournaledTables {
  journal: WriteJournal;
  /** The client of a table on the emulator as it runs now. */
  client(table: string): TableClient;
  /** Resolves when the emulator is up (at once, unless it is being restarted). */
  whenUp(): Promise<void>;
}

type Keyed = { partitionKey?: string; rowKey?: string };
const keyOf = (table: string, e: Keyed) => JSON.stringify([table, e.partitionKey ?? '', e.rowKey ?? '']);

/** Chains work per entity: a write waits for the earlier writes to the same entities. */
class EntityOrder {
  private tails = new Map<string, Promise<unknown>>();

  run<T>(keys: string[], work: () => Promise<T>): Promise<T> {
    const before = keys.map((k) => this.tails.get(k)).filter(Boolean);
    const result = Promise.all(before).then(work, work);
    const tail = result.catch(() => undefined);
    for (const k of keys) this.tails.set(k, tail);
    void tail.then(() => {
      for (const k of keys) if (this.tails.get(k) === tail) this.tails.delete(k);
    });
    return result;
  }
}

const READS = new Set(['getEntity']);

export function journaledTableClient(table: string, tables: JournaledTables): TableClient {
  const order = new EntityOrder();
  const journal = tables.journal;
  const target = () => tables.client(table);

  /** The state a write left, at the service's time of it (from the ETag it answered with). */
  const put = (entity: Record<string, unknown>, etag: string | undefined): JournalOp => {
    const at = writeTimeOf(etag);
    return at ? { op: 'put', table, entity, at } : { op: 'put', table, entity };
  };

  /** Reads back what a Merge left (the journal must hold the whole entity). */
  const readBack = async (e: Keyed): Promise<JournalOp> => {
    const stored = await target().getEntity<Record<string, unknown>>(e.partitionKey ?? '', e.rowKey ?? '');
    return put(stored, stored.etag);
  };

  const write = async <T>(entities: Keyed[], perform: () => Promise<T>, effects: (result: T) => Promise<JournalOp[]>): Promise<T> => {
    await tables.whenUp();
    return order.run(
      entities.map((e) => keyOf(table, e)),
      async () => {
        const result = await perform();
        await journal.append(await effects(result));
        return result;
      },
    );
  };

  /** upsertEntity and updateEntity: a Replace leaves what was sent, a Merge is read back. */
  const writeEntity =
    (call: 'upsertEntity' | 'updateEntity') =>
    (entity: TableEntity, mode: UpdateMode = 'Merge', options?: object) =>
      write(
        [entity],
        () => target()[call](entity, mode, options),
        async (result) => [mode === 'Replace' ? put(entity, result.etag) : await readBack(entity)],
      );

  const methods = {
    async createTable() {
      await tables.whenUp();
      // The SDK hides "already exists" (409) in some answers: the status tells what happened.
      let status: number | undefined;
      try {
        await target().createTable({ onResponse: (response) => (status = response.status) });
      } catch (err) {
        if (statusOf(err) === 409) return;
        throw err;
      }
      if (status !== 409) await journal.append([{ op: 'table', table }]);
    },
    createEntity(entity: TableEntity, options?: object) {
      return write([entity], () => target().createEntity(entity, options), async (result) => [put(entity, result.etag)]);
    },
    upsertEntity: writeEntity('upsertEntity'),
    updateEntity: writeEntity('updateEntity'),
    deleteEntity(partitionKey: string, rowKey: string, options?: object) {
      return write(
        [{ partitionKey, rowKey }],
        () => target().deleteEntity(partitionKey, rowKey, options),
        async () => [{ op: 'delete', table, partitionKey, rowKey }],
      );
    },
    submitTransaction(actions: TransactionAction[]): Promise<TableTransactionResponse> {
      return write(
        actions.map((a) => a[1]),
        () => target().submitTransaction(actions),
        async (result) => {
          const ops: JournalOp[] = [];
          for (const [index, [kind, entity, mode]] of actions.entries()) {
            // Sub-responses come in the order of the operations.
            const etag = result.subResponses[index]?.etag;
            if (kind === 'delete') ops.push({ op: 'delete', table, partitionKey: entity.partitionKey, rowKey: entity.rowKey });
            else if (kind === 'create' || mode === 'Replace') ops.push(put(entity, etag));
            else ops.push(await readBack(entity));
          }
          return ops;
        },
      );
    },
    listEntities(options?: Parameters<TableClient['listEntities']>[0]) {
      // The SDK's iterator is made synchronously; this one waits for the emulator on first use.
      const all = (async function* () {
        await tables.whenUp();
        yield* target().listEntities(options);
      })();
      return Object.assign(all, {
        byPage: (settings?: Parameters<ReturnType<TableClient['listEntities']>['byPage']>[0]) =>
          (async function* () {
            await tables.whenUp();
            yield* target().listEntities(options).byPage(settings);
          })(),
      });
    },
  };

  return new Proxy({} as TableClient, {
    get(_obj, prop) {
      if (typeof prop === 'symbol') return undefined; // e.g. util.inspect's: nothing to show
      if (prop === 'tableName') return table;
      if (typeof prop === 'string' && prop in methods) return methods[prop as keyof typeof methods];
      if (typeof prop === 'string' && READS.has(prop)) {
        return async (...args: unknown[]) => {
          await tables.whenUp();
          const client = target() as unknown as Record<string, (...a: unknown[]) => Promise<unknown>>;
          return client[prop](...args);
        };
      }
      if (prop === 'then') return undefined; // not a promise
      throw new Error(`TableClient.${String(prop)} is not available on the journaled embedded storage`);
    },
  });
}

/**
 * Makes the emulator hold what the journal says: the tables, then each entity's last state as an
 * unconditional write (or delete). Safe to repeat, and to interrupt and start again.
 *
 * A state journaled with the service's time of its write is written only where the emulator
 * holds the entity in an older state or not at all. One it holds newer was written later, by a
 * write confirmed since (then journaled later, and that is the state replayed) or by one never
 * confirmed, whose Azurite answered but whose journal line was not synced before a crash.
 * Azurite's saved state is one snapshot, so such a write is in it whole, every operation of its
 * transaction, or not at all: leaving it as it is keeps the transaction whole (an answer's new
 * version row and its `current` row agree), where writing back the journaled state would tear it.
 */
export async function replayJournal(ops: JournalOp[], client: (table: string) => TableClient): Promise<number> {
  const { tables, entities } = finalStates(ops);
  for (const table of tables) await ensureTable(client(table));
  // Upserts of one partition go in transactions; partitions in parallel, a few at a time.
  const partitions = new Map<string, { table: string; partitionKey: string; puts: Array<Extract<JournalOp, { op: 'put' }>> }>();
  const deletes: Array<Extract<JournalOp, { op: 'delete' }>> = [];
  for (const op of entities) {
    if (op.op === 'delete') {
      deletes.push(op);
    } else if (op.op === 'put') {
      const partitionKey = String(op.entity.partitionKey);
      const key = JSON.stringify([op.table, partitionKey]);
      const group = partitions.get(key) ?? { table: op.table, partitionKey, puts: [] };
      group.puts.push(op);
      partitions.set(key, group);
    }
  }
  let written = 0;
  const groups = [...partitions.values()];
  const worker = async () => {
    for (let group = groups.shift(); group; group = groups.shift()) {
      const held = group.puts.some((op) => op.at) ? await writeTimesIn(client(group.table), group.partitionKey) : new Map<string, string>();
      const stale = group.puts.filter((op) => {
        const heldAt = held.get(String(op.entity.rowKey));
        return !op.at || heldAt === undefined || heldAt < op.at;
      });
      written += stale.length;
      await submitInChunks(
        client(group.table),
        stale.map((op) => ['upsert', op.entity as TableEntity, 'Replace']),
      );
    }
  };
  await Promise.all(Array.from({ length: 4 }, worker));
  for (const op of deletes) {
    try {
      await client(op.table).deleteEntity(op.partitionKey, op.rowKey);
    } catch (err) {
      if (statusOf(err) !== 404) throw err;
    }
  }
  return written + deletes.length;
}

/** The service's time of the last write of each entity in a partition, by row key: one query. */
async function writeTimesIn(client: TableClient, partitionKey: string): Promise<Map<string, string>> {
  const times = new Map<string, string>();
  try {
    for await (const entity of client.listEntities({ queryOptions: { filter: odata`PartitionKey eq ${partitionKey}`, select: ['RowKey'] } })) {
      const at = writeTimeOf(entity.etag);
      if (at && entity.rowKey !== undefined) times.set(entity.rowKey, at);
    }
  } catch (err) {
    if (statusOf(err) !== 404) throw err; // no table yet: nothing held
  }
  return times;
}
