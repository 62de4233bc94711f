// The sending step the prompts, the reminders and a delegation share: one plan's answer card,
// pre-filled with the current answer, 1:1 to an officer as a claimed delivery. Each use case
// says which delivery it is (its id and kind) and what line, if any, goes above the card.

import { buildAnswerCard } from '../../../cards/answer-card';
import { baseVersionOf, emptyContent } from '../../domain/answer';
import { templateOf } from '../../domain/templates/builtin';
import type { Contact } from '../../domain/contact';
import type { Locale } from '../../domain/locale';
import type { Plan } from '../../domain/register';
import type { Round } from '../../domain/round';
import { promptId } from '../../domain/reminders';
import type { AppDeps } from '../deps';
import { latestAnswer } from '../officer/officer-plans';
import { sendCardDelivery, type CardDeliveryOutcome } from './deliveries';

/** Which delivery a card is: its id (deterministic, so it is claimed once), kind and the line above the card. */
export interface AnswerCardSend {
  id: string;
  kind: 'prompt' | 'reminder';
  notice?: (locale: Locale) => string;
}

/**
 * Sends an officer the answer card of one plan (pre-filled with the current answer) as a claimed
 * delivery, the plan's prompt unless told otherwise: nothing is sent when the delivery was claimed
 * before (unless that claim was left behind by a process that died, and its lease expired). A 1:1
 * conversation created on the way is kept with the contact. When Teams says the person cannot be
 * reached, the delivery is recorded `unreachable` and the contact marked stale.
 */
export async function sendAnswerCard(
  deps: AppDeps,
  round: Round,
  plan: Plan,
  contact: Contact,
  send: AnswerCardSend = { id: promptId(plan.id), kind: 'prompt' },
): Promise<{ outcome: CardDeliveryOutcome; reached: Contact }> {
  const delivery = { roundId: round.id, id: send.id, kind: send.kind, planId: plan.id, recipient: contact.aadObjectId };
  return sendCardDelivery(deps, delivery, contact, async (locale) => {
    const latest = await latestAnswer(deps, round.id, plan.id);
    return buildAnswerCard({
      locale,
      round,
      plan,
      content: latest?.content ?? emptyContent(templateOf(round)),
      baseVersion: baseVersionOf(latest),
      notice: send.notice?.(locale),
      now: deps.clock.now(),
    });
  });
}
