// Reading the register from the files a coordinator actually has: CSV as Excel saves it, and JSON.

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { CSV_COLUMNS, parseRegisterFile } from '../../../../bot/app/register/files';

const HEADER = 'Plan-id;Plan;Genomförandetid;Notering;Utgår (skäl);Ansvarig (e-post);Namn;Titel;Enhet;Chef (e-post);Roll';
const BOM = '\ufeff';

/** Rows joined as Excel writes them: CRLF, and a line break after the last row. */
function excel(...rows: string[]): Buffer {
  return Buffer.from(`${BOM}${rows.join('\r\n')}\r\n`, 'utf8');
}

function csv(text: string): ReturnType<typeof parseRegisterFile> {
  return parseRegisterFile(Buffer.from(text, 'utf8'), 'register.csv');
}

function json(value: unknown): ReturnType<typeof parseRegisterFile> {
  return parseRegisterFile(Buffer.from(JSON.stringify(value, null, 2), 'utf8'), 'register.json');
}

const DEMO = path.join(__dirname, '..', '..', '..', '..', 'demo');

describe('a CSV register as Excel saves it', () => {
  it('reads UTF-8 with BOM, ";" and CRLF', async () => {
    const result = await parseRegisterFile(
      excel(
        HEADER,
        'drog;Drogpolitiskt program 2016-2020;2016-2020;;;MeganB@Example.com;Megan Bowen;folkhälsostrateg;Socialförvaltningen;pattif@example.com;',
        'vatten;God vattenstatus – handlingsplan;Ska gälla till 2027;arbete pågår;;alexw@example.com;Alex Wilber;verksamhetsutvecklare;Kommunledningskontoret;pattif@example.com;samordnare',
        'fossil;Fossilbränslefri kommun 2030;;;Följs upp i det årliga miljöbokslutet.;;;;;;',
        ';;;;;pattif@example.com;Patti Fernandez;biträdande kommundirektör;Kommunledningskontoret;;',
      ),
      'register.csv',
    );
    expect(result.errors).toEqual([]);
    expect(result.content).toEqual({
      plans: [
        { id: 'drog', title: 'Drogpolitiskt program 2016-2020', period: '2016-2020', officer: 'meganb@example.com' },
        { id: 'vatten', title: 'God vattenstatus – handlingsplan', period: 'Ska gälla till 2027', note: 'arbete pågår', officer: 'alexw@example.com' },
        { id: 'fossil', title: 'Fossilbränslefri kommun 2030', excludedReason: 'Följs upp i det årliga miljöbokslutet.' },
      ],
      people: [
        { id: 'meganb@example.com', name: 'Megan Bowen', title: 'folkhälsostrateg', unit: 'Socialförvaltningen', manager: 'pattif@example.com' },
        { id: 'alexw@example.com', name: 'Alex Wilber', title: 'verksamhetsutvecklare', unit: 'Kommunledningskontoret', manager: 'pattif@example.com' },
        { id: 'pattif@example.com', name: 'Patti Fernandez', title: 'biträdande kommundirektör', unit: 'Kommunledningskontoret' },
      ],
      coordinators: ['alexw@example.com'],
    });
  });

  it('reads UTF-8 without BOM, "," and LF', async () => {
    const result = await csv(
      'Plan-id,Plan,Genomförandetid,Ansvarig (e-post),Namn,Roll\n' +
        'drog,"Drogpolitiskt program, 2016-2020",2016-2020,alexw@example.com,Alex Wilber,samordnare\n',
    );
    expect(result.errors).toEqual([]);
    expect(result.content?.plans).toEqual([
      { id: 'drog', title: 'Drogpolitiskt program, 2016-2020', period: '2016-2020', officer: 'alexw@example.com' },
    ]);
  });

  it('chooses the delimiter from the header line, ignoring delimiters inside quotes', async () => {
    const result = await csv('"Plan-id";"Plan, namn";Ansvarig (e-post);Namn;Roll\r\n');
    // One ";"-separated unknown column, not three ","-separated ones.
    expect(result.errors.map((e) => e.field)).toEqual(['Plan, namn', 'Plan']);
  });

  it('keeps å, ä, ö, Å, Ä, Ö and é, also when a Mac wrote them decomposed', async () => {
    const decomposed = 'Åsa Öhman-Ängström'.normalize('NFD');
    const result = await parseRegisterFile(
      excel(
        HEADER,
        `ägg;Ärende om övergångar och éxempel;;;;asa@example.com;${decomposed};;;;samordnare`,
        'ö2;Öppna förskolor;;;;asa@example.com;Åsa Öhman-Ängström;;;;',
      ),
      'register.csv',
    );
    expect(result.errors).toEqual([]);
    expect(result.content?.plans[0].title).toBe('Ärende om övergångar och éxempel');
    expect(result.content?.people).toEqual([{ id: 'asa@example.com', name: 'Åsa Öhman-Ängström' }]);
  });

  it('reads quoted cells holding ";" and doubled quotes', async () => {
    const result = await parseRegisterFile(
      excel(
        HEADER,
        'jam;"Jämställdhet; program 2014-2020";;;"Har ersatts av strategin ""Ett jämställt län"".";;;;;;',
        'drog;Drog;;;;alexw@example.com;Alex Wilber;;;;samordnare',
      ),
      'register.csv',
    );
    expect(result.errors).toEqual([]);
    expect(result.content?.plans[0]).toEqual({
      id: 'jam',
      title: 'Jämställdhet; program 2014-2020',
      excludedReason: 'Har ersatts av strategin "Ett jämställt län".',
    });
  });

  it('counts the physical lines of a quoted cell spanning lines, so later errors point at the right line', async () => {
    const result = await parseRegisterFile(
      excel(
        HEADER,
        'drog;"Drogpolitiskt program',
        '2016-2020";;;;alexw@example.com;Alex Wilber;;;;samordnare',
        'vatten;God vattenstatus;;;;;;;;;',
      ),
      'register.csv',
    );
    expect(result.content).toBeUndefined();
    expect(result.errors).toEqual([
      { line: 2, field: 'Plan', message: 'Planens titel får inte innehålla en radbrytning; allt ska stå på en rad.' },
      { line: 4, field: 'Ansvarig (e-post)', message: expect.stringMatching(/^Planen "vatten" saknar ansvarig tjänsteperson/) },
    ]);
  });

  it('ignores empty lines and rows of bare delimiters but keeps counting them', async () => {
    const result = await parseRegisterFile(
      excel(HEADER, '', ';;;;;;;;;;', 'drog;Drog;;;;;;;;;'),
      'register.csv',
    );
    expect(result.errors).toEqual([
      { line: 4, field: 'Ansvarig (e-post)', message: expect.stringMatching(/saknar ansvarig/) },
      { field: 'Roll', message: expect.stringMatching(/saknar samordnare/) },
    ].sort((a, b) => (a.line ?? 0) - (b.line ?? 0)));
  });

  it('tolerates trailing delimiters and the empty columns Excel adds after the table', async () => {
    const result = await parseRegisterFile(
      excel(`${HEADER};;;`, 'drog;Drog;;;;alexw@example.com;Alex Wilber;;;;samordnare;;;', 'x;X;;;;alexw@example.com;;;;;;'),
      'register.csv',
    );
    expect(result.errors).toEqual([]);
    expect(result.content?.plans).toHaveLength(2);
  });

  it('reads old Mac line endings (CR only)', async () => {
    const result = await csv(`${HEADER}\rdrog;Drog;;;;alexw@example.com;Alex Wilber;;;;samordnare\r`);
    expect(result.errors).toEqual([]);
  });

  it('honours a "sep=;" first line and counts it as a line', async () => {
    const result = await csv(`sep=;\r\n${HEADER}\r\ndrog;Drog;;;;;;;;;samordnare\r\n`);
    expect(result.errors).toContainEqual({ line: 3, field: 'Ansvarig (e-post)', message: expect.any(String) });
  });

  it('accepts English headers in any case and spacing', async () => {
    const result = await csv(
      ' plan ID ;PLAN;Implementation period;note;Excluded (reason);Officer (e-mail);name;title;unit;Manager (e-mail);ROLE\n' +
        'drog;Drog;2016-2020;;;alexw@example.com;Alex Wilber;developer;Office;pattif@example.com;Coordinator\n',
    );
    expect(result.errors).toEqual([]);
    expect(result.content?.coordinators).toEqual(['alexw@example.com']);
    expect(result.content?.people[0]).toEqual({
      id: 'alexw@example.com', name: 'Alex Wilber', title: 'developer', unit: 'Office', manager: 'pattif@example.com',
    });
  });

  it('trims cells and writes addresses in lower case', async () => {
    const result = await csv(`${HEADER}\n  drog ; Drog ;;;; AlexW@Example.COM ; Alex Wilber ;;; PattiF@Example.com ; Samordnare \n`);
    expect(result.errors).toEqual([]);
    expect(result.content).toEqual({
      plans: [{ id: 'drog', title: 'Drog', officer: 'alexw@example.com' }],
      people: [{ id: 'alexw@example.com', name: 'Alex Wilber', manager: 'pattif@example.com' }],
      coordinators: ['alexw@example.com'],
    });
  });

  it('lets a person appear on several rows, an empty cell meaning "not stated here"', async () => {
    const result = await parseRegisterFile(
      excel(
        HEADER,
        'drog;Drog;;;;alexw@example.com;Alex Wilber;;Kommunledningskontoret;;',
        'vatten;Vatten;;;;alexw@example.com;;verksamhetsutvecklare;;pattif@example.com;samordnare',
        ';;;;;alexw@example.com;alex wilber;;;;',
      ),
      'register.csv',
    );
    expect(result.errors).toEqual([]);
    expect(result.content?.people).toEqual([
      { id: 'alexw@example.com', name: 'Alex Wilber', title: 'verksamhetsutvecklare', unit: 'Kommunledningskontoret', manager: 'pattif@example.com' },
    ]);
  });

  it('rejects a person whose rows disagree, naming both lines', async () => {
    const result = await parseRegisterFile(
      excel(
        HEADER,
        'drog;Drog;;;;alexw@example.com;Alex Wilber;verksamhetsutvecklare;;pattif@example.com;samordnare',
        'vatten;Vatten;;;;alexw@example.com;Alex W.;utredare;;meganb@example.com;',
      ),
      'register.csv',
    );
    expect(result.errors).toEqual([
      { line: 3, field: 'Namn', message: 'Namnet för alexw@example.com skiljer sig: "Alex Wilber" på rad 2, "Alex W." på rad 3.' },
      { line: 3, field: 'Titel', message: 'Titeln för alexw@example.com skiljer sig: "verksamhetsutvecklare" på rad 2, "utredare" på rad 3.' },
      { line: 3, field: 'Chef (e-post)', message: 'Chefen för alexw@example.com skiljer sig: "pattif@example.com" på rad 2, "meganb@example.com" på rad 3.' },
    ]);
  });

  it('lets a coordinator row own a plan, and a row without plan id describe a manager or coordinator', async () => {
    const result = await parseRegisterFile(
      excel(
        HEADER,
        'drog;Drog;;;;alexw@example.com;Alex Wilber;;;pattif@example.com;samordnare',
        ';;;;;leeg@example.com;Lee Gu;;;;samordnare',
        ';;;;;pattif@example.com;Patti Fernandez;;;;',
      ),
      'register.csv',
    );
    expect(result.errors).toEqual([]);
    expect(result.content?.coordinators).toEqual(['alexw@example.com', 'leeg@example.com']);
    expect(result.content?.people.map((p) => p.id)).toEqual(['alexw@example.com', 'leeg@example.com', 'pattif@example.com']);
  });

  it('reports one error per missing column and imports nothing', async () => {
    const result = await csv('Plan-id;Genomförandetid;Namn\r\ndrog;2016-2020;Alex\r\n');
    expect(result.content).toBeUndefined();
    expect(result.errors).toEqual([
      { line: 1, field: 'Plan', message: 'Kolumnen "Plan" saknas i rubrikraden.' },
      { line: 1, field: 'Ansvarig (e-post)', message: 'Kolumnen "Ansvarig (e-post)" saknas i rubrikraden.' },
      { line: 1, field: 'Roll', message: 'Kolumnen "Roll" saknas i rubrikraden.' },
    ]);
  });

  it('rejects an unknown column, listing the known ones', async () => {
    const result = await parseRegisterFile(excel(`${HEADER};Telefon`, 'drog;Drog;;;;alexw@example.com;Alex;;;;samordnare;0480-450000'), 'r.csv');
    expect(result.errors).toEqual([
      {
        line: 1,
        field: 'Telefon',
        message: `Kolumnen "Telefon" (kolumn L) är okänd. Kända kolumner: ${CSV_COLUMNS.map((c) => c.label).join(', ')}.`,
      },
    ]);
  });

  it('rejects a column given twice', async () => {
    const result = await csv(`${HEADER};Namn\n`);
    expect(result.errors).toEqual([
      { line: 1, field: 'Namn', message: 'Kolumnen "Namn" förekommer två gånger (kolumn G och L).' },
    ]);
  });

  it('rejects a value in a column without a header', async () => {
    const result = await parseRegisterFile(excel(HEADER, 'drog;Drog;;;;alexw@example.com;Alex;;;;samordnare;;glömd'), 'r.csv');
    expect(result.errors).toEqual([{ line: 2, field: 'Kolumn M', message: 'Cellen har ett värde men kolumnen saknar rubrik.' }]);
  });

  it('rejects an unknown role, a plan without id and a person without address', async () => {
    const result = await parseRegisterFile(
      excel(
        HEADER,
        'drog;Drog;;;;alexw@example.com;Alex Wilber;;;;samordnare',
        ';;;;;pattif@example.com;Patti Fernandez;;;;chef',
        ';Vatten;2019-2027;;;alexw@example.com;;;;;',
        ';;;;;;Lee Gu;strateg;;;',
      ),
      'register.csv',
    );
    expect(result.errors).toEqual([
      { line: 3, field: 'Roll', message: 'Okänd roll "chef". Skriv "samordnare" eller lämna cellen tom.' },
      { line: 4, field: 'Plan-id', message: 'Raden beskriver en plan men saknar plan-id.' },
      { line: 5, field: 'Ansvarig (e-post)', message: 'En rad utan plan-id beskriver en person och behöver hens e-postadress.' },
    ]);
  });

  it('points at the line where an unclosed quote opens', async () => {
    const result = await parseRegisterFile(
      excel(HEADER, 'drog;Drog;;;;alexw@example.com;Alex;;;;samordnare', '', 'vatten;"God vattenstatus;;;;;;;;;', 'x;y;;;;;;;;;'),
      'r.csv',
    );
    expect(result.errors).toEqual([{ line: 4, field: '', message: expect.stringMatching(/citattecken \("\) öppnar en cell här men stängs aldrig/) }]);
  });

  it('lists every error of the file in line order, each once', async () => {
    const result = await parseRegisterFile(
      excel(
        HEADER,
        'drog;Drogpolitiskt program;;;;meganb@example;Megan Bowen;;;pattif;',
        'drog;Dubblett;;;;;;;;;',
        'fossil;Fossilbränslefri;;;ja;;;;;;',
      ),
      'r.csv',
    );
    expect(result.errors.map((e) => `${e.line ?? '-'} ${e.field}`)).toEqual([
      '- Roll',
      '2 Ansvarig (e-post)',
      '2 Chef (e-post)',
      '3 Plan-id',
      '3 Ansvarig (e-post)',
      '4 Utgår (skäl)',
    ]);
    expect(result.errors[3].message).toBe('Planens id "drog" förekommer redan på rad 2.');
  });
});

describe('a JSON register', () => {
  const good = {
    plans: [
      { id: 'drog', title: ' Drogpolitiskt program ', period: '2016-2020', officer: 'MeganB@example.com' },
      { id: 'fossil', title: 'Fossilbränslefri kommun', excludedReason: 'Följs upp i miljöbokslutet.', note: '' },
    ],
    people: [{ id: 'meganb@example.com', name: 'Megan Bowen', manager: 'PattiF@example.com', unit: null }],
    coordinators: ['MeganB@Example.com'],
  };

  it('reads a good file, trimming text and lower-casing addresses', async () => {
    const result = await json(good);
    expect(result.errors).toEqual([]);
    expect(result.content).toEqual({
      plans: [
        { id: 'drog', title: 'Drogpolitiskt program', period: '2016-2020', officer: 'meganb@example.com' },
        { id: 'fossil', title: 'Fossilbränslefri kommun', excludedReason: 'Följs upp i miljöbokslutet.' },
      ],
      people: [{ id: 'meganb@example.com', name: 'Megan Bowen', manager: 'pattif@example.com' }],
      coordinators: ['meganb@example.com'],
    });
  });

  it('reads a file with a BOM', async () => {
    const result = await parseRegisterFile(Buffer.from(`${BOM}${JSON.stringify(good)}`, 'utf8'), 'register.JSON');
    expect(result.errors).toEqual([]);
  });

  it('locates errors by field path and line, and lists the allowed keys for an unknown one', async () => {
    const text = [
      '{',
      '  "plans": [',
      '    { "id": "drog", "title": "Drog", "officer": "meganb@example.com", "owner": "x" },',
      '    {',
      '      "id": "DROG",',
      '      "title": 2019',
      '    }',
      '  ],',
      '  "people": [ { "id": "meganb@example.com", "name": "Megan" } ],',
      '  "coordinators": [ "megan" ],',
      '  "rounds": []',
      '}',
    ].join('\n');
    const result = await parseRegisterFile(Buffer.from(text), 'register.json');
    expect(result.content).toBeUndefined();
    expect(result.errors).toEqual([
      { line: 3, field: 'plans[0].owner', message: 'Okänt fält "owner". Tillåtna fält här: id, title, period, note, officer, deputy, excludedReason.' },
      { line: 4, field: 'plans[1].officer', message: expect.stringMatching(/saknar ansvarig tjänsteperson/) },
      { line: 5, field: 'plans[1].id', message: 'Planens id "DROG" förekommer redan på rad 3.' },
      { line: 6, field: 'plans[1].title', message: 'Värdet ska vara text inom citattecken, inte ett tal.' },
      { line: 10, field: 'coordinators[0]', message: '"megan" är ingen giltig e-postadress.' },
      { line: 11, field: 'rounds', message: 'Okänt fält "rounds". Tillåtna fält här: plans, people, coordinators, schedule.' },
    ]);
  });

  it('rejects a missing list and a list that is not one', async () => {
    const result = await json({ plans: {}, coordinators: ['a@example.com'] });
    expect(result.errors.map((e) => [e.field, e.message])).toEqual([
      ['people', 'Fältet "people" saknas; ange det, även som en tom lista [].'],
      // "No plans" would say the same about the same field: one message per field.
      ['plans', 'Fältet "plans" ska vara en lista [ … ], inte ett objekt.'],
    ]);
  });

  it('treats an explicitly empty excludedReason as an excluded plan without a reason', async () => {
    const result = await json({ ...good, plans: [{ id: 'x', title: 'X', excludedReason: '' }] });
    expect(result.errors).toEqual([
      { line: 6, field: 'plans[0].excludedReason', message: expect.stringMatching(/markerad som utgången men saknar skäl/) },
    ]);
  });

  it('reports a syntax error with its line and a hint', async () => {
    const text = '{\n  "plans": [\n    { "id": "drog", },\n  ]\n}';
    const result = await parseRegisterFile(Buffer.from(text), 'register.json');
    expect(result.errors).toEqual([
      {
        line: 3,
        field: '',
        message: 'Filen är inte giltig JSON (tecken 21 på raden). Här väntades ett fältnamn inom dubbla citattecken. Står det ett kommatecken för mycket före } ?',
      },
    ]);
  });

  it('reports a file that ends too early on its last line', async () => {
    const result = await parseRegisterFile(Buffer.from('{\n  "plans": [\n'), 'register.json');
    expect(result.errors).toEqual([{ line: 2, field: '', message: expect.stringMatching(/tar slut för tidigt/) }]);
  });

  it('rejects a top level that is not an object', async () => {
    expect((await json([1, 2])).errors).toEqual([
      { line: 1, field: '', message: 'Filen ska innehålla ett objekt med fälten plans, people och coordinators.' },
    ]);
  });
});

describe('files that are not a register', () => {
  it.each([
    ['register.txt', /Filtypen "\.txt" kan inte importeras\. Importera en \.csv-, \.xlsx- eller \.json-fil\./],
    ['register', /saknar filändelse/],
    ['register.xlsx', /heter \.xlsx men är ingen Excel-arbetsbok/],
    ['register.xls', /"\.xls" kan inte läsas.*"Excel-arbetsbok \(\*\.xlsx\)"/],
  ])('rejects %s by its name', async (name, message) => {
    expect((await parseRegisterFile(Buffer.from('{}'), name))).toEqual({ errors: [{ field: '', message: expect.stringMatching(message) }] });
  });

  it('recognises an Excel workbook renamed to .csv', async () => {
    const zip = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(20)]);
    expect((await parseRegisterFile(zip, 'register.csv')).errors[0].message).toMatch(/arbetsbok/);
  });

  it('rejects a file that is not UTF-8, pointing at the line and at "CSV UTF-8"', async () => {
    // Excel's "CSV (semikolonavgränsad)" writes Windows-1252: "å" is the single byte 0xE5.
    const latin1 = Buffer.from(`${HEADER}\r\ndrog;Drog;;;;alexw@example.com;Alex;;;;\r\nvatten;God vattenstatus;Ska g\u00e4lla;;;;;;;;\r\n`, 'latin1');
    const result = await parseRegisterFile(latin1, 'register.csv');
    expect(result.content).toBeUndefined();
    expect(result.errors).toEqual([
      { line: 1, field: '', message: expect.stringMatching(/inte sparad som UTF-8.*"CSV UTF-8 \(kommaavgränsad\) \(\*\.csv\)"/) },
    ]);
  });

  it('rejects UTF-16 ("Unicode text")', async () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(HEADER, 'utf16le')]);
    expect((await parseRegisterFile(utf16, 'register.csv')).errors[0].message).toMatch(/UTF-16.*CSV UTF-8/);
  });

  it('rejects an empty file', async () => {
    expect((await parseRegisterFile(Buffer.from(`${BOM}\r\n`), 'register.csv')).errors).toEqual([{ field: '', message: 'Filen är tom.' }]);
  });
});

