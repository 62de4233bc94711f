// Helpers shared by the Table Storage implementations: reading and writing typed properties
// within the service's limits, mapping its errors, and running queries and transactions.
//
// Limits (Azure Table Storage, also enforced by Azurite): a string property holds at most
// 32,768 UTF-16 units (64 KiB); an entity at most 1 MiB and 255 properties (PartitionKey,
// RowKey and Timestamp included); a transaction at most 100 operations in one partition and
// 4 MiB of payload. Longer texts are split over numbered properties (`name`, `name__1`, …);
// every write replaces the whole entity, so no stale continuation survives a shorter text.

import { RestError, type TableClient, type TableEntity, type TableEntityResult, type TransactionAction } from '@azure/data-tables';
import type { UnreadableRow } from '../ports';
import { errorMessage } from '../../bot/domain/errors';

export type Props = Record<string, unknown>;
export type Entity = TableEntity<Props>;
export type StoredEntity = TableEntityResult<Props>;

export const MAX_STRING_UNITS = 32_768;
const MAX_ENTITY_BYTES = 1024 * 1024;
const MAX_PROPERTIES = 255;
const SYSTEM_PROPERTIES = 3;
const MAX_TRANSACTION_ACTIONS = 100;
/** Below the 4 MiB batch limit, leaving room for the multipart envelope. */
const MAX_TRANSACTION_BYTES = 3 * 1024 * 1024;

/**
 * Thrown when a value cannot be stored: beyond the platform's limits, or a row that the store's
 * own reader would refuse (which would then break every list over the table).
 */
export class StorageLimitError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StorageLimitError';
  }
}

export function statusOf(err: unknown): number | undefined {
  // RestError.code is often undefined (Azurite, transaction sub-responses): the status is
  // what tells a conflict (409), a stale ETag (412) and a missing entity (404) apart.
  if (err instanceof RestError) return err.statusCode;
  const status = (err as { statusCode?: unknown } | null)?.statusCode;
  return typeof status === 'number' ? status : undefined;
}

/** A point read: undefined instead of a 404. */
export async function getOptional(client: TableClient, partitionKey: string, rowKey: string): Promise<StoredEntity | undefined> {
  try {
    return await client.getEntity<Props>(partitionKey, rowKey);
  } catch (err) {
    if (statusOf(err) === 404) return undefined;
    throw err;
  }
}

/** Every entity matching a filter (built with the SDK's `odata` template), in key order. */
export async function listAll(client: TableClient, filter: string): Promise<StoredEntity[]> {
  const out: StoredEntity[] = [];
  for await (const entity of client.listEntities<Props>({ queryOptions: { filter } })) out.push(entity);
  return out;
}

/** Told of each stored row a list skipped because it could not be read. */
export type SkippedRowReport = (row: UnreadableRow) => void;

/** For stores built alone (tests of one store): a skipped row is only skipped. */
export const ignoreSkippedRows: SkippedRowReport = () => {};

/**
 * Every readable entity matching a filter, read into values, in key order. A row the reader
 * refuses (written by an older version, or by hand) is skipped and reported, so one bad row
 * never makes the whole list fail for everyone else.
 */
export async function listReadable<T>(
  client: TableClient,
  filter: string,
  read: (e: Props) => T,
  skipped: SkippedRowReport,
): Promise<T[]> {
  const out: T[] = [];
  for (const row of await listAll(client, filter)) {
    const value = readOrSkip(client, row, read, skipped);
    if (value !== SKIPPED) out.push(value);
  }
  return out;
}

export const SKIPPED = Symbol('skipped');

/** One listed row read, or SKIPPED (and reported) when the reader refuses it. */
export function readOrSkip<T>(client: TableClient, row: Props, read: (e: Props) => T, skipped: SkippedRowReport): T | typeof SKIPPED {
  try {
    return read(row);
  } catch (err) {
    skipped({
      table: client.tableName,
      partitionKey: String(row.partitionKey),
      rowKey: String(row.rowKey),
      problem: errorMessage(err),
    });
    return SKIPPED;
  }
}

