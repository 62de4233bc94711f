// In-memory DeliveryStore: a delivery is claimed once (or taken over once after its lease
// expired), then its outcome is recorded.

import { encodeKey } from '../keys';
import { attemptsOfClaim, claimable, type ClaimOptions, type Delivery, type DeliveryStore } from '../ports';
import { copy, sortByKey } from './copy';

export class MemoryDeliveryStore implements DeliveryStore {
  /** Per round, per delivery id. */
  private readonly rounds = new Map<string, Map<string, Delivery>>();

  async claim(delivery: Delivery, options: ClaimOptions = {}): Promise<boolean> {
    let round = this.rounds.get(delivery.roundId);
    if (!round) this.rounds.set(delivery.roundId, (round = new Map()));
    const earlier = round.get(delivery.id);
    if (!claimable(earlier, options.staleBefore)) return false;
    round.set(delivery.id, copy({ ...delivery, attempts: attemptsOfClaim(earlier) }));
    return true;
  }

  async complete(delivery: Delivery): Promise<void> {
    const round = this.rounds.get(delivery.roundId);
    const claimed = round?.get(delivery.id);
    if (!round || !claimed) throw new Error(`Delivery ${delivery.id} of round ${delivery.roundId} was never claimed`);
    // The outcome is added to the claim (as Table Storage's merge does); attempts stay as counted.
    round.set(delivery.id, { ...claimed, ...copy(delivery), attempts: claimed.attempts });
  }

  async get(roundId: string, id: string): Promise<Delivery | undefined> {
    const found = this.rounds.get(roundId)?.get(id);
    return found && copy(found);
  }

  async list(roundId: string): Promise<Delivery[]> {
    return sortByKey([...(this.rounds.get(roundId)?.values() ?? [])].map(copy), (d) => encodeKey(d.id));
  }
}
