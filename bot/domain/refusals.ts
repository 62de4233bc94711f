// Every reason the bot refuses a person's request for, in one union. A refusal is a value a use
// case returns (logged and audited where it is decided), never an exception; each use case's
// refusal type narrows the union to the reasons it can give, and cards/replies/refusals.ts turns
// a reason into the sentence the person reads.

export type RefusalReason =
  /** The actor is not a coordinator of the register. */
  | 'not-coordinator'
  /** There is no register yet to say who the coordinators are. */
  | 'no-register'
  /** No coordinator channel is bound for the post. */
  | 'no-channel'
  /** The card names a round that does not exist. */
  | 'unknown-round'
  /** The card names a plan that is not in the register. */
  | 'unknown-plan'
  /** The actor may not answer for the plan (nor use its answer card's controls). */
  | 'not-permitted'
  /** The round takes no answers: not open yet, or closed. */
  | 'round-not-open';

/** A request refused for one of the reasons `R`. */
export type Refused<R extends RefusalReason = RefusalReason> = { kind: 'refused'; reason: R };

export function isRefused<T extends object, R extends RefusalReason>(value: T | Refused<R>): value is Refused<R> {
  return (value as Refused<R>).kind === 'refused';
}
