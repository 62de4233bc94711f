// In-memory DeliveryStore: a delivery is claimed once, then its outcome is recorded.

import { encodeKey } from '../keys';
import type { Delivery, DeliveryStore } from '../ports';
import { copy, sortByKey } from './copy';

export class MemoryDeliveryStore implements DeliveryStore {
  /** Per round, per delivery id. */
  private readonly rounds = new Map<string, Map<string, Delivery>>();

  async claim(delivery: Delivery): Promise<boolean> {
    let round = this.rounds.get(delivery.roundId);
    if (!round) this.rounds.set(delivery.roundId, (round = new Map()));
    if (round.has(delivery.id)) return false;
    round.set(delivery.id, copy(delivery));
    return true;
  }

  async complete(delivery: Delivery): Promise<void> {
    const round = this.rounds.get(delivery.roundId);
    if (!round?.has(delivery.id)) throw new Error(`Delivery ${delivery.id} of round ${delivery.roundId} was never claimed`);
    round.set(delivery.id, copy(delivery));
  }

  async get(roundId: string, id: string): Promise<Delivery | undefined> {
    const found = this.rounds.get(roundId)?.get(id);
    return found && copy(found);
  }

  async list(roundId: string): Promise<Delivery[]> {
    return sortByKey([...(this.rounds.get(roundId)?.values() ?? [])].map(copy), (d) => encodeKey(d.id));
  }
}
