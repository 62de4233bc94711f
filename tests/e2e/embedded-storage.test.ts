// The bot on its embedded storage (no connection string, as `npm start` runs it), over HTTP with
// the Bot Connector stand-in, when the emulator process dies: the bot starts it again, tells the
// coordinators once per incident, and when it cannot, /healthz says why and the bot is told to stop.

import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { importRegister } from '../../bot/app/register/import-register';
import { silentLogger } from '../../bot/app/logger';
import { loadConfig } from '../../bot/config';
import { startBot, type RunningBot } from '../../bot/main';
import { message, personalConversationId, post } from '../support/activities';
import { standInUser, startConnectorStandIn, type ConnectorStandIn } from '../support/connector-stand-in';

jest.setTimeout(60_000);

const sara = standInUser('sara', 'sara@kalmar.se'); // coordinator
const eva = standInUser('eva', 'eva@kalmar.se'); // coordinator, English-speaking
const REGISTER_CSV =
  'Plan-id;Plan;Ansvarig (e-post);Namn;Roll\r\n' +
  'drog;Drogpolitiskt program 2016-2020;anna@kalmar.se;Anna Andersson;\r\n' +
  ';;sara@kalmar.se;Sara Samordnare;samordnare\r\n' +
  ';;eva@kalmar.se;Eva Ek;samordnare\r\n';

async function killEmulator(dataDir: string): Promise<void> {
  const { azuritePid } = JSON.parse(await readFile(path.join(dataDir, 'azurite.lock.json'), 'utf8'));
  process.kill(azuritePid, 'SIGKILL');
}

/** Waits for something the bot does on its own after an event (not for a schedule). */
async function eventually<T>(probe: () => T | undefined | Promise<T | undefined>, what: string, ms = 20_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe('the bot on its embedded storage when the emulator dies', () => {
  let dataDir: string;
  let standIn: ConnectorStandIn;
  let bot: RunningBot | undefined;
  const failures: Error[] = [];
  let now: Date;

  beforeEach(async () => {
    now = new Date('2019-03-05T09:00:00.000Z');
    failures.length = 0;
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'bot-embedded-'));
    standIn = await startConnectorStandIn([sara, eva]);
    const config = loadConfig({ PORT: '0', DEMO_REGISTER: 'false', DATA_DIR: dataDir });
    bot = await startBot(config, { clock: { now: () => now }, log: silentLogger, scheduler: false, onStorageFailed: (e) => failures.push(e) });
    const imported = await importRegister(bot.deps, { bytes: Buffer.from(REGISTER_CSV), fileName: 'register.csv', importedBy: 'sara@kalmar.se' });
    if (imported.kind === 'invalid') throw new Error(JSON.stringify(imported.errors));
    // Both coordinators have written to the bot: it has their 1:1 chats.
    expect((await post(bot.url, message(standIn.url, sara, 'hjälp'))).status).toBe(200);
    expect((await post(bot.url, message(standIn.url, eva, 'help', { locale: 'en-GB' }))).status).toBe(200);
  });

  afterEach(async () => {
    await bot?.stop();
    await standIn.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  const noticesTo = (user: typeof sara) =>
    standIn.sentTo(personalConversationId(user)).filter((a) => /inbyggda lagring|embedded storage/.test(a.text ?? ''));

  it('starts the storage again and tells each coordinator once per incident, in their language', async () => {
    await killEmulator(dataDir);
    await eventually(() => (noticesTo(sara).length && noticesTo(eva).length ? true : undefined), 'the coordinators to be told');
    expect(noticesTo(sara).map((a) => a.text)).toEqual([
      'Botens inbyggda lagring stannade oväntat den 5 mars 2019 kl. 10:00 och startades om den 5 mars 2019 kl. 10:00. ' +
        'Inget som bekräftats före avbrottet har gått förlorat. Den som fick ett felmeddelande när hen sparade under avbrottet behöver spara igen.',
    ]);
    expect(noticesTo(eva).map((a) => a.text)).toEqual([expect.stringMatching(/^The bot's embedded storage stopped unexpectedly on 5 March 2019 at 10:00/)]);
    expect((await fetch(`${bot!.url}/healthz`)).status).toBe(200);

    // The storage works again: a coordinator command answers, and the notices are recorded.
    expect((await post(bot!.url, message(standIn.url, sara, 'läge'))).status).toBe(200);
    const deliveries = await bot!.deps.stores.deliveries.list('system');
    expect(deliveries.map((d) => [d.id, d.outcome])).toEqual([
      ['storage-restarted:2019-03-05T09:00:00.000Z:eva@kalmar.se', 'sent'],
      ['storage-restarted:2019-03-05T09:00:00.000Z:sara@kalmar.se', 'sent'],
    ]);

    // A second incident is a second notice; the first is not repeated.
    now = new Date('2019-03-05T09:30:00.000Z');
    await killEmulator(dataDir);
    await eventually(() => (noticesTo(sara).length === 2 && noticesTo(eva).length === 2 ? true : undefined), 'the second notice');
    await new Promise((r) => setTimeout(r, 200)); // nothing more is on its way
    expect(noticesTo(sara)).toHaveLength(2);
    expect(noticesTo(sara)[1].text).toContain('kl. 10:30');
    expect(failures).toEqual([]);
  });

  it('says why on /healthz and asks to stop when the storage cannot be started again', async () => {
    // The emulator's folder is replaced by a file: it cannot start on it again.
    await rm(path.join(dataDir, 'azurite'), { recursive: true, force: true });
    await writeFile(path.join(dataDir, 'azurite'), 'not a folder');
    await killEmulator(dataDir);

    const failure = await eventually(() => failures[0], 'the bot to give up');
    expect(failure.message).toMatch(/The embedded storage \(Azurite\) stopped unexpectedly \(killed by SIGKILL\) and could not be started again after 3 attempts/);
    const health = await fetch(`${bot!.url}/healthz`);
    expect(health.status).toBe(503);
    expect(await health.json()).toEqual({
      status: 'unavailable',
      reason: 'the embedded storage stopped unexpectedly (killed by SIGKILL) at 2019-03-05T09:00:00.000Z and could not be started again',
    });
    // The coordinators cannot be told through a storage that is gone; nothing is half-sent.
    expect(noticesTo(sara)).toEqual([]);
  });
});
