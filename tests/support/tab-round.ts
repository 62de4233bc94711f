// The rounds the tab's API and page tests read: a register with a coordinator, a manager, officers
// (one with a unit, one with a deputy) and an excluded plan; Uppföljning KF 2019, open on 20 March
// 2019 with answers of every kind (a draft then a submitted answer with typed HTML and Markdown,
// a draft only, a delegation); and the same plan a year earlier, for the plan across rounds.

import type { AnswerVersion } from '../../bot/domain/answer';
import type { Contact } from '../../bot/domain/contact';
import { buildRound, type Round } from '../../bot/domain/round';
import type { Stores } from '../../storage/ports';
import { BOT, TENANT_ID } from './activities';
import type { StandInUser } from './connector-stand-in';

/** The tests' now: in the 2019 round, before its due date. */
export const NOW = new Date('2019-03-20T09:00:00Z');

/** What an officer typed, Markdown, a script tag and an image that runs script included: it must come back exactly so. */
export const TYPED = 'Läget: <script>alert("x")</script> <img src=x onerror=alert(2)>\n**fet** _kursiv_ [länk](javascript:alert(1)) & "citat" ✓';

export const register = {
  plans: [
    { id: 'drog', title: 'Drogpolitiskt program', officer: 'anna@kalmar.se' },
    { id: 'vald', title: 'Förebygga våld i nära relationer', officer: 'anna@kalmar.se' },
    { id: 'vatten', title: 'God vattenstatus', officer: 'bo@kalmar.se' },
    { id: 'park', title: 'Parkplan', officer: 'cecilia@kalmar.se', deputy: 'dora@kalmar.se' },
    { id: 'miljo', title: 'Miljöprogram', excludedReason: 'Följs upp i miljöbokslutet.' },
  ],
  people: [
    { id: 'anna@kalmar.se', name: 'Anna Andersson', manager: 'chef@kalmar.se', unit: 'Folkhälsa' },
    { id: 'bo@kalmar.se', name: 'Bo Berg', manager: 'chef@kalmar.se' },
    { id: 'cecilia@kalmar.se', name: 'Cecilia Ceder', manager: 'annan.chef@kalmar.se' },
    { id: 'dora@kalmar.se', name: 'Dora Dahl' },
    { id: 'chef@kalmar.se', name: 'Chefen' },
    { id: 'sara@kalmar.se', name: 'Sara Samordnare' },
  ],
  coordinators: ['sara@kalmar.se'],
};

/** A round of the given dates (in Stockholm unless another zone is given), as a coordinator would create it. */
export function round(id: string, year: number, opens: string, due: string, closes: string, timeZone = 'Europe/Stockholm'): Round {
  const built = buildRound(
    { id, title: `Uppföljning KF ${year}`, year: String(year), opensDate: opens, dueDate: due, closesDate: closes },
    { timeZone, createdBy: 'sara@kalmar.se', createdAt: new Date(`${opens}T06:00:00Z`) },
  );
  if (!built.round) throw new Error(JSON.stringify(built.errors));
  return built.round;
}

/** An answer version by Anna Andersson (the seed's only answerer). */
export function answer(roundId: string, planId: string, version: number, state: AnswerVersion['state'], at: string, status?: string, text = 'Enligt plan.'): AnswerVersion {
  return {
    roundId,
    planId,
    version,
    state,
    content: { texts: { status: text, done: 'Kartläggning.', current: '', risks: '', completion: '2027' }, ...(status ? { status } : {}) },
    answeredBy: 'anna@kalmar.se',
    answeredByName: 'Anna Andersson',
    at: new Date(at),
  };
}

/** The register, a round of 2019 (answers of every kind, one delegation) and the plan in 2018, in `timeZone`. */
export async function seedTabRounds(stores: Stores, timeZone = 'Europe/Stockholm'): Promise<void> {
  await stores.registers.saveVersion(register, { importedBy: 'sara@kalmar.se', importedAt: new Date('2018-01-01T00:00:00Z'), source: 'test' });
  await stores.rounds.create(round('kf-2018', 2018, '2018-03-01', '2018-04-01', '2018-04-30', timeZone));
  await stores.rounds.create(round('kf-2019', 2019, '2019-03-01', '2019-04-01', '2019-04-30', timeZone));
  await stores.answers.append(answer('kf-2018', 'drog', 1, 'submitted', '2018-03-10T10:00:00Z', 'on-track', 'Förra året: i fas.'), null);
  await stores.answers.append(answer('kf-2019', 'drog', 1, 'draft', '2019-03-04T10:00:00Z', undefined, 'Första utkast'), null);
  const current = await stores.answers.current('kf-2019', 'drog');
  await stores.answers.append(answer('kf-2019', 'drog', 2, 'submitted', '2019-03-05T10:00:00Z', 'at-risk', TYPED), current!.etag);
  await stores.answers.append(answer('kf-2019', 'vald', 1, 'draft', '2019-03-06T10:00:00Z'), null);
  await stores.answers.append(answer('kf-2019', 'vatten', 1, 'submitted', '2019-03-07T10:00:00Z', 'on-track'), null);
  await stores.settings.savePlan({ roundId: 'kf-2019', planId: 'vatten', deputy: 'cecilia@kalmar.se', delegatedBy: 'bo@kalmar.se', updatedBy: 'bo@kalmar.se', updatedAt: NOW }, null);
}

/** A person the bot has a 1:1 chat with through the Bot Connector stand-in (so cards can be sent). */
export async function saveChatContact(stores: Stores, user: StandInUser, serviceUrl: string, conversationId: string): Promise<void> {
  const contact: Contact = {
    aadObjectId: user.aadObjectId,
    teamsUserId: user.id,
    name: user.name,
    upn: user.userPrincipalName,
    email: user.email,
    tenantId: TENANT_ID,
    conversation: { serviceUrl, channelId: 'msteams', bot: BOT, tenantId: TENANT_ID, conversationId },
    updatedAt: NOW,
  };
  await stores.contacts.save(contact);
}
