// The officer's controls on the answer card: remind me later, delegate the round to a deputy,
// out of office until a day, and start from the last round's answer. The same people who may
// answer for the plan may use them (its officer, its deputy in the round, a coordinator). Every
// change is stored with an ETag, audited with ids only, and reported back for the card's
// notice line; the reminder engine reads what is stored here.

import type { AnswerContent } from '../../domain/answer';
import { delegationCardId } from '../../domain/reminders';
import { t } from '../../../cards/messages/index';
import {
  decideAbsence,
  decideDeputy,
  decideSnooze,
  earlierRounds,
  type DateProblem,
  type DeputyProblem,
} from '../../domain/officer-controls';
import { personIdOf, type Actor } from '../../domain/permissions';
import { normalizeAddress, type Plan } from '../../domain/register';
import type { Round } from '../../domain/round';
import { ConcurrencyError, type PlanSettings } from '../../../storage/ports';
import type { AppDeps } from '../deps';
import { findContact } from '../contacts/contact-book';
import { sendAnswerCard } from '../sending/answer-card';
import { authorizeAnswer, type AnswerRefusal, type AnswerSubject } from './record-answer';
import { templateOf } from '../../domain/templates/builtin';
import { sameTemplateVersion } from '../../domain/templates/template';

export type ControlResult =
  | { kind: 'snoozed'; until: Date }
  | { kind: 'absent'; until: Date }
  | { kind: 'delegated'; deputy: string; delivered: boolean }
  | { kind: 'delegation-returned' }
  | { kind: 'deputy-unreachable'; deputy: string }
  | { kind: 'prefilled'; from: Round; content: AnswerContent }
  | { kind: 'no-previous' }
  | { kind: 'invalid'; error: DateProblem | DeputyProblem | 'no-address' };

export type ControlOutcome = { kind: 'done'; round: Round; plan: Plan; result: ControlResult } | AnswerRefusal;

/** The audit trail's name for a plan in a round. */
const planAuditSubject = (round: Round, plan: Plan) => `round:${round.id}/plan:${plan.id}`;

/** The round and plan when the actor may use the plan's controls; a refusal is audited as `control.refused`. */
function authorizeControl(deps: AppDeps, subject: AnswerSubject) {
  return authorizeAnswer(deps, subject, 'control.refused');
}

/** What a control did, for the card of the plan it was used on. */
function done({ round, plan }: { round: Round; plan: Plan }, result: ControlResult): ControlOutcome {
  return { kind: 'done', round, plan, result };
}

/** Audits a control's change to the plan, by ids only. */
function auditControl(
  deps: AppDeps,
  change: { actor: Actor; round: Round; plan: Plan; action: string; details: Record<string, string | number | boolean>; at?: Date },
): Promise<void> {
  const { actor, round, plan, action, details, at = deps.clock.now() } = change;
  return deps.stores.audit.record({ at, actor: actor.aadObjectId, action, subject: planAuditSubject(round, plan), details });
}

/** A plan's settings changed by `change`, stored with the ETag read; a lost race is retried. */
async function changePlanSettings(
  deps: AppDeps,
  round: Round,
  plan: Plan,
  actor: Actor,
  change: (before: PlanSettings | undefined) => Partial<PlanSettings>,
): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    const stored = await deps.stores.settings.getPlan(round.id, plan.id);
    const next: PlanSettings = {
      ...(stored?.value ?? { roundId: round.id, planId: plan.id }),
      ...change(stored?.value),
      roundId: round.id,
      planId: plan.id,
      updatedBy: personIdOf(actor),
      updatedAt: deps.clock.now(),
    };
    try {
      await deps.stores.settings.savePlan(next, stored?.etag ?? null);
      return;
    } catch (err) {
      // Two clicks at once (the officer and a coordinator): apply this change on top of theirs.
      if (!(err instanceof ConcurrencyError) || attempt >= 3) throw err;
    }
  }
}

/** Påminn mig senare: no reminder for this plan before the next working day 09:00, or a chosen day. */
export async function snoozePlan(deps: AppDeps, subject: AnswerSubject, chosenDate: unknown): Promise<ControlOutcome> {
  const allowed = await authorizeControl(deps, subject);
  if (allowed.kind === 'refused') return allowed;
  const { round, plan } = allowed;
  const decision = decideSnooze(round, deps.clock.now(), chosenDate);
  if (decision.kind === 'invalid') return done(allowed, { kind: 'invalid', error: decision.error });
  await changePlanSettings(deps, round, plan, subject.actor, () => ({ snoozedUntil: decision.value }));
  await auditControl(deps, { actor: subject.actor, round, plan, action: 'plan.snoozed', details: { until: decision.value.toISOString() } });
  return done(allowed, { kind: 'snoozed', until: decision.value });
}

