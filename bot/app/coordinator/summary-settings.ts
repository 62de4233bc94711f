// The summary's settings: when each plan's card follows the overview, how often the overview
// card is updated in place, and the address that opens the tab at a round.

/** The summary's settings, as the composition root gives them (see config.ts). */
export interface SummarySettings {
  /** Each plan's card follows the overview only for a round of at most this many plans (or when asked). */
  planCardsMax: number;
  /** The overview card is updated in place at most this often. */
  overviewUpdateMs: number;
  /** The address that opens the tab at a round; no button on the card without it. */
  tabLink?: (roundId: string) => string;
}

export const DEFAULT_SUMMARY_SETTINGS: SummarySettings = { planCardsMax: 25, overviewUpdateMs: 5 * 60_000 };
