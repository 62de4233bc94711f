// The register in cards over HTTP, with the Bot Connector stand-in and Azurite: a coordinator
// lists the plans, adds one choosing the officer with the people picker (an AAD object id of a
// user in the team's roster), changes another by typing an address (the picker's fallback,
// sent as Action.Submit), and each save is a register version; anyone else is refused.

import type { RunningBot } from '../../bot/main';
import type { Stores } from '../../storage/ports';
import { executeAction, message, personalConversationId, post, submitAction, teamInstall } from '../support/activities';
import { standInUser, startConnectorStandIn, type ConnectorStandIn } from '../support/connector-stand-in';
import { testTableStores } from '../support/storage';
import { chapters } from './support/steps';
import { startTestBot, stopTestBot, texts } from './support/test-bot';

const sara = standInUser('sara', 'sara@kalmar.se'); // coordinator
const anna = standInUser('anna', 'anna@kalmar.se');
const bo = standInUser('bo', 'bo@kalmar.se');
const cecilia = standInUser('cecilia', 'cecilia@kalmar.se'); // in the team, not in the register

describe('the register in cards', () => {
  let standIn: ConnectorStandIn;
  let bot: RunningBot;
  let stores: Stores;
  const now = new Date('2019-03-05T09:00:00Z');

  beforeAll(async () => {
    standIn = await startConnectorStandIn([sara, anna, bo, cecilia]);
    stores = await testTableStores();
    await stores.registers.saveVersion(
      {
        plans: [
          { id: 'drog', title: 'Drogpolitiskt program 2016-2020', period: '2016-2020', officer: 'anna@kalmar.se' },
          { id: 'fossil', title: 'Fossilbränslefria Kalmar 2030', excludedReason: 'Följs upp i det årliga miljöbokslutet.' },
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
    bot = await startTestBot(stores, () => now);
    // The app is in the team, so its roster tells who a picked person is.
    await post(bot.url, teamInstall(standIn.url, sara, '19:ledning@thread.tacv2'));
  });

  afterAll(() => stopTestBot(bot, standIn));

  // Each test builds on the ones before it, and when run alone tells them first (see support/steps.ts).
  const chapter = chapters();

  chapter('lists the plans for a coordinator, with Ny plan and Ändra', async () => {
    await post(bot.url, message(standIn.url, sara, 'planer'));
    const reply = standIn.sentTo(personalConversationId(sara)).at(-1);
    const card = reply.attachments[0].content;
    const all = texts(card).join('\n');
    for (const line of ['Planer i registret', 'Drogpolitiskt program 2016-2020', 'Ansvarig: Anna Andersson', 'Utgår: Följs upp i det årliga miljöbokslutet.']) {
      expect(all).toContain(line);
    }
    expect(card.actions[0]).toMatchObject({ type: 'Action.Execute', verb: 'plan.new' });
    expect(JSON.stringify(card)).toContain('"verb":"plan.edit"');
  });

  chapter('adds a plan with the officer chosen in the people picker', async () => {
    const opened = await post(bot.url, executeAction(standIn.url, sara, 'plan.new', { page: 0, locale: 'sv' }));
    const form = opened.body.value;
    expect(form.body.find((e: any) => e.id === 'officerPick')['choices.data']).toEqual({ type: 'Data.Query', dataset: 'graph.microsoft.com/users' });
    const save = form.actions[0];
    const saved = await post(
      bot.url,
      executeAction(standIn.url, sara, 'plan.save', {
        ...save.data,
        title: 'Äldreplan 2020–2024',
        period: '2020-2024',
        note: '',
        officerPick: cecilia.aadObjectId,
        officerAddress: '',
        deputyPick: '',
        deputyAddress: '',
        excluded: 'false',
        excludedReason: '',
      }),
    );
    expect(saved.status).toBe(200);
    expect(texts(saved.body.value).join('\n')).toContain('Planen "Äldreplan 2020–2024" är sparad');
    const register = (await stores.registers.current())!;
    expect(register).toMatchObject({ version: 2, importedBy: 'sara@kalmar.se', source: 'Teams: ny plan' });
    expect(register.importedAt).toEqual(now);
    expect(register.plans.find((p) => p.title === 'Äldreplan 2020–2024')).toMatchObject({ officer: 'cecilia@kalmar.se', period: '2020-2024' });
    expect(register.people).toContainEqual({ id: 'cecilia@kalmar.se', name: 'cecilia' });
    expect(await stores.registers.version(1)).toMatchObject({ source: 'test' });
    expect((await stores.history.recent(1))[0]).toMatchObject({ actor: 'sara@kalmar.se', action: 'plan.created' });
  });

  chapter('changes a plan with a typed address where the picker is not available (Action.Submit)', async () => {
    const opened = await post(bot.url, executeAction(standIn.url, sara, 'plan.edit', { planId: 'drog', page: 0, locale: 'sv' }));
    const save = opened.body.value.actions[0].fallback;
    expect(save).toMatchObject({ type: 'Action.Submit', data: { verb: 'plan.save', planId: 'drog', registerVersion: 2, officerWas: 'anna@kalmar.se' } });
    await post(
      bot.url,
      submitAction(standIn.url, sara, 'card-1', {
        ...save.data,
        title: 'Drogpolitiskt program 2016-2020',
        period: '2016-2022',
        officerAddress: 'bo@kalmar.se',
        deputyAddress: 'anna@kalmar.se',
        excluded: 'false',
      }),
    );
    const register = (await stores.registers.current())!;
    expect(register).toMatchObject({ version: 3, source: 'Teams: ändrad plan' });
    expect(register.plans.find((p) => p.id === 'drog')).toEqual({
      id: 'drog',
      title: 'Drogpolitiskt program 2016-2020',
      period: '2016-2022',
      officer: 'bo@kalmar.se',
      deputy: 'anna@kalmar.se',
    });
    // The form's card is replaced in place by the list.
    expect(standIn.updatesOf('card-1')).toHaveLength(1);
    // The clock stands still in this test: both actions share one instant, so look for it by kind.
    const changed = (await stores.history.recent(5)).find((a) => a.action === 'plan.changed');
    expect(changed).toMatchObject({ actor: 'sara@kalmar.se', subject: 'plan:drog', before: { officer: 'anna@kalmar.se' }, after: { officer: 'bo@kalmar.se' } });
  });

  chapter('refuses a save from a form opened before the last change', async () => {
    const stale = await post(
      bot.url,
      executeAction(standIn.url, sara, 'plan.save', { planId: 'drog', registerVersion: 2, officerWas: 'anna@kalmar.se', deputyWas: '', title: 'Gammal', officerAddress: 'anna@kalmar.se', excluded: 'false', locale: 'sv' }),
    );
    expect(texts(stale.body.value).join('\n')).toContain('Registret har ändrats sedan du öppnade formuläret');
    expect(stale.body.value.body.find((e: any) => e.id === 'period').value).toBe('2016-2022');
    expect((await stores.registers.current())!.version).toBe(3);
  });

  chapter('refuses anyone who is not a coordinator', async () => {
    await post(bot.url, message(standIn.url, anna, 'planer'));
    expect(standIn.sentTo(personalConversationId(anna)).at(-1).text).toContain('Bara samordnare');
    const refused = await post(
      bot.url,
      executeAction(standIn.url, anna, 'plan.save', { registerVersion: 3, title: 'Min plan', officerAddress: 'anna@kalmar.se', locale: 'sv' }),
    );
    expect(refused.body).toMatchObject({ type: 'application/vnd.microsoft.activity.message', value: expect.stringContaining('Bara samordnare') });
    expect((await stores.registers.current())!.version).toBe(3);
  });
});
