// In-memory LeaseStore: one holder per name until its lease expires.

import { heldByAnother, type LeaseHeld, type LeaseStore } from '../ports';

export class MemoryLeaseStore implements LeaseStore {
  private readonly leases = new Map<string, LeaseHeld>();

  async acquire(name: string, holder: string, now: Date, ttlMs: number): Promise<boolean> {
    if (heldByAnother(this.leases.get(name), holder, now)) return false;
    this.leases.set(name, { holder, expiresAt: new Date(now.getTime() + ttlMs) });
    return true;
  }
}
