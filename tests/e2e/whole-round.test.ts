// A whole follow-up round over HTTP: the real server and CloudAdapter, table storage in Azurite,
// a Bot Connector stand-in and a clock that is set between ticks, never waited for.
//
// Uppföljning KF 2019 opens on Monday 13 May 2019 and is due by the end of Wednesday 29 May, the
// day before Kristi himmelsfärdsdag; Sveriges nationaldag (Thursday 6 June) falls in the overdue
// weeks. Under the default policy the officers are reminded on 22, 28 and 29 May, then on 3, 5
// and 10 June; the managers' digests and the coordinators' list go out on 4 and 12 June. On a
// calendar without the holidays every one of those after the due date would come earlier.
//
// The cast: Cecilia Chef manages Anna (two plans), Bo and Dan; Greta Gren manages Erik, who
// never writes to the bot and is found in the team's roster; Sara coordinates, with the
// channel bound; Frida is in the roster only and becomes Dan's deputy. Bo snoozes, Dan
// delegates, Frida submits.

import { createRound } from '../../bot/app/rounds/create-round';
import type { RunningBot } from '../../bot/main';
import type { Stores } from '../../storage/ports';
import { TENANT_ID, executeAction, mentionInChannel, message, personalConversationId, post, teamInstall } from '../support/activities';
import { standInUser, startConnectorStandIn, type ConnectorStandIn, type RecordedCall, type StandInUser } from '../support/connector-stand-in';
import { testTableStores } from '../support/storage';
import { chapters } from './support/steps';
import { startTestBot, stopTestBot } from './support/test-bot';

const anna = standInUser('anna', 'anna@kalmar.se');
const bo = standInUser('bo', 'bo@kalmar.se');
const dan = standInUser('dan', 'dan@kalmar.se');
const erik = standInUser('erik', 'erik@kalmar.se');
const chef = standInUser('chef', 'chef@kalmar.se');
const greta = standInUser('greta', 'greta@kalmar.se');
const sara = standInUser('sara', 'sara@kalmar.se');
const frida = standInUser('frida', 'frida@kalmar.se');
const everyone = [anna, bo, dan, erik, chef, greta, sara, frida];

const TEAM = '19:kommunledning@thread.tacv2';
const CHANNEL = '19:uppfoljning@thread.tacv2';
const ROUND = 'uppfoljning-kf-2019';
const TITLES: Record<string, string> = {
  drog: 'Drogpolitiskt program 2016-2020',
  vald: 'Förebygga våld mot kvinnor i nära relationer',
  vatten: 'God vattenstatus – handlingsplan',
  trygg: 'Trygghetsskapande program 2019-2022',
  kultur: 'Kulturpolitiskt program',
};
const ANSWERS = {
  status: 'Programmet följs upp av brottsförebyggande rådet.',
  done: 'Trygghetsvandringar i tre stadsdelar.',
  current: 'Ny belysning i gångtunnlar.',
  risks: 'Inga kända.',
  completion: 'Programmet gäller till och med 2022.',
  planStatus: 'on-track',
};

const BEFORE_DUE = 'Påminnelse: svaret ska vara inskickat senast 29 maj 2019.';
const OVERDUE = 'Påminnelse: svaret skulle ha skickats in senast 29 maj 2019. Skicka in det så snart du kan.';
const MANAGER_INTRO = 'Svaren skulle ha skickats in senast 29 maj 2019. De här planerna hos dina medarbetare är ännu inte inskickade:';

/** What reached someone through the stand-in, reduced to what a person would read. */
type Arrival =
  | { to: string; plan: string; notice?: string }
  | { to: string; digest: string; people: string[][] }
  | { to: string; text: string };

const card = (to: StandInUser, plan: string, notice?: string): Arrival => ({ to: to.name, plan, notice });
const remindersOf = (notice: string, ...pairs: Array<[StandInUser, string]>) => pairs.map(([to, plan]) => card(to, plan, notice));
/** One row per officer: the name (with the note, for the coordinators) and a line per plan. */
const row = (name: string, ...plans: string[]) => [name, ...plans.map((p) => `• ${TITLES[p]}`)];

