// A follow-up template sent to the bot in the personal chat over HTTP (the file served by the
// Bot Connector stand-in, as Teams delivers it): kept as a version when it is good, every
// problem named when it is not, refused without a download for someone who is not a
// coordinator, and the rounds already created on it named as keeping their questions.

import { createRound } from '../../bot/app/rounds/create-round';
import { TERTIAL_TEMPLATE } from '../../bot/domain/templates/builtin';
import type { RunningBot } from '../../bot/main';
import type { Stores } from '../../storage/ports';
import { fileMessage, personalConversationId, post } from '../support/activities';
import { standInUser, startConnectorStandIn, type ConnectorStandIn, type StandInUser } from '../support/connector-stand-in';
import { testTableStores } from '../support/storage';
import { startTestBot, stopTestBot } from './support/test-bot';

const sara = standInUser('sara', 'sara@kalmar.se'); // coordinator
const anna = standInUser('anna', 'anna@kalmar.se');

const quarterly = (label: string) => ({
  ...structuredClone(TERTIAL_TEMPLATE),
  id: 'kvartal',
  name: { sv: 'Kvartal *fetstil*', en: 'Quarterly' },
  questions: [{ id: 'laget', label: { sv: label, en: 'Where things stand' } }],
});

describe('a template sent in the personal chat', () => {
  let standIn: ConnectorStandIn;
  let bot: RunningBot;
  let stores: Stores;
  const now = new Date('2019-02-11T09:00:00Z');

  beforeAll(async () => {
    standIn = await startConnectorStandIn([sara, anna]);
    stores = await testTableStores();
    await stores.registers.saveVersion(
      { plans: [{ id: 'drog', title: 'Drogpolitiskt program', officer: 'anna@kalmar.se' }], people: [{ id: 'anna@kalmar.se', name: 'Anna' }, { id: 'sara@kalmar.se', name: 'Sara' }], coordinators: ['sara@kalmar.se'] },
      { importedBy: 'test', importedAt: now, source: 'test' },
    );
    bot = await startTestBot(stores, () => now);
  });

  afterAll(() => stopTestBot(bot, standIn));

  async function upload(user: StandInUser, name: string, content: unknown): Promise<string> {
    const downloadUrl = standIn.serveFile(name, Buffer.from(typeof content === 'string' ? content : JSON.stringify(content)));
    const before = standIn.sentTo(personalConversationId(user)).length;
    expect((await post(bot.url, fileMessage(standIn.url, user, name, downloadUrl))).status).toBe(200);
    const sent = standIn.sentTo(personalConversationId(user)).slice(before);
    expect(sent).toHaveLength(1);
    return sent[0].text as string;
  }

  it('refuses a template from someone who is not a coordinator, without downloading it', async () => {
    const downloads = standIn.fileDownloads.length;
    expect(await upload(anna, 'kvartal.mall.json', quarterly('Läget'))).toBe('Bara samordnare kan lägga till mallar. Skicka filen till samordnaren i stället.');
    expect(standIn.fileDownloads).toHaveLength(downloads);
    expect(await stores.templates.list()).toEqual([]);
  });

  it('names every problem of a file and saves nothing', async () => {
    const text = await upload(sara, 'kvartal.mall.json', { ...quarterly('Läget {kvartal}'), statusScale: { levels: [] } });
    expect(text).toBe(
      [
        'Mallen sparades inte: 2 fel. Inget har ändrats.',
        // Escaped for Markdown (the file's text is data): Teams shows the braces.
        'questions[0].label.sv: \\{kvartal\\} finns inte; det som går att använda är \\{år\\}, \\{föregående år\\}.',
        'statusScale.levels: ska ha minst 1.',
      ].join('\n\n'),
    );
    expect(await stores.templates.list()).toEqual([]);
  });

  it('keeps a good file as a version, its name shown as typed, and a later version applies to new rounds only', async () => {
    expect(await upload(sara, 'kvartal.mall.json', quarterly('Läget {år}'))).toBe(
      'Mallen "Kvartal \\*fetstil\\*" (kvartal) är sparad som version 1, antal frågor: 1.\n\nDen gäller omgångar som skapas från och med nu.',
    );
    const created = await createRound(bot.deps, { title: 'Kvartal 1 2019', year: '2019', opensDate: '2019-03-01', dueDate: '2019-04-01', templateId: 'kvartal' }, { createdBy: 'sara@kalmar.se', timeZone: 'Europe/Stockholm' });
    expect(created.kind).toBe('created');
    const second = await upload(sara, 'kvartal.mall.json', quarterly('Läget just nu'));
    expect(second).toContain('version 2');
    expect(second).toContain('Omgångar som redan är skapade på en tidigare version behåller sina frågor: Kvartal 1 2019.');
    expect((await stores.rounds.get('kvartal-1-2019'))!.value.template).toMatchObject({ version: 1, questions: [{ label: { sv: 'Läget {år}' } }] });
    expect((await stores.templates.current('kvartal'))!.template.questions[0].label.sv).toBe('Läget just nu');
  });
});
