// Leases in Table Storage: one row per lease name with its holder and expiry. Taking a lease is a
// conditional write (insert when absent, replace with the read ETag otherwise), so of several
// processes racing for it exactly one wins.

import type { TableClient } from '@azure/data-tables';
import { encodeKey } from '../keys';
import { heldByAnother, type LeaseStore } from '../ports';
import { entity, getOptional, putDate, putString, requireDate, requireString, statusOf, type Entity } from './entity';

const PARTITION = 'lease';

export class TableLeaseStore implements LeaseStore {
  /** The ETag of this process's own last write of each lease, by name, with the holder it wrote. */
  private readonly written = new Map<string, { holder: string; etag: string }>();

  constructor(private readonly client: TableClient) {}

  async acquire(name: string, holder: string, now: Date, ttlMs: number): Promise<boolean> {
    const next = entity(PARTITION, encodeKey(name));
    putString(next, 'holder', holder);
    putDate(next, 'expiresAt', new Date(now.getTime() + ttlMs));
    // A renewal in one request: if the row still has the ETag of our own write, nobody has taken
    // the lease since, so it is still ours (412 otherwise: then read it as anyone would).
    const own = this.written.get(name);
    if (own?.holder === holder && (await this.write(name, holder, next, own.etag))) return true;
    const current = await getOptional(this.client, PARTITION, encodeKey(name));
    const held = current && { holder: requireString(current, 'holder'), expiresAt: requireDate(current, 'expiresAt') };
    if (heldByAnother(held, holder, now)) return false;
    return this.write(name, holder, next, current?.etag);
  }

  /** Creates the lease row (no ETag) or replaces the one with the ETag; false when someone else wrote first. */
  private async write(name: string, holder: string, next: Entity, etag: string | undefined): Promise<boolean> {
    try {
      const response = etag ? await this.client.updateEntity(next, 'Replace', { etag }) : await this.client.createEntity(next);
      if (response.etag) this.written.set(name, { holder, etag: response.etag });
      else this.written.delete(name);
      return true;
    } catch (err) {
      // Someone else created or renewed it between our read and our write.
      if (statusOf(err) === 409 || statusOf(err) === 412) {
        this.written.delete(name);
        return false;
      }
      throw err;
    }
  }
}
