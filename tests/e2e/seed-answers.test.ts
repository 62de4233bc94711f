// Seed 000's own follow-up, given over HTTP: the real server and CloudAdapter, table storage in
// Azurite and the Bot Connector stand-in. "Förebygga våld mot kvinnor" is answered in section 1
// only (the plan is being revised), "Våldsbejakande extremism" leaves section 4 empty, and a
// third officer has only saved a draft. The coordinator's summary, CSV and council document
// read as the seed does: nothing written is dropped, and a draft never reaches the council.

import AdmZip from 'adm-zip';
import type { RunningBot } from '../../bot/main';
import type { Stores } from '../../storage/ports';
import { executeAction, mentionInChannel, message, personalConversationId, post } from '../support/activities';
import { standInUser, startConnectorStandIn, type ConnectorStandIn } from '../support/connector-stand-in';
import { testTableStores } from '../support/storage';
import { chapters } from './support/steps';
import { adminCommand, startTestBot, stopTestBot, texts } from './support/test-bot';

const sara = standInUser('sara', 'anders.saur@kalmar.se'); // coordinator
const ann = standInUser('ann', 'ann-sofie.lagercrantz@kalmar.se');
const hanna = standInUser('hanna', 'hanna.gustafsson@kalmar.se');
const CHANNEL = '19:uppfoljning@thread.tacv2';
const ROUND = 'uppfoljning-kf-2019';
const LIMIT = 28 * 1024;
const BACKGROUND = 'I Verksamhetsplan med budget för 2019 beslutade kommunfullmäktige om en samlad uppföljning vid sammanträdet i maj, av tidigare beslutade handlingsplaner och program.';

const VALD_STATUS = 'Planen revideras och ett förslag förväntas vara klart att presenteras i juni 2019.';
const EXTREMISM = {
  status: 'Arbetet sker primärt inom ramen för det brottsförebyggande arbetet.',
  done: 'Nationellt centrum mot våldsbejakande extremism (CVE) har genomfört ett kommunbesök.',
  current: 'Lokala brå är inbjuden till Länsstyrelsens utb. om våldsbejakande extremism den 15/4.',
  risks: '   ',
  completion: 'Finns inga mål i planen utan planen avser hur den lokala samverkan ska se ut.',
  planStatus: 'on-track',
};
const DRAFT = 'Samhällsbyggnadskontoret ansvarar för de flesta av åtgärderna. [se här](https://evil.example) **viktigt**';

/** The card's input values as Teams would send them back unchanged. */
function inputsOf(card: any): Record<string, string> {
  const values: Record<string, string> = {};
  const walk = (node: any) => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      if (typeof node.type === 'string' && node.type.startsWith('Input.') && node.id) values[node.id] = node.value ?? '';
      Object.values(node).forEach(walk);
    }
  };
  walk(card.body);
  return values;
}

function cardBytes(card: unknown): number {
  return Buffer.byteLength(JSON.stringify(card), 'utf8');
}

