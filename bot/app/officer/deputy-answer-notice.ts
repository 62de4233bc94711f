// When a deputy submits the answer for a plan, its officer is told 1:1, so that the officer
// knows the round's answer is in without having to ask. Best effort: the answer is stored
// already, so a failed notice is logged, never raised to the deputy.

import { statusCodeOf } from '../../domain/errors';
import { localeFrom } from '../../domain/locale';
import { deputyAnswerNotice } from '../../../cards/replies/deputy-answer-notice';
import type { Actor } from '../../domain/permissions';
import { normalizeAddress, type Plan } from '../../domain/register';
import type { Round } from '../../domain/round';
import type { AppDeps } from '../deps';
import { findContact } from '../contacts/contact-book';

export async function tellOfficerOfDeputyAnswer(deps: AppDeps, round: Round, plan: Plan, deputy: Actor): Promise<void> {
  if (!plan.officer) return;
  try {
    const officer = await findContact(deps, normalizeAddress(plan.officer));
    if (!officer) {
      deps.log.warn('deputy-answer.officer-unreachable', { round: round.id, plan: plan.id });
      return;
    }
    const locale = localeFrom(officer.locale);
    const sent = await deps.messenger.sendText(officer, deputyAnswerNotice(locale, deputy.name, plan, round));
    if (sent.contact.conversation !== officer.conversation) await deps.stores.contacts.save(sent.contact);
    deps.log.info('deputy-answer.officer-told', { round: round.id, plan: plan.id });
  } catch (err) {
    deps.log.warn('deputy-answer.notice-failed', {
      round: round.id,
      plan: plan.id,
      statusCode: statusCodeOf(err),
    });
  }
}
