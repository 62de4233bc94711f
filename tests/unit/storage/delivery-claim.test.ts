// The claim rule every delivery store decides by, and the use cases ask before claiming: a
// delivery is claimed once, and a claim left behind (its lease expired) is taken over once.

import { attemptsOfClaim, claimable, leaseExpired, MAX_DELIVERY_ATTEMPTS, type Delivery, type DeliveryOutcome } from '../../../storage/ports';

const CLAIMED_AT = new Date('2019-03-01T08:00:00.000Z');

function aClaim(overrides: Partial<Delivery> = {}): Delivery {
  return {
    roundId: 'uppfoljning-kf-2019',
    id: 'prompt:drogpolitiskt-program',
    kind: 'prompt',
    planId: 'drogpolitiskt-program',
    recipient: 'aad-anna',
    outcome: 'claimed',
    claimedAt: CLAIMED_AT,
    attempts: 1,
    ...overrides,
  };
}

/** `staleBefore` `delta` milliseconds after CLAIMED_AT: claims made before it were left behind. */
const after = (delta: number) => new Date(CLAIMED_AT.getTime() + delta);

describe('the delivery claim rule', () => {
  it('lets a delivery never claimed be claimed, with or without a lease to look at', () => {
    expect(claimable(undefined, undefined)).toBe(true);
    expect(claimable(undefined, after(0))).toBe(true);
    expect(attemptsOfClaim(undefined)).toBe(1);
  });

  it('refuses a claim held within its lease, whoever holds it: another process, or this one asking again', () => {
    // The rule knows no holder: a second tick of the process that claimed is refused like any other.
    expect(claimable(aClaim(), after(-1))).toBe(false);
    expect(claimable(aClaim(), after(-300_000))).toBe(false);
  });

  it('takes over a claim left behind once its lease expired, as the second attempt', () => {
    expect(claimable(aClaim(), after(1))).toBe(true);
    expect(claimable(aClaim(), after(86_400_000))).toBe(true);
    expect(attemptsOfClaim(aClaim())).toBe(2);
  });

  it('holds the lease at the very instant it ends, and lets it go one millisecond later', () => {
    expect(leaseExpired(aClaim(), after(0))).toBe(false);
    expect(claimable(aClaim(), after(0))).toBe(false);
    expect(leaseExpired(aClaim(), after(1))).toBe(true);
    expect(claimable(aClaim(), after(1))).toBe(true);
  });

  it('never takes over without a lease to look at, however old the claim', () => {
    expect(claimable(aClaim({ claimedAt: new Date('2000-01-01T00:00:00.000Z') }), undefined)).toBe(false);
  });

  it('never takes over a second time when the taker died too', () => {
    expect(MAX_DELIVERY_ATTEMPTS).toBe(2);
    expect(claimable(aClaim({ attempts: MAX_DELIVERY_ATTEMPTS }), after(86_400_000))).toBe(false);
  });

  it('counts a claim stored before attempts were counted as the first, so it is still taken over once', () => {
    const uncounted = aClaim({ attempts: undefined });
    expect(claimable(uncounted, after(1))).toBe(true);
    expect(attemptsOfClaim(uncounted)).toBe(2);
  });

  it.each<DeliveryOutcome>(['sent', 'failed', 'unreachable'])('never claims again a delivery %s, however long ago', (outcome) => {
    const done = aClaim({ outcome, completedAt: after(1_000) });
    expect(claimable(done, new Date('2099-01-01T00:00:00.000Z'))).toBe(false);
    expect(claimable(done, undefined)).toBe(false);
  });
});
