// Inbound de-duplication in Table Storage: a conditional insert per (conversation, activity).
// The insert itself is the claim, so two instances receiving the same activity cannot both
// win.

import type { TableClient } from '@azure/data-tables';
import { encodeKey } from '../keys';
import type { InboxStore } from '../ports';
import { entity, putDate, statusOf } from './entity';

export class TableInboxStore implements InboxStore {
  constructor(private readonly client: TableClient) {}

  async claim(conversationId: string, activityId: string, at: Date): Promise<boolean> {
    // Partition per conversation: the pair stays unique however long the bot runs.
    const e = entity(encodeKey(conversationId), encodeKey(activityId));
    putDate(e, 'at', at);
    try {
      await this.client.createEntity(e);
      return true;
    } catch (err) {
      if (statusOf(err) === 409) return false;
      throw err;
    }
  }
}
