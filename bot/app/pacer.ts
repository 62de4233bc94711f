// Paces sends to stay inside Teams' rate limits (per tenant, and per conversation), so that a
// 429 is the exception rather than the plan. Each caller is given the next free slot; time and
// waiting are injected so that tests never sleep.

export class Pacer {
  private nextSlot = 0;

  constructor(
    private readonly perSecond: number,
    private readonly now: () => number,
    private readonly wait: (ms: number) => Promise<void>,
  ) {}

  /** Resolves when the caller may send. */
  async take(): Promise<void> {
    const now = this.now();
    const slot = Math.max(now, this.nextSlot);
    this.nextSlot = slot + 1000 / this.perSecond;
    if (slot > now) await this.wait(slot - now);
  }
}

/** One pacer for the tenant and one per conversation; a send takes a slot of both. */
export class SendPacing {
  private readonly tenant: Pacer;
  private readonly conversations = new Map<string, Pacer>();

  constructor(
    private readonly limits: { perTenant: number; perConversation: number },
    private readonly now: () => number,
    private readonly wait: (ms: number) => Promise<void>,
  ) {
    this.tenant = new Pacer(limits.perTenant, now, wait);
  }

  /**
   * `perSecond` lowers the conversation's rate: a channel that receives a long summary must stay
   * under Teams' 60 messages per 30 seconds, not only under 7 per second.
   */
  async take(conversationId: string, perSecond = this.limits.perConversation): Promise<void> {
    let pacer = this.conversations.get(conversationId);
    if (!pacer) {
      pacer = new Pacer(Math.min(perSecond, this.limits.perConversation), this.now, this.wait);
      this.conversations.set(conversationId, pacer);
    }
    await Promise.all([this.tenant.take(), pacer.take()]);
  }
}
