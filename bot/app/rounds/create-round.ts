// A coordinator creates a follow-up round. It opens by itself at its opening time (the
// scheduler tick); "open now" simply sets the opening time to now. The round keeps its own
// lateness policy from the start (given, else the register's schedule, else the defaults), so a
// later change to the register does not change how a running round chases late answers.

import { checkAnswerPolicy, DEFAULT_ANSWER_POLICY, type AnswerPolicy } from '../../domain/answer-policy';
import { buildRound, checkRoundDocument, latestOpenedFirst, PER_PLAN_DOCUMENT_SETTINGS, type Round, type RoundDocument, type RoundInput } from '../../domain/round';
import { DEFAULT_LATENESS_POLICY, type LatenessPolicy } from '../../domain/reminder-policy';
import { checkSchedule } from '../../domain/schedule';
import type { FieldError } from '../../domain/errors';
import { ConcurrencyError } from '../../../storage/ports';
import { recordAdminAction } from '../register/admin-history';
import type { AppDeps } from '../deps';
import { findTemplate } from '../templates/templates';
import { DEFAULT_TEMPLATE } from '../../domain/templates/builtin';

export type CreateRoundResult = { kind: 'created'; round: Round } | { kind: 'invalid'; errors: FieldError[] };

export async function createRound(
  deps: Pick<AppDeps, 'stores' | 'clock'>,
  input: RoundInput & { openNow?: boolean; policy?: LatenessPolicy; answerPolicy?: AnswerPolicy; document?: RoundDocument; templateId?: string },
  meta: { createdBy: string; timeZone: string },
): Promise<CreateRoundResult> {
  const now = deps.clock.now();
  const { round, errors } = buildRound(input, { timeZone: meta.timeZone, createdBy: meta.createdBy, createdAt: now });
  if (input.policy) errors.push(...checkSchedule({ policy: input.policy }).map((p) => ({ field: p.path, message: p.message })));
  const template = input.templateId ? await findTemplate(deps, input.templateId) : DEFAULT_TEMPLATE;
  if (!template) errors.push({ field: 'template', message: `Det finns ingen mall med id "${input.templateId}".` });
  if (input.answerPolicy) errors.push(...checkAnswerPolicy(input.answerPolicy, template));
  if (input.document) errors.push(...checkRoundDocument(input.document), ...(await unknownPlans(deps, input.document)));
  if (!round || !template || errors.length > 0) return { kind: 'invalid', errors };
  // A copy of the template as it is now: a later version of it never changes this round. A
  // round on the default keeps none and reads as the default, as every round before templates.
  if (template.id !== DEFAULT_TEMPLATE.id) round.template = template;
  if (input.openNow) round.opensAt = now;
  round.policy = input.policy ?? (await deps.stores.registers.current())?.schedule?.policy ?? DEFAULT_LATENESS_POLICY;
  // Kept with the round, so that changing the defaults later does not change a running round.
  round.answerPolicy = input.answerPolicy ?? DEFAULT_ANSWER_POLICY;
  const carried = await carriedOver(deps, round);
  const document: RoundDocument = { ...carried, ...input.document };
  for (const { key } of PER_PLAN_DOCUMENT_SETTINGS) if (carried[key] || input.document?.[key]) document[key] = { ...carried[key], ...input.document?.[key] };
  if (Object.keys(document).length > 0) round.document = document;
  if (round.dueAt <= round.opensAt) {
    return { kind: 'invalid', errors: [{ field: 'due', message: 'Sista svarsdag måste ligga efter öppningstiden.' }] };
  }
  try {
    await deps.stores.rounds.create(round);
  } catch (err) {
    if (!(err instanceof ConcurrencyError)) throw err;
    return { kind: 'invalid', errors: [{ field: 'id', message: `Det finns redan en omgång med id "${round.id}". Ange ett annat id.` }] };
  }
  await deps.stores.audit.record({
    at: now,
    actor: meta.createdBy,
    action: 'round.created',
    subject: `round:${round.id}`,
    details: { opensAt: round.opensAt.toISOString(), dueAt: round.dueAt.toISOString(), ...(round.template ? { template: `${round.template.id}@${round.template.version}` } : {}) },
  });
  return { kind: 'created', round };
}

