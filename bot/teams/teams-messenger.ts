// Proactive messages through the Bot Connector: a card or a text to a person's 1:1 chat
// (created when there is none yet) and posts to a channel. Every request of a send goes through
// the app's send policy (pacing and retries); what Teams answered (status, Retry-After, error
// code) is handed to it as a SendError.

import { CardFactory, MessageFactory, type CloudAdapter, type ConversationParameters, type ConversationReference } from 'botbuilder';
import type { AdaptiveCard } from '../../cards/expand';
import type { Contact } from '../domain/contact';
import type { SendPolicy } from '../app/sending/send-policy';
import { SendError, type ChannelMessage, type Messenger, type SentCard } from '../app/ports';
import { inConversation } from './connector-calls';
import { isReach, referenceFor, type Reach } from './reach';
import { errorMessage, statusCodeOf } from '../domain/errors';

/**
 * A channel reference taken from a message in a thread points at that thread
 * (`19:…@thread.tacv2;messageid=…`): posts go to the channel itself, as new conversations.
 */
function topLevelOf(reference: ConversationReference): ConversationReference {
  const id = reference.conversation.id.split(';messageid=')[0];
  return { ...reference, conversation: { ...reference.conversation, id } };
}

/** The audience of tokens for calls to the Bot Connector. */
const BOT_CONNECTOR_AUDIENCE = 'https://api.botframework.com';

/** The parts of @azure/core-rest-pipeline's RestError that tell what Teams answered. */
interface HttpFailure {
  statusCode?: number;
  code?: unknown;
  details?: { error?: { code?: unknown } };
  response?: { status?: number; headers?: { get?(name: string): string | undefined }; bodyAsText?: string | null };
}

/** `Retry-After` is seconds or an HTTP date; undefined when missing or unreadable. */
export function parseRetryAfter(value: string | undefined, now: Date): number | undefined {
  const text = value?.trim();
  if (!text) return undefined;
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now.getTime());
}

/** Teams' error code: from the parsed body when the client parsed it, else from the raw body. */
function teamsCodeOf(failure: HttpFailure): string | undefined {
  const parsed = failure.details?.error?.code;
  if (typeof parsed === 'string' && parsed) return parsed;
  const body = failure.response?.bodyAsText;
  if (body) {
    try {
      const code = (JSON.parse(body) as { error?: { code?: unknown } })?.error?.code;
      if (typeof code === 'string' && code) return code;
    } catch {
      // Not JSON (a proxy's HTML page): no code.
    }
  }
  return undefined;
}

/** What the Bot Connector answered, as the app's SendError. */
export function toSendError(err: unknown, now: Date): SendError {
  if (err instanceof SendError) return err;
  const failure = (err ?? {}) as HttpFailure;
  const statusCode = statusCodeOf(err) ?? failure.response?.status;
  return new SendError(errorMessage(err), statusCode, {
    retryAfterMs: parseRetryAfter(failure.response?.headers?.get?.('retry-after'), now),
    code: teamsCodeOf(failure),
  });
}

export class TeamsMessenger implements Messenger {
  constructor(
    private readonly adapter: CloudAdapter,
    private readonly appId: string,
    private readonly policy: SendPolicy,
    private readonly now: () => Date,
  ) {}

  async sendCard(contact: Contact, card: AdaptiveCard): Promise<SentCard> {
    return this.send(contact, MessageFactory.attachment(CardFactory.adaptiveCard(card)));
  }

  async sendText(contact: Contact, text: string): Promise<SentCard> {
    return this.send(contact, MessageFactory.text(text));
  }

  async postToChannel(reference: unknown, messages: ChannelMessage[]): Promise<string[]> {
    const channel = topLevelOf(reference as ConversationReference);
    const ids: string[] = [];
    for (const message of messages) {
      const activity = message.card ? MessageFactory.attachment(CardFactory.adaptiveCard(message.card)) : MessageFactory.text(message.text);
      const response = await this.policy.run(channel.conversation.id, () =>
        this.request(() => inConversation(this.adapter, this.appId, channel, (context) => context.sendActivity(activity))),
      );
      if (!response?.id) throw new SendError('The Bot Connector returned no activity id');
      ids.push(response.id);
    }
    return ids;
  }

  async updateCard(reference: unknown, activityId: string, card: AdaptiveCard): Promise<void> {
    const channel = topLevelOf(reference as ConversationReference);
    // The post is the root of its own thread: Teams names that conversation by the post's id.
    const thread = { ...channel, conversation: { ...channel.conversation, id: `${channel.conversation.id};messageid=${activityId}` } };
    const activity = { ...MessageFactory.attachment(CardFactory.adaptiveCard(card)), id: activityId };
    await this.policy.run(channel.conversation.id, () =>
      this.request(() => inConversation(this.adapter, this.appId, thread, (context) => context.updateActivity(activity))),
    );
  }

  private async send(contact: Contact, activity: ReturnType<typeof MessageFactory.text>): Promise<SentCard> {
    if (!isReach(contact.conversation)) throw new SendError('No way to reach the user in Teams');
    let reach: Reach = contact.conversation;
    if (!reach.conversationId) {
      const created = reach;
      // Creating the chat is a request for the tenant, not yet into a conversation.
      reach = { ...reach, conversationId: await this.policy.run(undefined, () => this.request(() => this.createPersonalConversation(contact, created))) };
    }
    const reference = referenceFor(reach, contact.teamsUserId);
    const response = await this.policy.run(reach.conversationId!, () =>
      this.request(() => inConversation(this.adapter, this.appId, reference, (context) => context.sendActivity(activity))),
    );
    if (!response?.id) throw new SendError('The Bot Connector returned no activity id');
    return { activityId: response.id, conversationId: reach.conversationId!, contact: { ...contact, conversation: reach } };
  }

  /** One HTTP request; a failure becomes a SendError that the policy can judge. */
  private async request<T>(call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (err) {
      throw toSendError(err, this.now());
    }
  }

  /** Creates the 1:1 chat; Teams needs the tenant id for it. */
  private async createPersonalConversation(contact: Contact, reach: Reach): Promise<string> {
    const tenantId = reach.tenantId ?? contact.tenantId;
    const parameters = {
      isGroup: false,
      bot: { id: reach.bot.id, name: reach.bot.name ?? '' },
      members: [{ id: contact.teamsUserId, name: contact.name }],
      tenantId,
      channelData: { tenant: { id: tenantId } },
    } as unknown as ConversationParameters;
    let conversationId: string | undefined;
    let failure: unknown;
    await this.adapter.createConversationAsync(
      this.appId,
      reach.channelId,
      reach.serviceUrl,
      BOT_CONNECTOR_AUDIENCE,
      parameters,
      async (context) => {
        conversationId = context.activity.conversation?.id;
      },
    ).catch((err: unknown) => {
      failure = err;
    });
    if (failure) throw failure;
    if (!conversationId) throw new SendError('The Bot Connector created no conversation');
    return conversationId;
  }
}
