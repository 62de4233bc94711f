// In-memory InboxStore: the first claim of a (conversation, activity) pair wins.

import type { InboxStore } from '../ports';

export class MemoryInboxStore implements InboxStore {
  private readonly claimed = new Map<string, Date>();

  async claim(conversationId: string, activityId: string, at: Date): Promise<boolean> {
    const key = JSON.stringify([conversationId, activityId]);
    if (this.claimed.has(key)) return false;
    this.claimed.set(key, new Date(at.getTime()));
    return true;
  }
}