/** Opens a planned round at once: its opening time becomes now. `before` is there when it changed. */
export async function openRoundNow(
  deps: Pick<AppDeps, 'stores' | 'clock'>,
  roundId: string,
  by: string,
): Promise<{ kind: 'open'; round: Round; before?: Round } | { kind: 'not-opened'; message: string }> {
  const now = deps.clock.now();
  const stored = await deps.stores.rounds.get(roundId);
  if (!stored) return { kind: 'not-opened', message: `Det finns ingen omgång med id "${roundId}".` };
  const round = stored.value;
  if (round.closedAt || round.closesAt <= now) return { kind: 'not-opened', message: `Omgången "${round.title}" är stängd.` };
  if (round.opensAt <= now) return { kind: 'open', round };
  const opened = { ...round, opensAt: now };
  await deps.stores.rounds.update(opened, stored.etag);
  await deps.stores.audit.record({ at: now, actor: by, action: 'round.opened-early', subject: `round:${round.id}` });
  return { kind: 'open', round: opened, before: round };
}

/**
 * Sets the council document's date and first Bakgrund paragraph for a round; an empty value
 * takes that setting back to its default. A conditional update (ETag), kept in the admin history
 * with the settings before and after.
 */
export async function setRoundDocument(
  deps: Pick<AppDeps, 'stores' | 'clock'>,
  roundId: string,
  change: RoundDocument,
  by: string,
): Promise<{ kind: 'set'; round: Round } | { kind: 'invalid'; errors: FieldError[] }> {
  const stored = await deps.stores.rounds.get(roundId);
  if (!stored) return { kind: 'invalid', errors: [{ field: 'id', message: `Det finns ingen omgång med id "${roundId}".` }] };
  const before = stored.value.document ?? {};
  const merged: RoundDocument = { ...before, ...change };
  const document: RoundDocument = {
    ...(merged.date ? { date: merged.date } : {}),
    ...(merged.background ? { background: merged.background } : {}),
  };
  // Set one plan at a time; an empty value takes that plan's back to its default.
  for (const { key } of PER_PLAN_DOCUMENT_SETTINGS) {
    const values = Object.fromEntries(Object.entries({ ...before[key], ...change[key] }).filter(([, value]) => value !== ''));
    if (Object.keys(values).length > 0) document[key] = values;
  }
  const errors = [...checkRoundDocument(document), ...(await unknownPlans(deps, change))];
  if (errors.length > 0) return { kind: 'invalid', errors };
  const { document: _previous, ...rest } = stored.value;
  const round: Round = Object.keys(document).length > 0 ? { ...rest, document } : rest;
  await deps.stores.rounds.update(round, stored.etag);
  await recordAdminAction(deps, { at: deps.clock.now(), actor: by, action: 'round.document-set', subject: `round:${round.id}`, before, after: document });
  return { kind: 'set', round };
}

/** A setting given for a plan the register does not hold is a typing mistake: say so. */
async function unknownPlans(deps: Pick<AppDeps, 'stores'>, document: RoundDocument): Promise<FieldError[]> {
  const given = PER_PLAN_DOCUMENT_SETTINGS.flatMap(({ key, field }) =>
    Object.entries(document[key] ?? {}).filter(([, value]) => value !== '').map(([id]) => ({ id, field })),
  );
  if (given.length === 0) return [];
  const known = new Set((await deps.stores.registers.current())?.plans.map((p) => p.id) ?? []);
  return given.filter(({ id }) => !known.has(id)).map(({ id, field }) => ({ field, message: `Det finns ingen plan med id "${id}" i registret.` }));
}

/**
 * The plan-by-plan settings of the latest round before this one: short names and signature
 * titles rarely change from one round to the next, so a new round starts from them.
 */
async function carriedOver(deps: Pick<AppDeps, 'stores'>, round: Round): Promise<RoundDocument> {
  const earlier = latestOpenedFirst(
    (await deps.stores.rounds.list()).filter((r) => r.opensAt < round.opensAt && PER_PLAN_DOCUMENT_SETTINGS.some(({ key }) => r.document?.[key])),
  )[0];
  const document: RoundDocument = {};
  for (const { key } of PER_PLAN_DOCUMENT_SETTINGS) if (earlier?.document?.[key]) document[key] = { ...earlier.document[key] };
  return document;
}
