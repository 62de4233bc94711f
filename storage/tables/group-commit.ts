// Writes to one partition asked for at once go out together: while a write to a partition is
// in flight, the writes asked for meanwhile wait, and go out as one transaction (an entity
// group, at most 100 operations) when it completes. A write asked for alone goes out at once,
// as it would without this (a single insert, or its own transaction). Each caller is answered
// only once its write is stored, so nothing is reported done before it is, with the ETag each
// of its rows was stored with (a read model then keeps the row without reading it back). A
// transaction is all or nothing: when one fails, its writes go out each on its own, so that each
// caller gets the outcome of its own (a stale ETag, a row that exists), as if it had been alone.

import type { TableClient, TransactionAction } from '@azure/data-tables';
import type { Entity } from './entity';

/** The service takes at most 100 operations and 4 MiB per transaction; the bytes are estimated, so with room. */
const MAX_ACTIONS = 100;
const MAX_BYTES = 2 * 1024 * 1024;

/** The ETag each action left its row with, in the order of the actions (none for a delete). */
export type Etags = (string | undefined)[];

interface Waiting {
  actions: TransactionAction[];
  bytes: number;
  resolve: (etags: Etags) => void;
  reject: (err: unknown) => void;
}

export class GroupCommit {
  /** The rows waiting per partition, for the partitions with a write in flight. */
  private readonly queues = new Map<string, Waiting[]>();

  constructor(private readonly client: Pick<TableClient, 'createEntity' | 'upsertEntity' | 'submitTransaction'>) {}

  /** Inserts the row; resolves once it is stored. */
  async create(row: Entity): Promise<void> {
    await this.submit(row.partitionKey, [['create', row]]);
  }

  /** Applies the actions (all of `partition`) together, as a transaction of their own would; resolves with their rows' ETags. */
  submit(partition: string, actions: TransactionAction[]): Promise<Etags> {
    return new Promise((resolve, reject) => {
      const waiting = { actions, bytes: Buffer.byteLength(JSON.stringify(actions), 'utf8'), resolve, reject };
      const queue = this.queues.get(partition);
      if (queue) {
        queue.push(waiting);
        return;
      }
      this.queues.set(partition, [waiting]);
      void this.drain(partition);
    });
  }

  private async drain(partition: string): Promise<void> {
    const queue = this.queues.get(partition)!;
    while (queue.length > 0) await this.write(takeGroup(queue));
    this.queues.delete(partition);
  }

  private async write(group: Waiting[]): Promise<void> {
    try {
      const etags = await this.send(group.flatMap((w) => w.actions));
      let from = 0;
      for (const w of group) w.resolve(etags.slice(from, (from += w.actions.length)));
    } catch (err) {
      if (group.length === 1) return group[0].reject(err);
      // Usually nothing of the transaction was stored: each row on its own, with its own outcome,
      // all at once (the rows of a group are distinct, so their order does not matter), so that
      // one refused row (an inbox claim of a redelivered activity) does not hold up a hundred
      // others. When the service applied it but the answer was lost (a connection reset, a
      // timeout), each row then meets itself: the caller must tell its own row from another's
      // (the inbox's claim token).
      await Promise.all(group.map((w) => this.write([w])));
    }
  }

  private async send(actions: TransactionAction[]): Promise<Etags> {
    const [only] = actions;
    if (actions.length === 1 && only[0] === 'create') return [(await this.client.createEntity(only[1])).etag];
    if (actions.length === 1 && only[0] === 'upsert') return [(await this.client.upsertEntity(only[1], only[2])).etag];
    // The answers come in the order of the actions.
    const { subResponses } = await this.client.submitTransaction(actions);
    return actions.map((_, i) => subResponses[i]?.etag);
  }
}

/**
 * The longest run from the front of the queue that fits in one transaction. A transaction may
 * touch a row only once (the service refuses the whole of it otherwise): a second write to a
 * row in the run waits for the next one, after the first.
 */
function takeGroup(queue: Waiting[]): Waiting[] {
  let count = 0;
  let actions = 0;
  let bytes = 0;
  const rows = new Set<string>();
  const rowsOf = (w: Waiting) => w.actions.map(([, entity]) => entity.rowKey);
  const fits = (next: Waiting) =>
    actions + next.actions.length <= MAX_ACTIONS && bytes + next.bytes <= MAX_BYTES && !rowsOf(next).some((row) => rows.has(row));
  while (count < queue.length && (count === 0 || fits(queue[count]))) {
    actions += queue[count].actions.length;
    bytes += queue[count].bytes;
    for (const row of rowsOf(queue[count])) rows.add(row);
    count++;
  }
  return queue.splice(0, count);
}
