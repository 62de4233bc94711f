// The overview card in the coordinator channel over HTTP, through the real adapter and the Bot
// Connector stand-in, on the test's clock: posted first in the summary with the coordinators'
// refresh and the tab's link, refreshed from today's counts when a coordinator's Teams asks
// (Universal Actions), refused to anyone else, and updated in place by the tick as answers
// arrive: once the interval has passed since the last update, never when nothing changed.

import { buildRound } from '../../bot/domain/round';
import { OVERVIEW_CARDS } from '../../bot/app/coordinator/overview-card';
import type { RunningBot } from '../../bot/main';
import type { Stores } from '../../storage/ports';
import { executeAction, mentionInChannel, message, post, TENANT_ID } from '../support/activities';
import { cardWithChartsProblems } from '../support/card-validation';
import { standInUser, startConnectorStandIn, type ConnectorStandIn } from '../support/connector-stand-in';
import { testTableStores } from '../support/storage';
import { once } from './support/steps';
import { cardsIn, startTestBot, stopTestBot, texts } from './support/test-bot';

const sara = standInUser('sara', 'sara@kalmar.se'); // coordinator
const anna = standInUser('anna', 'anna@kalmar.se');
const bo = standInUser('bo', 'bo@kalmar.se');
const CHANNEL = '19:uppfoljning@thread.tacv2';
const ROUND = 'uppfoljning-kf-2019';
const MINUTE = 60_000;
const channel = { teamId: '19:ledning@thread.tacv2', channelId: CHANNEL, name: 'Uppföljning' };
const ANSWERS = { status: 'Pågår.', done: 'Tillsyn.', current: 'Ny undersökning.', risks: 'Inga.', completion: '2020.' };

