// The register upload over HTTP: a coordinator sends the register file to the bot in the personal
// chat (Teams' file.download.info attachment, the file served by the Bot Connector stand-in),
// gets a preview card, and applies it. CSV as Excel saves it, .xlsx, a broken file, 5,000 plans,
// refusals, a register that changed after the preview, and an apply delivered twice.

import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { UPLOADS_PARTITION } from '../../bot/app/register/register-upload';
import type { RegisterContent } from '../../bot/domain/register';
import type { RunningBot } from '../../bot/main';
import type { Stores } from '../../storage/ports';
import { largeRegister, registerRows, toCsv, toXlsx } from '../../bench/register-files';
import { executeAction, fileMessage, personalConversationId, post, submitAction } from '../support/activities';
import { cardBytes, cardProblems } from '../support/card-validation';
import { standInUser, startConnectorStandIn, type ConnectorStandIn, type StandInUser } from '../support/connector-stand-in';
import { testTableStores } from '../support/storage';
import { chapters } from './support/steps';
import { startTestBot, stopTestBot } from './support/test-bot';

const sara = standInUser('sara', 'sara@kalmar.se'); // coordinator
const anna = standInUser('anna', 'anna@kalmar.se');
const bo = standInUser('bo', 'bo@kalmar.se');
const ARTIFACTS = path.join(__dirname, 'artifacts');

const first: RegisterContent = {
  plans: [
    { id: 'drog', title: 'Drogpolitiskt program 2016-2020', period: '2016-2020', officer: 'anna@kalmar.se' },
    { id: 'vald', title: 'Förebygga våld mot kvinnor i nära relationer', period: 'Antogs 2010', note: 'revidering pågår', officer: 'anna@kalmar.se' },
    { id: 'vatten', title: 'God vattenstatus – handlingsplan', note: 'arbete pågår', officer: 'bo@kalmar.se' },
    { id: 'fossil', title: 'Fossilbränslefria Kalmar 2030', excludedReason: 'Följs upp i det årliga miljöbokslutet.' },
  ],
  people: [
    { id: 'anna@kalmar.se', name: 'Anna Andersson', title: 'folkhälsostrateg' },
    { id: 'bo@kalmar.se', name: 'Bo Berg', title: 'miljöstrateg' },
    { id: 'sara@kalmar.se', name: 'Sara Samordnare', title: 'verksamhetsutvecklare' },
  ],
  coordinators: ['sara@kalmar.se'],
};

/** The next register: one plan added, one changed, one removed, one person added. */
const second: RegisterContent = {
  plans: [
    { id: 'drog', title: 'Drogpolitiskt program 2021-2025', period: '2021-2025', officer: 'anna@kalmar.se' },
    { id: 'vald', title: 'Förebygga våld mot kvinnor i nära relationer', period: 'Antogs 2010', note: 'revidering pågår', officer: 'anna@kalmar.se' },
    { id: 'fossil', title: 'Fossilbränslefria Kalmar 2030', excludedReason: 'Följs upp i det årliga miljöbokslutet.' },
    { id: 'skola', title: 'Skolplan för Kalmar kommun', period: '2019-2022', officer: 'cilla@kalmar.se' },
  ],
  people: [...first.people, { id: 'cilla@kalmar.se', name: 'Cilla Carlsson', title: 'utvecklingsledare' }],
  coordinators: ['sara@kalmar.se'],
};

function texts(card: object): string[] {
  const found: string[] = [];
  JSON.stringify(card, (key, value) => {
    if ((key === 'text' || key === 'title') && typeof value === 'string') found.push(value);
    return value;
  });
  return found;
}

