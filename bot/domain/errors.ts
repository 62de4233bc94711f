// One vocabulary of expected failures. Use cases return or throw these; the Teams layer turns
// the code into a user-facing sentence from the message catalogue and logs once.

export type ErrorCode =
  | 'invalid-input'
  | 'not-permitted'
  | 'not-found'
  | 'round-not-open'
  | 'conflict';

export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

/** A problem with one field of some input, located for the person who has to fix it. */
export interface FieldError {
  /** Line in the source file (1-based) where known. */
  line?: number;
  /** Field or path, e.g. `titel` or `plans[3].officer`. */
  field: string;
  message: string;
}
