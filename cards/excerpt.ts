// Text from a file or a person, quoted on someone's card: at most a short excerpt, so that no
// value (a 60 KB header cell, a file name) can push a card over Teams' 28 KB.

import { cutAtBoundary } from './summary-cards';

/** The text itself when it takes at most `maxBytes` in the card's JSON; else its start and "…". */
export function excerpt(text: string, maxBytes: number): string {
  const cut = cutAtBoundary(text, maxBytes);
  return cut === text ? text : `${cut}…`;
}
