// Time comes into use cases through a Clock so that tests can set it.

export interface Clock {
  now(): Date;
}

/**
 * The time sends are paced and retried by: a steady count of milliseconds and a wait on it. The
 * process's own unless a test gives virtual time, so that a Retry-After is not sat out for real.
 */
export interface PacingTime {
  now(): number;
  wait(ms: number): Promise<void>;
}
