// What the use cases need from Teams, as the Teams layer provides it. Nothing here knows about
// botbuilder: replacing bot/teams replaces the implementations, not these promises.

import type { AdaptiveCard } from '../../cards/expand';
import type { Contact } from '../domain/contact';

export interface SentCard {
  activityId: string;
  conversationId: string;
  /** The contact with its 1:1 conversation reference, created if it was missing. */
  contact: Contact;
}

/** What Teams said besides the status code, as far as the response told it. */
export interface SendErrorDetails {
  /** From the `Retry-After` header of a 429 (seconds or an HTTP date), in milliseconds. */
  retryAfterMs?: number;
  /** Teams' error code from the response body, e.g. `ConversationBlockedByUser`. */
  code?: string;
  /** How many times the message was tried before giving up. */
  attempts?: number;
}

/** Thrown by a Messenger when Teams refused the message; the status code is kept. */
export class SendError extends Error {
  readonly retryAfterMs?: number;
  readonly code?: string;
  readonly attempts?: number;

  constructor(
    message: string,
    readonly statusCode?: number,
    details: SendErrorDetails = {},
  ) {
    super(message);
    this.name = 'SendError';
    this.retryAfterMs = details.retryAfterMs;
    this.code = details.code;
    this.attempts = details.attempts;
  }
}

/** A message to post: a card or a Markdown text. */
export type ChannelMessage = { card: AdaptiveCard; text?: undefined } | { text: string; card?: undefined };

export interface Messenger {
  /** Posts messages, in order, to a channel or chat by its stored conversation reference. */
  postToChannel(reference: unknown, messages: ChannelMessage[]): Promise<string[]>;
  /** Replaces a card posted to that channel (by the activity id postToChannel returned) with another. */
  updateCard(reference: unknown, activityId: string, card: AdaptiveCard): Promise<void>;
  /** Sends a card 1:1 to the contact, creating the conversation where none exists yet. */
  sendCard(contact: Contact, card: AdaptiveCard): Promise<SentCard>;
  sendText(contact: Contact, text: string): Promise<SentCard>;
}

export interface Directory {
  /**
   * Looks up Teams users by UPN or e-mail in the rosters where the app is installed. Returns
   * the ones found, without a conversation reference.
   */
  findUsers(addresses: string[]): Promise<Contact[]>;
  /**
   * Looks up one Teams user by Azure AD object id (what the people picker on a card returns)
   * in the same rosters. Optional: without it only stored contacts are known by id.
   */
  findUserById?(aadObjectId: string): Promise<Contact | undefined>;
}
