// Inbound de-duplication in Table Storage: a conditional insert per (conversation, activity).
// The insert itself is the claim, so two instances receiving the same activity cannot both
// win.
//
// An activity Teams sent with a timestamp is claimed in a partition per minute of that
// timestamp (the same on a redelivery), keyed by conversation and activity: the claims of many
// conversations at once then share a transaction (group-commit.ts) instead of one request each.
// A claim without one (and the app's own markers: a welcome, an upload applied) keeps the
// earlier layout, a partition per conversation, which keeps the pair unique however long the
// bot runs. An activity sent before this store's first claim (the process started about then),
// or up to a margin after it, may have been claimed by an earlier version of the bot, in that
// layout: it is claimed there too, and is new only if both claims win. When that second claim
// fails (other than on a claim already there), the activity is taken as new all the same, with
// a warning: its first claim is stored, so a redelivery would otherwise be lost as a duplicate.
//
// Each claim carries a random token: a transaction the service applied but whose answer was
// lost (a connection reset, a timeout) is retried row by row by group-commit.ts and meets its
// own rows (409). A row found there with the claim's own token is the claim's, so it is won.

import { randomUUID } from 'node:crypto';
import type { TableClient } from '@azure/data-tables';
import { errorMessage } from '../../bot/domain/errors';
import { compositeKey, encodeKey } from '../keys';
import type { InboxStore } from '../ports';
import { entity, getOptional, getString, putDate, putString, statusOf, type Entity } from './entity';
import { GroupCommit } from './group-commit';

/** The partition of the activities sent in one minute; `:` never occurs in a conversation's partition. */
function minutePartition(sentAt: Date): string {
  return compositeKey('sent', sentAt.toISOString().slice(0, 16));
}

function claimRow(partitionKey: string, rowKey: string, at: Date, token: string): Entity {
  const e = entity(partitionKey, rowKey);
  putDate(e, 'at', at);
  putString(e, 'token', token);
  return e;
}

/**
 * How long after this store's first claim an activity is also claimed in the earlier layout: the
 * server's clock may be behind Teams' (which sets `sentAt`), and an activity an earlier process
 * took just before this one started may come again (Teams sends it again after 15 s). A minute
 * covers both; each claim in it costs one request more, so it is kept short. A process of the
 * earlier version that keeps running beside this one for longer may handle a redelivery again
 * (README, the scale-out paragraph).
 */
export const EARLIER_LAYOUT_MARGIN_MS = 60_000;

/** Told of what the store went on past (a log's warn). */
export type StorageWarning = (event: string, fields: Record<string, string>) => void;

export class TableInboxStore implements InboxStore {
  private readonly writes: GroupCommit;
  /** When this store made its first claim: activities sent before (or within the margin after) may have been claimed in the earlier layout. */
  private firstClaimAt?: Date;

  constructor(
    private readonly client: TableClient,
    private readonly warn: StorageWarning = () => {},
  ) {
    this.writes = new GroupCommit(client);
  }

  async claim(conversationId: string, activityId: string, at: Date, sentAt?: Date): Promise<boolean> {
    this.firstClaimAt ??= at;
    const token = randomUUID();
    const inConversation = () => this.insert(claimRow(encodeKey(conversationId), encodeKey(activityId), at, token));
    if (!sentAt) return inConversation();
    if (!(await this.insert(claimRow(minutePartition(sentAt), compositeKey(conversationId, activityId), at, token)))) return false;
    return sentAt.getTime() >= this.firstClaimAt.getTime() + EARLIER_LAYOUT_MARGIN_MS || this.alsoClaimed(inConversation, conversationId, activityId);
  }

  /** The claim in the earlier layout of an activity whose first claim won: won unless it meets another claim. */
  private async alsoClaimed(claim: () => Promise<boolean>, conversationId: string, activityId: string): Promise<boolean> {
    try {
      return await claim();
    } catch (err) {
      this.warn('inbox.earlier-layout-claim-failed', { conversation: conversationId, activity: activityId, error: errorMessage(err) });
      return true;
    }
  }

  /** True when the row was inserted (by this claim), false when another claim's was there already. */
  private async insert(row: Entity): Promise<boolean> {
    try {
      await this.writes.create(row);
      return true;
    } catch (err) {
      if (statusOf(err) === 409) return this.isOwn(row);
      throw err;
    }
  }

  /** Whether the stored row is this claim's own (its write applied, the answer lost). */
  private async isOwn(row: Entity): Promise<boolean> {
    const stored = await getOptional(this.client, row.partitionKey, row.rowKey);
    return stored !== undefined && getString(stored, 'token') === getString(row, 'token');
  }
}
