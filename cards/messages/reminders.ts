// Reminders and escalation: `påminn`, and what the scheduler sends (bot/app/reminders/run-reminders.ts).

import type { EnglishOf } from './area';

export const sv = {
  reminded: 'Påminnelser för **{round}**: skickade till {sent}, {unreachable} kunde inte nås.',
  reminderNotice: 'Påminnelse: svaret ska vara inskickat senast {due}.',
  followUpOverdueNotice: 'Påminnelse: svaret skulle ha skickats in senast {due}. Skicka in det så snart du kan.',
  overdueDigestHeading: 'Försenade uppföljningar',
  overdueDigestManagerIntro: 'Svaren skulle ha skickats in senast {due}. De här planerna hos dina medarbetare är ännu inte inskickade:',
  overdueDigestListIntro: 'Svaren skulle ha skickats in senast {due}. Planer som ännu inte är inskickade: {count}.',
  overdueDigestAbsent: 'frånvarande till och med {until}',
  overdueDigestDeputy: 'delegerad till {name}',
  overdueDigestManager: 'chef {name}',
  overdueDigestNoManager: 'ingen chef i registret',
  overdueDigestMore: '… och {count} till.',
};

export const en: EnglishOf<typeof sv> = {
  reminded: 'Reminders for **{round}**: sent to {sent}, {unreachable} could not be reached.',
  reminderNotice: 'Reminder: the answer is due by {due}.',
  followUpOverdueNotice: 'Reminder: the answer was due by {due}. Please submit it as soon as you can.',
  overdueDigestHeading: 'Overdue follow-ups',
  overdueDigestManagerIntro: 'The answers were due by {due}. These plans of your staff have not been submitted yet:',
  overdueDigestListIntro: 'The answers were due by {due}. Plans not yet submitted: {count}.',
  overdueDigestAbsent: 'away through {until}',
  overdueDigestDeputy: 'delegated to {name}',
  overdueDigestManager: 'manager {name}',
  overdueDigestNoManager: 'no manager in the register',
  overdueDigestMore: '… and {count} more.',
};
