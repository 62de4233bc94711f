// What a card action or a typed command answers with, and how that answer goes back to Teams:
// as a message (the sentence, or the card as an attachment) or as the body of an invoke response.
// A leaf of bot/teams: the card actions and the coordinator's action files all answer with it,
// and with the sentence of a refusal.

import { ActivityTypes, CardFactory, MessageFactory, type Activity, type TurnContext } from 'botbuilder';
import type { AdaptiveCard } from '../../cards/expand';
import { refusalText, type RefusalSentences } from '../../cards/replies/refusals';
import type { Locale } from '../domain/locale';
import type { Refused } from '../domain/refusals';
import type { Round } from '../domain/round';

export type CardReply = { kind: 'card'; card: AdaptiveCard } | { kind: 'text'; text: string };

/** A refused request answered with its sentence (see cards/replies/refusals.ts). */
export function refusalReply(refused: Refused & { round?: Pick<Round, 'title'> }, locale: Locale, sentences?: RefusalSentences): CardReply {
  return { kind: 'text', text: refusalText(refused, locale, sentences) };
}

/** A reply as the message to send: the sentence (a reply or a plain one), or the card as an attachment. */
export function replyActivity(reply: CardReply | string): string | Partial<Activity> {
  if (typeof reply === 'string') return reply;
  return reply.kind === 'text' ? reply.text : MessageFactory.attachment(CardFactory.adaptiveCard(reply.card));
}

/** A reply as the body of an Action.Execute's invoke response. */
export function invokeBody(reply: CardReply) {
  return reply.kind === 'card' ? { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: reply.card } : messageBody(reply.text);
}

export function messageBody(text: string) {
  return { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: text };
}

export async function sendInvokeResponse(context: TurnContext, status: number, body: unknown): Promise<void> {
  await context.sendActivity({ type: ActivityTypes.InvokeResponse, value: { status, body } });
}
