// An officer (their deputy for the round, or a coordinator) saves a draft or submits the answer
// for one plan. Checks who may answer, that the round is open, that the answer is complete, and
// that nobody else wrote since the card was shown; then appends a version. When a deputy
// submits, the officer is told.

import {
  baseVersionOf,
  readAnswerInput,
  sameContent,
  validateAnswer,
  type AnswerContent,
  type AnswerIntent,
  type AnswerVersion,
} from '../../domain/answer';
import { answerPolicyOf } from '../../domain/answer-policy';
import type { FieldError } from '../../domain/errors';
import { coversPlan } from '../../domain/kinds';
import { actorIsDeputy, actorIsStandingDeputy, actorOwnsPlan, mayAnswerFor, personIdOf, type Actor } from '../../domain/permissions';
import { planById, type Plan } from '../../domain/register';
import { acceptsAnswers, type Round } from '../../domain/round';
import type { Refused } from '../../domain/refusals';
import { ConcurrencyError, type PlanSettings, type Versioned } from '../../../storage/ports';
import type { AppDeps } from '../deps';
import { tellOfficerOfDeputyAnswer } from './deputy-answer-notice';
import { templateOf } from '../../domain/templates/builtin';

/** Why an answer (or a control on the answer card) was refused; the round when it was found. */
export type AnswerRefusal = Refused<'unknown-round' | 'unknown-plan' | 'not-permitted' | 'round-not-open'> & { round?: Round };

export interface AnswerSubject {
  actor: Actor;
  roundId: string;
  planId: string;
}

export interface AnswerCommand extends AnswerSubject {
  intent: AnswerIntent;
  /** The card's input values as received. */
  values: Record<string, unknown>;
  /** The answer version the card showed (0 when there was none). */
  baseVersion: number;
  activityId?: string;
}

export type AnswerOutcome =
  | { kind: 'recorded'; round: Round; plan: Plan; answer: AnswerVersion; canEdit: boolean }
  | { kind: 'invalid'; round: Round; plan: Plan; content: AnswerContent; errors: FieldError[]; baseVersion: number }
  | { kind: 'conflict'; round: Round; plan: Plan; content: AnswerContent; theirs: AnswerVersion; baseVersion: number }
  | AnswerRefusal;

export type Allowed = {
  kind: 'allowed';
  round: Round;
  plan: Plan;
  /** The officer's choices for the plan in this round (deputy, snooze), when any were made. */
  settings?: Versioned<PlanSettings>;
};

/**
 * Checks the round, the plan and the actor's right to answer for it (or to use the card's
 * controls: the same people may); logs and audits every refusal under `refusal`.
 */
export async function authorizeAnswer(deps: AppDeps, subject: AnswerSubject, refusal = 'answer.refused'): Promise<Allowed | AnswerRefusal> {
  const now = deps.clock.now();
  const refuse = async (reason: AnswerRefusal['reason'], round?: Round): Promise<AnswerRefusal> => {
    deps.log.warn(refusal, { reason, round: subject.roundId, plan: subject.planId, actor: subject.actor.aadObjectId });
    await deps.stores.audit.record({
      at: now,
      actor: subject.actor.aadObjectId,
      action: refusal,
      subject: `round:${subject.roundId}/plan:${subject.planId}`,
      details: { reason },
    });
    return { kind: 'refused', reason, round };
  };
  const round = (await deps.stores.rounds.get(subject.roundId))?.value;
  if (!round) return refuse('unknown-round');
  const register = await deps.stores.registers.current();
  const plan = register && planById(register, subject.planId);
  // An item of a kind the round's template is not for is no plan of the round.
  if (!register || !plan || !coversPlan(round, plan)) return refuse('unknown-plan', round);
  // Delegation holds for one round: the deputy is read from this round's plan settings.
  const settings = await deps.stores.settings.getPlan(round.id, plan.id);
  if (!mayAnswerFor(register, plan, subject.actor, settings?.value)) return refuse('not-permitted', round);
  if (!acceptsAnswers(round, now)) return refuse('round-not-open', round);
  return { kind: 'allowed', round, plan, settings };
}

export async function recordAnswer(deps: AppDeps, command: AnswerCommand): Promise<AnswerOutcome> {
  const allowed = await authorizeAnswer(deps, command);
  if (allowed.kind === 'refused') return allowed;
  const { round, plan, settings } = allowed;
  const template = templateOf(round);
  const content = readAnswerInput(command.values, template);
  // A card shown before any answer (version 0) can only be followed by the first version: it is
  // written without reading the current row first. If one exists by then, the first version
  // exists and the write fails as a whole, and the conflict is read below, as a read first
  // would have found it (a stored answer is never version 0, so it could not be the same answer).
  const stored = command.baseVersion === 0 ? undefined : await deps.stores.answers.current(round.id, plan.id);
  const currentVersion = baseVersionOf(stored?.value.latest);

  const errors = validateAnswer(content, command.intent, answerPolicyOf(round), template);
  if (errors.length > 0) return { kind: 'invalid', round, plan, content, errors, baseVersion: command.baseVersion };

  if (stored && currentVersion !== command.baseVersion) {
    // Someone saved after this card was shown: keep both, let the officer decide.
    return { kind: 'conflict', round, plan, content, theirs: stored.value.latest, baseVersion: currentVersion };
  }
  const state = command.intent === 'submit' ? 'submitted' : 'draft';
  if (stored && stored.value.latest.state === state && sameContent(stored.value.latest.content, content)) {
    return { kind: 'recorded', round, plan, answer: stored.value.latest, canEdit: true };
  }

  const version: AnswerVersion = {
    roundId: round.id,
    planId: plan.id,
    version: currentVersion + 1,
    state,
    content,
    answeredBy: personIdOf(command.actor),
    answeredByName: command.actor.name,
    at: deps.clock.now(),
    activityId: command.activityId,
  };
  try {
    await deps.stores.answers.append(version, stored?.etag ?? null);
  } catch (err) {
    if (!(err instanceof ConcurrencyError)) throw err;
    const latest = await deps.stores.answers.current(round.id, plan.id);
    if (!latest) throw err;
    return { kind: 'conflict', round, plan, content, theirs: latest.value.latest, baseVersion: latest.value.latest.version };
  }
  await deps.stores.audit.record({
    at: version.at,
    actor: command.actor.aadObjectId,
    action: state === 'submitted' ? 'answer.submitted' : 'answer.draft-saved',
    subject: `round:${round.id}/plan:${plan.id}`,
    details: { version: version.version },
  });
  deps.log.info('answer.recorded', { round: round.id, plan: plan.id, version: version.version, state });
  const asDeputy = actorIsDeputy(settings?.value, command.actor) || actorIsStandingDeputy(plan, command.actor);
  if (state === 'submitted' && asDeputy && !actorOwnsPlan(plan, command.actor)) {
    await tellOfficerOfDeputyAnswer(deps, round, plan, command.actor);
  }
  return { kind: 'recorded', round, plan, answer: version, canEdit: true };
}

/** The filled card again, for Edit: the current answer and its version. */
export async function openAnswerForEdit(
  deps: AppDeps,
  subject: AnswerSubject,
): Promise<{ kind: 'edit'; round: Round; plan: Plan; current?: AnswerVersion } | AnswerRefusal> {
  const allowed = await authorizeAnswer(deps, subject);
  if (allowed.kind === 'refused') return allowed;
  const stored = await deps.stores.answers.current(allowed.round.id, allowed.plan.id);
  return { kind: 'edit', round: allowed.round, plan: allowed.plan, current: stored?.value.latest };
}
