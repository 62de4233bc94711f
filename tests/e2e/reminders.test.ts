// Reminders and escalation over HTTP: the real server and scheduler tick, table storage in
// Azurite, a stand-in for the Bot Connector, and a clock that is set, never waited for.
// Uppföljning KF 2019 is due by the end of Monday 1 April 2019 under the default policy:
// reminders 5 and 1 working days before, on the due date and every 2 working days after it;
// the manager's digest and the coordinators' list 3 working days after it.

import { createRound } from '../../bot/app/rounds/create-round';
import type { RunningBot } from '../../bot/main';
import type { Stores } from '../../storage/ports';
import { executeAction, mentionInChannel, message, personalConversationId, post, teamInstall } from '../support/activities';
import { standInUser, startConnectorStandIn, type ConnectorStandIn } from '../support/connector-stand-in';
import { testTableStores } from '../support/storage';
import { chapters } from './support/steps';
import { startTestBot, stopTestBot } from './support/test-bot';

const anna = standInUser('anna', 'anna@kalmar.se');
const bo = standInUser('bo', 'bo@kalmar.se');
const chef = standInUser('chef', 'chef@kalmar.se'); // never writes to the bot: found in the team's roster
const sara = standInUser('sara', 'sara@kalmar.se'); // coordinator
const CHANNEL = '19:uppfoljning@thread.tacv2';
const ROUND = 'uppfoljning-kf-2019';
const ANSWERS = { status: 'Pågår.', done: 'Tillsyn.', current: 'Ny undersökning.', risks: 'Inga.', completion: '2020.', planStatus: 'on-track' };

