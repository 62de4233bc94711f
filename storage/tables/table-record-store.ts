// Records of summaries posted and exports made, kept as produced. Table Storage holds at most
// 64 KiB per property and 1 MiB per entity, so the bytes are split over binary properties of
// chunk rows beside a meta row, all in the round's partition. The meta row is written last, so
// a record is either complete or invisible.

import { odata, type TableClient } from '@azure/data-tables';
import { encodeKey, paddedNumber, prefixEnd } from '../keys';
import type { RecordStore, StoredRecord } from '../ports';
import {
  checkStorable,
  entity,
  getOptional,
  ignoreSkippedRows,
  listAll,
  listReadable,
  putDate,
  putNumber,
  putString,
  requireDate,
  requireNumber,
  requireString,
  statusOf,
  type Props,
  type SkippedRowReport,
} from './entity';
import { ConcurrencyError } from '../ports';

const PART_BYTES = 60 * 1024;
const PARTS_PER_ROW = 12;
const META = 'meta:';
const CHUNK = 'chunk:';

type Meta = Omit<StoredRecord, 'bytes'> & { size: number };

/**
 * A part of the bytes without a copy (a record of a summary is megabytes, all its rows are made
 * before the first is sent). A Buffer, not a bare Uint8Array view: the Tables SDK encodes a
 * Uint8Array that is not a Buffer from its whole ArrayBuffer, ignoring where the view starts.
 */
function bufferView(bytes: Uint8Array, start: number, length: number): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset + start, Math.min(length, bytes.length - start));
}

function fromMeta(e: Props): Meta {
  return {
    id: requireString(e, 'id'),
    roundId: requireString(e, 'roundId'),
    kind: requireString(e, 'kind') as StoredRecord['kind'],
    format: requireString(e, 'format'),
    fileName: requireString(e, 'fileName'),
    contentType: requireString(e, 'contentType'),
    requestedBy: requireString(e, 'requestedBy'),
    at: requireDate(e, 'at'),
    size: requireNumber(e, 'size'),
  };
}

export class TableRecordStore implements RecordStore {
  constructor(
    private readonly client: TableClient,
    private readonly skipped: SkippedRowReport = ignoreSkippedRows,
  ) {}

  async save(record: StoredRecord): Promise<void> {
    const pk = encodeKey(record.roundId);
    const id = encodeKey(record.id);
    if (await getOptional(this.client, pk, META + id)) throw new ConcurrencyError(`Record ${record.id} exists`);
    const rows = [];
    const rowBytes = PART_BYTES * PARTS_PER_ROW;
    for (let row = 0; row * rowBytes < record.bytes.length || row === 0; row++) {
      const e = entity(pk, `${CHUNK}${id}:${paddedNumber(row, 6)}`);
      for (let at = row * rowBytes, part = 0; at < Math.min(record.bytes.length, (row + 1) * rowBytes); at += PART_BYTES, part++) {
        e[`p${part}`] = bufferView(record.bytes, at, PART_BYTES);
      }
      rows.push(['create', e] as const);
    }
    // A row per request: the SDK builds a transaction's body as one string with the bytes in
    // base64, so a 3 MiB transaction left some 20 MB of large strings behind it each time. The
    // meta row, written last, still makes the record all or nothing.
    for (const row of rows) await this.client.submitTransaction([[...row]]);
    const meta = entity(pk, META + id);
    putString(meta, 'id', record.id);
    putString(meta, 'roundId', record.roundId);
    putString(meta, 'kind', record.kind);
    putString(meta, 'format', record.format);
    putString(meta, 'fileName', record.fileName);
    putString(meta, 'contentType', record.contentType);
    putString(meta, 'requestedBy', record.requestedBy);
    putDate(meta, 'at', record.at);
    putNumber(meta, 'size', record.bytes.length);
    try {
      await this.client.createEntity(checkStorable(meta, fromMeta));
    } catch (err) {
      if (statusOf(err) === 409) throw new ConcurrencyError(`Record ${record.id} exists`);
      throw err;
    }
  }

  async get(roundId: string, id: string): Promise<StoredRecord | undefined> {
    const pk = encodeKey(roundId);
    const meta = await getOptional(this.client, pk, META + encodeKey(id));
    if (!meta) return undefined;
    const from = `${CHUNK}${encodeKey(id)}:`;
    const rows = await listAll(this.client, odata`PartitionKey eq ${pk} and RowKey ge ${from} and RowKey lt ${prefixEnd(from)}`);
    const parts: Buffer[] = [];
    for (const row of rows) {
      for (let part = 0; row[`p${part}`] instanceof Uint8Array; part++) parts.push(Buffer.from(row[`p${part}`] as Uint8Array));
    }
    return { ...fromMeta(meta), bytes: Buffer.concat(parts) };
  }

  async list(roundId: string): Promise<Meta[]> {
    const pk = encodeKey(roundId);
    const metas = await listReadable(this.client, odata`PartitionKey eq ${pk} and RowKey ge ${META} and RowKey lt ${prefixEnd(META)}`, fromMeta, this.skipped);
    return metas.sort((a, b) => a.at.getTime() - b.at.getTime());
  }
}
