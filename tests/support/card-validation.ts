// Offline check of a card with the Adaptive Cards renderer package: what it could not parse
// and what its own validation flags (duplicate ids, missing required properties, …).

// eslint-disable-next-line @typescript-eslint/no-require-imports
const AC = require('adaptivecards/dist/adaptivecards.js');

export function cardProblems(card: object): string[] {
  const parsed = new AC.AdaptiveCard();
  const context = new AC.SerializationContext();
  parsed.parse(card, context);
  const problems: string[] = [];
  for (let i = 0; i < context.eventCount; i++) problems.push(context.getEventAt(i).message);
  for (const event of parsed.validateProperties().validationEvents) problems.push(event.message);
  return problems;
}

/** The size Teams counts against its 28 KB limit: the card as JSON, in UTF-8 bytes. */
export function cardBytes(card: object): number {
  return Buffer.byteLength(JSON.stringify(card), 'utf8');
}
