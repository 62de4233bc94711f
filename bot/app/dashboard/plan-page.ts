// A plan's page in the tab: every version of its answer in the round exactly as stored, with who
// and when; its deputy and delegation for the round; the prompts and reminders sent. And the
// plan across rounds: its status and submitted answer in each round it was followed up in. Both
// are asked per plan, so they read the plan's own rows where there are any (versions, settings),
// and the round's deliveries in one partition query.

import type { AnswerVersion } from '../../domain/answer';
import { coversPlan, kindOf } from '../../domain/kinds';
import type { Locale } from '../../domain/locale';
import type { Plan, RegisterContent } from '../../domain/register';
import { latestOpenedFirst, type Round } from '../../domain/round';
import { compileSummary } from '../../domain/summary';
import type { TabAnswerVersionView, TabPlanAcrossRounds, TabPlanPage } from '../../domain/tab-views';
import { templateOf } from '../../domain/templates/builtin';
import type { Contact } from '../../domain/contact';
import type { Delivery } from '../../../storage/ports';
import type { TabViewer } from '../access';
import type { AppDeps } from '../deps';
import { answerTexts, peopleOf, statusLabel } from './views';

/** Why a plan's view is not given: no such plan in the round (404), or the viewer may not see it (403). */
export type PlanViewRefusal = { kind: 'not-found' } | { kind: 'refused' };

/** The plan when the register follows it up in the round. */
export function planIn(register: RegisterContent, round: Round, planId: string): Plan | undefined {
  const plan = register.plans.find((p) => p.id === planId);
  return plan && !plan.excludedReason && coversPlan(round, plan) ? plan : undefined;
}

/** The plan's page in the round, when the viewer may see it. Four queries. */
export async function planPage(deps: AppDeps, round: Round, planId: string, viewer: TabViewer, locale: Locale): Promise<TabPlanPage | PlanViewRefusal> {
  const [versions, settings, deliveries, contacts] = await Promise.all([
    deps.stores.answers.versions(round.id, planId),
    deps.stores.settings.getPlan(round.id, planId),
    deps.stores.deliveries.list(round.id),
    deps.stores.contacts.list(),
  ]);
  const { register } = viewer;
  const plan = planIn(register, round, planId);
  if (!plan) return { kind: 'not-found' };
  const delegation = settings?.value;
  if (!viewer.maySee(plan, delegation)) return { kind: 'refused' };
  const person = peopleOf(register);
  const officer = person(plan.officer);
  const deputy = person(delegation?.deputy ?? plan.deputy);
  const delegatedTo = delegation?.deputy ? person(delegation.deputy) : undefined;
  return {
    round: { id: round.id, title: round.title, year: round.year, timeZone: round.timeZone },
    plan: {
      id: plan.id,
      title: plan.title,
      kind: kindOf(plan),
      ...(plan.period ? { period: plan.period } : {}),
      ...(plan.note ? { note: plan.note } : {}),
      ...(officer ? { officer } : {}),
      ...(deputy ? { deputy } : {}),
      ...(delegatedTo ? { delegatedTo } : {}),
    },
    versions: [...versions].sort((a, b) => b.version - a.version).map((v) => versionView(round, v, locale)),
    sent: sentFor(plan, deliveries, register, contacts),
  };
}

function versionView(round: Round, version: AnswerVersion, locale: Locale): TabAnswerVersionView {
  const { status } = version.content;
  return {
    version: version.version,
    state: version.state,
    at: version.at.toISOString(),
    by: { id: version.answeredBy, name: version.answeredByName },
    ...(status ? { status, statusLabel: statusLabel(status, templateOf(round), locale) } : {}),
    answers: answerTexts(round, version.content, locale),
  };
}

/**
 * What was sent for the plan, oldest first: its prompts and reminders that reached the officer
 * or deputy. Escalations are not listed: one is a digest per manager naming their officers' late
 * plans, and neither its delivery (no plan id) nor its audit entry (a count) keeps which plans it
 * named, so that a digest to the officer's manager named this plan is not known.
 */
function sentFor(plan: Plan, deliveries: Delivery[], register: RegisterContent, contacts: Contact[]): TabPlanPage['sent'] {
  const person = peopleOf(register);
  const byId = new Map(contacts.map((c) => [c.aadObjectId, c]));
  const nameOf = (recipient: string) => {
    const contact = byId.get(recipient);
    return contact ? (person(contact.upn ?? contact.email)?.name ?? contact.name) : person(recipient)?.name;
  };
  return deliveries
    .filter((d) => d.outcome === 'sent' && (d.kind === 'prompt' || d.kind === 'reminder') && d.planId === plan.id)
    .sort((a, b) => a.claimedAt.getTime() - b.claimedAt.getTime())
    .map((d) => {
      const to = nameOf(d.recipient);
      return { kind: d.kind as 'prompt' | 'reminder', at: d.claimedAt.toISOString(), ...(to ? { to } : {}) };
    });
}

/**
 * The plan in each round that follows it up and the viewer may see it in, newest first: its
 * status and its submitted answer there. Reads the plan's versions and settings in each round
 * (two point queries per round, none per plan).
 */
export async function planAcrossRounds(deps: AppDeps, planId: string, viewer: TabViewer, locale: Locale): Promise<TabPlanAcrossRounds | PlanViewRefusal> {
  const rounds = await deps.stores.rounds.list();
  const { register } = viewer;
  const plan = register.plans.find((p) => p.id === planId);
  if (!plan) return { kind: 'not-found' };
  const followed = latestOpenedFirst(rounds).filter((round) => planIn(register, round, planId));
  const seen = await Promise.all(
    followed.map(async (round) => {
      const [versions, settings] = await Promise.all([deps.stores.answers.versions(round.id, planId), deps.stores.settings.getPlan(round.id, planId)]);
      if (!viewer.maySee(plan, settings?.value)) return undefined;
      // The summary's own rule decides the plan's status in the round, as on the dashboard.
      const [entry] = compileSummary(round, { ...register, plans: [plan] }, versions).entries;
      return {
        roundId: round.id,
        title: round.title,
        year: round.year,
        timeZone: round.timeZone,
        status: entry.status,
        statusLabel: statusLabel(entry.status, templateOf(round), locale),
        ...(entry.answer ? { submittedAt: entry.answer.at.toISOString() } : {}),
        answers: entry.answer ? answerTexts(round, entry.answer.content, locale) : [],
      };
    }),
  );
  const visible = seen.filter((r): r is NonNullable<typeof r> => r !== undefined);
  if (visible.length === 0 && !viewer.maySee(plan)) return { kind: 'refused' };
  return { planId: plan.id, title: plan.title, rounds: visible };
}
