// In-memory RecordStore: records kept once, never changed.

import { ConcurrencyError, type RecordStore, type StoredRecord } from '../ports';

export class MemoryRecordStore implements RecordStore {
  private readonly records: StoredRecord[] = [];

  async save(record: StoredRecord): Promise<void> {
    if (this.records.some((r) => r.roundId === record.roundId && r.id === record.id)) throw new ConcurrencyError(`Record ${record.id} exists`);
    this.records.push({ ...record, at: new Date(record.at.getTime()), bytes: Buffer.from(record.bytes) });
  }

  async get(roundId: string, id: string): Promise<StoredRecord | undefined> {
    const found = this.records.find((r) => r.roundId === roundId && r.id === id);
    return found && { ...found, at: new Date(found.at.getTime()), bytes: Buffer.from(found.bytes) };
  }

  async list(roundId: string) {
    return this.records
      .filter((r) => r.roundId === roundId)
      .sort((a, b) => a.at.getTime() - b.at.getTime())
      .map(({ bytes, ...meta }) => ({ ...meta, at: new Date(meta.at.getTime()), size: bytes.length }));
  }
}
