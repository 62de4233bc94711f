// The reminders' own way out: an officer's answer card again, with a reminder line above it, as
// a claimed delivery of its own. The scheduled reminders (runReminders) and the coordinator's
// `påminn` (remindUnsubmitted) both send through here.

import { t } from '../../../cards/messages/index';
import type { Contact } from '../../domain/contact';
import type { Plan } from '../../domain/register';
import type { Round } from '../../domain/round';
import { formatDate } from '../../domain/time';
import type { AppDeps } from '../deps';
import { sendAnswerCard } from '../sending/answer-card';

/** A reminder's delivery id, and whether the round's due date has passed (the line says so). */
export interface Reminder {
  id: string;
  overdue?: boolean;
}

/** Sends the plan's card with the reminder line, in the officer's language; once per reminder id. */
export function sendReminderCard(deps: AppDeps, round: Round, plan: Plan, contact: Contact, reminder: Reminder): ReturnType<typeof sendAnswerCard> {
  return sendAnswerCard(deps, round, plan, contact, {
    id: reminder.id,
    kind: 'reminder',
    notice: (locale) => t(locale, reminder.overdue ? 'followUpOverdueNotice' : 'reminderNotice', { due: formatDate(round.dueAt, round.timeZone, locale) }),
  });
}
