// An activity the bot refuses at its door (another channel, another tenant) is audited, without
// trusting who it says it is from and without letting one sender fill the audit log: the sender
// id is whatever the activity claims (another channel writes its own), so the actor is
// `unverified` with the claimed id beside it, and a sender's refusals for one reason are audited
// once an hour (a claimed marker per sender, reason and hour). Each refusal is still logged.

import { createHash } from 'node:crypto';
import type { AppDeps } from './deps';
import { boundedText } from './logger';

/** The actor of an audit event whose sender the bot could not verify. */
export const UNVERIFIED_ACTOR = 'unverified';

/** Markers of refusals audited, partitioned by the hour (UTC) they were audited in. */
const MARKER_PARTITION = 'refusal-audited';

export interface ActivityRefusal {
  action: 'activity.channel-refused' | 'activity.tenant-refused';
  /** What was refused, e.g. `tenant:{id}`; from the activity, so bounded before it is kept. */
  subject: string;
  /** The sender id the activity claims. */
  claimedSender: string;
  /** The activity's type (message, invoke, …). */
  activityType: string;
}

/** Audits the refusal unless this sender's refusal for the same reason was audited this hour. */
export async function auditRefusal(deps: Pick<AppDeps, 'stores' | 'clock'>, refusal: ActivityRefusal): Promise<void> {
  const now = deps.clock.now();
  const claimedSender = boundedText(refusal.claimedSender);
  const hour = now.toISOString().slice(0, 13);
  const marker = createHash('sha256').update(JSON.stringify([refusal.action, refusal.claimedSender])).digest('hex').slice(0, 32);
  if (!(await deps.stores.inbox.claim(`${MARKER_PARTITION}:${hour}`, marker, now))) return;
  await deps.stores.audit.record({
    at: now,
    actor: UNVERIFIED_ACTOR,
    action: refusal.action,
    subject: boundedText(refusal.subject),
    details: { type: boundedText(refusal.activityType), claimedSender },
  });
}
