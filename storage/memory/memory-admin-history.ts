// In-memory admin history: actions as recorded, newest first when read.

import type { AdminAction, AdminHistoryStore } from '../ports';
import { copy, jsonCopy } from './copy';

export class MemoryAdminHistory implements AdminHistoryStore {
  private readonly actions: AdminAction[] = [];

  async record(action: AdminAction): Promise<void> {
    this.actions.push(copy({ ...action, before: jsonCopy(action.before), after: jsonCopy(action.after) }));
  }

  async recent(limit: number): Promise<AdminAction[]> {
    // Newest first; of two at the same instant, the later recorded first.
    return this.actions
      .map((a, i) => ({ a, i }))
      .sort((x, y) => y.a.at.getTime() - x.a.at.getTime() || y.i - x.i)
      .slice(0, limit)
      .map(({ a }) => copy(a));
  }
}
