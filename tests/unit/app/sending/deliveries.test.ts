// How the use cases read the claim rule at the clock's time: a claim's lease lasts
// deliveryLeaseMs from the instant it was made, and a claim within it is pending elsewhere.

import { claimable, pending, staleBefore } from '../../../../bot/app/sending/deliveries';
import { MAX_DELIVERY_ATTEMPTS, type Delivery } from '../../../../storage/ports';

const LEASE_MS = 300_000;
const CLAIMED_AT = new Date('2019-03-01T08:00:00.000Z');
/** The lease of a claim made at CLAIMED_AT ends at this instant. */
const LEASE_END = new Date(CLAIMED_AT.getTime() + LEASE_MS);

const aClaim = (overrides: Partial<Delivery> = {}): Delivery => ({
  roundId: 'uppfoljning-kf-2019',
  id: 'prompt:drogpolitiskt-program',
  kind: 'prompt',
  planId: 'drogpolitiskt-program',
  recipient: 'aad-anna',
  outcome: 'claimed',
  claimedAt: CLAIMED_AT,
  attempts: 1,
  ...overrides,
});

/** The instant before which claims were left behind, with the clock at `delta` ms after LEASE_END. */
function staleBeforeAt(delta: number): Date {
  return staleBefore({ clock: { now: () => new Date(LEASE_END.getTime() + delta) }, sending: { deliveryLeaseMs: LEASE_MS } });
}

describe('deliveries at the clock', () => {
  it('keeps a claim for the lease, up to the very instant it ends, and takes it over a millisecond later', () => {
    expect(staleBeforeAt(0)).toEqual(CLAIMED_AT);
    expect(claimable(aClaim(), staleBeforeAt(-1))).toBe(false);
    expect(claimable(aClaim(), staleBeforeAt(0))).toBe(false);
    expect(claimable(aClaim(), staleBeforeAt(1))).toBe(true);
  });

  it('counts a claim within its lease as pending elsewhere, and not once the lease expired', () => {
    expect(pending(aClaim(), staleBeforeAt(-LEASE_MS))).toBe(true);
    expect(pending(aClaim(), staleBeforeAt(0))).toBe(true);
    expect(pending(aClaim(), staleBeforeAt(1))).toBe(false);
  });

  it('counts nothing as pending that was never claimed, completed, or taken over by a taker that died too', () => {
    expect(pending(undefined, staleBeforeAt(0))).toBe(false);
    expect(pending(aClaim({ outcome: 'sent' }), staleBeforeAt(0))).toBe(false);
    expect(pending(aClaim({ attempts: MAX_DELIVERY_ATTEMPTS }), staleBeforeAt(1))).toBe(false);
    expect(claimable(aClaim({ attempts: MAX_DELIVERY_ATTEMPTS }), staleBeforeAt(1))).toBe(false);
  });
});
