// The council document as the council receives it: the generated .docx is unzipped and its
// word/document.xml read back paragraph by paragraph, in the seed's order and wording.

import AdmZip from 'adm-zip';
import { crc32 } from 'node:zlib';
import { buildCouncilDocument, type CouncilDocumentModel } from '../../../../../bot/app/coordinator/exports/council-document';

const YEAR = 2019;
const HEADINGS = ['1. Status nuläge', `2. Genomfört t.o.m. ${YEAR - 1}`, `3. Innevarande verksamhetsår, ${YEAR}`, '4. Risker/Svårigheter', '5. Genomförande och sluttid'];

type Plan = CouncilDocumentModel['plans'][number];

function aPlan(title: string, answers: Array<string | undefined>, extra: Partial<Plan> = {}): Plan {
  return {
    title,
    period: '2016-2020',
    appendixTitle: `${title} uppföljning KF ${YEAR}`,
    officer: { name: `Handläggare för ${title}`, titles: ['Strateg social hållbarhet'] },
    // Submitted when any section was written; a plan without one has nothing submitted.
    answered: answers.some((a) => a !== undefined),
    sections: HEADINGS.map((heading, i) => ({ heading, text: answers[i] })),
    ...extra,
  };
}

function aModel(plans: Plan[], extra: Partial<CouncilDocumentModel> = {}): CouncilDocumentModel {
  return {
    header: {
      organisation: 'Kalmar kommun',
      department: 'Kommunledningskontoret Koncernledning',
      handlaggare: { name: 'Anders Saur', titles: ['verksamhetsutvecklare'], phone: '50010', email: 'anders.saur@kalmar.se' },
      date: '2019-04-10',
      caseNumber: 'KS 2019/0408',
      addressee: 'Kommunfullmäktige',
      switchboard: '0480-45 00 00',
    },
    title: `Uppföljning av handlingsplaner och program ${YEAR}`,
    proposal: 'Kommunfullmäktige lägger uppföljningen av handlingsplaner och program till handlingarna.',
    background: ['I Verksamhetsplan med budget för 2019 beslutade kommunfullmäktige om en samlad uppföljning.', 'Respektive ansvarig tjänsteperson har gjort en kortfattad uppföljning.'],
    plansHeading: 'Aktuella gällande handlingsplaner och program:',
    plans,
    excluded: [
      { title: 'Fossilbränslefria Kalmar 2030 - handlingsplan', reason: 'följs upp i det årliga miljöbokslutet' },
      { title: 'Jämställdhetsprogram 2014-2020', reason: 'har ersatts av länsstyrelsens regionala strategi' },
    ],
    notAnswered: 'Ej besvarad',
    ...extra,
  };
}

interface DocxParagraph {
  text: string;
  style?: string;
  xml: string;
}

async function readDocx(model: CouncilDocumentModel) {
  const zip = new AdmZip(await buildCouncilDocument(model));
  const read = (name: string) => zip.readAsText(name, 'utf8');
  const documentXml = read('word/document.xml');
  return { zip, read, documentXml, paragraphs: readParagraphs(documentXml) };
}

function readParagraphs(xml: string): DocxParagraph[] {
  return [...xml.matchAll(/<w:p(?:\s[^>]*)?>([\s\S]*?)<\/w:p>/g)].map((m) => ({
    xml: m[1],
    style: /<w:pStyle w:val="([^"]+)"\/>/.exec(m[1])?.[1],
    text: [...m[1].matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>|<w:br\/>|<w:tab\/>/g)]
      .map((t) => (t[0] === '<w:br/>' ? '\n' : t[0] === '<w:tab/>' ? '\t' : unescapeXml(t[1])))
      .join(''),
  }));
}

function unescapeXml(value: string): string {
  return value.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
}

/** Index of each expected text, searched in order; fails naming the first one out of place. */
function expectInOrder(paragraphs: DocxParagraph[], expected: string[]): number[] {
  const found: number[] = [];
  let from = 0;
  for (const text of expected) {
    const at = paragraphs.findIndex((p, i) => i >= from && p.text === text);
    if (at < 0) throw new Error(`"${text}" not found after paragraph ${from} ("${paragraphs[from - 1]?.text}")`);
    found.push(at);
    from = at + 1;
  }
  return found;
}

