// A municipality in the middle of a round, for the benchmarks: a register of N plans (one
// officer per ten plans), a round that opened yesterday with every prompt sent, a share of the
// plans answered (drafts and submits). Written through the stores, as the bot writes it.

import type { AnswerVersion } from '../bot/domain/answer';
import type { Contact } from '../bot/domain/contact';
import type { RegisterContent } from '../bot/domain/register';
import { buildRound, progressWeek, type Round } from '../bot/domain/round';
import { DEFAULT_TIME_ZONE } from '../bot/domain/time';
import type { Stores } from '../storage/ports';
import { DEFAULT_OVERLAP_MS } from '../storage/tables/partition-read-model';

export const ROUND_ID = 'uppfoljning-kf';
export const TENANT_ID = '72f988bf-86f1-41af-91ab-2d7cd011db47';
export const BOT = { id: '28:uppfoljning-bot', name: 'Uppföljning' };
const CHANNEL_ID = '19:samordning@thread.tacv2';
export const PLANS_PER_OFFICER = 10;
/** Every third plan has an answer (version 1), every other one of those submitted. */
export const isSeededAnswer = (plan: number) => plan % 3 === 0;

export const officerAddress = (i: number) => `officer${i}@kalmar.se`;
export const officerAadId = (i: number) => `00000000-0000-0000-0000-${String(i).padStart(12, '0')}`;
export const planId = (i: number) => `plan-${i}`;
export const officerOfPlan = (plan: number) => Math.floor(plan / PLANS_PER_OFFICER);

export interface SeedOptions {
  plans: number;
  /** The instant of "now": the round opened the day before, is due in four weeks. */
  now: Date;
  /** Where the officers' 1:1 conversations and the channel live (the load benchmark's Bot Connector). */
  serviceUrl?: string;
}

export function benchRegister(plans: number): RegisterContent {
  const officers = Math.ceil(plans / PLANS_PER_OFFICER);
  return {
    plans: Array.from({ length: plans }, (_, i) => ({
      id: planId(i),
      title: `Handlingsplan ${String(i).padStart(5, '0')} för ${['miljö', 'folkhälsa', 'trygghet', 'näringsliv'][i % 4]}`,
      period: '2016-2020',
      officer: officerAddress(officerOfPlan(i)),
    })),
    people: [
      ...Array.from({ length: officers }, (_, i) => ({ id: officerAddress(i), name: `Tjänsteperson ${i}`, title: 'strateg', manager: 'chef@kalmar.se' })),
      { id: 'chef@kalmar.se', name: 'Chef', title: 'förvaltningschef' },
      { id: 'sara@kalmar.se', name: 'Sara Samordnare', title: 'verksamhetsutvecklare' },
    ],
    coordinators: ['sara@kalmar.se'],
  };
}

export function benchContact(i: number, serviceUrl: string, tenantId: string, bot: { id: string; name: string }, now: Date): Contact {
  return {
    aadObjectId: officerAadId(i),
    teamsUserId: `29:officer-${i}`,
    name: `Tjänsteperson ${i}`,
    upn: officerAddress(i),
    email: officerAddress(i),
    tenantId,
    conversation: { serviceUrl, channelId: 'msteams', bot, tenantId, conversationId: `a:1on1-officer-${i}` },
    updatedAt: now,
  };
}

/** Runs `work` for 0 … count-1, `width` at a time. */
export async function inParallel(count: number, width: number, work: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      for (let i = next++; i < count; i = next++) await work(i);
    }),
  );
}

const DAY_MS = 86_400_000;

export async function seedOpenRound(stores: Stores, options: SeedOptions): Promise<Round> {
  const { plans, now } = options;
  const register = await stores.registers.saveVersion(benchRegister(plans), { importedBy: 'bench', importedAt: new Date(now.getTime() - 2 * DAY_MS), source: 'bench' });
  const day = (offset: number) => new Date(now.getTime() + offset * DAY_MS).toISOString().slice(0, 10);
  const built = buildRound(
    { id: ROUND_ID, title: 'Uppföljning KF', year: day(0).slice(0, 4), opensDate: day(-1), dueDate: day(28) },
    { timeZone: DEFAULT_TIME_ZONE, createdBy: 'bench', createdAt: new Date(now.getTime() - 2 * DAY_MS) },
  );
  if (!built.round) throw new Error(`The bench round is not valid: ${JSON.stringify(built.errors)}`);
  const promptedAt = new Date(now.getTime() - DAY_MS + 3_600_000);
  const round: Round = { ...built.round, promptedAt, promptedRegisterVersion: register.version };
  await stores.rounds.create(round);
  await inParallel(plans, 32, async (i) => {
    const officer = officerOfPlan(i);
    await stores.deliveries.claim({
      roundId: round.id,
      id: `prompt:${planId(i)}`,
      kind: 'prompt',
      planId: planId(i),
      recipient: officerAadId(officer),
      outcome: 'sent',
      claimedAt: promptedAt,
      completedAt: promptedAt,
      activityId: `activity-${i}`,
      conversationId: `a:1on1-officer-${officer}`,
    });
    if (isSeededAnswer(i)) await stores.answers.append(benchAnswer(round.id, i, 1, i % 2 === 0 ? 'submitted' : 'draft', promptedAt), null);
  });
  // The coordinators' channel is bound, so the tick also looks for scheduled posts.
  await stores.channels.bind({
    conversationId: CHANNEL_ID,
    name: 'Samordning',
    reference: { conversation: { id: CHANNEL_ID }, serviceUrl: options.serviceUrl ?? 'http://127.0.0.1:9/' },
    boundBy: 'sara@kalmar.se',
    boundAt: promptedAt,
  });
  // This week's progress digest went out on Monday.
  const week = progressWeek(now, round.timeZone);
  if (week) {
    await stores.deliveries.claim({ roundId: round.id, id: `progress:${week}`, kind: 'progress', planId: '', recipient: CHANNEL_ID, outcome: 'sent', claimedAt: promptedAt, completedAt: promptedAt });
  }
  const serviceUrl = options.serviceUrl ?? 'http://127.0.0.1:9/';
  await inParallel(Math.ceil(plans / PLANS_PER_OFFICER), 32, (i) => stores.contacts.save(benchContact(i, serviceUrl, TENANT_ID, BOT, now)));
  return round;
}

/**
 * The kept lists look back a few seconds for writes that became visible late (partition-read-model.ts):
 * the seeded rows are let age past that, as rows written by an earlier day's work are.
 */
export async function letSeedAge(): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, DEFAULT_OVERLAP_MS + 2_000));
}

export function benchAnswer(roundId: string, plan: number, version: number, state: AnswerVersion['state'], at: Date): AnswerVersion {
  return {
    roundId,
    planId: planId(plan),
    version,
    state,
    content: {
      texts: {
        status: 'Arbetet pågår enligt plan; två av fem åtgärder är genomförda.',
        done: 'Kartläggning och samråd med förvaltningarna.',
        current: 'Uppföljning av åtgärderna och en ny enkät under hösten.',
        risks: 'Personalbrist under sommaren.',
        completion: 'Planen gäller till 2027.',
      },
      status: 'on-track',
    },
    answeredBy: officerAddress(officerOfPlan(plan)),
    answeredByName: `Tjänsteperson ${officerOfPlan(plan)}`,
    at,
  };
}