describe('the demo register', () => {
  const csvBytes = readFileSync(path.join(DEMO, 'register.csv'));
  const jsonBytes = readFileSync(path.join(DEMO, 'register.json'));

  it('is saved as Excel saves it: UTF-8 with BOM, ";" and CRLF', async () => {
    expect([...csvBytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = csvBytes.toString('utf8');
    expect(text.split('\r\n')[0]).toBe(`${BOM}${HEADER}`);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/\n/);
  });

  it('parses in both formats to the same register', async () => {
    const fromCsv = await parseRegisterFile(csvBytes, 'register.csv');
    const fromJson = await parseRegisterFile(jsonBytes, 'register.json');
    expect(fromCsv.errors).toEqual([]);
    expect(fromJson.errors).toEqual([]);
    expect(fromCsv.content).toEqual(fromJson.content);
  });

  it('names the Agents Playground users, with Alex Wilber as coordinator and officer', async () => {
    const content = (await parseRegisterFile(csvBytes, 'register.csv')).content!;
    const config = readFileSync(path.join(__dirname, '..', '..', '..', '..', '.m365agentsplayground.yml'), 'utf8');
    const playground = [...config.matchAll(/userPrincipleName: *(\S+)/g)].map((m) => m[1].toLowerCase());
    expect(playground).toHaveLength(6);
    expect(content.people.map((p) => p.id).filter((id) => !playground.includes(id))).toEqual([]);
    expect(content.coordinators).toEqual(['alexw@example.com']);
    const alexPlans = content.plans.filter((p) => p.officer === 'alexw@example.com');
    expect(alexPlans.length).toBeGreaterThanOrEqual(2);
    expect(alexPlans.length).toBeLessThanOrEqual(3);
    expect(content.plans.filter((p) => p.excludedReason)).toHaveLength(2);
    expect(content.people.filter((p) => p.id !== 'pattif@example.com').every((p) => p.manager === 'pattif@example.com')).toBe(true);
  });
});
