// Calls into a conversation through the Bot Connector, shared by the messenger and the
// directory. Errors inside continueConversationAsync go to onTurnError and never reach the
// caller, so the logic callback catches its own error and it is handed out explicitly.

import type { CloudAdapter, TurnContext } from 'botbuilder';

/** The HTTP status a failed call to the Bot Connector answered with, when it says. */
export function statusCodeOf(err: unknown): number | undefined {
  const code = (err as { statusCode?: unknown })?.statusCode;
  return typeof code === 'number' ? code : undefined;
}

/** A stored conversation reference, as continueConversationAsync takes it. */
export type ConversationAddress = Parameters<CloudAdapter['continueConversationAsync']>[1];

/** Runs logic in a conversation and rethrows what went wrong inside it. */
export async function inConversation<T>(
  adapter: CloudAdapter,
  appId: string,
  reference: ConversationAddress,
  logic: (context: TurnContext) => Promise<T>,
): Promise<T> {
  type Result = { kind: 'returned'; value: T } | { kind: 'threw'; error: unknown };
  let result = { kind: 'threw', error: new Error('The conversation logic did not run') } as Result;
  await adapter.continueConversationAsync(appId, reference, async (context) => {
    try {
      result = { kind: 'returned', value: await logic(context) };
    } catch (error) {
      result = { kind: 'threw', error };
    }
  });
  if (result.kind === 'threw') throw result.error;
  return result.value;
}
