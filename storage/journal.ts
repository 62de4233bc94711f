// The journal of the embedded storage, written after the emulator applies a write and before the
// write is reported done. Azurite keeps its tables in memory and saves them to its folder every
// five seconds (LokiJS autosave), so a write it acknowledged can vanish when the emulator is
// killed. Every write the bot makes to the embedded storage is therefore, once Azurite has
// answered, appended here as the state it left behind, with the service's time of that write,
// and flushed to disk (fdatasync) before the write is reported done; the journal is replayed
// into Azurite whenever it (re)starts.
//
// Group commit: appends that arrive while a flush is running wait for the next one, which
// writes and syncs them all at once, so a burst of writes costs one sync, not one each.
// One line per append (a transaction's operations together). Every group is written starting on
// a fresh line, so bytes left by a write that failed partway (a crash, a full disk) stay a line
// of their own. Such a line was never confirmed (confirmation comes only after the whole write
// and its sync): the reader skips it and counts it.

import { open, readFile, type FileHandle } from 'node:fs/promises';

export type JournalValue = unknown;

/**
 * One effect on a table, as the state it leaves. A put's `at` is the service's time of that
 * write (from its ETag): replay writes the state only where the emulator holds nothing newer.
 * Lines written before the time was kept have none, and replay as unconditional writes, as do
 * deletes (the service answers a delete with no ETag; no store deletes in its normal paths).
 */
export type JournalOp =
  | { op: 'table'; table: string }
  | { op: 'put'; table: string; entity: Record<string, unknown>; at?: string }
  | { op: 'delete'; table: string; partitionKey: string; rowKey: string };

export interface JournalStats {
  /** Appends made (each one line). */
  appends: number;
  /** Writes with a sync to disk (one per group of waiting appends). */
  syncs: number;
}

// ---- encoding: JSON keeps strings, numbers and booleans; dates, Int64 and binary are tagged ----

function encodeValue(value: unknown): unknown {
  if (value instanceof Date) return { $date: value.toISOString() };
  if (typeof value === 'bigint') return { $int64: value.toString() };
  if (value instanceof Uint8Array) return { $binary: Buffer.from(value).toString('base64') };
  return value;
}

function decodeValue(value: unknown): unknown {
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const tagged = value as Record<string, unknown>;
    if (typeof tagged.$date === 'string') return new Date(tagged.$date);
    if (typeof tagged.$int64 === 'string') return { value: tagged.$int64, type: 'Int64' };
    if (typeof tagged.$binary === 'string') return new Uint8Array(Buffer.from(tagged.$binary, 'base64'));
  }
  return value;
}

/** What the service keeps beside the properties; never part of the state written back. */
const METADATA = new Set(['etag', 'timestamp']);

/** The entity's properties as journal JSON (undefined values are not stored, as in the SDK). */
export function encodeEntity(entity: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(entity)) {
    if (value === undefined || METADATA.has(name) || name.startsWith('odata.')) continue;
    out[name] = encodeValue(value);
  }
  return out;
}

export function decodeEntity(entity: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(entity)) out[name] = decodeValue(value);
  return out;
}

// ---- the file ----------------------------------------------------------------------------

interface Waiting {
  line: string;
  resolve: () => void;
  reject: (err: unknown) => void;
}

export class WriteJournal {
  readonly stats: JournalStats = { appends: 0, syncs: 0 };
  private queue: Waiting[] = [];
  private flushing: Promise<void> | undefined;
  private closed = false;

  private constructor(
    readonly file: string,
    private readonly handle: FileHandle,
  ) {}

  /** Opens (creates) the journal for appending; other processes may append to it too. */
  static async open(file: string): Promise<WriteJournal> {
    return new WriteJournal(file, await open(file, 'a'));
  }