const drug = aPlan('Drogpolitiskt program 2016-2020', ['Uppföljning genomförd i januari 2019.', 'Merparten genomförd.', 'Ny drogvaneundersökning.', 'Varierande omfattning.', 'Löper ut 2020.']);
const violence = aPlan('Förebygga våld mot kvinnor i nära relationer – handlingsplan', ['Planen revideras.'], { period: 'Antogs 2010', note: 'revidering pågår' });
const water = aPlan('God vattenstatus - handlingsplan', ['Uppdrag gavs 2018.', '   ', 'Samtal med länsstyrelsen.', 'Risk.', 'December 2019.'], { note: 'arbete pågår' });

describe('the council document (tjänsteskrivelse)', () => {
  let doc: Awaited<ReturnType<typeof readDocx>>;
  beforeAll(async () => {
    doc = await readDocx(aModel([water, violence, drug]));
  });

  it('opens with the letterhead: organisation, TJÄNSTESKRIVELSE, Handläggare, Datum and Ärendebeteckning', () => {
    expectInOrder(doc.paragraphs, [
      'Kalmar kommun',
      'Kommunledningskontoret Koncernledning',
      'TJÄNSTESKRIVELSE',
      'Handläggare',
      'Anders Saur',
      '50010',
      'anders.saur@kalmar.se',
      'Datum',
      '2019-04-10',
      'Ärendebeteckning',
      'KS 2019/0408',
      'Kommunfullmäktige',
    ]);
  });

  it('follows the seed: title, Förslag till beslut, Bakgrund, the plans, the excluded plans with reasons, signature, Bilagor', () => {
    const [title, proposal, , background] = expectInOrder(doc.paragraphs, [
      'Uppföljning av handlingsplaner och program 2019',
      'Förslag till beslut',
      'Kommunfullmäktige lägger uppföljningen av handlingsplaner och program till handlingarna.',
      'Bakgrund',
      'I Verksamhetsplan med budget för 2019 beslutade kommunfullmäktige om en samlad uppföljning.',
      'Respektive ansvarig tjänsteperson har gjort en kortfattad uppföljning.',
      'Aktuella gällande handlingsplaner och program:',
      'Drogpolitiskt program 2016-2020',
      'Förebygga våld mot kvinnor i nära relationer – handlingsplan (revidering pågår)',
      'God vattenstatus - handlingsplan (arbete pågår)',
      'Övriga handlingsplaner och program vars uppföljning inte redovisas här:',
      'Fossilbränslefria Kalmar 2030 - handlingsplan följs upp i det årliga miljöbokslutet.',
      'Jämställdhetsprogram 2014-2020 har ersatts av länsstyrelsens regionala strategi.',
      'Anders Saur',
      'verksamhetsutvecklare',
      'Bilagor',
      'Bilaga 1\tDrogpolitiskt program 2016-2020 uppföljning KF 2019',
      'Bilaga 2\tFörebygga våld mot kvinnor i nära relationer – handlingsplan uppföljning KF 2019',
      'Bilaga 3\tGod vattenstatus - handlingsplan uppföljning KF 2019',
    ]);
    expect(doc.paragraphs[title].style).toBe('Heading1');
    expect(doc.paragraphs[proposal].style).toBe('Heading2');
    expect(doc.paragraphs[background].style).toBe('Heading2');
  });

  it('lists the plans and the excluded plans as bullets', () => {
    const bullets = doc.paragraphs.filter((p) => p.xml.includes('<w:numPr>')).map((p) => p.text);
    expect(bullets).toEqual([
      'Drogpolitiskt program 2016-2020',
      'Förebygga våld mot kvinnor i nära relationer – handlingsplan (revidering pågår)',
      'God vattenstatus - handlingsplan (arbete pågår)',
      'Fossilbränslefria Kalmar 2030 - handlingsplan följs upp i det årliga miljöbokslutet.',
      'Jämställdhetsprogram 2014-2020 har ersatts av länsstyrelsens regionala strategi.',
    ]);
  });

  it('gives every plan an appendix on a new page, in alphabetical order, with the five numbered sections and the officer', () => {
    const appendixHeadings = doc.paragraphs.filter((p) => p.style === 'Heading1' && p.text.startsWith('Uppföljning av ') && p.text !== 'Uppföljning av handlingsplaner och program 2019');
    expect(appendixHeadings.map((p) => p.text)).toEqual([
      'Uppföljning av Drogpolitiskt program 2016-2020',
      'Uppföljning av Förebygga våld mot kvinnor i nära relationer – handlingsplan',
      'Uppföljning av God vattenstatus - handlingsplan',
    ]);
    expectInOrder(doc.paragraphs, [
      'Bilaga 1 – Drogpolitiskt program 2016-2020 uppföljning KF 2019',
      'Uppföljning av Drogpolitiskt program 2016-2020',
      'Genomförandetid: 2016-2020',
      ...HEADINGS.flatMap((h, i) => [h, ['Uppföljning genomförd i januari 2019.', 'Merparten genomförd.', 'Ny drogvaneundersökning.', 'Varierande omfattning.', 'Löper ut 2020.'][i]]),
      'Handläggare för Drogpolitiskt program 2016-2020',
      'Strateg social hållbarhet',
      'Bilaga 2 – Förebygga våld mot kvinnor i nära relationer – handlingsplan uppföljning KF 2019',
      'Uppföljning av Förebygga våld mot kvinnor i nära relationer – handlingsplan',
      'Genomförandetid: Antogs 2010 (revidering pågår)',
      '1. Status nuläge',
      'Planen revideras.',
      '2. Genomfört t.o.m. 2018',
      '3. Innevarande verksamhetsår, 2019',
      '4. Risker/Svårigheter',
      '5. Genomförande och sluttid',
      'Handläggare för Förebygga våld mot kvinnor i nära relationer – handlingsplan',
      'Uppföljning av God vattenstatus - handlingsplan',
      'Genomförandetid: 2016-2020 (arbete pågår)',
      '2. Genomfört t.o.m. 2018',
      '3. Innevarande verksamhetsår, 2019', // white space alone is an empty section
      'Samtal med länsstyrelsen.',
    ]);
    const pageBreaks = doc.paragraphs.filter((p) => p.xml.includes('<w:pageBreakBefore/>')).map((p) => p.text);
    expect(pageBreaks).toEqual([
      'Bilaga 1 – Drogpolitiskt program 2016-2020 uppföljning KF 2019',
      'Bilaga 2 – Förebygga våld mot kvinnor i nära relationer – handlingsplan uppföljning KF 2019',
      'Bilaga 3 – God vattenstatus - handlingsplan uppföljning KF 2019',
    ]);
  });

  it('prints the heading alone under a section a submitted answer left empty, as the seed does', () => {
    const sections = doc.paragraphs.filter((p) => p.style === 'Heading2' && /^\d\. /.test(p.text));
    const empty = sections.filter((p) => doc.paragraphs[doc.paragraphs.indexOf(p) + 1].style === 'Heading2' || doc.paragraphs[doc.paragraphs.indexOf(p) + 1].text.startsWith('Handläggare för'));
    // Förebygga våld: sections 2–5; God vattenstatus: section 2 (white space only).
    expect(empty.map((p) => p.text)).toEqual([HEADINGS[1], HEADINGS[2], HEADINGS[3], HEADINGS[4], HEADINGS[1]]);
    expect(doc.paragraphs.map((p) => p.text)).not.toContain('Ej besvarad');
  });

  it('says "Ej besvarad" in italics under every heading of a plan with nothing submitted', async () => {
    const { paragraphs } = await readDocx(aModel([aPlan('Serviceplan 2016 – 2020', [])]));
    const start = expectInOrder(paragraphs, ['Uppföljning av Serviceplan 2016 – 2020'])[0];
    expect(paragraphs.slice(start + 2, start + 12).map((p) => p.text)).toEqual(HEADINGS.flatMap((h) => [h, 'Ej besvarad']));
    for (const p of paragraphs.filter((p) => p.text === 'Ej besvarad')) expect(p.xml).toContain('<w:i/>');
  });

  it('prints "Inget att rapportera" under an empty section when the round says so', async () => {
    const { paragraphs } = await readDocx(aModel([violence], { emptySection: 'Inget att rapportera' }));
    const start = expectInOrder(paragraphs, ['Uppföljning av Förebygga våld mot kvinnor i nära relationer – handlingsplan'])[0];
    expect(paragraphs.slice(start + 2, start + 12).map((p) => p.text)).toEqual([
      HEADINGS[0],
      'Planen revideras.',
      ...HEADINGS.slice(1).flatMap((h) => [h, 'Inget att rapportera']),
    ]);
  });

  it('writes the excluded plans as the seed does: sentences, in the order given', async () => {
    const excluded = [
      { title: 'Miljöbokslutet och Vårdförboksutet', reason: 'utgör underlag för nämnderna och bolagsstyrelsernas verksamhet.' },
      { title: 'Fossilbränslefria Kalmar 2030 - handlingsplan', reason: 'följs upp i det årliga miljöbokslutet' },
      { title: 'Jämställdhetsprogram för Kalmar kommun 2014-2020', reason: 'har ersatts genom att vi anslutit oss till länsstyrelsens regionala strategi "Ett jämställt Kalmar län 2017 – 2027".' },
      { title: 'Avfallsplan', reason: 'Följs upp av Kalmarsundsregionens renhållare' },
    ];
    const { paragraphs } = await readDocx(aModel([], { excluded }));
    const start = expectInOrder(paragraphs, ['Övriga handlingsplaner och program vars uppföljning inte redovisas här:'])[0];
    expect(paragraphs.slice(start + 1, start + 5).map((p) => p.text)).toEqual([
      'Miljöbokslutet och Vårdförboksutet utgör underlag för nämnderna och bolagsstyrelsernas verksamhet.',
      'Fossilbränslefria Kalmar 2030 - handlingsplan följs upp i det årliga miljöbokslutet.',
      'Jämställdhetsprogram för Kalmar kommun 2014-2020 har ersatts genom att vi anslutit oss till länsstyrelsens regionala strategi "Ett jämställt Kalmar län 2017 – 2027".',
      // A reason written as a sentence of its own stays one.
      'Avfallsplan. Följs upp av Kalmarsundsregionens renhållare.',
    ]);
  });

  it('signs with the name, each title on its own line and the unit below, as the seed does', async () => {
    const integration = aPlan('Integration - en handlingsplan', ['Uppföljning gjord.'], {
      officer: { name: 'Violeta Öhman', titles: ['Integrationshandläggare'], unit: 'Verksamheten Arbete och välfärd, Kommunledningskontoret' },
    });
    const extremism = aPlan('Våldsbejakande extremism', ['Lägesbild varje kvartal.'], {
      officer: { name: 'Ann-Sofie Lagercrantz', titles: ['Strateg social hållbarhet', 'lokal samordnare för arbetet mot våldsbejakande extremism'] },
    });
    const { paragraphs } = await readDocx(
      aModel([integration, extremism], { header: { ...aModel([]).header, handlaggare: { name: 'Anders Saur', titles: ['verksamhetsutvecklare', 'samordnare för uppföljningen'] } } }),
    );
    expectInOrder(paragraphs, ['Anders Saur', 'verksamhetsutvecklare', 'samordnare för uppföljningen', 'Bilagor']);
    expectInOrder(paragraphs, ['Uppföljning gjord.', 'Violeta Öhman', 'Integrationshandläggare', 'Verksamheten Arbete och välfärd, Kommunledningskontoret']);
    expectInOrder(paragraphs, ['Lägesbild varje kvartal.', 'Ann-Sofie Lagercrantz', 'Strateg social hållbarhet', 'lokal samordnare för arbetet mot våldsbejakande extremism']);
  });

  it('lists Bilagor by the short names the seed uses, and orders the appendices by them, the plans by title', async () => {
    const year = 'uppföljning KF 2019';
    const plans = [
      aPlan('Bostadsförsörjning - riktlinjer', ['Ja.'], { shortName: 'Riktlinjer för bostadsförsörjning', appendixTitle: `Riktlinjer för bostadsförsörjning ${year}` }),
      aPlan('Drogpolitiskt program 2016-2020', ['Ja.'], { shortName: 'Drogpolitiska programmet', appendixTitle: `Drogpolitiska programmet ${year}` }),
      aPlan('Förebyggande insatser mot våldsbejakande extremism – handlingsplan', ['Ja.'], { shortName: 'Våldsbejakande extremism', appendixTitle: `Våldsbejakande extremism ${year}` }),
      aPlan('Giftfria förskole- och skolmiljöer i Kalmar kommun – handlingsplan', ['Ja.'], { shortName: 'Giftfri förskola skola', appendixTitle: `Giftfri förskola skola ${year}` }),
    ];
    const { paragraphs } = await readDocx(aModel(plans));
    const texts = paragraphs.map((p) => p.text);
    const list = texts.indexOf('Aktuella gällande handlingsplaner och program:');
    expect(texts.slice(list + 1, list + 5)).toEqual(plans.map((p) => p.title).sort((a, b) => a.localeCompare(b, 'sv')));
    const bilagor = texts.indexOf('Bilagor');
    expect(texts.slice(bilagor + 1, bilagor + 5)).toEqual([
      `Bilaga 1\tDrogpolitiska programmet ${year}`,
      `Bilaga 2\tGiftfri förskola skola ${year}`,
      `Bilaga 3\tRiktlinjer för bostadsförsörjning ${year}`,
      `Bilaga 4\tVåldsbejakande extremism ${year}`,
    ]);
    expect(texts.filter((t) => t.startsWith('Uppföljning av ') && !t.endsWith('2019'))).toEqual([
      'Uppföljning av Drogpolitiskt program 2016-2020',
      'Uppföljning av Giftfria förskole- och skolmiljöer i Kalmar kommun – handlingsplan',
      'Uppföljning av Bostadsförsörjning - riktlinjer',
      'Uppföljning av Förebyggande insatser mot våldsbejakande extremism – handlingsplan',
    ]);
  });

  it("prints the switchboard in the footer, where the seed has it, and not the handläggare's extension", () => {
    const footers = Object.keys(doc.zip.getEntries().reduce((all, e) => ({ ...all, [e.entryName]: true }), {} as Record<string, boolean>)).filter((n) => /^word\/footer\d*\.xml$/.test(n));
    const footer = footers.map((n) => readParagraphs(doc.read(n)).map((p) => p.text).join('\n')).join('\n');
    expect(footer).toContain('Tel 0480-45 00 00 vx  |  anders.saur@kalmar.se');
    expect(footer).not.toContain('50010');
  });

  it('carries the document properties and Swedish as its language', () => {
    const core = doc.read('docProps/core.xml');
    expect(core).toContain('<dc:title>Uppföljning av handlingsplaner och program 2019</dc:title>');
    expect(core).toContain('<dc:creator>Kalmar kommun</dc:creator>');
    expect(doc.read('word/styles.xml')).toContain('<w:lang w:val="sv-SE"/>');
  });
});