function docxParagraphs(bytes: Buffer, part = 'word/document.xml'): string[] {
  const xml = new AdmZip(bytes).readAsText(part, 'utf8');
  return [...xml.matchAll(/<w:p(?:\s[^>]*)?>([\s\S]*?)<\/w:p>/g)].map((m) =>
    [...m[1].matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((t) => t[1].replace(/&quot;/g, '"').replace(/&amp;/g, '&')).join(''),
  );
}

describe("seed 000's follow-up, as its officers gave it", () => {
  let standIn: ConnectorStandIn;
  let bot: RunningBot;
  let stores: Stores;
  let now = new Date('2019-02-20T09:00:00Z');

  beforeAll(async () => {
    standIn = await startConnectorStandIn([sara, ann, hanna]);
    stores = await testTableStores();
    await stores.registers.saveVersion(
      {
        plans: [
          { id: 'vald', title: 'Förebygga våld mot kvinnor i nära relationer 2010 - handlingsplan', period: 'Antogs 2010', note: 'revidering pågår', officer: ann.userPrincipalName },
          { id: 'extremism', title: 'Förebyggande insatser mot våldsbejakande extremism – handlingsplan', period: '2018-2025', officer: ann.userPrincipalName },
          { id: 'bostad', title: 'Bostadsförsörjning - riktlinjer', period: '2017- tillsvidare', officer: hanna.userPrincipalName },
          // Not followed up, in the seed's order (not alphabetical), each reason continuing the title's sentence.
          { id: 'miljo', title: 'Miljöbokslutet och Vårdförboksutet', excludedReason: 'utgör underlag för nämnderna och bolagsstyrelsernas verksamhet.' },
          { id: 'fossil', title: 'Fossilbränslefria Kalmar 2030 - handlingsplan', excludedReason: 'följs upp i det årliga miljöbokslutet' },
          { id: 'jamst', title: 'Jämställdhetsprogram för Kalmar kommun 2014-2020', excludedReason: 'har ersatts genom att vi anslutit oss till länsstyrelsens regionala strategi "Ett jämställt Kalmar län 2017 – 2027".' },
        ],
        people: [
          { id: ann.userPrincipalName, name: 'Ann-Sofie Lagercrantz', title: 'Strateg social hållbarhet; lokal samordnare för arbetet mot våldsbejakande extremism' },
          { id: hanna.userPrincipalName, name: 'Hanna Gustafsson', title: 'verksamhetsutvecklare', unit: 'Samhällsbyggnadskontoret' },
          { id: sara.userPrincipalName, name: 'Anders Saur', title: 'verksamhetsutvecklare' },
        ],
        coordinators: [sara.userPrincipalName],
      },
      { importedBy: 'test', importedAt: now, source: 'test' },
    );
    bot = await startTestBot(stores, () => now, {
      DOCUMENT_ORGANISATION: 'Kalmar kommun',
      DOCUMENT_DEPARTMENT: 'Kommunledningskontoret Koncernledning',
      DOCUMENT_HANDLAGGARE: 'Anders Saur',
      DOCUMENT_HANDLAGGARE_TITLE: 'verksamhetsutvecklare',
      DOCUMENT_HANDLAGGARE_PHONE: '50010',
      DOCUMENT_HANDLAGGARE_EMAIL: 'Anders.Saur@kalmar.se',
      DOCUMENT_SWITCHBOARD: '0480-45 00 00',
      DOCUMENT_CASE_NUMBER: 'KS 2019/0408',
    });
    for (const user of [sara, ann, hanna]) await post(bot.url, message(standIn.url, user, 'hjälp'));
  });

  afterAll(() => stopTestBot(bot, standIn));

  const admin = adminCommand(() => stores, () => now);
  const submit = (user: typeof ann, planId: string, values: Record<string, unknown>, verb = 'answer.submit') =>
    post(bot.url, executeAction(standIn.url, user, verb, { roundId: ROUND, planId, baseVersion: 0, ...values }));
  const lastText = (user: typeof sara) => standIn.sentTo(personalConversationId(user)).at(-1)?.text as string;
  const download = async (command: string) => {
    await post(bot.url, message(standIn.url, sara, command));
    const link = /\((http[^)]+)\)/.exec(lastText(sara))![1];
    return Buffer.from(await (await fetch(link)).arrayBuffer());
  };

  // Each test builds on the ones before it, and when run alone tells them first (see support/steps.ts).
  const chapter = chapters();

  chapter('creates the round with the default answer rules, the document date and Bakgrund from the command line', async () => {
    const created = await admin('create-round', '--title', 'Uppföljning KF 2019', '--year', '2019', '--opens', '2019-03-01', '--due', '2019-04-01', '--background', BACKGROUND, '--by', 'anders.saur@kalmar.se');
    expect(created.code).toBe(0);
    expect(created.out).toContain('För att skicka in krävs status och minst ett av de fem avsnitten.');
    const document = await admin('set-document', ROUND, '--date', '2019-04-10', '--appendix', 'vald=Förebygga våld mot kvinnor', '--appendix', 'extremism=Våldsbejakande extremism', '--appendix', 'bostad=Riktlinjer för bostadsförsörjning', '--signature', 'vald=Strateg social hållbarhet');
    expect(document.code).toBe(0);
    now = new Date('2019-03-20T09:30:00Z');
  });

  chapter('accepts "Förebygga våld" with only section 1 answered, as in the seed', async () => {
    const response = await submit(ann, 'vald', { status: VALD_STATUS, done: '', current: '', risks: '', completion: '', planStatus: 'delayed' });
    expect(texts(response.body.value)).toContain('Tack! Ditt svar är inskickat.');
    expect(texts(response.body.value).filter((t) => t === 'Inget ifyllt')).toHaveLength(4);
    const stored = (await stores.answers.current(ROUND, 'vald'))!.value.latest;
    expect(stored).toMatchObject({ state: 'submitted', content: { status: 'delayed', texts: { status: VALD_STATUS, done: '', risks: '' } } });
  });

  chapter('accepts "Våldsbejakande extremism" with section 4 left empty', async () => {
    const response = await submit(ann, 'extremism', EXTREMISM);
    expect(texts(response.body.value)).toContain('Tack! Ditt svar är inskickat.');
    expect((await stores.answers.current(ROUND, 'extremism'))!.value.latest.state).toBe('submitted');
  });

  chapter('refuses a submit with nothing written and says what is missing, in Swedish and in English', async () => {
    const empty = { status: ' ', done: '\n', current: '', risks: '', completion: '', planStatus: 'on-track' };
    const sv = await submit(hanna, 'bostad', empty);
    expect(texts(sv.body.value)).toEqual(expect.arrayContaining(['Svaret är inte inskickat ännu:', 'Fyll i minst ett av de fem avsnitten. De andra får lämnas tomma.']));
    const en = await submit(hanna, 'bostad', { ...empty, locale: 'en', planStatus: '' });
    expect(texts(en.body.value)).toEqual(expect.arrayContaining(['Fill in at least one of the five sections. The others may be left empty.', 'Choose an overall status.']));
    expect(await stores.answers.current(ROUND, 'bostad')).toBeUndefined();
  });

  chapter('refuses five answers of 2,000 "€" with a card under 28 KB, each section cut and named with where it now ends', async () => {
    const euros = '€'.repeat(2000);
    const response = await submit(hanna, 'bostad', { status: euros, done: euros, current: euros, risks: euros, completion: euros, planStatus: 'on-track' });
    const card = response.body.value;
    expect(cardBytes(card)).toBeLessThan(LIMIT);
    const lines = texts(card);
    expect(lines).toContain('Svaren är för långa tillsammans för ett kort i Teams. Korta ner något av dem.');
    const cut = lines.filter((l) => l.startsWith('Texten i "'));
    expect(cut).toHaveLength(5);
    expect(cut[0]).toMatch(/^Texten i "1\. Status nuläge" fick inte plats på kortet och slutar nu vid "…€{40}" \(\d{4} av 2000 tecken\)\. Korta ner den innan du skickar in\.$/);
    // The inputs keep the start of what was typed.
    const status = card.body.find((b: any) => b.id === 'status').value as string;
    expect(status.length).toBeGreaterThan(1000);
    expect(euros.startsWith(status)).toBe(true);
    expect(await stores.answers.current(ROUND, 'bostad')).toBeUndefined();
  });

  chapter('refuses a 40 KB answer with a card under 28 KB that quotes only where the kept text ends', async () => {
    const typed = 'Samhällsbyggnadskontoret ansvarar för de flesta av åtgärderna. '.repeat(700).slice(0, 40 * 1024);
    const response = await submit(hanna, 'bostad', { status: typed, planStatus: 'on-track' });
    const card = response.body.value;
    expect(cardBytes(card)).toBeLessThan(LIMIT);
    const lines = texts(card);
    expect(lines).toContain('"1. Status nuläge" är för långt: högst 2000 tecken.');
    expect(lines.find((l) => l.startsWith('Texten i "1. Status nuläge"'))).toMatch(/slutar nu vid "…[^"]{1,40}" \(2000 av 40960 tecken\)/);
    expect(card.body.find((b: any) => b.id === 'status').value).toBe(typed.slice(0, 2000));
  });

  chapter('keeps a draft, which never counts as an answer', async () => {
    const response = await submit(hanna, 'bostad', { status: DRAFT, current: 'Framtagande av en bostadsstrategi.' }, 'answer.draft');
    expect(texts(response.body.value)).toContain('Utkastet är sparat.');
  });

  chapter("shows the draft's text in the channel summary as a draft, and each section left empty as such", async () => {
    const channel = { teamId: '19:ledning@thread.tacv2', channelId: CHANNEL, name: 'Uppföljning' };
    await post(bot.url, mentionInChannel(standIn.url, sara, 'koppla kanal', channel));
    await post(bot.url, message(standIn.url, sara, 'sammanställning'));
    await bot.tick(); // the command is answered at once; the tick posts the summary
    const cards = standIn.sentTo(CHANNEL).flatMap((a) => (a.attachments ?? []).map((x: any) => x.content));
    expect(cards.every((c) => cardBytes(c) < LIMIT)).toBe(true);
    const plan = (title: string) => cards.find((c) => texts(c)[0] === title)!;
    const bostad = texts(plan('Bostadsförsörjning - riktlinjer'));
    expect(bostad).toEqual(expect.arrayContaining([DRAFT, 'Framtagande av en bostadsstrategi.', 'Utkast']));
    expect(bostad.some((t) => t.startsWith('UTKAST, inte inskickat (sparat 20 mars 2019 kl. 10:30)'))).toBe(true);
    // The officer's Markdown stays text: it travels only in TextRuns.
    expect(JSON.stringify(plan('Bostadsförsörjning - riktlinjer'))).not.toMatch(/"type":"TextBlock","text":"[^"]*evil\.example/);
    const vald = texts(plan('Förebygga våld mot kvinnor i nära relationer 2010 - handlingsplan'));
    expect(vald).toContain(VALD_STATUS);
    expect(vald.filter((t) => t === 'Inget ifyllt')).toHaveLength(4);
    const overview = texts(cards[0]).map((t) => t.replace(/\u00a0/g, ' '));
    expect(overview).toContain('\n2 av 3 planer besvarade');
    expect(overview[overview.indexOf('Utkast') + 1]).toBe('1 (33 %)');
  });

  chapter('lists the draft under its own heading in läge', async () => {
    await post(bot.url, message(standIn.url, sara, 'läge'));
    expect(lastText(sara)).toContain('Utkast, inte inskickade:\n- Bostadsförsörjning - riktlinjer \\(Hanna Gustafsson\\): utkast sparat 20 mars 2019, 2 av 5 avsnitt ifyllda');
  });

  chapter('exports the council document as the seed reads: its date, Bakgrund, excluded plans, empty sections, signatures and footer, and no draft', async () => {
    const bytes = await download('exportera word');
    const paragraphs = docxParagraphs(bytes);
    const at = (text: string, from = 0) => {
      const i = paragraphs.indexOf(text, from);
      if (i < 0) throw new Error(`"${text}" is not in the document`);
      return i;
    };
    expect(paragraphs[at('Datum') + 1]).toBe('2019-04-10');
    expect(paragraphs[at('Bakgrund') + 1]).toBe(BACKGROUND);
    const excluded = at('Övriga handlingsplaner och program vars uppföljning inte redovisas här:');
    expect(paragraphs.slice(excluded + 1, excluded + 4)).toEqual([
      'Miljöbokslutet och Vårdförboksutet utgör underlag för nämnderna och bolagsstyrelsernas verksamhet.',
      'Fossilbränslefria Kalmar 2030 - handlingsplan följs upp i det årliga miljöbokslutet.',
      'Jämställdhetsprogram för Kalmar kommun 2014-2020 har ersatts genom att vi anslutit oss till länsstyrelsens regionala strategi "Ett jämställt Kalmar län 2017 – 2027".',
    ]);

    const bilagor = at('Bilagor');
    expect(paragraphs.slice(bilagor + 1, bilagor + 4)).toEqual([
      'Bilaga 1Förebygga våld mot kvinnor uppföljning KF 2019',
      'Bilaga 2Riktlinjer för bostadsförsörjning uppföljning KF 2019',
      'Bilaga 3Våldsbejakande extremism uppföljning KF 2019',
    ]);
    expect(paragraphs[at('Anders Saur', excluded) + 1]).toBe('verksamhetsutvecklare');

    const vald = at('Uppföljning av Förebygga våld mot kvinnor i nära relationer 2010 - handlingsplan');
    expect(paragraphs.slice(vald + 2, vald + 11).map((p) => (p.startsWith('Bilaga ') ? 'Bilaga …' : p))).toEqual([
      '1. Status nuläge',
      VALD_STATUS,
      '2. Genomfört t.o.m. 2018',
      '3. Innevarande verksamhetsår, 2019',
      '4. Risker/Svårigheter',
      '5. Genomförande och sluttid',
      // Signed for this plan with one title, as in the seed; the register's two for the other plan.
      'Ann-Sofie Lagercrantz',
      'Strateg social hållbarhet',
      'Bilaga …',
    ]);
    const extremism = at('Uppföljning av Förebyggande insatser mot våldsbejakande extremism – handlingsplan');
    expect(paragraphs.slice(at('4. Risker/Svårigheter', extremism), at('4. Risker/Svårigheter', extremism) + 6)).toEqual([
      '4. Risker/Svårigheter',
      '5. Genomförande och sluttid',
      EXTREMISM.completion,
      'Ann-Sofie Lagercrantz',
      'Strateg social hållbarhet',
      'lokal samordnare för arbetet mot våldsbejakande extremism',
    ]);

    const bostad = at('Uppföljning av Bostadsförsörjning - riktlinjer');
    expect(paragraphs.slice(bostad + 2, bostad + 12).filter((p) => p === 'Ej besvarad')).toHaveLength(5);
    expect(paragraphs.slice(bostad + 12, bostad + 15)).toEqual(['Hanna Gustafsson', 'verksamhetsutvecklare', 'Samhällsbyggnadskontoret']);
    expect(paragraphs.join('\n')).not.toContain('Samhällsbyggnadskontoret ansvarar');

    const zip = new AdmZip(bytes);
    const footer = zip.getEntries().filter((e) => /^word\/footer\d*\.xml$/.test(e.entryName)).map((e) => docxParagraphs(bytes, e.entryName).join('\n')).join('\n');
    expect(footer).toContain('Tel 0480-45 00 00 vx');
    expect(footer).not.toContain('50010');
  });

  chapter("exports the draft's text to the CSV marked as a draft, and every version to the JSON", async () => {
    const csv = (await download('exportera csv')).toString('utf8').slice(1).split('\r\n');
    expect(csv[0]).toBe('Plan;Genomförandetid;Ansvarig;Status;Inskickad;1. Status nuläge;2. Genomfört t.o.m. 2018;3. Innevarande verksamhetsår, 2019;4. Risker/Svårigheter;5. Genomförande och sluttid;Utkast sparat');
    expect(csv[1]).toBe(`Bostadsförsörjning - riktlinjer;2017- tillsvidare;Hanna Gustafsson;Utkast, inte inskickat;;${DRAFT};;Framtagande av en bostadsstrategi.;;;2019-03-20 10:30`);
    const json = JSON.parse((await download('exportera json')).toString('utf8'));
    expect(json.versions.map((v: any) => [v.planId, v.state])).toEqual(
      expect.arrayContaining([['vald', 'submitted'], ['extremism', 'submitted'], ['bostad', 'draft']]),
    );
  });

  chapter('lets a coordinator require every section on the ny omgång form, and then refuses a submit naming each section missing', async () => {
    await post(bot.url, message(standIn.url, sara, 'ny omgång'));
    const form = standIn.sentTo(personalConversationId(sara)).at(-1).attachments[0].content;
    expect(inputsOf(form)).toMatchObject({ answerRule: 'one', emptySection: 'blank' });
    const typed = { ...inputsOf(form), title: 'Uppföljning KS 2019', year: '2019', openNow: 'true', dueDate: '2019-04-30', summaryDate: '2019-05-02', answerRule: 'all', emptySection: 'nothing-to-report' };
    const create = form.actions.find((a: any) => a.verb === 'round.create');
    const created = await post(bot.url, executeAction(standIn.url, sara, 'round.create', { ...create.data, ...typed }));
    expect(texts(created.body.value)).toContain('För att skicka in krävs status och alla fem avsnitten. I tjänsteskrivelsen står ett tomt avsnitt med texten "Inget att rapportera".');
    expect((await stores.rounds.get('uppfoljning-ks-2019'))!.value.answerPolicy).toEqual({
      requiredSections: ['status', 'done', 'current', 'risks', 'completion'],
      minSections: 5,
      emptySection: 'nothing-to-report',
    });

    const refused = await post(bot.url, executeAction(standIn.url, ann, 'answer.submit', { roundId: 'uppfoljning-ks-2019', planId: 'vald', baseVersion: 0, status: VALD_STATUS, planStatus: 'delayed' }));
    expect(texts(refused.body.value)).toEqual(
      expect.arrayContaining([
        'För att skicka in krävs status och alla fem avsnitten.',
        'Fyll i "2. Genomfört t.o.m. 2018". Det avsnittet måste besvaras i den här omgången.',
        'Fyll i "5. Genomförande och sluttid". Det avsnittet måste besvaras i den här omgången.',
      ]),
    );
    expect(await stores.answers.current('uppfoljning-ks-2019', 'vald')).toBeUndefined();
  });
});