  /** Resolves once the operations are on disk; rejects if they could not be written. */
  append(ops: JournalOp[]): Promise<void> {
    if (this.closed) return Promise.reject(new Error('The storage journal is closed'));
    const line = `${JSON.stringify({ ops: ops.map(encodeOp) })}\n`;
    this.stats.appends += 1;
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ line, resolve, reject });
      this.flushing ??= this.flush();
    });
  }

  /** Waits until every append made so far is on disk (or has failed). */
  async drain(): Promise<void> {
    while (this.flushing) await this.flushing;
  }

  async close(): Promise<void> {
    await this.drain();
    this.closed = true;
    await this.handle.close();
  }

  private async flush(): Promise<void> {
    try {
      while (this.queue.length > 0) {
        const group = this.queue.splice(0);
        try {
          // The leading newline ends whatever a failed write may have left at the end of the file.
          await writeAll(this.handle, Buffer.from(`\n${group.map((w) => w.line).join('')}`, 'utf8'));
          await this.handle.datasync();
          this.stats.syncs += 1;
          for (const w of group) w.resolve();
        } catch (err) {
          for (const w of group) w.reject(err);
        }
      }
    } finally {
      this.flushing = undefined;
    }
  }
}

async function writeAll(handle: FileHandle, bytes: Buffer): Promise<void> {
  // The file is opened for appending: each write lands at its end, also beside another process.
  for (let offset = 0; offset < bytes.length; ) {
    const { bytesWritten } = await handle.write(bytes, offset, bytes.length - offset);
    offset += bytesWritten;
  }
}

function encodeOp(op: JournalOp): JournalOp {
  return op.op === 'put' ? { ...op, entity: encodeEntity(op.entity) } : op;
}

function decodeOp(op: JournalOp): JournalOp {
  return op.op === 'put' ? { ...op, entity: decodeEntity(op.entity) } : op;
}

export interface JournalContents {
  ops: JournalOp[];
  /** Bytes of complete lines; anything after is a torn last append, never confirmed. */
  completeBytes: number;
  /** Complete lines that did not parse: appends torn partway (never confirmed), skipped. */
  skippedLines: number;
}

/** Reads the journal, oldest first; a missing file is an empty journal. */
export async function readJournal(file: string): Promise<JournalContents> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { ops: [], completeBytes: 0, skippedLines: 0 };
    throw err;
  }
  const completeBytes = bytes.lastIndexOf(0x0a) + 1;
  const ops: JournalOp[] = [];
  let skippedLines = 0;
  for (const line of bytes.subarray(0, completeBytes).toString('utf8').split('\n')) {
    if (line === '') continue;
    const parsed = parseLine(line);
    if (parsed) ops.push(...parsed.map(decodeOp));
    else skippedLines += 1;
  }
  return { ops, completeBytes, skippedLines };
}

function parseLine(line: string): JournalOp[] | undefined {
  try {
    const { ops } = JSON.parse(line) as { ops?: unknown };
    return Array.isArray(ops) ? (ops as JournalOp[]) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The service's time of a write, from the ETag it answered with (`W/"datetime'…'"`), in one
 * fixed form (seven fractional digits) so that two of them compare as strings.
 */
export function writeTimeOf(etag: string | undefined): string | undefined {
  const quoted = /datetime'([^']+)'/.exec(etag ?? '');
  if (!quoted) return undefined;
  const time = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(?:\.(\d+))?Z$/.exec(decodeURIComponent(quoted[1]));
  return time ? `${time[1]}.${(time[2] ?? '').padEnd(7, '0').slice(0, 7)}Z` : undefined;
}

/**
 * The journal's effect in short: the tables to create and, per entity, only its last state
 * (replaying that is the same as replaying every step, and much faster), in journal order.
 */
export function finalStates(ops: JournalOp[]): { tables: string[]; entities: JournalOp[] } {
  const tables = new Set<string>();
  const last = new Map<string, JournalOp>();
  for (const op of ops) {
    if (op.op === 'table') {
      tables.add(op.table);
      continue;
    }
    const [pk, rk] = op.op === 'put' ? [String(op.entity.partitionKey), String(op.entity.rowKey)] : [op.partitionKey, op.rowKey];
    const key = JSON.stringify([op.table, pk, rk]);
    last.delete(key); // re-inserted: the map keeps the order of each entity's last write
    last.set(key, op);
    tables.add(op.table);
  }
  return { tables: [...tables], entities: [...last.values()] };
}