describe('officer text in the council document', () => {
  it('appears exactly as typed: markup, links and field-like text stay plain text', async () => {
    const hostile = 'Se [rapporten](http://example.com/x) & <b>fet</b> "citat" { HYPERLINK "http://evil.example" } =SUMMA(A1)';
    const { documentXml, paragraphs, read } = await readDocx(aModel([aPlan('Plan <&> "X"', [hostile])]));

    expect(paragraphs.map((p) => p.text)).toContain(hostile);
    expect(paragraphs.map((p) => p.text)).toContain('Uppföljning av Plan <&> "X"');
    expect(documentXml).toContain('Se [rapporten](http://example.com/x) &amp; &lt;b&gt;fet&lt;/b&gt; &quot;citat&quot;');
    expect(documentXml).not.toMatch(/<w:hyperlink|<w:fldSimple|<w:instrText|<w:fldChar/);
    expect(read('word/_rels/document.xml.rels')).not.toContain('relationships/hyperlink');
  });

  it('keeps å, ä and ö, line breaks, paragraphs and the officer\'s own lists', async () => {
    const answer = 'Rad ett om åtgärder\nRad två: ÅÄÖ åäö é ü\n\nNytt stycke.\n- Första punkten\n– Andra punkten';
    const { paragraphs } = await readDocx(aModel([aPlan('Öppen förskola', [answer])]));
    const start = expectInOrder(paragraphs, ['1. Status nuläge'])[0];
    const body = paragraphs.slice(start + 1, start + 5);
    expect(body.map((p) => p.text)).toEqual(['Rad ett om åtgärder\nRad två: ÅÄÖ åäö é ü', 'Nytt stycke.', 'Första punkten', 'Andra punkten']);
    expect(body.map((p) => p.xml.includes('<w:numPr>'))).toEqual([false, false, true, true]);
  });

  it('drops characters a .docx cannot hold instead of producing a file Word refuses', async () => {
    const { documentXml, paragraphs } = await readDocx(aModel([aPlan('Plan', ['före\u0001\u000bmitt\uD800efter'])]));
    expect(paragraphs.map((p) => p.text)).toContain('föremittefter');
    expect(documentXml).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/);
  });
});

