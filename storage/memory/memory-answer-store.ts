// In-memory AnswerStore: append-only versions with the current answer beside them, guarded by
// ETags exactly like the one-transaction write of the table implementation.

import type { AnswerVersion } from '../../bot/domain/answer';
import { encodeKey } from '../keys';
import { ConcurrencyError, currentAnswerAfter, type AnswerProgress, type AnswerStore, type CurrentAnswer, type Versioned } from '../ports';
import { copy, nextEtag, sortByKey } from './copy';

interface PlanAnswers {
  current?: Versioned<CurrentAnswer>;
  versions: AnswerVersion[];
}

export class MemoryAnswerStore implements AnswerStore {
  /** Per round, per plan. */
  private readonly rounds = new Map<string, Map<string, PlanAnswers>>();

  async current(roundId: string, planId: string): Promise<Versioned<CurrentAnswer> | undefined> {
    const current = this.rounds.get(roundId)?.get(planId)?.current;
    return current && copy(current);
  }

  async listCurrent(roundId: string): Promise<CurrentAnswer[]> {
    const plans = [...(this.rounds.get(roundId)?.values() ?? [])];
    const currents = plans.flatMap((p) => (p.current ? [copy(p.current.value)] : []));
    return sortByKey(currents, (c) => encodeKey(c.latest.planId));
  }

  async listProgress(roundId: string): Promise<AnswerProgress[]> {
    return (await this.listCurrent(roundId)).map(({ latest: { content: _texts, ...latest }, submittedAt }) => (submittedAt ? { latest, submittedAt } : { latest }));
  }

  async listVersions(roundId: string): Promise<AnswerVersion[]> {
    const plans = [...(this.rounds.get(roundId)?.entries() ?? [])].sort(([a], [b]) => (encodeKey(a) < encodeKey(b) ? -1 : 1));
    return plans.flatMap(([, p]) => p.versions.map(copy).sort((a, b) => a.version - b.version));
  }

  async versions(roundId: string, planId: string): Promise<AnswerVersion[]> {
    const versions = this.rounds.get(roundId)?.get(planId)?.versions ?? [];
    return versions.map(copy).sort((a, b) => a.version - b.version);
  }

  async append(version: AnswerVersion, expectedEtag: string | null): Promise<CurrentAnswer> {
    let round = this.rounds.get(version.roundId);
    if (!round) this.rounds.set(version.roundId, (round = new Map()));
    let plan = round.get(version.planId);
    if (!plan) round.set(version.planId, (plan = { versions: [] }));

    const current = plan.current;
    if (expectedEtag === null ? current !== undefined : current?.etag !== expectedEtag) {
      throw new ConcurrencyError();
    }
    if (plan.versions.some((v) => v.version === version.version)) {
      throw new ConcurrencyError(`Version ${version.version} exists`);
    }
    const next = currentAnswerAfter(copy(version), current?.value.submittedAt);
    plan.versions.push(copy(version));
    plan.current = { value: copy(next), etag: nextEtag() };
    return copy(next);
  }
}
