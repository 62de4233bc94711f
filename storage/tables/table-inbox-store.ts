// Inbound de-duplication in Table Storage: a conditional insert per (conversation, activity).
// The insert itself is the claim, so two instances receiving the same activity cannot both
// win.
//
// An activity Teams sent with a timestamp is claimed in a partition per minute of that
// timestamp (the same on a redelivery), keyed by conversation and activity: the claims of many
// conversations at once then share a transaction (group-commit.ts) instead of one request each.
// A claim without one (and the app's own markers: a welcome, an upload applied) keeps the
// earlier layout, a partition per conversation, which keeps the pair unique however long the
// bot runs. An activity sent before this store's first claim (the process started about then)
// may have been claimed by an earlier version of the bot, in that layout: it is claimed there
// too, and is new only if both claims win.

import type { TableClient } from '@azure/data-tables';
import { compositeKey, encodeKey } from '../keys';
import type { InboxStore } from '../ports';
import { entity, putDate, statusOf, type Entity } from './entity';
import { GroupCommit } from './group-commit';

/** The partition of the activities sent in one minute; `:` never occurs in a conversation's partition. */
function minutePartition(sentAt: Date): string {
  return compositeKey('sent', sentAt.toISOString().slice(0, 16));
}

function claimRow(partitionKey: string, rowKey: string, at: Date): Entity {
  const e = entity(partitionKey, rowKey);
  putDate(e, 'at', at);
  return e;
}

export class TableInboxStore implements InboxStore {
  private readonly writes: GroupCommit;
  /** When this store made its first claim: activities sent before may have been claimed in the earlier layout. */
  private firstClaimAt?: Date;

  constructor(client: TableClient) {
    this.writes = new GroupCommit(client);
  }

  async claim(conversationId: string, activityId: string, at: Date, sentAt?: Date): Promise<boolean> {
    this.firstClaimAt ??= at;
    const inConversation = () => this.insert(claimRow(encodeKey(conversationId), encodeKey(activityId), at));
    if (!sentAt) return inConversation();
    if (!(await this.insert(claimRow(minutePartition(sentAt), compositeKey(conversationId, activityId), at)))) return false;
    return sentAt.getTime() >= this.firstClaimAt.getTime() || inConversation();
  }

  /** True when the row was inserted, false when it was there already. */
  private async insert(row: Entity): Promise<boolean> {
    try {
      await this.writes.create(row);
      return true;
    } catch (err) {
      if (statusOf(err) === 409) return false;
      throw err;
    }
  }
}
