// Why a request was refused, as the person reads it: one sentence per reason (the reasons are
// bot/domain/refusals.ts's), the same wherever the refusal comes from. An uploaded register has
// sentences of its own: whatever the reason, only coordinators may replace the register.

import type { Locale } from '../../bot/domain/locale';
import type { RefusalReason, Refused } from '../../bot/domain/refusals';
import type { Round } from '../../bot/domain/round';
import { t, type MessageKey } from '../messages/index';
import { roundNotOpenText } from './officer-replies';

/** The sentence for each reason but `round-not-open`, which names the round. */
export type RefusalSentences = Record<Exclude<RefusalReason, 'round-not-open'>, MessageKey>;

const SENTENCES: RefusalSentences = {
  'not-coordinator': 'notCoordinator',
  'no-register': 'noRegister',
  'no-channel': 'noChannel',
  'unknown-round': 'unknownRound',
  'unknown-plan': 'unknownPlan',
  'not-permitted': 'notPermitted',
};

/** What the preview and apply of an uploaded register say when refused. */
export const UPLOAD_REFUSALS: RefusalSentences = { ...SENTENCES, 'not-coordinator': 'uploadNotCoordinator', 'no-register': 'uploadNotCoordinator' };

/** The sentence a refusal answers with; a round that takes no answers is named. */
export function refusalText(refused: Refused & { round?: Pick<Round, 'title'> }, locale: Locale, sentences: RefusalSentences = SENTENCES): string {
  if (refused.reason === 'round-not-open') return roundNotOpenText(refused.round, locale);
  return t(locale, sentences[refused.reason]);
}
