// `historik`: reads the latest admin actions with the names and round titles they refer to, and
// hands them to the reply that words them (cards/replies/history.ts).

import type { Locale } from '../../domain/locale';
import { normalizeAddress } from '../../domain/register';
import { historyText } from '../../../cards/replies/history';
import type { AppDeps } from '../deps';

export const HISTORY_LIMIT = 20;

/** The latest admin actions as a Markdown message: one read of the history, register and rounds. */
export async function adminHistoryText(
  deps: Pick<AppDeps, 'stores'>,
  locale: Locale,
  timeZone: string,
  limit = HISTORY_LIMIT,
): Promise<string> {
  const [actions, register, rounds] = await Promise.all([
    deps.stores.history.recent(limit),
    deps.stores.registers.current(),
    deps.stores.rounds.list(),
  ]);
  return historyText(actions, {
    locale,
    timeZone,
    names: new Map((register?.people ?? []).map((p) => [normalizeAddress(p.id), p.name] as [string, string])),
    rounds: new Map(rounds.map((r) => [r.id, r.title] as [string, string])),
  });
}
