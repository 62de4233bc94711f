// Reading the register from an Excel workbook (.xlsx) as a coordinator saves it: the first
// worksheet, the CSV template's columns, and the cells as Excel shows them.

import ExcelJS from 'exceljs';
import { CSV_COLUMNS, parseRegisterFile } from '../../../../bot/app/register/files';

const HEADER = ['Plan-id', 'Plan', 'Genomförandetid', 'Notering', 'Utgår (skäl)', 'Ansvarig (e-post)', 'Namn', 'Titel', 'Enhet', 'Chef (e-post)', 'Roll'];

async function workbook(fill: (sheet: ExcelJS.Worksheet, book: ExcelJS.Workbook) => void): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  fill(book.addWorksheet('Register'), book);
  return Buffer.from(await book.xlsx.writeBuffer());
}

async function rows(...values: ExcelJS.CellValue[][]): Promise<Buffer> {
  return workbook((sheet) => values.forEach((row) => sheet.addRow(row)));
}

describe('a register saved as an Excel workbook', () => {
  it('reads the first worksheet with the CSV template’s header', async () => {
    const bytes = await rows(
      HEADER,
      ['drog', 'Drogpolitiskt program 2016-2020', '2016-2020', null, null, 'MeganB@Example.com', 'Megan Bowen', 'folkhälsostrateg', 'Socialförvaltningen', 'pattif@example.com', null],
      ['fossil', 'Fossilbränslefri kommun 2030', null, null, 'Följs upp i det årliga miljöbokslutet.'],
      [null, null, null, null, null, 'alexw@example.com', 'Alex Wilber', null, null, null, 'samordnare'],
      [null, null, null, null, null, 'pattif@example.com', 'Patti Fernandez'],
    );
    const result = await parseRegisterFile(bytes, 'Register.XLSX');
    expect(result.errors).toEqual([]);
    expect(result.statesSchedule).toBe(false);
    expect(result.content).toEqual({
      plans: [
        { id: 'drog', title: 'Drogpolitiskt program 2016-2020', period: '2016-2020', officer: 'meganb@example.com' },
        { id: 'fossil', title: 'Fossilbränslefri kommun 2030', excludedReason: 'Följs upp i det årliga miljöbokslutet.' },
      ],
      people: [
        { id: 'meganb@example.com', name: 'Megan Bowen', title: 'folkhälsostrateg', unit: 'Socialförvaltningen', manager: 'pattif@example.com' },
        { id: 'alexw@example.com', name: 'Alex Wilber' },
        { id: 'pattif@example.com', name: 'Patti Fernandez' },
      ],
      coordinators: ['alexw@example.com'],
    });
  });

  it('turns numbers, dates, rich text, formulas and links into the text Excel shows', async () => {
    const bytes = await rows(
      HEADER,
      [
        2019,
        { richText: [{ text: 'Drog', font: { bold: true } }, { text: 'politiskt program' }] },
        { formula: 'CONCATENATE("2016","-","2020")', result: '2016-2020' },
        new Date(Date.UTC(2026, 3, 1)),
        null,
        { text: 'alexw@example.com', hyperlink: 'mailto:alexw@example.com' },
        'Alex Wilber',
        1.5,
        true,
        null,
        'samordnare',
      ],
    );
    const result = await parseRegisterFile(bytes, 'register.xlsx');
    expect(result.errors).toEqual([]);
    expect(result.content?.plans).toEqual([
      { id: '2019', title: 'Drogpolitiskt program', period: '2016-2020', note: '2026-04-01', officer: 'alexw@example.com' },
    ]);
    expect(result.content?.people).toEqual([{ id: 'alexw@example.com', name: 'Alex Wilber', title: '1,5', unit: 'SANT' }]);
  });

  it('finds the header below empty rows, shows a merged cell once, and reads only the first sheet', async () => {
    const bytes = await workbook((sheet, book) => {
      sheet.getRow(3).values = HEADER;
      sheet.getRow(4).values = ['drog', 'Drog', null, null, null, 'alexw@example.com', 'Alex Wilber', null, null, null, 'samordnare'];
      sheet.getRow(5).values = ['vatten', 'Vatten', null, null, null, 'alexw@example.com'];
      sheet.mergeCells('H4:I4');
      sheet.getCell('H4').value = 'strateg';
      book.addWorksheet('Anteckningar').addRow(['inte', 'ett', 'register']);
    });
    const result = await parseRegisterFile(bytes, 'register.xlsx');
    expect(result.errors).toEqual([]);
    expect(result.content?.people).toEqual([{ id: 'alexw@example.com', name: 'Alex Wilber', title: 'strateg' }]);
  });

  it('locates errors as the CSV reader does: Excel’s row number and the column’s header', async () => {
    const bytes = await workbook((sheet) => {
      sheet.getRow(1).values = HEADER;
      sheet.getRow(2).values = ['drog', 'Drog', null, null, null, 'alexw@example.com', 'Alex Wilber', null, null, null, 'samordnare'];
      // Row 3 left empty, as a coordinator leaves a gap: the rows below keep their numbers.
      sheet.getRow(4).values = ['vatten', 'Vatten', null, null, null, 'meganb@example.com'];
      sheet.getRow(5).values = ['', '', null, null, null, 'not-an-address', 'Någon', null, null, null, 'chef'];
      sheet.getRow(6).values = [...HEADER.map(() => null), 'glömd'];
    });
    const result = await parseRegisterFile(bytes, 'register.xlsx');
    expect(result.content).toBeUndefined();
    expect(result.errors).toEqual([
      { line: 4, field: 'Namn', message: 'Personen "meganb@example.com" saknar namn.' },
      { line: 5, field: 'Ansvarig (e-post)', message: '"not-an-address" är ingen giltig e-postadress.' },
      { line: 5, field: 'Roll', message: 'Okänd roll "chef". Skriv "samordnare" eller lämna cellen tom.' },
      { line: 6, field: 'Kolumn L', message: 'Cellen har ett värde men kolumnen saknar rubrik.' },
    ]);
  });

  it('reports a missing column in the header row', async () => {
    const bytes = await rows(['Plan-id', 'Plan', 'Namn'], ['drog', 'Drog', 'Alex']);
    const result = await parseRegisterFile(bytes, 'register.xlsx');
    expect(result.errors.map((e) => [e.line, e.field])).toEqual([
      [1, 'Ansvarig (e-post)'],
      [1, 'Roll'],
    ]);
  });

  it('answers a broken, empty or disguised workbook with a clear message, not a crash', async () => {
    const good = await rows(HEADER, ['drog', 'Drog', null, null, null, 'alexw@example.com', 'Alex', null, null, null, 'samordnare']);
    const cut = good.subarray(0, Math.floor(good.length / 2));
    expect((await parseRegisterFile(cut, 'register.xlsx')).errors).toEqual([
      { field: '', message: expect.stringMatching(/kan inte läsas som en Excel-arbetsbok.*skadad/) },
    ]);
    const zipOfNothing = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(64)]);
    expect((await parseRegisterFile(zipOfNothing, 'register.xlsx')).errors[0].message).toMatch(/kan inte läsas som en Excel-arbetsbok/);
    expect((await parseRegisterFile(Buffer.from('Plan-id;Plan\r\n'), 'register.xlsx')).errors[0].message).toMatch(/heter \.xlsx men är ingen Excel-arbetsbok/);
    const encrypted = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0]), Buffer.alloc(64)]);
    expect((await parseRegisterFile(encrypted, 'register.xlsx')).errors[0].message).toMatch(/skyddad med lösenord/);
    const empty = await workbook(() => {});
    expect((await parseRegisterFile(empty, 'register.xlsx')).errors[0].message).toMatch(/första kalkylblad är tomt/);
  });

  it('still tells a workbook renamed to .csv apart from a CSV file', async () => {
    const book = await rows(HEADER);
    expect((await parseRegisterFile(book, 'register.csv')).errors[0].message).toMatch(/är en arbetsbok, inte en textfil/);
  });

  it('knows every column of the template', () => {
    expect(HEADER.every((h) => CSV_COLUMNS.some((c) => c.label === h))).toBe(true);
  });
});