export async function ensureTable(client: TableClient): Promise<void> {
  try {
    await client.createTable();
  } catch (err) {
    // The SDK swallows "TableAlreadyExists" only when the body carries that code.
    if (statusOf(err) !== 409) throw err;
  }
}

/**
 * Writes actions of one partition in transactions of at most 100 operations (and well under
 * the payload limit). Each chunk is atomic; the caller makes the whole visible only afterwards.
 */
export async function submitInChunks(client: TableClient, actions: TransactionAction[]): Promise<void> {
  let chunk: TransactionAction[] = [];
  let bytes = 0;
  for (const action of actions) {
    const size = entityBytes(action[1]);
    if (chunk.length > 0 && (chunk.length >= MAX_TRANSACTION_ACTIONS || bytes + size > MAX_TRANSACTION_BYTES)) {
      await client.submitTransaction(chunk);
      chunk = [];
      bytes = 0;
    }
    chunk.push(action);
    bytes += size;
  }
  if (chunk.length > 0) await client.submitTransaction(chunk);
}

// ---- writing properties ------------------------------------------------------------------

/** Builds an entity; undefined values are left out (they read back as absent). */
export function entity(partitionKey: string, rowKey: string): Entity {
  return { partitionKey, rowKey };
}

export function putString(e: Props, name: string, value: string | undefined): void {
  if (value === undefined) return;
  // The types say string, but values come from outside (activities, files): a number or an
  // object dropped here would leave a row that its reader refuses.
  if (typeof value !== 'string') throw new StorageLimitError(`${name} is not text`);
  if (value.length <= MAX_STRING_UNITS) {
    e[name] = value;
    return;
  }
  let part = 0;
  for (let start = 0; start < value.length; part++) {
    let end = Math.min(start + MAX_STRING_UNITS, value.length);
    // Never split a surrogate pair: each half alone is not valid text.
    const last = value.charCodeAt(end - 1);
    if (end < value.length && last >= 0xd800 && last <= 0xdbff) end -= 1;
    e[part === 0 ? name : `${name}__${part}`] = value.slice(start, end);
    start = end;
  }
}

export function putJson(e: Props, name: string, value: unknown): void {
  // Opaque structures (conversation references, audit details) as JSON text.
  putString(e, name, value === undefined ? undefined : JSON.stringify(value));
}

export function putDate(e: Props, name: string, value: Date | undefined): void {
  if (value === undefined) return;
  if (Number.isNaN(value.getTime())) throw new StorageLimitError(`${name} is not a valid date`);
  e[name] = new Date(value.getTime()); // Edm.DateTime, millisecond precision round-trips
}

export function putNumber(e: Props, name: string, value: number | undefined): void {
  if (value === undefined) return;
  // Untyped JSON numbers are taken as Int32 when integral; a larger integer needs Int64.
  if (!Number.isFinite(value)) throw new StorageLimitError(`${name} is not a finite number`);
  e[name] = Number.isInteger(value) && Math.abs(value) > 2_147_483_647 ? { value: String(value), type: 'Int64' } : value;
}

export function putBoolean(e: Props, name: string, value: boolean | undefined): void {
  if (value !== undefined) e[name] = value;
}

/** Checks the entity against the service limits before it is sent, with a readable error. */
export function checkLimits(e: Entity): Entity {
  const names = Object.keys(e).filter((k) => k !== 'partitionKey' && k !== 'rowKey');
  if (names.length + SYSTEM_PROPERTIES > MAX_PROPERTIES) {
    throw new StorageLimitError(`Entity ${e.rowKey} has ${names.length} properties (limit ${MAX_PROPERTIES - SYSTEM_PROPERTIES})`);
  }
  const bytes = entityBytes(e);
  if (bytes > MAX_ENTITY_BYTES) throw new StorageLimitError(`Entity ${e.rowKey} is ${bytes} bytes (limit 1 MiB)`);
  return e;
}

