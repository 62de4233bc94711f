// What a coordinator (or the command-line tool) changed: the register, a plan, a round, the
// schedule, a template. Kept with what it was before and after, never changed or deleted: stored
// by the admin history (storage/ports.ts), worded for `historik` by cards/replies/history.ts.

export interface AdminAction {
  at: Date;
  /** Address (or Teams id) of who acted; `cli` or `schedule` when no person did. */
  actor: string;
  actorName?: string;
  /** e.g. `register.applied`, `plan.created`, `plan.changed`, `round.created`, `round.postponed`, `round.closed`, `round.opened` */
  action: string;
  /** What was acted on, e.g. `register:12`, `plan:drog`, `round:kf-2026`. */
  subject: string;
  /** The state before and after, as plain JSON values (a plan's fields, a round's dates, counts). */
  before?: unknown;
  after?: unknown;
}