describe('a whole round: open, reminders, escalation, snooze, delegation and the deputy’s answer', () => {
  let standIn: ConnectorStandIn;
  let bot: RunningBot;
  let stores: Stores;
  let now = new Date('2019-05-10T10:00:00Z');
  let seen = 0;

  beforeAll(async () => {
    standIn = await startConnectorStandIn(everyone);
    stores = await testTableStores();
    await stores.registers.saveVersion(
      {
        plans: [
          { id: 'drog', title: TITLES.drog, officer: 'anna@kalmar.se' },
          { id: 'vald', title: TITLES.vald, officer: 'anna@kalmar.se' },
          { id: 'vatten', title: TITLES.vatten, officer: 'bo@kalmar.se' },
          { id: 'trygg', title: TITLES.trygg, officer: 'dan@kalmar.se' },
          { id: 'kultur', title: TITLES.kultur, officer: 'erik@kalmar.se' },
        ],
        people: [
          { id: 'anna@kalmar.se', name: 'Anna Andersson', manager: 'chef@kalmar.se' },
          { id: 'bo@kalmar.se', name: 'Bo Berg', manager: 'chef@kalmar.se' },
          { id: 'dan@kalmar.se', name: 'Dan Dahl', manager: 'chef@kalmar.se' },
          { id: 'erik@kalmar.se', name: 'Erik Ek', manager: 'greta@kalmar.se' },
          { id: 'chef@kalmar.se', name: 'Cecilia Chef' },
          { id: 'greta@kalmar.se', name: 'Greta Gren' },
          { id: 'sara@kalmar.se', name: 'Sara Samordnare' },
        ],
        coordinators: ['sara@kalmar.se'],
      },
      { importedBy: 'sara@kalmar.se', importedAt: now, source: 'test' },
    );
    // Follow-ups are worked out at every tick, so each tick below is a check.
    bot = await startTestBot(stores, () => now, { OFFICE_HOURS: '08:00-17:00', FOLLOW_UP_CHECK_MINUTES: '0' });
    const created = await createRound(bot.deps, { title: 'Uppföljning KF 2019', year: '2019', opensDate: '2019-05-13', dueDate: '2019-05-29' }, { createdBy: 'sara@kalmar.se', timeZone: 'Europe/Stockholm' });
    expect(created.kind).toBe('created');
    expect((await post(bot.url, teamInstall(standIn.url, sara, TEAM))).status).toBe(200);
    for (const user of [anna, bo, dan, sara]) expect((await post(bot.url, message(standIn.url, user, 'hjälp'))).status).toBe(200);
    await post(bot.url, mentionInChannel(standIn.url, sara, 'koppla kanal', { teamId: TEAM, channelId: CHANNEL, name: 'Uppföljning' }));
    expect(await stores.channels.current()).toMatchObject({ conversationId: CHANNEL });
    seen = standIn.calls.length;
  });

  afterAll(() => stopTestBot(bot, standIn));

  /** Who a conversation belongs to: a 1:1 chat the user opened, one the bot created, or the channel (a post's thread too). */
  const ownerOf = (conversationId: string): string => {
    if (conversationId.split(';messageid=')[0] === CHANNEL) return 'kanal';
    const created = standIn.created.find((c) => c.id === conversationId);
    const user = everyone.find((u) => personalConversationId(u) === conversationId || created?.body.members?.[0]?.id === u.id);
    return user?.name ?? conversationId;
  };
  const textsOf = (block: any): string => (block?.inlines ?? []).map((i: any) => i.text).join('');
  const describeCall = (call: RecordedCall): Arrival | undefined => {
    const to = ownerOf(call.conversationId);
    const content = call.body.attachments?.[0]?.content;
    if (!content) return to === 'kanal' ? undefined : { to, text: call.body.text };
    const planId = content.actions?.[0]?.data?.planId;
    if (planId) {
      const notice = content.body.find((b: any) => b.inlines?.[0]?.color === 'Accent');
      return { to, plan: planId, ...(notice ? { notice: textsOf(notice) } : {}) };
    }
    const [heading, , intro, ...rest] = content.body;
    if (textsOf(heading) !== 'Försenade uppföljningar') {
      // The channel also gets the weekly progress and the round's summary, its overview card updated
      // in place as answers come in (tests/e2e/coordinator-flow.test.ts, overview-card.test.ts).
      return to === 'kanal' ? undefined : { to, text: JSON.stringify(content) };
    }
    const people = rest.filter((b: any) => b.type === 'Container').map((c: any) => [textsOf(c.items[0]), ...textsOf(c.items[1]).split('\n')]);
    return { to, digest: textsOf(intro), people };
  };
  // Recipients are served in parallel: the order between them is not part of the promise.
  const sorted = (list: Arrival[]) => [...list].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
  /** Everything sent or updated through the stand-in since the last look. */
  const arrivals = (): Arrival[] => {
    const calls = standIn.calls.slice(seen);
    seen = standIn.calls.length;
    const outgoing = calls.filter((c) => c.kind === 'activities' && (c.method === 'POST' || c.method === 'PUT'));
    return sorted(outgoing.map(describeCall).filter((a): a is Arrival => !!a));
  };
  const tickAt = async (iso: string) => {
    now = new Date(iso);
    await bot.tick();
  };
  /** A second tick at the same instant: nothing at all goes out, not even to the channel. */
  const expectQuietRetick = async () => {
    const before = standIn.calls.length;
    await bot.tick();
    expect(standIn.calls.slice(before).filter((c) => c.method !== 'GET')).toEqual([]);
    seen = standIn.calls.length;
  };
  const conversationWith = (user: StandInUser) => standIn.created.find((c) => c.body.members?.[0]?.id === user.id)?.id;
  // Each test is the next chapter of the round and builds on all before it (see support/steps.ts).
  const chapter = chapters();

  chapter('opens the round: each officer gets a card per plan, Erik through the roster, nobody else anything', async () => {
    await tickAt('2019-05-13T06:00:00Z'); // Monday 08:00 in Stockholm (summer time)
    expect(arrivals()).toEqual(sorted([card(anna, 'drog'), card(anna, 'vald'), card(bo, 'vatten'), card(dan, 'trygg'), card(erik, 'kultur')]));
    expect(conversationWith(erik)).toBeDefined();
    await expectQuietRetick();
  });

  chapter('sends no reminder before the first slot, 5 working days before the due date at 09:00', async () => {
    await tickAt('2019-05-21T07:00:00Z');
    await tickAt('2019-05-22T06:59:00Z'); // Wednesday 08:59
    expect(arrivals()).toEqual([]);
  });

  chapter('reminds every unsubmitted plan on 22, 28 and 29 May, each once, with the notice line', async () => {
    const all = (notice: string) => remindersOf(notice, [anna, 'drog'], [anna, 'vald'], [bo, 'vatten'], [dan, 'trygg'], [erik, 'kultur']);
    await tickAt('2019-05-22T07:00:00Z'); // Wednesday 09:00: 5 working days before
    expect(arrivals()).toEqual(sorted(all(BEFORE_DUE)));
    await expectQuietRetick();
    await tickAt('2019-05-22T13:00:00Z');
    await tickAt('2019-05-27T07:00:00Z');
    expect(arrivals()).toEqual([]);
    await tickAt('2019-05-28T07:00:00Z'); // the working day before
    expect(arrivals()).toEqual(sorted(all(BEFORE_DUE)));
    await tickAt('2019-05-29T07:00:00Z'); // the due date
    expect(arrivals()).toEqual(sorted(all(BEFORE_DUE)));
    await expectQuietRetick();
  });

  chapter('keeps quiet over Kristi himmelsfärdsdag and the Friday after it, and reminds again on Monday 3 June', async () => {
    await tickAt('2019-05-30T07:00:00Z'); // Kristi himmelsfärdsdag
    await tickAt('2019-05-31T07:00:00Z'); // Friday: a working day, but only the first after the due date
    await tickAt('2019-05-31T14:00:00Z');
    expect(arrivals()).toEqual([]);
    await tickAt('2019-06-03T07:00:00Z'); // Monday: the second working day after it
    expect(arrivals()).toEqual(sorted(remindersOf(OVERDUE, [anna, 'drog'], [anna, 'vald'], [bo, 'vatten'], [dan, 'trygg'], [erik, 'kultur'])));
    await expectQuietRetick();
  });

  chapter('sends each manager one digest of their people’s overdue plans on the third working day, and the list to the channel', async () => {
    await tickAt('2019-06-04T07:00:00Z'); // Tuesday 09:00
    expect(arrivals()).toEqual(
      sorted([
        { to: 'chef', digest: MANAGER_INTRO, people: [row('Anna Andersson', 'drog', 'vald'), row('Bo Berg', 'vatten'), row('Dan Dahl', 'trygg')] },
        { to: 'greta', digest: MANAGER_INTRO, people: [row('Erik Ek', 'kultur')] },
        {
          to: 'kanal',
          digest: 'Svaren skulle ha skickats in senast 29 maj 2019. Planer som ännu inte är inskickade: 5.',
          people: [
            row('Anna Andersson (chef Cecilia Chef)', 'drog', 'vald'),
            row('Bo Berg (chef Cecilia Chef)', 'vatten'),
            row('Dan Dahl (chef Cecilia Chef)', 'trygg'),
            row('Erik Ek (chef Greta Gren)', 'kultur'),
          ],
        },
      ]),
    );
    // The managers were never in touch with the bot: their 1:1 chats were created from the roster.
    expect(conversationWith(chef)).toBeDefined();
    expect(conversationWith(greta)).toBeDefined();
    await expectQuietRetick();
    await tickAt('2019-06-04T12:00:00Z');
    expect(arrivals()).toEqual([]);
  });

  chapter('lets Bo snooze before Wednesday’s reminder: to the next working day, Friday, past Sveriges nationaldag', async () => {
    now = new Date('2019-06-05T06:30:00Z'); // Wednesday 08:30
    const response = await post(bot.url, executeAction(standIn.url, bo, 'plan.snooze', { roundId: ROUND, planId: 'vatten', baseVersion: 0, locale: 'sv', snoozeUntil: '' }));
    expect(response.status).toBe(200);
    expect(JSON.stringify(response.body.value)).toContain('Du får ingen påminnelse om den här planen före 7 juni 2019 kl. 09:00.');
    expect((await stores.settings.getPlan(ROUND, 'vatten'))?.value.snoozedUntil).toEqual(new Date('2019-06-07T07:00:00Z'));
    expect(arrivals()).toEqual([]);
  });

  chapter('lets Dan delegate to Frida, found in the roster: she gets the card saying who delegated', async () => {
    now = new Date('2019-06-05T06:45:00Z');
    const response = await post(bot.url, executeAction(standIn.url, dan, 'plan.delegate', { roundId: ROUND, planId: 'trygg', baseVersion: 0, locale: 'sv', deputy: 'frida@kalmar.se' }));
    expect(JSON.stringify(response.body.value)).toContain('frida@kalmar.se har fått kortet och kan svara för planen i den här omgången.');
    expect(arrivals()).toEqual([card(frida, 'trygg', 'dan har delegerat planen till dig i den här omgången. Du kan spara utkast och skicka in svaret.')]);
    expect((await stores.settings.getPlan(ROUND, 'trygg'))?.value).toMatchObject({ deputy: 'frida@kalmar.se', delegatedBy: 'dan@kalmar.se' });
  });

  chapter('sends Wednesday’s reminder for the delegated plan to Frida, and none to Bo while he is snoozed', async () => {
    await tickAt('2019-06-05T07:00:00Z'); // Wednesday 09:00: the second overdue reminder
    expect(arrivals()).toEqual(sorted(remindersOf(OVERDUE, [anna, 'drog'], [anna, 'vald'], [frida, 'trygg'], [erik, 'kultur'])));
    expect(await stores.deliveries.get(ROUND, 'reminder:trygg:o2')).toMatchObject({ recipient: frida.aadObjectId, outcome: 'sent' });
    await expectQuietRetick();
  });

  chapter('reminds Bo once, when his snooze ends, and nobody else that day', async () => {
    await tickAt('2019-06-05T14:00:00Z');
    await tickAt('2019-06-06T09:00:00Z'); // Sveriges nationaldag
    await tickAt('2019-06-07T06:59:00Z'); // Friday 08:59
    expect(arrivals()).toEqual([]);
    await tickAt('2019-06-07T07:00:00Z');
    expect(arrivals()).toEqual([card(bo, 'vatten', OVERDUE)]);
    expect(await stores.deliveries.get(ROUND, 'reminder:vatten:s-2019-06-07T07:00:00.000Z')).toMatchObject({ outcome: 'sent' });
    await expectQuietRetick();
  });

  chapter('stores Frida’s submit, sent from her card over HTTP, with her as the one who answered, and tells Dan', async () => {
    now = new Date('2019-06-07T09:00:00Z');
    const response = await post(bot.url, {
      ...executeAction(standIn.url, frida, 'answer.submit', { roundId: ROUND, planId: 'trygg', baseVersion: 0, locale: 'sv', ...ANSWERS }),
      conversation: { id: conversationWith(frida), conversationType: 'personal', tenantId: TENANT_ID },
    });
    expect(response.status).toBe(200);
    expect(JSON.stringify(response.body.value)).toContain('Tack! Ditt svar är inskickat.');
    expect((await stores.answers.current(ROUND, 'trygg'))?.value).toMatchObject({
      submittedAt: now,
      latest: { state: 'submitted', answeredBy: 'frida@kalmar.se', content: { texts: { status: ANSWERS.status }, status: 'on-track' } },
    });
    expect(arrivals()).toEqual([{ to: 'dan', text: `frida har skickat in svaret för **${TITLES.trygg}** i Uppföljning KF 2019.` }]);
  });

  chapter('leaves the submitted plan out of the last reminders on Monday 10 June', async () => {
    await tickAt('2019-06-07T14:00:00Z');
    await tickAt('2019-06-10T07:00:00Z'); // Monday 09:00: the third overdue reminder, the policy's last
    expect(arrivals()).toEqual(sorted(remindersOf(OVERDUE, [anna, 'drog'], [anna, 'vald'], [bo, 'vatten'], [erik, 'kultur'])));
    await expectQuietRetick();
  });

  chapter('leaves the submitted plan out of the second digests and the list, and sends nothing more after them', async () => {
    await tickAt('2019-06-11T07:00:00Z'); // a plain calendar would have sent the second digests by now
    expect(arrivals()).toEqual([]);
    await tickAt('2019-06-12T07:00:00Z'); // Wednesday 09:00: five working days after the first digest
    expect(arrivals()).toEqual(
      sorted([
        { to: 'chef', digest: MANAGER_INTRO, people: [row('Anna Andersson', 'drog', 'vald'), row('Bo Berg', 'vatten')] },
        { to: 'greta', digest: MANAGER_INTRO, people: [row('Erik Ek', 'kultur')] },
        {
          to: 'kanal',
          digest: 'Svaren skulle ha skickats in senast 29 maj 2019. Planer som ännu inte är inskickade: 4.',
          people: [row('Anna Andersson (chef Cecilia Chef)', 'drog', 'vald'), row('Bo Berg (chef Cecilia Chef)', 'vatten'), row('Erik Ek (chef Greta Gren)', 'kultur')],
        },
      ]),
    );
    await expectQuietRetick();
    // The policy's reminders and digests are spent: the rest of the round is quiet.
    for (const at of ['2019-06-14T07:00:00Z', '2019-06-17T07:00:00Z', '2019-06-19T07:00:00Z', '2019-06-26T07:00:00Z']) await tickAt(at);
    expect(arrivals()).toEqual([]);
    const trygg = (await stores.deliveries.list(ROUND)).filter((d) => d.id.includes('trygg')).map((d) => d.id);
    expect(trygg.sort()).toEqual([
      'delegate:trygg:frida@kalmar.se',
      'prompt:trygg',
      'reminder:trygg:d-1',
      'reminder:trygg:d-5',
      'reminder:trygg:due',
      'reminder:trygg:o1',
      'reminder:trygg:o2',
    ]);
  });
});
