// In-memory RoundStore with ETags, refusing stale updates like the table implementation.

import type { Round } from '../../bot/domain/round';
import { ConcurrencyError, type RoundStore, type Versioned } from '../ports';
import { encodeKey } from '../keys';
import { copy, nextEtag, sortByKey } from './copy';

export class MemoryRoundStore implements RoundStore {
  private readonly rounds = new Map<string, Versioned<Round>>();

  async create(round: Round): Promise<void> {
    if (this.rounds.has(round.id)) throw new ConcurrencyError(`Round ${round.id} exists`);
    this.rounds.set(round.id, { value: copy(round), etag: nextEtag() });
  }

  async get(id: string): Promise<Versioned<Round> | undefined> {
    const stored = this.rounds.get(id);
    return stored && copy(stored);
  }

  async list(): Promise<Round[]> {
    // The table lists by encoded row key; sorting by encoded id keeps the same order here.
    return sortByKey([...this.rounds.values()].map((r) => copy(r.value)), (r) => encodeKey(r.id));
  }

  async update(round: Round, etag: string): Promise<void> {
    const stored = this.rounds.get(round.id);
    if (!stored || stored.etag !== etag) throw new ConcurrencyError();
    this.rounds.set(round.id, { value: copy(round), etag: nextEtag() });
  }
}

