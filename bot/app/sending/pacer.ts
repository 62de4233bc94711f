// Paces sends to stay inside Teams' rate limits, so that a 429 is the exception rather than the
// plan: a token bucket for the whole tenant (configurable, 30 per second by default) and, per
// conversation, Teams' documented 7 per second, 8 per 2 seconds, 60 per 30 seconds and 1,800 per
// hour. Each caller is given the next free slot; time and waiting are injected so that tests
// never sleep. A conversation that has gone quiet is kept as the few slots its windows still
// count rather than as a limiter: a round's opening sends to 10,000 conversations once each.

/**
 * A token bucket kept as the time its next token is due (the "generic cell rate" form): with a
 * burst of 1 the tokens are evenly spaced, `1 / perSecond` apart. `reserve` hands out slots in
 * order, so many concurrent callers each get their own.
 */
export class TokenBucket {
  /** When the next token is due at the steady rate. */
  private due = Number.NEGATIVE_INFINITY;

  constructor(
    readonly perSecond: number,
    private readonly burst = 1,
  ) {
    if (!(perSecond > 0)) throw new Error('A token bucket needs a positive rate');
  }

  get intervalMs(): number {
    return 1000 / this.perSecond;
  }

  /** The earliest instant at or after `now` when a token is free, without taking it. */
  earliest(now: number): number {
    return Math.max(now, this.due - (this.burst - 1) * this.intervalMs);
  }

  /** Takes the next token at or after `at` and returns the instant it may be used. */
  reserve(at: number): number {
    const slot = this.earliest(at);
    this.due = Math.max(this.due, slot) + this.intervalMs;
    return slot;
  }
}

/** Rounds up to whole milliseconds, ignoring what floating point adds to a whole number. */
function wholeMs(ms: number): number {
  return Math.ceil(ms - 1e-6);
}

/** A limit of `count` messages in any window of `ms` milliseconds. */
export interface WindowLimit {
  count: number;
  ms: number;
}

/**
 * Teams' limits for a bot in one conversation besides the per-second rate. The 2-second window
 * matters most: at 7 a second the eighth message goes out 1.0 s after the first and a ninth
 * within 2 s would be refused with 429, so a burst is 8 messages and then a pause.
 */
export const TEAMS_CONVERSATION_WINDOWS: readonly WindowLimit[] = [
  { count: 8, ms: 2_000 },
  { count: 60, ms: 30_000 },
  { count: 1_800, ms: 3_600_000 },
];

/**
 * Added to every window: Teams counts a message when it arrives, and arrivals are not exactly as
 * far apart as the instants the messages were let go (the first message into a conversation, or
 * one that waited for a token or a new connection, takes longer on its way). Without it, the
 * ninth message let go exactly 2 s after the first was refused now and then by a connector
 * enforcing 8 per 2 seconds.
 */
export const WINDOW_MARGIN_MS = 250;

/**
 * One conversation: an even rate plus sliding windows over the slots handed out (the rate is
 * also a window of one second, so that rounding never lets an eighth message into a second),
 * each window with the margin above.
 */
export class ConversationLimiter {
  private readonly rate: TokenBucket;
  private readonly windows: readonly WindowLimit[];
  /** Slots handed out, oldest first; as many as the largest window counts. */
  private readonly slots: number[];
  private readonly keep: number;
  private heldUntil = Number.NEGATIVE_INFINITY;
  /** Takers of this conversation go one after the other, in the order they came. */
  queue: Promise<void> = Promise.resolve();
  waiting = 0;

  constructor(
    perSecond: number,
    windows: readonly WindowLimit[] = TEAMS_CONVERSATION_WINDOWS,
    private readonly marginMs = WINDOW_MARGIN_MS,
    /** The slots of an earlier limiter of the conversation (see {@link slotsAtRest}). */
    slots: readonly number[] = [],
  ) {
    this.slots = [...slots];
    this.rate = new TokenBucket(perSecond);
    this.windows = [{ count: Math.max(1, Math.floor(perSecond)), ms: 1000 }, ...windows];
    this.keep = Math.max(...this.windows.map((w) => w.count));
  }

  earliest(now: number): number {
    let slot = Math.max(this.rate.earliest(now), this.heldUntil);
    for (const w of this.windows) {
      if (this.slots.length >= w.count) slot = Math.max(slot, this.slots[this.slots.length - w.count] + w.ms + this.marginMs);
    }
    return slot;
  }

  reserve(at: number): number {
    // Whole milliseconds, so that the windows hold exactly for the instants actually waited to.
    const slot = wholeMs(this.earliest(at));
    this.rate.reserve(slot);
    this.slots.push(slot);
    if (this.slots.length > this.keep) this.slots.splice(0, this.slots.length - this.keep);
    return slot;
  }