/** Frånvarande till …: the actor's own reminders pause until the end of the chosen day. */
export async function markAbsent(deps: AppDeps, subject: AnswerSubject, chosenDate: unknown): Promise<ControlOutcome> {
  const allowed = await authorizeControl(deps, subject);
  if (allowed.kind === 'refused') return allowed;
  const { round, plan } = allowed;
  // The register may name the person by UPN or by e-mail: the absence is kept under each.
  const addresses = [...new Set(subject.actor.addresses.map(normalizeAddress))];
  if (addresses.length === 0) return done(allowed, { kind: 'invalid', error: 'no-address' });
  const now = deps.clock.now();
  const decision = decideAbsence(round.timeZone, now, chosenDate);
  if (decision.kind === 'invalid') return done(allowed, { kind: 'invalid', error: decision.error });
  for (const address of addresses) {
    await deps.stores.settings.saveAbsence({ address, until: decision.value, setBy: addresses[0], setAt: now });
  }
  await auditControl(deps, { actor: subject.actor, round, plan, action: 'person.absent', details: { until: decision.value.toISOString() }, at: now });
  return done(allowed, { kind: 'absent', until: decision.value });
}

/**
 * Delegera: the deputy gets the card 1:1 and may answer for the plan in this round. A deputy the
 * bot cannot reach is not saved (the officer is told at once); naming the officer takes the
 * delegation back.
 */
export async function delegatePlan(deps: AppDeps, subject: AnswerSubject, typedAddress: unknown): Promise<ControlOutcome> {
  const allowed = await authorizeControl(deps, subject);
  if (allowed.kind === 'refused') return allowed;
  const { round, plan } = allowed;
  const { actor } = subject;
  const decision = decideDeputy(plan, actor, typedAddress);
  if (decision.kind === 'invalid') return done(allowed, { kind: 'invalid', error: decision.error });
  const audit = (action: string, details: Record<string, string | number | boolean> = {}) => auditControl(deps, { actor, round, plan, action, details });

  if (decision.value.kind === 'back-to-officer') {
    await changePlanSettings(deps, round, plan, actor, () => ({ deputy: undefined, delegatedBy: undefined }));
    await audit('plan.delegation-removed');
    return done(allowed, { kind: 'delegation-returned' });
  }

  const deputy = decision.value.address;
  const contact = await findContact(deps, deputy);
  if (!contact) {
    await audit('plan.delegation-unreachable');
    deps.log.warn('delegation.unreachable', { round: round.id, plan: plan.id });
    return done(allowed, { kind: 'deputy-unreachable', deputy });
  }
  await changePlanSettings(deps, round, plan, actor, () => ({ deputy, delegatedBy: personIdOf(actor) }));
  const delegator = actor.name;
  const send = (id: string) =>
    sendAnswerCard(deps, round, plan, contact, { id, kind: 'prompt', notice: (locale) => t(locale, 'delegatedNotice', { name: delegator }) });
  const id = delegationCardId(plan.id, deputy);
  let { outcome } = await send(id);
  if (outcome === 'claimed-elsewhere') {
    // Delegated to the same person before: a card that went is not sent twice, one that failed
    // is tried again under an id of its own.
    const earlier = await deps.stores.deliveries.get(round.id, id);
    if (earlier?.outcome === 'failed') outcome = (await send(`${id}:${deps.clock.now().getTime()}`)).outcome;
    else outcome = earlier?.outcome === 'sent' ? 'sent' : outcome;
  }
  const delivered = outcome === 'sent';
  await audit('plan.delegated', { deputy: contact.aadObjectId, delivered });
  return done(allowed, { kind: 'delegated', deputy, delivered });
}

/**
 * Utgå från förra omgången: the plan's submitted answer from the latest earlier round on the same
 * template and version that has one, for the card to show. Nothing is written to the answers.
 */
export async function previousAnswer(deps: AppDeps, subject: AnswerSubject): Promise<ControlOutcome> {
  const allowed = await authorizeControl(deps, subject);
  if (allowed.kind === 'refused') return allowed;
  const { round, plan } = allowed;
  const template = templateOf(round);
  for (const earlier of earlierRounds(await deps.stores.rounds.list(), round)) {
    // Another template, or another version of it, may ask other questions: its answers would
    // fill in nothing, or the wrong fields.
    if (!sameTemplateVersion(templateOf(earlier), template)) continue;
    const current = await deps.stores.answers.current(earlier.id, plan.id);
    if (!current?.value.submittedAt) continue;
    // A draft saved after the submit is not what was reported: take the last submitted version.
    const submitted =
      current.value.latest.state === 'submitted'
        ? current.value.latest
        : (await deps.stores.answers.versions(earlier.id, plan.id)).filter((v) => v.state === 'submitted').at(-1);
    if (!submitted) continue;
    await auditControl(deps, { actor: subject.actor, round, plan, action: 'answer.prefilled', details: { fromRound: earlier.id, fromVersion: submitted.version } });
    return done(allowed, { kind: 'prefilled', from: earlier, content: submitted.content });
  }
  return done(allowed, { kind: 'no-previous' });
}
