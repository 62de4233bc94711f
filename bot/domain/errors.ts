// The vocabulary of what goes wrong. An expected failure is a value a use case returns (a
// refusal with its reason, see refusals.ts; a problem with one field of some input, below), not
// something thrown; an unexpected one is logged once, by its message, where it is handled.

/** A problem with one field of some input, located for the person who has to fix it. */
export interface FieldError {
  /** Line in the source file (1-based) where known. */
  line?: number;
  /** Field or path, e.g. `titel` or `plans[3].officer`. */
  field: string;
  message: string;
}

/** What a caught value says went wrong: an Error's message, anything else as text. */
export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
