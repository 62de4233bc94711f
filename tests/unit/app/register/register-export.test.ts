// The register exported for a coordinator to edit in Excel and upload again: reading an export
// that nobody edited gives back the same register, in CSV and in .xlsx.

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { CSV_COLUMNS, parseRegisterFile, writeRegisterCsv, writeRegisterXlsx } from '../../../../bot/app/register/files';
import { unwrittenColumns } from '../../../../bot/app/register/files/write';
import type { RegisterContent } from '../../../../bot/domain/register';

const demoCsv = readFileSync(path.join(__dirname, '..', '..', '..', '..', 'demo', 'register.csv'));

/** Values that break naive CSV and invite Excel to run formulas. */
const AWKWARD: RegisterContent = {
  plans: [
    { id: 'drog', title: 'Drogpolitiskt program; "ANDT" 2016–2020', period: '2016-2020', note: '=HYPERLINK("http://example.com","klicka")', officer: 'sara@kommun.se' },
    { id: '-minus', title: '+46 och @kommun', period: '-2027', note: "'=redan skyddad", officer: 'orjan@kommun.se' },
    { id: 'fossil', title: 'Fossilbränslefri kommun 2030 – ÅÄÖ åäö é', excludedReason: 'Följs upp i "miljöbokslutet"; se bilaga 3, sid. 4' },
    { id: 'jamstalldhet', title: 'Jämställdhetsprogram', excludedReason: '@Ersatt av länsstrategin', officer: 'sara@kommun.se' },
    { id: 'vatten', title: 'God vattenstatus, handlingsplan', period: 'Ska gälla till 2027', note: "Säg 'hej'", officer: 'orjan@kommun.se', deputy: 'sara@kommun.se' },
  ],
  people: [
    { id: 'sara@kommun.se', name: 'Sara Samordnare', title: 'verksamhetsutvecklare', unit: 'Kommunledningskontoret; hållbar utveckling', manager: 'chef@kommun.se' },
    { id: 'orjan@kommun.se', name: 'Örjan "Ögge" Åström', title: '=strateg', unit: 'Samhällsbyggnad', manager: 'chef@kommun.se' },
    { id: 'ingen-plan@kommun.se', name: 'Ingrid Utan Plan', title: 'samordnare' },
    { id: 'chef@kommun.se', name: 'Patti Chef', title: 'kommundirektör' },
  ],
  coordinators: ['sara@kommun.se', 'ingen-plan@kommun.se', 'chef@kommun.se'],
};

async function readBack(bytes: Buffer, fileName: string) {
  const result = await parseRegisterFile(bytes, fileName);
  expect(result.errors).toEqual([]);
  return result.content!;
}