  /** Holds the conversation until `until` (after Teams answered 429 with Retry-After). */
  holdUntil(until: number): void {
    this.heldUntil = Math.max(this.heldUntil, until);
  }

  /**
   * The slots handed out, when nothing else holds the conversation back at `now` (no one waiting,
   * no hold, the rate's next token due): a limiter made from them then hands out the same slots
   * as this one. Undefined while something else still does.
   */
  slotsAtRest(now: number): readonly number[] | undefined {
    if (this.waiting > 0 || this.heldUntil > now || this.rate.earliest(now) > now) return undefined;
    return this.slots;
  }
}

export interface RateLimits {
  /** Sends per second for the whole tenant (this process's share of it). */
  perTenant: number;
  /** Sends per second into one conversation (Teams allows 7). */
  perConversation: number;
}

/** How often (in takes) quiet conversations are laid to rest and passed ones forgotten. */
const SETTLE_EVERY_TAKES = 1000;

/** The tenant's bucket and one limiter per conversation; a send takes a slot of both. */
export class SendPacing {
  private readonly tenant: TokenBucket;
  private readonly conversations = new Map<string, ConversationLimiter>();
  /** Quiet conversations, as the slots that some window still counts, oldest first. */
  private readonly resting = new Map<string, number[]>();
  /** How long a slot counts: the longest window with its margin. */
  private readonly reachMs: number;
  private takes = 0;

  constructor(
    private readonly limits: RateLimits,
    private readonly now: () => number,
    private readonly wait: (ms: number) => Promise<void>,
    private readonly windows: readonly WindowLimit[] = TEAMS_CONVERSATION_WINDOWS,
  ) {
    this.tenant = new TokenBucket(limits.perTenant);
    this.reachMs = Math.max(1000, ...windows.map((w) => w.ms)) + WINDOW_MARGIN_MS;
  }

  /**
   * Resolves when the caller may send into the conversation (or, without one, make a request
   * for the tenant, such as creating a conversation). The conversation's slot is waited for
   * first and the tenant's taken only then, so a busy conversation does not hold tenant slots
   * that other conversations could use.
   */
  async take(conversationId?: string): Promise<void> {
    if (conversationId === undefined) return this.takeSlot(undefined);
    const conversation = this.conversation(conversationId, this.now());
    conversation.waiting++;
    const turn = conversation.queue.then(() => this.takeSlot(conversation));
    conversation.queue = turn.then(
      () => void conversation.waiting--,
      () => void conversation.waiting--,
    );
    return turn;
  }

  private async takeSlot(conversation: ConversationLimiter | undefined): Promise<void> {
    let at = this.now();
    if (conversation) {
      const free = wholeMs(conversation.earliest(at));
      if (free > at) {
        await this.wait(free - at);
        at = Math.max(this.now(), free);
      }
    }
    // No await between the two reservations: concurrent callers cannot slip in between.
    let slot = this.tenant.reserve(at);
    if (conversation) slot = conversation.reserve(slot);
    const current = this.now();
    if (slot > current) await this.wait(wholeMs(slot - current));
  }

  /** Teams asked to wait (429 with Retry-After): the conversation's next send waits as long. */
  holdConversation(conversationId: string, ms: number): void {
    const now = this.now();
    this.conversation(conversationId, now).holdUntil(now + ms);
  }

  private conversation(id: string, now: number): ConversationLimiter {
    if (++this.takes % SETTLE_EVERY_TAKES === 0) this.settle(now);
    let limiter = this.conversations.get(id);
    if (!limiter) {
      limiter = new ConversationLimiter(this.limits.perConversation, this.windows, WINDOW_MARGIN_MS, this.resting.get(id));
      this.resting.delete(id);
      this.conversations.set(id, limiter);
    }
    return limiter;
  }

  /**
   * Lays the conversations nothing but their slots holds back to rest, as those slots, and
   * forgets a conversation once no window counts any of its slots.
   */
  private settle(now: number): void {
    for (const [id, limiter] of this.conversations) {
      const slots = limiter.slotsAtRest(now);
      if (!slots) continue;
      this.conversations.delete(id);
      this.rest(id, slots, now);
    }
    for (const [id, slots] of this.resting) this.rest(id, slots, now);
  }

  private rest(id: string, slots: readonly number[], now: number): void {
    const first = slots.findIndex((slot) => slot + this.reachMs > now);
    if (first < 0) this.resting.delete(id);
    else if (first > 0 || !this.resting.has(id)) this.resting.set(id, slots.slice(first));
  }

  /** How many conversations are remembered, at rest or not (for tests of the clean-up). */
  get conversationCount(): number {
    return this.conversations.size + this.resting.size;
  }

  /** How many conversations are kept as limiters rather than at rest (for tests of the clean-up). */
  get limiterCount(): number {
    return this.conversations.size;
  }
}
