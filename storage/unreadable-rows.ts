// The feed of rows that lists skipped: the stores report to it, the application (which logs,
// audits and tells the coordinators) listens. A listener's failure never fails the list.

import type { UnreadableRow, UnreadableRowFeed } from './ports';

export class UnreadableRowSignal implements UnreadableRowFeed {
  private readonly listeners: Array<(row: UnreadableRow) => void> = [];

  subscribe(listener: (row: UnreadableRow) => void): void {
    this.listeners.push(listener);
  }

  /** Bound, so a store can be handed `signal.report` as its report. */
  readonly report = (row: UnreadableRow): void => {
    for (const listener of this.listeners) {
      try {
        listener(row);
      } catch {
        // The row is skipped whatever a listener does; listeners report their own failures.
      }
    }
  };
}
