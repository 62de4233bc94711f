// How a message to Teams is sent: paced (pacer.ts), and tried again only where Teams' answer
// says a later attempt can succeed. 429: wait for Retry-After (without it, back off);
// 412/502/503/504: jittered exponential backoff; everything else, 403 included, is final.
// The decision is a pure function; the loop takes its clock, wait and randomness as arguments.

import type { DeliveryOutcome } from '../../../storage/ports';
import type { SendPacing } from './pacer';
import { SendError } from '../ports';

export interface RetrySettings {
  /** Attempts per message, the first included. */
  maxAttempts: number;
  /** Backoff before the second attempt; doubled for each further one. */
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY: RetrySettings = { maxAttempts: 4, baseDelayMs: 1_000, maxDelayMs: 30_000 };

/** Transient answers: the request may succeed if made again later. */
const BACKOFF_STATUS = new Set([412, 502, 503, 504]);

/** Teams' codes of a 403 that mean this user cannot be reached through the stored reference. */
export const UNREACHABLE_CODES = new Set(['ConversationBlockedByUser', 'BotNotInConversationRoster']);

export type RetryDecision = { retry: true; delayMs: number } | { retry: false };

/**
 * Whether to try again after attempt number `attempt` failed with `err`, and after how long.
 * `random` gives a number in [0, 1): half the backoff is fixed and half is jitter, so that
 * senders throttled together do not come back in lockstep.
 */
export function decideRetry(err: unknown, attempt: number, settings: RetrySettings, random: () => number): RetryDecision {
  if (attempt >= settings.maxAttempts || !(err instanceof SendError) || err.statusCode === undefined) return { retry: false };
  const backoff = () => {
    const ceiling = Math.min(settings.maxDelayMs, settings.baseDelayMs * 2 ** (attempt - 1));
    return Math.round(ceiling / 2 + random() * (ceiling / 2));
  };
  if (err.statusCode === 429) return { retry: true, delayMs: err.retryAfterMs ?? backoff() };
  if (BACKOFF_STATUS.has(err.statusCode)) return { retry: true, delayMs: backoff() };
  return { retry: false };
}

/** The recorded outcome of a send that failed: unreachable when Teams said so, failed otherwise. */
export function failureOutcome(err: unknown): Extract<DeliveryOutcome, 'failed' | 'unreachable'> {
  return isUnreachable(err) ? 'unreachable' : 'failed';
}

/** Teams refused because the user blocked the bot or the bot is not in the conversation. */
export function isUnreachable(err: unknown): boolean {
  return err instanceof SendError && err.statusCode === 403 && err.code !== undefined && UNREACHABLE_CODES.has(err.code);
}

/** Paces and retries the HTTP calls of sends. One per process, shared by every sender. */
export class SendPolicy {
  constructor(
    private readonly pacing: SendPacing,
    private readonly settings: RetrySettings,
    private readonly wait: (ms: number) => Promise<void>,
    private readonly random: () => number = Math.random,
  ) {}

  /**
   * Makes one request with the policy: takes a slot of the tenant (and of the conversation when
   * one is named) before each attempt. `attempt` must throw SendError for what Teams answered;
   * the last error is rethrown with the number of attempts made.
   */
  async run<T>(conversationId: string | undefined, attempt: () => Promise<T>): Promise<T> {
    for (let n = 1; ; n++) {
      await this.pacing.take(conversationId);
      try {
        return await attempt();
      } catch (err) {
        const decision = decideRetry(err, n, this.settings, this.random);
        if (!decision.retry) throw withAttempts(err, n);
        // The conversation's other sends wait as well rather than hitting the same wall.
        if (conversationId !== undefined && (err as SendError).statusCode === 429) {
          this.pacing.holdConversation(conversationId, decision.delayMs);
        }
        await this.wait(decision.delayMs);
      }
    }
  }
}

function withAttempts(err: unknown, attempts: number): unknown {
  if (!(err instanceof SendError)) return err;
  const copy = new SendError(err.message, err.statusCode, { retryAfterMs: err.retryAfterMs, code: err.code, attempts });
  copy.stack = err.stack;
  return copy;
}