/**
 * Checks the entity against the service limits and against the store's own reader: a row is
 * written only if it reads back, so a store never leaves a row that breaks its lists.
 */
export function checkStorable(e: Entity, read: (e: Props) => unknown): Entity {
  checkLimits(e);
  try {
    read(e);
  } catch (err) {
    throw new StorageLimitError(`Entity ${e.rowKey} would not read back: ${errorMessage(err)}`);
  }
  return e;
}

/** The service's own size formula: 4 + keys + per property 8 + name + value. */
function entityBytes(e: Entity): number {
  let bytes = 4 + (String(e.partitionKey).length + String(e.rowKey).length) * 2;
  for (const [name, value] of Object.entries(e)) {
    if (name === 'partitionKey' || name === 'rowKey') continue;
    bytes += 8 + name.length * 2;
    if (typeof value === 'string') bytes += 4 + value.length * 2;
    // Binary travels base64-encoded in a transaction's payload.
    else if (value instanceof Uint8Array) bytes += 4 + Math.ceil(value.length / 3) * 4;
    else if (typeof value === 'boolean') bytes += 1;
    else bytes += 8;
  }
  return bytes;
}

// ---- reading properties ------------------------------------------------------------------

export function getString(e: Props, name: string): string | undefined {
  const first = e[name];
  if (typeof first !== 'string') return undefined;
  let text = first;
  for (let part = 1; typeof e[`${name}__${part}`] === 'string'; part++) text += e[`${name}__${part}`] as string;
  return text;
}

export function requireString(e: Props, name: string): string {
  const value = getString(e, name);
  if (value === undefined) throw new Error(`Stored entity ${String(e.rowKey)} lacks ${name}`);
  return value;
}

export function getJson<T>(e: Props, name: string): T | undefined {
  const text = getString(e, name);
  return text === undefined ? undefined : (JSON.parse(text) as T);
}

export function getDate(e: Props, name: string): Date | undefined {
  const value = e[name];
  if (value instanceof Date) return new Date(value.getTime());
  if (typeof value === 'string') return new Date(value);
  return undefined;
}

export function requireDate(e: Props, name: string): Date {
  const value = getDate(e, name);
  if (!value) throw new Error(`Stored entity ${String(e.rowKey)} lacks ${name}`);
  return value;
}

export function getNumber(e: Props, name: string): number | undefined {
  const value = e[name];
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint') return Number(value);
  // An Int64 as written by putNumber (and as the SDK reads one back): { value: '…', type: 'Int64' }.
  if (isInt64(value)) return Number(value.value);
  if (typeof value === 'string' && value.trim() !== '') return Number(value);
  return undefined;
}

function isInt64(value: unknown): value is { value: string; type: 'Int64' } {
  return typeof value === 'object' && value !== null && (value as { type?: unknown }).type === 'Int64' && typeof (value as { value?: unknown }).value === 'string';
}

export function requireNumber(e: Props, name: string): number {
  const value = getNumber(e, name);
  if (value === undefined) throw new Error(`Stored entity ${String(e.rowKey)} lacks ${name}`);
  return value;
}

export function getBoolean(e: Props, name: string): boolean | undefined {
  const value = e[name];
  return typeof value === 'boolean' ? value : undefined;
}

/** Drops undefined properties, so a value read back equals what was stored, key for key. */
export function defined<T extends object>(value: T): T {
  // A copy rather than `delete`: V8 turns an object whose property is deleted into a dictionary
  // several times its size, and a register of 10,000 plans is read at every scheduler tick.
  const kept = {} as T;
  for (const key of Object.keys(value) as (keyof T)[]) if (value[key] !== undefined) kept[key] = value[key];
  return kept;
}