describe('the overview card in the coordinator channel', () => {
  let standIn: ConnectorStandIn;
  let bot: RunningBot;
  let stores: Stores;
  let now = new Date('2019-03-05T09:00:00Z');
  const at = (minutes: number) => {
    now = new Date(Date.parse('2019-03-05T09:00:00Z') + minutes * MINUTE);
  };

  beforeAll(async () => {
    standIn = await startConnectorStandIn([sara, anna, bo]);
    stores = await testTableStores();
    await stores.registers.saveVersion(
      {
        plans: [
          { id: 'drog', title: 'Drogpolitiskt program 2016-2020', officer: 'anna@kalmar.se' },
          { id: 'vatten', title: 'God vattenstatus – handlingsplan', officer: 'bo@kalmar.se' },
        ],
        people: [
          { id: 'anna@kalmar.se', name: 'Anna Andersson' },
          { id: 'bo@kalmar.se', name: 'Bo Berg' },
          { id: 'sara@kalmar.se', name: 'Sara Samordnare' },
        ],
        coordinators: ['sara@kalmar.se'],
      },
      { importedBy: 'test', importedAt: now, source: 'test' },
    );
    const { round } = buildRound(
      { title: 'Uppföljning KF 2019', year: '2019', opensDate: '2019-03-01', dueDate: '2019-04-01' },
      { timeZone: 'Europe/Stockholm', createdBy: 'test', createdAt: now },
    );
    await stores.rounds.create({ ...round!, promptedAt: now });
    bot = await startTestBot(stores, () => now, { OFFICE_HOURS: 'always', OVERVIEW_UPDATE_MINUTES: '5' });
    for (const user of [sara, anna, bo]) await post(bot.url, message(standIn.url, user, 'hjälp'));
  });

  afterAll(() => stopTestBot(bot, standIn));

  /** Minute 0: the channel bound, the summary asked for and posted by the tick. */
  const summaryPosted = once(async () => {
    at(0);
    await post(bot.url, mentionInChannel(standIn.url, sara, 'koppla kanal', channel));
    await post(bot.url, message(standIn.url, sara, 'sammanställning'));
    await bot.tick();
    const [live] = await stores.deliveries.list(OVERVIEW_CARDS);
    return { activityId: live.activityId!, card: cardsIn(standIn.sentTo(CHANNEL))[0] };
  });
  /** Minute 1: Anna submits her answer. */
  const annaAnswered = once(async () => {
    await summaryPosted();
    at(1);
    const reply = await post(bot.url, executeAction(standIn.url, anna, 'answer.submit', { roundId: ROUND, planId: 'drog', baseVersion: 0, ...ANSWERS, planStatus: 'at-risk' }));
    expect(reply.status).toBe(200);
  });

  /** A card action from a card in the channel. */
  const inChannel = (user: typeof sara, verb: string, data: Record<string, unknown>) =>
    post(
      bot.url,
      executeAction(standIn.url, user, verb, data, {
        conversation: { id: `${CHANNEL};messageid=1551780000000`, isGroup: true, conversationType: 'channel', tenantId: TENANT_ID },
        channelData: { tenant: { id: TENANT_ID }, team: { id: channel.teamId }, channel: { id: CHANNEL } },
      }),
    );
  /** Teams asking for the card again when the user sees it in the channel. */
  const refreshAs = (user: typeof sara) => inChannel(user, 'overview.refresh', { roundId: ROUND, locale: 'sv' });
  const answeredLine = (card: unknown) => texts(card).find((text) => / av 2 planer besvarade$/.test(text))?.trim();

  it('is posted first in the summary, refreshed for the coordinator, with the link to the tab at the round, and remembered by its activity id', async () => {
    const { activityId, card } = await summaryPosted();
    expect(activityId).toMatch(/^activity-\d+$/);
    expect(cardWithChartsProblems(card)).toEqual([]);
    expect(answeredLine(card)).toBe('0 av 2 planer besvarade');
    expect(card.refresh).toEqual({
      action: { type: 'Action.Execute', verb: 'overview.refresh', data: { roundId: ROUND, locale: 'sv' } },
      userIds: [sara.id],
    });
    const button = card.body.find((e: any) => e.type === 'ActionSet').actions[0];
    expect(button).toEqual({ type: 'Action.OpenUrl', title: 'Öppna i fliken', url: `${bot.url}/tab/?round=${ROUND}` });
    // A round of two plans: each plan's card follows the overview.
    expect(cardsIn(standIn.sentTo(CHANNEL))).toHaveLength(3);
  });

  it("answers a coordinator's refresh with the card from today's counts, after a new answer", async () => {
    await annaAnswered();
    const reply = await refreshAs(sara);
    expect(reply.status).toBe(200);
    expect(reply.body.type).toBe('application/vnd.microsoft.card.adaptive');
    expect(answeredLine(reply.body.value)).toBe('1 av 2 planer besvarade');
    expect(texts(reply.body.value)).toEqual(expect.arrayContaining(['Risk för försening (1)', 'Drogpolitiskt program 2016-2020', ' · Anna Andersson']));
    expect(reply.body.value.refresh.userIds).toEqual([sara.id]);
  });

  it('refuses the refresh to anyone else, so that the card they see stays as it is, and audits it', async () => {
    await annaAnswered();
    const reply = await refreshAs(bo);
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({ statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: expect.stringContaining('Bara samordnare') });
    const audit = await stores.audit.listDay('2019-03-05');
    expect(audit.filter((e) => e.action === 'overview.refresh-refused').map((e) => e.actor)).toEqual([bo.aadObjectId]);
  });

  it("answers only the overview's refresh in the channel: any other card action there points to the personal chat", async () => {
    await summaryPosted();
    const reply = await inChannel(sara, 'rounds.list', { locale: 'sv' });
    expect(reply.body).toEqual({ statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: expect.stringContaining('personlig chatt') });
  });

  it('is updated in place once the interval has passed, with the new counts; not when nothing changed, nor twice within the interval', async () => {
    const { activityId } = await summaryPosted();
    await annaAnswered();
    const shown = () => standIn.updatesOf(activityId).map((update) => answeredLine(cardsIn([update])[0]));

    at(4); // four minutes after the post (Anna answered at minute 1): not yet
    await bot.tick();
    expect(shown()).toEqual([]);

    at(5); // five minutes after it: Anna's answer shows
    await bot.tick();
    expect(shown()).toEqual(['1 av 2 planer besvarade']);
    expect(standIn.updatesOf(activityId)[0]).toMatchObject({ type: 'message', id: activityId });

    at(6); // Bo answers a minute after the update: not shown within five minutes of it
    const reply = await post(bot.url, executeAction(standIn.url, bo, 'answer.submit', { roundId: ROUND, planId: 'vatten', baseVersion: 0, ...ANSWERS, planStatus: 'on-track' }));
    expect(reply.status).toBe(200);
    await bot.tick();
    at(9);
    await bot.tick();
    expect(shown()).toEqual(['1 av 2 planer besvarade']);

    at(10); // five minutes after the update: Bo's answer shows
    await bot.tick();
    expect(shown()).toEqual(['1 av 2 planer besvarade', '2 av 2 planer besvarade']);

    at(16); // nothing new since: no update
    await bot.tick();
    expect(shown()).toHaveLength(2);

    expect(standIn.calls.filter((c) => c.method === 'PUT').map((c) => c.conversationId)).toEqual([`${CHANNEL};messageid=${activityId}`, `${CHANNEL};messageid=${activityId}`]);
    // Each update is kept as a record, as shown.
    const updates = (await stores.records.list(ROUND)).filter((r) => r.format === 'teams-card-update');
    expect(updates).toHaveLength(2);
    const kept = await Promise.all(updates.map(async (r) => JSON.parse((await stores.records.get(ROUND, r.id))!.bytes.toString('utf8'))));
    const sent = standIn.updatesOf(activityId).map((update) => cardsIn([update])[0]);
    // Each record holds exactly the card that was sent in its update.
    expect(kept).toHaveLength(sent.length);
    for (const card of sent) expect(kept).toContainEqual(card);
  });

  it('reads an unchanged round once per interval: a check that found nothing new counts as the last update', async () => {
    await summaryPosted();
    // Minute 16 (above) found nothing new; the ticks up to five minutes later read nothing of the round.
    const reads = jest.spyOn(stores.answers, 'listVersions');
    try {
      for (const minute of [17, 19, 20]) {
        at(minute);
        await bot.tick();
      }
      expect(reads).not.toHaveBeenCalled();
      at(21); // five minutes after the check: read once more, still nothing to update
      await bot.tick();
      at(22);
      await bot.tick();
      expect(reads.mock.calls.map(([roundId]) => roundId)).toEqual([ROUND]);
    } finally {
      reads.mockRestore();
    }
  });

  it('is updated at once when the clock was set back behind its post and updates: their times in the future do not hold it back', async () => {
    const { activityId } = await summaryPosted();
    const updates = standIn.updatesOf(activityId).length;
    at(-60); // an hour before the post (minute 0) and the updates (minutes 5 and 10); Bo changes his plan's status
    const reply = await post(bot.url, executeAction(standIn.url, bo, 'answer.submit', { roundId: ROUND, planId: 'vatten', baseVersion: 1, ...ANSWERS, planStatus: 'at-risk' }));
    expect(reply.status).toBe(200);
    await bot.tick();
    expect(standIn.updatesOf(activityId)).toHaveLength(updates + 1);
  });
});