describe('the register upload in the personal chat', () => {
  let standIn: ConnectorStandIn;
  let bot: RunningBot;
  let stores: Stores;
  const now = new Date('2019-02-11T09:00:00Z');

  beforeAll(async () => {
    standIn = await startConnectorStandIn([sara, anna, bo]);
    stores = await testTableStores();
    await stores.registers.saveVersion(first, { importedBy: 'test', importedAt: now, source: 'test' });
    bot = await startTestBot(stores, () => now);
  });

  afterAll(() => stopTestBot(bot, standIn));

  const conversation = (user: StandInUser) => personalConversationId(user);

  /** The user sends a file to the bot, as Teams delivers it; returns the bot's answer. */
  async function upload(user: StandInUser, name: string, bytes: Buffer, overrides: Record<string, unknown> = {}) {
    const downloadUrl = standIn.serveFile(name, bytes);
    const before = standIn.sentTo(conversation(user)).length;
    const response = await post(bot.url, { ...fileMessage(standIn.url, user, name, downloadUrl), ...overrides });
    expect(response.status).toBe(200);
    const sent = standIn.sentTo(conversation(user)).slice(before);
    expect(sent).toHaveLength(1);
    return { text: sent[0].text as string | undefined, card: sent[0].attachments?.[0]?.content };
  }

  /** The data of the card's Action.Execute with this verb, as Teams would send it back. */
  function actionData(card: any, verb: string): Record<string, unknown> {
    const action = card.actions.find((a: any) => a.verb === verb);
    expect(action).toBeDefined();
    return action.data;
  }

  async function press(user: StandInUser, card: any, verb: string) {
    const activity = executeAction(standIn.url, user, verb, actionData(card, verb));
    const response = await post(bot.url, activity);
    expect(response.status).toBe(200);
    return { activity, body: response.body };
  }

  // Each test builds on the ones before it, and when run alone tells them first (see support/steps.ts).
  const chapter = chapters();

  chapter('refuses a file from someone who is not a coordinator, politely, without downloading it, and audits it', async () => {
    const downloads = standIn.fileDownloads.length;
    const { text } = await upload(anna, 'register.csv', toCsv(registerRows(second), { delimiter: ';', bom: true }));
    expect(text).toBe('Bara samordnare kan byta registret. Skicka filen till samordnaren i stället.');
    expect(standIn.fileDownloads).toHaveLength(downloads);
    expect((await stores.registers.current())!.version).toBe(1);
    const audit = await stores.audit.listDay('2019-02-11');
    expect(audit.some((e) => e.action === 'coordinator.refused' && e.actor === anna.aadObjectId)).toBe(true);
  });

  chapter('previews a CSV with BOM and ";" (as Excel saves it), changes nothing until applied, then applies it once', async () => {
    const bytes = toCsv(registerRows(second), { delimiter: ';', bom: true });
    const { card } = await upload(sara, 'Register 2019.csv', bytes);
    expect(cardProblems(card)).toEqual([]);
    const shown = texts(card).join('\n');
    for (const expected of [
      'Förhandsvisning av registret',
      'Register 2019.csv',
      'Jämfört med det nuvarande registret (version 1):',
      'Nya planer (1)',
      '• Skolplan för Kalmar kommun (skola)',
      'Ändrade planer (1)',
      '• Drogpolitiskt program 2021-2025 (drog): titel, genomförandetid',
      'Borttagna planer (1)',
      '• God vattenstatus – handlingsplan (vatten)',
      'Nya personer (1)',
      '• Cilla Carlsson (cilla@kalmar.se)',
      'Använd registret',
      'Avbryt',
    ]) {
      expect(shown).toContain(expected);
    }
    // Nothing has changed yet; the file is kept as received.
    expect((await stores.registers.current())!.version).toBe(1);
    const kept = await stores.records.list(UPLOADS_PARTITION);
    expect(kept.at(-1)).toMatchObject({ kind: 'register-upload', fileName: 'Register 2019.csv', requestedBy: 'sara@kalmar.se', size: bytes.length });
    writeArtifact('register-preview.card.json', card);

    const { activity, body } = await press(sara, card, 'register.apply');
    expect(body.type).toBe('application/vnd.microsoft.card.adaptive');
    expect(texts(body.value).join('\n')).toContain('Version 2 från Register 2019.csv används nu. Den tidigare versionen (1) finns kvar.');
    const current = (await stores.registers.current())!;
    expect(current).toMatchObject({ version: 2, importedBy: 'sara@kalmar.se', source: 'Register 2019.csv' });
    expect(current.plans.map((p) => p.id)).toEqual(['drog', 'vald', 'fossil', 'skola']);
    expect((await stores.registers.version(1))!.plans.map((p) => p.id)).toEqual(['drog', 'vald', 'vatten', 'fossil']);

    const [history] = await stores.history.recent(1);
    expect(history).toMatchObject({
      actor: 'sara@kalmar.se',
      action: 'register.applied',
      subject: 'register:2',
      before: { version: 1, plans: 3, excluded: 1, people: 3 },
      after: { version: 2, plans: 3, excluded: 1, people: 4, plansAdded: 1, plansChanged: 1, plansRemoved: 1, peopleAdded: 1, source: 'Register 2019.csv' },
    });

    // Teams delivers the press again, and the coordinator presses once more: still one version.
    const again = await post(bot.url, activity);
    expect(texts(again.body.value).join('\n')).toContain('Den här förhandsvisningen är redan använd. Registret är version 2.');
    await press(sara, card, 'register.apply');
    expect((await stores.registers.current())!.version).toBe(2);
  });

  chapter('previews and applies a CSV with "," and no BOM, through the Action.Submit fallback too', async () => {
    const third: RegisterContent = { ...second, plans: second.plans.map((p) => (p.id === 'vald' ? { ...p, note: 'reviderad 2019, antas i höst' } : p)) };
    const { card } = await upload(sara, 'register.csv', toCsv(registerRows(third), { delimiter: ',', bom: false }));
    expect(texts(card).join('\n')).toContain('• Förebygga våld mot kvinnor i nära relationer (vald): notering');
    const sent = standIn.sentTo(conversation(sara)).length;
    // An older client answers Action.Submit: a message with the fallback's data, the card replaced in place.
    const fallback = card.actions.find((a: any) => a.verb === 'register.apply').fallback;
    await post(bot.url, submitAction(standIn.url, sara, 'activity-of-the-preview', fallback.data));
    expect(standIn.sentTo(conversation(sara))).toHaveLength(sent);
    const [update] = standIn.updatesOf('activity-of-the-preview');
    expect(texts(update.attachments[0].content).join('\n')).toContain('Version 3 från register.csv används nu.');
    expect((await stores.registers.current())!.plans.find((p) => p.id === 'vald')!.note).toBe('reviderad 2019, antas i höst');
  });

  chapter('previews and applies an .xlsx workbook', async () => {
    const fourth: RegisterContent = { ...second, plans: [...second.plans, { id: 'kultur', title: 'Kulturplan', officer: 'bo@kalmar.se' }] };
    const { card, text } = await upload(sara, 'register.xlsx', await toXlsx(registerRows(fourth)));
    expect(text).toBeUndefined();
    const shown = texts(card).join('\n');
    expect(shown).toContain('• Kulturplan (kultur)');
    expect(shown).toContain('• Förebygga våld mot kvinnor i nära relationer (vald): notering'); // the note goes back
    await press(sara, card, 'register.apply');
    expect((await stores.registers.current())!).toMatchObject({ version: 4, source: 'register.xlsx' });
  });

  chapter('shows every error of a broken file with its row and column, and changes nothing', async () => {
    const rows = registerRows(second);
    rows[2][10] = 'chef'; // row 3: unknown role
    rows[3][5] = 'anna.kalmar.se'; // row 4: not an address
    rows[4][6] = ''; // row 5: the only row of Cilla, without her name
    const { card } = await upload(sara, 'trasig.csv', toCsv(rows, { delimiter: ';', bom: true }));
    expect(cardProblems(card)).toEqual([]);
    const shown = texts(card).join('\n');
    expect(shown).toContain('Filen kan inte användas');
    expect(shown).toMatch(/• Rad 4, Ansvarig \(e-post\): "anna\.kalmar\.se" är ingen giltig e-postadress\./);
    expect(shown).toMatch(/• Rad 3, Roll: Okänd roll "chef"/);
    expect(shown).toMatch(/• Rad 5, Namn: Personen "cilla@kalmar\.se" saknar namn\./);
    expect(shown).toContain('Jag hittade 4 fel.');
    writeArtifact('register-errors.card.json', card);
    expect(shown).toContain('Registret är oförändrat.');
    expect(card.actions ?? []).toEqual([]);
    expect((await stores.registers.current())!.version).toBe(4);
  });

  chapter('speaks English to an English user', async () => {
    const rows = registerRows(second);
    rows[3][5] = 'anna.kalmar.se';
    const { card } = await upload(sara, 'broken.csv', toCsv(rows, { delimiter: ';', bom: true }), { locale: 'en-US' });
    const shown = texts(card).join('\n');
    expect(shown).toContain('The file cannot be used');
    expect(shown).toContain('• Row 4, Ansvarig (e-post):');
  });

  chapter('refuses an apply from someone who is not a coordinator, even with a real preview', async () => {
    const { card } = await upload(sara, 'register.csv', toCsv(registerRows(first), { delimiter: ';', bom: true }));
    const forged = await press(anna, card, 'register.apply');
    expect(forged.body.value).toBe('Bara samordnare kan byta registret. Skicka filen till samordnaren i stället.');
    expect((await stores.registers.current())!.version).toBe(4);
    const cancelled = await press(sara, card, 'register.cancel');
    expect(texts(cancelled.body.value).join('\n')).toContain('Registret är oförändrat (version 4). Filen används inte.');
    expect((await stores.registers.current())!.version).toBe(4);
  });

  chapter('refuses to apply a preview made against an older register, and shows a fresh preview instead', async () => {
    const { card } = await upload(sara, 'register.csv', toCsv(registerRows(first), { delimiter: ';', bom: true }));
    // Someone else imports meanwhile.
    await stores.registers.saveVersion(second, { importedBy: 'cli', importedAt: now, source: 'annat.csv' });
    const { body } = await press(sara, card, 'register.apply');
    const fresh = body.value;
    const shown = texts(fresh).join('\n');
    expect(shown).toContain('Registret har ändrats sedan förhandsvisningen och är nu version 5.');
    expect(shown).toContain('Jämfört med det nuvarande registret (version 5):');
    expect((await stores.registers.current())!.version).toBe(5);
    expect(actionData(fresh, 'register.apply')).toMatchObject({ baseVersion: 5 });
    await press(sara, fresh, 'register.apply');
    expect((await stores.registers.current())!).toMatchObject({ version: 6, importedBy: 'sara@kalmar.se' });
  });

  chapter('says so when the file cannot be fetched or is too large', async () => {
    standIn.failNext(/^\/files\//, 404);
    expect((await upload(sara, 'register.csv', Buffer.from('x'))).text).toBe('Jag kunde inte hämta filen från Teams. Försök skicka den igen om en stund.');
    const big = Buffer.alloc(5 * 1024 * 1024 + 1, 0x41);
    expect((await upload(sara, 'register.csv', big)).text).toContain('Filen är större än 5 MB');
    expect((await stores.registers.current())!.version).toBe(6);
  });

  chapter('previews and applies a register of 5,000 plans, the card within 28 KB', async () => {
    const large = largeRegister(5000);
    large.people.push({ id: 'sara@kalmar.se', name: 'Sara Samordnare' });
    large.coordinators.push('sara@kalmar.se');
    const { card } = await upload(sara, 'stort-register.csv', toCsv(registerRows(large), { delimiter: ';', bom: true }));
    expect(cardProblems(card)).toEqual([]);
    expect(cardBytes(card)).toBeLessThan(28 * 1024);
    const shown = texts(card).join('\n');
    expect(shown).toContain('Nya planer (5\u00a0000)'); // Swedish thousands: a no-break space
    expect(shown).toContain('… och 4\u00a0990 till');
    writeArtifact('register-preview-5000.card.json', card);
    await press(sara, card, 'register.apply');
    const current = (await stores.registers.current())!;
    expect(current.version).toBe(7);
    expect(current.plans).toHaveLength(5000);

    // The same register with every title changed, and a large broken one: still within 28 KB.
    const changed = largeRegister(5000, { titleSuffix: ' (reviderad)' });
    changed.people.push({ id: 'sara@kalmar.se', name: 'Sara Samordnare' });
    changed.coordinators.push('sara@kalmar.se');
    const preview = await upload(sara, 'stort-register.xlsx', await toXlsx(registerRows(changed)));
    expect(preview.text).toBeUndefined(); // a preview card, not a text reply
    expect(cardBytes(preview.card)).toBeLessThan(28 * 1024);
    expect(texts(preview.card).join('\n')).toContain('Ändrade planer (5\u00a0000)');
    const broken = registerRows(changed).map((row, i) => (i > 0 && i % 2 === 0 ? [...row.slice(0, 5), 'ingen-adress', ...row.slice(6)] : row));
    const errors = await upload(sara, 'trasigt-stort.csv', toCsv(broken, { delimiter: ';', bom: true }));
    expect(cardBytes(errors.card)).toBeLessThan(28 * 1024);
    expect(texts(errors.card).join('\n')).toMatch(/… och [\d\u00a0]+ till/);
  });
});

function writeArtifact(name: string, card: object): void {
  mkdirSync(ARTIFACTS, { recursive: true });
  writeFileSync(path.join(ARTIFACTS, name), JSON.stringify(card, null, 2));
}
