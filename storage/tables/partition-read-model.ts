// A partition read whole once, then only what changed: the hot lists of a round (its current
// answers, deliveries, plan settings) and the rounds themselves. The first read of a partition
// is a full query; every later one asks the service only for the rows written since the newest
// Timestamp seen (`Timestamp ge …`), first as keys and ETags only and then whole from the
// oldest row not kept in that state, so a list that has not changed costs one small request,
// whatever the partition's size. Every call asks the storage: a change made by another process
// is seen at the next call, not after some time has passed. The list handed out is one frozen
// list per state of the rows.
//
// Rows are never deleted in these partitions (records are kept), so the rows written since are
// all that can differ. Timestamps are set by the service when it applies a write; writes in
// flight at once may become visible in another order than their Timestamps, but each within
// `overlapMs` (DEFAULT_OVERLAP_MS) of its Timestamp. So a row not yet seen has a Timestamp after
// both the newest one seen and the service's time of the last read (its `Date` header, to the
// second), less that margin: the next read asks from the later of the two. Rows read twice are
// simply replaced, and a row only replaces the kept one when its Timestamp is not older (two
// reads may overlap). A row this process wrote is kept as written, with the ETag the write
// returned (`wrote`): the next read still asks what changed, finds the row in that state and does
// not read it back whole.

import { odata, type TableClient } from '@azure/data-tables';
import { writeTimeOf } from '../journal';
import { ignoreSkippedRows, readOrSkip, SKIPPED, type Entity, type Props, type SkippedRowReport, type StoredEntity } from './entity';
import { deepFreeze, SingleFlight } from './single-flight';

/** Far longer than two writes to one partition can be apart in the order they become visible. */
export const DEFAULT_OVERLAP_MS = 5_000;

interface KeptRow<T> {
  value: T;
  timestamp: string;
  etag: string;
}

interface KeptPartition<T> {
  rows: Map<string, KeptRow<T>>;
  /** Rows skipped as unreadable, with the reason: a point read of one fails with it, as a direct read would. */
  refused: Map<string, string>;
  /** Rows with an older Timestamp (ms) than this are all among the kept ones. */
  seenBefore?: number;
  /** The values in key order, made once per state of the rows and shared by every caller until a row changes. */
  values?: readonly T[];
  /** Rows were added since the map was last in key order. */
  unsorted?: boolean;
}

/** What the stores let their owner set about their read models. */
export type ReadModelOptions = Pick<PartitionReadModelOptions<unknown>, 'overlapMs'>;

export interface PartitionReadModelOptions<T> {
  /** Only rows whose keys start with this (e.g. `current:`); all rows of the partition when absent. */
  rowPrefix?: { from: string; to: string };
  /** Only these properties are read (the service's `$select`); all when absent. */
  select?: string[];
  /** Reads one stored row; throws on a row that is not valid (which is then skipped and reported). */
  read: (row: StoredEntity) => T;
  /** Told of each row skipped as unreadable (once per process: a row is read again only when rewritten). */
  skipped?: SkippedRowReport;
  /** How far before the newest Timestamp seen each read looks back (tests: 0). */
  overlapMs?: number;
}

export class PartitionReadModel<T> {
  private readonly partitions = new Map<string, KeptPartition<T>>();
  private readonly reads = new SingleFlight<string, KeptPartition<T>>();

  constructor(
    private readonly client: TableClient,
    private readonly options: PartitionReadModelOptions<T>,
  ) {}