describe('the register exported as CSV', () => {
  it('reads back as the same register: the demo register', async () => {
    const register = await readBack(demoCsv, 'register.csv');
    expect(await readBack(writeRegisterCsv(register), 'register.csv')).toEqual(register);
  });

  it('reads back as the same register with semicolons, quotes, formulas, Swedish letters, exclusions and people without plans', async () => {
    expect(await readBack(writeRegisterCsv(AWKWARD), 'register.csv')).toEqual(AWKWARD);
  });

  it('is shaped for Excel: BOM, ";", CRLF, the template’s header, and formulas kept as text', () => {
    const text = writeRegisterCsv(AWKWARD).toString('utf8');
    expect(text.startsWith('\ufeff')).toBe(true);
    const lines = text.slice(1).split('\r\n');
    expect(lines[0]).toBe(CSV_COLUMNS.map((c) => c.label).join(';'));
    expect(lines.at(-1)).toBe('');
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    // Every cell Excel would run starts with an apostrophe.
    expect(lines[1]).toContain(`"'=HYPERLINK(""http://example.com"",""klicka"")"`);
    expect(lines[2].startsWith("'-minus;'+46 och @kommun;'-2027;''=redan skyddad;")).toBe(true);
    const cells = lines.slice(1).flatMap((line) => line.split(';'));
    expect(cells.filter((c) => /^"?[=+\-@]/.test(c))).toEqual([]);
  });

  it('writes a plan row per plan, then the people without plans, coordinators marked on every row', () => {
    const rows: string[][] = parseCsv(writeRegisterCsv(AWKWARD).toString('utf8').slice(1), { delimiter: ';' });
    const column = (key: string) => CSV_COLUMNS.findIndex((c) => c.key === key);
    expect(rows.slice(1).map((r) => [r[column('planId')], r[column('officer')], r[column('role')]])).toEqual([
      ['drog', 'sara@kommun.se', 'samordnare'],
      ["'-minus", 'orjan@kommun.se', ''],
      ['fossil', '', ''],
      ['jamstalldhet', 'sara@kommun.se', 'samordnare'],
      ['vatten', 'orjan@kommun.se', ''],
      ['', 'ingen-plan@kommun.se', 'samordnare'],
      ['', 'chef@kommun.se', 'samordnare'],
    ]);
  });

  it('reads back the same people, in the order the rows name them, when the register lists them otherwise', async () => {
    const shuffled: RegisterContent = { ...AWKWARD, people: [...AWKWARD.people].reverse(), coordinators: [...AWKWARD.coordinators].reverse() };
    const back = await readBack(writeRegisterCsv(shuffled), 'register.csv');
    expect(back.plans).toEqual(shuffled.plans);
    const byId = <T extends { id: string }>(list: T[]) => [...list].sort((a, b) => a.id.localeCompare(b.id));
    expect(byId(back.people)).toEqual(byId(shuffled.people));
    expect([...back.coordinators].sort()).toEqual([...shuffled.coordinators].sort());
  });

  it('keeps a line break inside its cell, so the reader points at the note rather than at a broken row', async () => {
    const withBreak: RegisterContent = { ...AWKWARD, plans: [{ ...AWKWARD.plans[0], note: 'rad ett\nrad två' }, ...AWKWARD.plans.slice(1)] };
    const result = await parseRegisterFile(writeRegisterCsv(withBreak), 'register.csv');
    expect(result.errors).toEqual([{ line: 2, field: 'Notering', message: expect.stringMatching(/radbrytning/) }]);
  });

  it('writes every column of the template (a column added there must be mapped to a field)', () => {
    expect(unwrittenColumns()).toEqual([]);
  });
});

describe('the register exported as .xlsx', () => {
  it('reads back as the same register: the demo register', async () => {
    const register = await readBack(demoCsv, 'register.csv');
    expect(await readBack(await writeRegisterXlsx(register), 'register.xlsx')).toEqual(register);
  });

  it('reads back as the same register with awkward values', async () => {
    expect(await readBack(await writeRegisterXlsx(AWKWARD), 'register.xlsx')).toEqual(AWKWARD);
  });

  it('has a bold, frozen header row, text cells that Excel never runs, and readable column widths', async () => {
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await writeRegisterXlsx(AWKWARD, new Date('2026-03-01T08:00:00Z'))) as unknown as ArrayBuffer);
    const sheet = book.worksheets[0];
    expect(sheet.name).toBe('Register');
    expect(sheet.getRow(1).values).toEqual([undefined, ...CSV_COLUMNS.map((c) => c.label)]);
    expect(sheet.getRow(1).font?.bold).toBe(true);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    // A formula-like value is a plain text cell, shown as typed.
    const note = sheet.getCell(2, CSV_COLUMNS.findIndex((c) => c.key === 'note') + 1);
    expect(note.type).toBe(ExcelJS.ValueType.String);
    expect(note.value).toBe('=HYPERLINK("http://example.com","klicka")');
    const widths = sheet.columns.map((c) => c.width ?? 0);
    expect(Math.min(...widths)).toBeGreaterThanOrEqual(10);
    expect(Math.max(...widths)).toBeLessThanOrEqual(60);
  });
});