describe('appendix order', () => {
  it('sorts the appendices the Swedish way: å, ä, ö after z', async () => {
    const titles = ['Ödeplan', 'Zonplan', 'Äldreplan', 'Avfallsplan', 'Åtgärdsplan'];
    const { paragraphs } = await readDocx(aModel(titles.map((t) => aPlan(t, []))));
    const appendices = paragraphs.filter((p) => p.style === 'Heading1' && /^Uppföljning av \S+plan$/.test(p.text)).map((p) => p.text);
    expect(appendices).toEqual(['Avfallsplan', 'Zonplan', 'Åtgärdsplan', 'Äldreplan', 'Ödeplan'].map((t) => `Uppföljning av ${t}`));
  });

  it('leaves out the excluded list and Bilagor when there is nothing to list', async () => {
    const { paragraphs } = await readDocx(aModel([], { excluded: [] }));
    const texts = paragraphs.map((p) => p.text);
    expect(texts).not.toContain('Övriga handlingsplaner och program vars uppföljning inte redovisas här:');
    expect(texts).not.toContain('Bilagor');
    expect(texts).toContain('Uppföljning av handlingsplaner och program 2019');
  });
});

// The XML of a small round as docx wrote it when the whole document, appendices included, went
// through its packer at once (the snapshot was taken then). The appendices are now written part
// by part; the council must still get the same document, byte for byte.
describe('the document the council gets', () => {
  const hostile = 'Se [rapporten](http://example.com/x) & <b>fet</b> "citat" \'enkel\' { HYPERLINK "http://evil.example" } =SUMMA(A1) ]]> <!-- x -->';
  const lists = 'Rad ett om åtgärder\r\nRad två: ÅÄÖ åäö é ü\tmed tabb\n\nNytt stycke.  \n- Första punkten\n– Andra punkten\n• Tredje\n* Fjärde\n\n\nSista raden 🙂';
  const round = aModel(
    [
      drug,
      violence,
      water,
      aPlan('Serviceplan 2016 – 2020', [], { period: undefined, officer: undefined, shortName: 'Serviceplanen', appendixTitle: 'Serviceplanen uppföljning KF 2019' }),
      aPlan('Plan <&> "X"', [hostile, lists, 'före\u0001\u000bmitt\uD800efter\uFFFE', undefined, '  '], {
        note: '(ny)',
        officer: { name: 'Violeta Öhman', titles: ['Integrationshandläggare', 'samordnare'], unit: 'Verksamheten Arbete och välfärd' },
      }),
      aPlan('Åtgärdsplan', ['Ja.'], { officer: { name: 'Ann-Sofie Lagercrantz' } }),
    ],
    { emptySection: 'Inget att rapportera' },
  );

  /** One line per paragraph, so that a difference shows where it is. */
  const byParagraph = (xml: string) => xml.split(/(?=<w:p[ >])/);

  it('has the same document.xml, numbering and parts as when docx wrote it all at once', async () => {
    const { zip, read, documentXml } = await readDocx(round);
    expect(byParagraph(documentXml)).toMatchSnapshot('word/document.xml');
    expect(read('word/numbering.xml')).toMatchSnapshot('word/numbering.xml');
    expect(zip.getEntries().map((e) => e.entryName)).toMatchSnapshot('parts');
  });

  it('is the same however many appendices are written at a time', async () => {
    const documentXmlOf = async (appendicesPerBatch: number) => new AdmZip(await buildCouncilDocument(round, { appendicesPerBatch })).readAsText('word/document.xml', 'utf8');
    const whole = await documentXmlOf(100);
    expect(byParagraph(whole).length).toBeGreaterThan(100);
    expect(await documentXmlOf(1)).toBe(whole);
    expect(await documentXmlOf(4)).toBe(whole);
  });

  it('is a zip whose every part reads back intact', async () => {
    const zip = new AdmZip(await buildCouncilDocument(round, { appendicesPerBatch: 2 }));
    for (const entry of zip.getEntries()) {
      const data = entry.getData();
      expect({ part: entry.entryName, size: data.length, crc: crc32(data) }).toEqual({ part: entry.entryName, size: entry.header.size, crc: entry.header.crc });
    }
  });

  it("keeps an officer's text that looks like docx's list placeholders as typed", async () => {
    const { paragraphs } = await readDocx(aModel([aPlan('Plan', ['Se {bullets-0} och {default-bullet-numbering-0}'])]));
    expect(paragraphs.map((p) => p.text)).toContain('Se {bullets-0} och {default-bullet-numbering-0}');
  });
});