  /**
   * The rows of the partition in key order, as stored now. The list and its values are frozen
   * and shared: the same list is handed out until a row of the partition changes (here or in
   * another process, seen by the refresh every call makes), so a caller may key what it derives
   * from it by the list itself.
   */
  async list(partition: string): Promise<readonly T[]> {
    const kept = await this.read(partition);
    if (kept.unsorted) {
      // New rows come after the kept ones in the map: put them in key order, as a query returns them.
      kept.rows = new Map([...kept.rows].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
      kept.unsorted = false;
    }
    kept.values ??= Object.freeze([...kept.rows.values()].map((row) => row.value));
    return kept.values;
  }

  /** One row as stored now, with the ETag a conditional write must present. */
  async get(partition: string, rowKey: string): Promise<{ value: T; etag: string } | undefined> {
    const kept = await this.read(partition);
    const refused = kept.refused.get(rowKey);
    if (refused !== undefined) throw new Error(refused);
    const row = kept.rows.get(rowKey);
    return row && { value: row.value, etag: row.etag };
  }

  private async read(partition: string): Promise<KeptPartition<T>> {
    return this.reads.run(partition, () => this.refresh(partition));
  }

  /** This process wrote to the partition: the next list() reads anew rather than join a read begun before. */
  changed(partition: string): void {
    this.reads.forget(partition);
  }

  /**
   * This process stored `row` (as written) and the service answered with `etag`: it is kept in
   * that state, as a read would have found it, unless a newer state is kept already. Nothing is
   * kept for a partition not read yet, for a row outside the prefix, or when the ETag does not
   * tell the write's time (the next read then reads the row).
   */
  wrote(partition: string, row: Entity, etag: string | undefined): void {
    this.changed(partition);
    const kept = this.partitions.get(partition);
    const timestamp = writeTimeOf(etag);
    const key = String(row.rowKey);
    const prefix = this.options.rowPrefix;
    if (!kept || !etag || !timestamp || (prefix && (key < prefix.from || key >= prefix.to))) return;
    const before = kept.rows.get(key);
    if (before && !isOlder(before.timestamp, timestamp)) return;
    let value: T;
    try {
      value = deepFreeze(this.options.read({ ...row, etag, timestamp } as StoredEntity));
    } catch {
      return; // the stores write only rows that read back; if one does not, the next read reports it
    }
    kept.rows.set(key, { value, timestamp, etag });
    kept.refused.delete(key);
    kept.values = undefined;
    kept.unsorted ||= !before;
  }

  private async refresh(partition: string): Promise<KeptPartition<T>> {
    const kept = this.partitions.get(partition) ?? { rows: new Map<string, KeptRow<T>>(), refused: new Map<string, string>() };
    const { rows: changed, servedAt } =
      kept.seenBefore === undefined ? await this.query(this.filter(partition, undefined)) : await this.readChanged(partition, kept);
    // A row its reader refuses is skipped and reported, so one bad row never breaks the list.
    const report = this.options.skipped ?? ignoreSkippedRows;
    const read = changed.flatMap((row) => {
      const key = String(row.rowKey);
      const value = readOrSkip(this.client, row, (e) => this.options.read(e as StoredEntity), (unreadable) => {
        report(unreadable);
        kept.refused.set(key, unreadable.problem);
      });
      if (value === SKIPPED) return [];
      kept.refused.delete(key);
      return [{ key, timestamp: String(row.timestamp), etag: row.etag, value: deepFreeze(value) }];
    });
    const overlap = this.options.overlapMs ?? DEFAULT_OVERLAP_MS;
    // The Date header is to the second: the read may have been made up to a second before it.
    let seenBefore = Math.max(kept.seenBefore ?? -Infinity, Number.isFinite(servedAt) ? servedAt - 1000 - overlap : -Infinity);
    let added = false;
    for (const row of read) {
      const before = kept.rows.get(row.key);
      if (before && isOlder(row.timestamp, before.timestamp)) continue;
      // A row read again in the overlap in the state kept (same ETag) leaves the shared list as it is.
      if (before?.etag !== row.etag) kept.values = undefined;
      added ||= !before;
      kept.rows.set(row.key, { value: row.value, timestamp: row.timestamp, etag: row.etag });
      const at = Date.parse(row.timestamp);
      if (Number.isFinite(at)) seenBefore = Math.max(seenBefore, at - overlap);
    }
    if (Number.isFinite(seenBefore)) kept.seenBefore = seenBefore;
    kept.unsorted ||= added && this.partitions.has(partition);
    this.partitions.set(partition, kept);
    return kept;
  }

  /**
   * The rows written since those kept, in two steps: the key, Timestamp and ETag of each row in
   * the look-back (a few dozen bytes a row), then whole only from the oldest of those not kept in
   * that state on. In a rush every read looks back over the same seconds of writes: those come
   * back as kept and are not read whole again. Nothing changed: one request, as before.
   */
  private async readChanged(partition: string, kept: KeptPartition<T>): Promise<{ rows: StoredEntity[]; servedAt: number }> {
    const heads = await this.query(this.filter(partition, kept.seenBefore), []);
    let from = Number.POSITIVE_INFINITY;
    for (const row of heads.rows) {
      if (kept.rows.get(String(row.rowKey))?.etag !== row.etag) from = Math.min(from, Date.parse(String(row.timestamp)));
    }
    if (from === Number.POSITIVE_INFINITY) return { rows: [], servedAt: heads.servedAt };
    // The service's time of the first step: rows that became visible after it are looked back for next time.
    const { rows } = await this.query(this.filter(partition, Number.isFinite(from) ? from : kept.seenBefore));
    return { rows, servedAt: heads.servedAt };
  }

  /** Every row matching the filter, and the service's time of the first page (NaN when not told). */
  private async query(filter: string, columns = this.options.select): Promise<{ rows: StoredEntity[]; servedAt: number }> {
    const rows: StoredEntity[] = [];
    let servedAt: number | undefined;
    const onResponse = (response: { headers: { get(name: string): string | undefined } }) => {
      servedAt ??= Date.parse(response.headers.get('date') ?? '');
    };
    const select = columns && [...columns, 'RowKey', 'Timestamp'];
    for await (const row of this.client.listEntities<Props>({ queryOptions: { filter, select }, onResponse })) rows.push(row);
    return { rows, servedAt: servedAt ?? Number.NaN };
  }

  private filter(partition: string, seenBefore: number | undefined): string {
    const prefix = this.options.rowPrefix;
    let filter = prefix
      ? odata`PartitionKey eq ${partition} and RowKey ge ${prefix.from} and RowKey lt ${prefix.to}`
      : odata`PartitionKey eq ${partition}`;
    if (seenBefore !== undefined) filter += ' and ' + odata`Timestamp ge ${new Date(seenBefore)}`;
    return filter;
  }
}

/** Timestamps as the service writes them (ISO with up to 7 decimals): by instant, then by text for the sub-millisecond part. */
function isOlder(timestamp: string, than: string): boolean {
  const difference = Date.parse(timestamp) - Date.parse(than);
  return difference < 0 || (difference === 0 && timestamp < than);
}
