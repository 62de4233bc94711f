// The overview card in the coordinator channel asks for itself again when a coordinator sees it
// (Universal Actions' refresh, verb `overview.refresh`): answered with the card from today's
// counts; anyone else is refused with a sentence, so the card they see stays as it is.

import { refreshedOverview } from '../app/coordinator/overview-updates';
import { isRefused } from '../domain/refusals';
import type { CardActionHandler } from './card-data';
import { refusalReply } from './replies';

export const refreshOverviewFromCard: CardActionHandler = async (deps, { actor, data, locale }) => {
  const roundId = typeof data.roundId === 'string' ? data.roundId : '';
  const card = await refreshedOverview(deps, actor, roundId, locale);
  return isRefused(card) ? refusalReply(card, locale) : { kind: 'card', card };
};
