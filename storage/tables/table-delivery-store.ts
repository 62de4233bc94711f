// Deliveries in Table Storage: partition = the round, row = the deterministic delivery id.
// A conditional insert claims a send before it is made, so a restart or a second instance
// never sends the same message twice. A claim whose process died before completing it is taken
// over once its lease expired, by a replace conditional on the ETag that was read: of two
// processes racing for it, the second gets 412 and backs off.

import type { TableClient } from '@azure/data-tables';
import { encodeKey } from '../keys';
import { attemptsOfClaim, claimable, type ClaimOptions, type Delivery, type DeliveryOutcome, type DeliveryStore } from '../ports';
import {
  checkStorable,
  defined,
  entity,
  getDate,
  getNumber,
  getOptional,
  getString,
  putDate,
  putNumber,
  putString,
  requireDate,
  requireString,
  statusOf,
  type Entity,
  type Props,
  ignoreSkippedRows,
  type SkippedRowReport,
} from './entity';
import { PartitionReadModel, type ReadModelOptions } from './partition-read-model';
import { deepFreeze } from './single-flight';

const OUTCOMES: readonly DeliveryOutcome[] = ['claimed', 'sent', 'failed', 'unreachable'];

/** Completed deliveries kept by get(): the scheduled posts' few, and cards looked up for replacing. */
const MAX_KEPT_COMPLETED = 10_000;

export class TableDeliveryStore implements DeliveryStore {
  /** Every delivery of each round, kept and refreshed with what was claimed or completed since. */
  private readonly lists: PartitionReadModel<Delivery>;
  /**
   * Deliveries read as completed (sent, failed, unreachable): final, as only a claim is ever
   * completed or taken over, so this process need not ask for them again (the scheduled posts
   * look for theirs at every tick).
   */
  private readonly completed = new Map<string, Delivery>();

  constructor(
    private readonly client: TableClient,
    skipped: SkippedRowReport = ignoreSkippedRows,
    changes: ReadModelOptions = {},
  ) {
    this.lists = new PartitionReadModel(client, { read: fromEntity, skipped, ...changes });
  }

  async claim(delivery: Delivery, options: ClaimOptions = {}): Promise<boolean> {
    try {
      return await this.claimOnce(delivery, options);
    } finally {
      this.lists.changed(encodeKey(delivery.roundId));
    }
  }

  private async claimOnce(delivery: Delivery, options: ClaimOptions): Promise<boolean> {
    try {
      await this.client.createEntity(toEntity({ ...delivery, attempts: attemptsOfClaim(undefined) }));
      return true;
    } catch (err) {
      if (statusOf(err) !== 409) throw err;
    }
    // Without staleBefore nothing is taken over (see claimable): no need to read the claim.
    if (!options.staleBefore) return false;
    const stored = await getOptional(this.client, encodeKey(delivery.roundId), encodeKey(delivery.id));
    if (!stored) return false;
    const earlier = fromEntity(stored);
    if (!claimable(earlier, options.staleBefore)) return false;
    try {
      await this.client.updateEntity(toEntity({ ...delivery, attempts: attemptsOfClaim(earlier) }), 'Replace', { etag: stored.etag });
      return true;
    } catch (err) {
      // 412: another process took it over first.
      if (statusOf(err) === 412 || statusOf(err) === 404) return false;
      throw err;
    }
  }

  async complete(delivery: Delivery): Promise<void> {
    try {
      // If-Match: * on purpose: whoever claimed the delivery owns it; the condition only makes
      // sure it was claimed (an unclaimed one is a bug, not a record to create here). Merge:
      // the outcome is added to the claim, whose attempts stay as counted.
      const { attempts: _counted, ...outcome } = delivery;
      await this.client.updateEntity(toEntity(outcome), 'Merge', { etag: '*' });
    } catch (err) {
      if (statusOf(err) === 404) {
        throw new Error(`Delivery ${delivery.id} of round ${delivery.roundId} was never claimed`);
      }
      throw err;
    } finally {
      this.lists.changed(encodeKey(delivery.roundId));
    }
  }

  async get(roundId: string, id: string): Promise<Delivery | undefined> {
    const key = `${encodeKey(roundId)}/${encodeKey(id)}`;
    const known = this.completed.get(key);
    if (known) return known;
    const found = await getOptional(this.client, encodeKey(roundId), encodeKey(id));
    const delivery = found && fromEntity(found);
    if (delivery && delivery.outcome !== 'claimed') this.keepCompleted(key, delivery);
    return delivery;
  }

  private keepCompleted(key: string, delivery: Delivery): void {
    // Bounded: the oldest kept goes first (it is read again from storage if asked for).
    if (this.completed.size >= MAX_KEPT_COMPLETED) this.completed.delete(this.completed.keys().next().value!);
    this.completed.set(key, deepFreeze(delivery));
  }

  async list(roundId: string): Promise<Delivery[]> {
    return [...(await this.lists.list(encodeKey(roundId)))];
  }
}

function toEntity(d: Delivery): Entity {
  const e = entity(encodeKey(d.roundId), encodeKey(d.id));
  putString(e, 'roundId', d.roundId);
  putString(e, 'id', d.id);
  putString(e, 'kind', d.kind);
  putString(e, 'planId', d.planId);
  putString(e, 'recipient', d.recipient);
  putString(e, 'outcome', d.outcome);
  putDate(e, 'claimedAt', d.claimedAt);
  putDate(e, 'completedAt', d.completedAt);
  putString(e, 'activityId', d.activityId);
  putString(e, 'conversationId', d.conversationId);
  putNumber(e, 'statusCode', d.statusCode);
  putString(e, 'error', d.error);
  putNumber(e, 'messagesSent', d.messagesSent);
  putString(e, 'contentHash', d.contentHash);
  putNumber(e, 'attempts', d.attempts);
  return checkStorable(e, fromEntity);
}

function fromEntity(e: Props): Delivery {
  const outcome = requireString(e, 'outcome') as DeliveryOutcome;
  if (!OUTCOMES.includes(outcome)) throw new Error(`Unknown delivery outcome ${outcome}`);
  return defined<Delivery>({
    roundId: requireString(e, 'roundId'),
    id: requireString(e, 'id'),
    kind: requireString(e, 'kind') as Delivery['kind'],
    planId: requireString(e, 'planId'),
    recipient: requireString(e, 'recipient'),
    outcome,
    claimedAt: requireDate(e, 'claimedAt'),
    completedAt: getDate(e, 'completedAt'),
    activityId: getString(e, 'activityId'),
    conversationId: getString(e, 'conversationId'),
    statusCode: getNumber(e, 'statusCode'),
    error: getString(e, 'error'),
    messagesSent: getNumber(e, 'messagesSent'),
    contentHash: getString(e, 'contentHash'),
    attempts: getNumber(e, 'attempts'),
  });
}
