// New rows of one partition asked for at once are written together: while a write to a
// partition is in flight, the rows asked for meanwhile wait, and go out as one transaction
// (an entity group, at most 100 rows) when it completes. A row asked for alone is written at
// once, as a single insert. Each caller is answered only once its row is stored, so nothing is
// reported done before it is. A transaction is all or nothing: when one fails, its rows are
// written one by one, so that each caller gets the outcome of its own row.

import type { TableClient } from '@azure/data-tables';
import type { Entity } from './entity';

/** The service takes at most 100 operations and 4 MiB per transaction; the bytes are estimated, so with room. */
const MAX_ROWS = 100;
const MAX_BYTES = 2 * 1024 * 1024;

interface Waiting {
  row: Entity;
  bytes: number;
  resolve: () => void;
  reject: (err: unknown) => void;
}

export class GroupCommit {
  /** The rows waiting per partition, for the partitions with a write in flight. */
  private readonly queues = new Map<string, Waiting[]>();

  constructor(private readonly client: Pick<TableClient, 'createEntity' | 'submitTransaction'>) {}

  /** Inserts the row; resolves once it is stored. */
  create(row: Entity): Promise<void> {
    return new Promise((resolve, reject) => {
      const waiting = { row, bytes: Buffer.byteLength(JSON.stringify(row), 'utf8'), resolve, reject };
      const queue = this.queues.get(row.partitionKey);
      if (queue) {
        queue.push(waiting);
        return;
      }
      this.queues.set(row.partitionKey, [waiting]);
      void this.drain(row.partitionKey);
    });
  }

  private async drain(partition: string): Promise<void> {
    const queue = this.queues.get(partition)!;
    while (queue.length > 0) await this.write(takeGroup(queue));
    this.queues.delete(partition);
  }

  private async write(group: Waiting[]): Promise<void> {
    try {
      if (group.length === 1) await this.client.createEntity(group[0].row);
      else await this.client.submitTransaction(group.map((w) => ['create', w.row]));
      for (const w of group) w.resolve();
    } catch (err) {
      if (group.length === 1) return group[0].reject(err);
      // Nothing of the transaction was stored: each row on its own, with its own outcome.
      for (const w of group) await this.write([w]);
    }
  }
}

/** The longest run from the front of the queue that fits in one transaction. */
function takeGroup(queue: Waiting[]): Waiting[] {
  let count = 0;
  let bytes = 0;
  while (count < queue.length && count < MAX_ROWS && (count === 0 || bytes + queue[count].bytes <= MAX_BYTES)) {
    bytes += queue[count].bytes;
    count++;
  }
  return queue.splice(0, count);
}