describe('reminders and escalation run by themselves', () => {
  let standIn: ConnectorStandIn;
  let bot: RunningBot;
  let stores: Stores;
  let now = new Date('2019-02-28T12:00:00Z');

  beforeAll(async () => {
    standIn = await startConnectorStandIn([anna, bo, chef, sara]);
    stores = await testTableStores();
    await stores.registers.saveVersion(
      {
        plans: [
          { id: 'drog', title: 'Drogpolitiskt program 2016-2020', officer: 'anna@kalmar.se' },
          { id: 'vald', title: 'Förebygga våld mot kvinnor i nära relationer', officer: 'anna@kalmar.se' },
          { id: 'vatten', title: 'God vattenstatus – handlingsplan', officer: 'bo@kalmar.se' },
        ],
        people: [
          { id: 'anna@kalmar.se', name: 'Anna Andersson', manager: 'chef@kalmar.se' },
          { id: 'bo@kalmar.se', name: 'Bo Berg', manager: 'chef@kalmar.se' },
          { id: 'chef@kalmar.se', name: 'Cecilia Chef' },
          { id: 'sara@kalmar.se', name: 'Sara Samordnare' },
        ],
        coordinators: ['sara@kalmar.se'],
      },
      { importedBy: 'test', importedAt: now, source: 'test' },
    );
    bot = await startTestBot(stores, () => now, { OFFICE_HOURS: '08:00-17:00', FOLLOW_UP_CHECK_MINUTES: '0' });
    const created = await createRound(bot.deps, { title: 'Uppföljning KF 2019', year: '2019', opensDate: '2019-03-01', dueDate: '2019-04-01' }, { createdBy: 'sara@kalmar.se', timeZone: 'Europe/Stockholm' });
    expect(created.kind).toBe('created');
    await post(bot.url, teamInstall(standIn.url, sara, '19:kommunledning@thread.tacv2'));
    for (const user of [anna, bo, sara]) await post(bot.url, message(standIn.url, user, 'hjälp'));
    await post(bot.url, mentionInChannel(standIn.url, sara, 'koppla kanal', { teamId: '19:kommunledning@thread.tacv2', channelId: CHANNEL, name: 'Uppföljning' }));
  });

  afterAll(() => stopTestBot(bot, standIn));

  const cardsTo = (conversation: string) =>
    standIn.sentTo(conversation).flatMap((a) => (a.attachments ?? []).map((x: any) => x.content));
  const answerCards = (user: typeof anna) => cardsTo(personalConversationId(user)).filter((c) => c.actions?.[0]?.data?.planId);
  const reminders = (user: typeof anna) => answerCards(user).filter((c) => JSON.stringify(c).includes('Påminnelse'));
  const planOf = (card: any) => card.actions[0].data.planId as string;
  const overdueLists = () => cardsTo(CHANNEL).filter((c) => JSON.stringify(c).includes('Försenade uppföljningar'));
  const chefsConversation = () => standIn.created.find((c) => c.body.members?.[0]?.id === chef.id)?.id;
  const tickAt = async (iso: string) => {
    now = new Date(iso);
    await bot.tick();
  };

  // Each test builds on the ones before it, and when run alone tells them first (see support/steps.ts).
  const chapter = chapters();

  chapter('prompts the officers when the round opens, and Anna submits one plan', async () => {
    await tickAt('2019-03-01T07:00:00Z'); // Friday 08:00 in Stockholm
    expect(answerCards(anna).map(planOf).sort()).toEqual(['drog', 'vald']);
    expect(answerCards(bo).map(planOf)).toEqual(['vatten']);
    now = new Date('2019-03-05T09:30:00Z');
    const response = await post(bot.url, executeAction(standIn.url, anna, 'answer.submit', { roundId: ROUND, planId: 'drog', baseVersion: 0, ...ANSWERS }));
    expect(JSON.stringify(response.body)).toContain('Tack! Ditt svar är inskickat.');
  });

  chapter('sends nothing before the first reminder slot', async () => {
    await tickAt('2019-03-25T07:59:00Z'); // Monday 08:59
    expect(reminders(anna)).toEqual([]);
    expect(reminders(bo)).toEqual([]);
  });

  chapter('reminds 5 working days before the due date, with the notice, once', async () => {
    await tickAt('2019-03-25T08:00:00Z'); // Monday 09:00 (winter time)
    expect(reminders(anna).map(planOf)).toEqual(['vald']);
    expect(reminders(bo).map(planOf)).toEqual(['vatten']);
    expect(JSON.stringify(reminders(bo)[0])).toContain('Påminnelse: svaret ska vara inskickat senast 1 april 2019.');
    await tickAt('2019-03-25T08:00:00Z');
    await tickAt('2019-03-25T13:00:00Z');
    expect(reminders(anna)).toHaveLength(1);
    expect(reminders(bo)).toHaveLength(1);
    const delivery = await stores.deliveries.get(ROUND, 'reminder:vatten:d-5');
    expect(delivery).toMatchObject({ kind: 'reminder', outcome: 'sent' });
  });

  chapter("sends the manager one digest of both people's overdue plans, and the list to the coordinators' channel", async () => {
    // Down over the weekend and the first days after the due date: Thursday 4 April 09:00 (summer time).
    await tickAt('2019-04-04T07:00:00Z');
    // Only the latest reminder slot that has passed (2 working days overdue), not the three missed ones.
    expect(reminders(anna).map(planOf)).toEqual(['vald', 'vald']);
    expect(JSON.stringify(reminders(anna)[1])).toContain('Påminnelse: svaret skulle ha skickats in senast 1 april 2019.');
    expect((await stores.deliveries.list(ROUND)).filter((d) => d.kind === 'reminder').map((d) => d.id).sort()).toEqual([
      'reminder:vald:d-5',
      'reminder:vald:o1',
      'reminder:vatten:d-5',
      'reminder:vatten:o1',
    ]);

    const digests = cardsTo(chefsConversation()!);
    expect(digests).toHaveLength(1);
    const digest = JSON.stringify(digests[0]);
    for (const expected of ['Försenade uppföljningar', 'Anna Andersson', '• Förebygga våld mot kvinnor i nära relationer', 'Bo Berg', '• God vattenstatus – handlingsplan']) {
      expect(digest).toContain(expected);
    }
    expect(digest).not.toContain('Drogpolitiskt');
    expect(Buffer.byteLength(digest)).toBeLessThanOrEqual(28 * 1024);

    // The scheduled summary is posted in the channel too (since Tuesday 09:00); the list is a card of its own.
    const lists = overdueLists();
    expect(lists).toHaveLength(1);
    expect(JSON.stringify(lists[0])).toContain('Planer som ännu inte är inskickade: 2.');
    expect(JSON.stringify(lists[0])).toContain('chef Cecilia Chef');

    await tickAt('2019-04-04T09:00:00Z');
    expect(cardsTo(chefsConversation()!)).toHaveLength(1);
    expect(overdueLists()).toHaveLength(1);
    const audit = await stores.audit.listDay('2019-04-04');
    // Both at the same instant of the set clock: their order in the log is not part of the promise.
    expect(audit.filter((e) => /^(escalation|overdue)\./.test(e.action)).map((e) => [e.action, e.subject]).sort()).toEqual([
      ['escalation.sent', `round:${ROUND}/delivery:escalation:chef@kalmar.se:1`],
      ['overdue.sent', `round:${ROUND}/delivery:overdue:1`],
    ]);
  });

  chapter('sends no more reminders for a plan once it is submitted', async () => {
    now = new Date('2019-04-04T10:00:00Z');
    await post(bot.url, executeAction(standIn.url, bo, 'answer.submit', { roundId: ROUND, planId: 'vatten', baseVersion: 0, ...ANSWERS }));
    await tickAt('2019-04-05T07:00:00Z'); // Friday 09:00: the second overdue slot
    expect(reminders(anna).map(planOf)).toEqual(['vald', 'vald', 'vald']);
    expect(reminders(bo).map(planOf)).toEqual(['vatten', 'vatten']);
    await tickAt('2019-04-11T07:00:00Z'); // the second digest lists Anna's plan only
    const second = cardsTo(chefsConversation()!);
    expect(second).toHaveLength(2);
    expect(JSON.stringify(second[1])).not.toContain('Bo Berg');
    expect(reminders(bo)).toHaveLength(2);
  });
});
