// Leases in Table Storage: one row per lease name with its holder and expiry. Taking a lease is a
// conditional write (insert when absent, replace with the read ETag otherwise), so of several
// processes racing for it exactly one wins.

import type { TableClient } from '@azure/data-tables';
import { encodeKey } from '../keys';
import type { LeaseStore } from '../ports';
import { entity, getOptional, putDate, putString, requireDate, requireString, statusOf } from './entity';

const PARTITION = 'lease';

export class TableLeaseStore implements LeaseStore {
  constructor(private readonly client: TableClient) {}

  async acquire(name: string, holder: string, now: Date, ttlMs: number): Promise<boolean> {
    const next = entity(PARTITION, encodeKey(name));
    putString(next, 'holder', holder);
    putDate(next, 'expiresAt', new Date(now.getTime() + ttlMs));
    const current = await getOptional(this.client, PARTITION, encodeKey(name));
    try {
      if (!current) {
        await this.client.createEntity(next);
        return true;
      }
      const held = requireString(current, 'holder') !== holder && requireDate(current, 'expiresAt') > now;
      if (held) return false;
      await this.client.updateEntity(next, 'Replace', { etag: current.etag });
      return true;
    } catch (err) {
      // Someone else created or renewed it between our read and our write.
      if (statusOf(err) === 409 || statusOf(err) === 412) return false;
      throw err;
    }
  }
}
