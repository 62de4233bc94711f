// A register file far larger than any register never stops the bot: a CSV or JSON file of a
// million rows is refused with a clear message, a large file full of errors is read in slices that
// let the event loop run (its longest stall is bounded, generously) and lists its first 100
// problems, and an .xlsx zip bomb is refused from its zip directory before the workbook is
// loaded. How long each refusal takes is measured by `npm run bench:register`.

import { parseRegisterFile, writeRegisterJson, writeRegisterXlsx } from '../../../../bot/app/register/files';
import { MAX_ROWS } from '../../../../bot/app/register/files/shared';
import { largeRegister, registerRows, toXlsx } from '../../../../bench/register-files';
import { csvOfWrongRows, declaredGigabytesXlsx, jsonOfPlans, lyingPartXlsx, manyCellsSheet, manyCellsXlsx, withLongestStall } from '../../../../bench/oversized-files';
import { zipOf } from '../../../../bench/zip-parts';

// Swedish numbers group their digits with a no-break space: "1 000 002" below is written so.
const NB = '\u00a0';

describe('a register file far larger than a register', () => {
  /** Ten slices of the CSV reader: enough to show it yields, small enough for a quick test. */
  const ROWS = 20_000;

  it('refuses a CSV of 1,000,000 rows (2 MB) with a clear message, without blocking', async () => {
    const bytes = csvOfWrongRows(1_000_000);
    expect(bytes.length).toBeGreaterThan(2_000_000);
    const { result, longestStallMs } = await withLongestStall(() => parseRegisterFile(bytes, 'register.csv'));
    expect(result.content).toBeUndefined();
    expect(result.errors).toEqual([{ field: '', message: 'Filen har 1 000 002 rader; ett register får ha högst 50 000. Är det rätt fil?' }]);
    // A bound against blocking, not a timing: the refusal stalls the loop about 10–30 ms.
    expect(longestStallMs).toBeLessThan(500);
  });

  it('refuses a JSON file of 1,000,000 plans with a clear message', async () => {
    const bytes = jsonOfPlans(1_000_000);
    const result = await parseRegisterFile(bytes, 'register.json');
    expect(result.errors[0].message).toMatch(/^Filen har 1 000 000 poster; ett register får ha högst 50 000/);
  });

  it('refuses a JSON plan of 60,000 unknown keys without a stack overflow', async () => {
    const plan = Object.fromEntries(Array.from({ length: 60_000 }, (_, i) => [`k${i}`, 1]));
    const result = await parseRegisterFile(Buffer.from(JSON.stringify({ plans: [plan], people: [], coordinators: [] })), 'register.json');
    expect(result.errors).toEqual([{ field: '', message: 'En post i filen har 60 000 fält; en plan eller person har bara några få. Är det rätt fil?' }]);
  });

  it("imports the bot's own JSON export of 10,000 plans and 10,000 people: items are counted, not their fields", async () => {
    const people = Array.from({ length: 10_000 }, (_, i) => ({ id: `person${i}@kommun.se`, name: `Person ${i}`, title: 'handläggare', unit: `Enhet ${i % 12}`, ...(i > 0 ? { manager: 'person0@kommun.se' } : {}) }));
    const plans = Array.from({ length: 10_000 }, (_, i) => ({ id: `plan-${i}`, title: `Handlingsplan ${i}`, period: '2020-2024', officer: people[i].id }));
    const bytes = Buffer.from(writeRegisterJson({ plans, people, coordinators: [people[0].id] }));
    const result = await parseRegisterFile(bytes, 'register.json');
    expect(result.errors).toEqual([]);
    expect(result.content?.plans).toHaveLength(10_000);
    expect(result.content?.people).toHaveLength(10_000);
  });

  it(`reads a CSV of ${ROWS} rows, all wrong, in slices: the first 100 problems and how many more, the event loop never stalled long`, async () => {
    const bytes = csvOfWrongRows(ROWS);
    let ticks = 0;
    const probe = setInterval(() => ticks++, 5);
    const { result, longestStallMs } = await withLongestStall(() => parseRegisterFile(bytes, 'register.csv'));
    clearInterval(probe);
    expect(result.errors).toHaveLength(100);
    expect(result.errors[1]).toMatchObject({ line: 2 }); // after the file-wide one (no coordinator)
    expect(result.moreErrors).toBeGreaterThan(ROWS - 100);
    // Generous: two cores are shared by other work, but a slice never takes anywhere near this.
    expect(longestStallMs).toBeLessThan(1_500);
    expect(ticks).toBeGreaterThan(3); // timers (other requests) ran while the file was read
  });
});

describe('an .xlsx zip bomb', () => {
  const rss = () => process.memoryUsage().rss;

  it('is refused from its zip directory when its parts declare gigabytes, with little memory', async () => {
    const bytes = declaredGigabytesXlsx();
    const before = rss();
    const result = await parseRegisterFile(bytes, 'register.xlsx');
    expect(result.errors).toEqual([{ field: '', message: expect.stringMatching(/^Arbetsboken packas upp till 28 672 MB; ett register brukar vara högst några MB/) }]);
    expect(rss() - before).toBeLessThan(50 * 1024 * 1024);
  });

  it('is refused when it has more parts than a workbook has, saying so', async () => {
    const parts = Array.from({ length: 501 }, (_, i) => ({ name: `xl/media/image${i}.xml`, data: Buffer.from('<x/>') }));
    const result = await parseRegisterFile(zipOf(parts), 'register.xlsx');
    expect(result.errors).toEqual([{ field: '', message: 'Arbetsboken består av 501 delar; en arbetsbok med ett register har ett tiotal. Är det rätt fil?' }]);
  });

  it('is refused when its sheets hold more cells than a register, though rows, columns and size are within bounds (50,000 × 30 numbers)', async () => {
    const sheet = manyCellsSheet(50_000);
    expect(sheet.length).toBeGreaterThan(35 * 1024 * 1024);
    const bytes = manyCellsXlsx(sheet);
    const before = rss();
    const result = await parseRegisterFile(bytes, 'register.xlsx');
    expect(result.errors).toEqual([{ field: '', message: `Arbetsbokens kalkylblad har minst 1${NB}500${NB}000 celler; ett register har högst 800${NB}000. Är det rätt fil?` }]);
    // exceljs took 9–15 s and 1.3 GB for this workbook; the guard inflates it once and counts.
    expect(rss() - before).toBeLessThan(300 * 1024 * 1024);
  });

  it('is refused when a part unpacks to more than it declares (the inflating stops at the declared size)', async () => {
    const bytes = lyingPartXlsx();
    expect(bytes.length).toBeLessThan(100 * 1024);
    const before = rss();
    const result = await parseRegisterFile(bytes, 'register.xlsx');
    expect(result.errors[0].message).toMatch(/^Filen kan inte läsas som en Excel-arbetsbok/);
    expect(rss() - before).toBeLessThan(50 * 1024 * 1024);
  });

  it('is refused when a worksheet holds more rows than a register, counted before loading', async () => {
    const rows = Array.from({ length: MAX_ROWS + 1 }, (_, i) => `<row r="${i + 1}"/>`).join('');
    const sheet = Buffer.from(`<worksheet><dimension ref="A1:E${MAX_ROWS + 1}"/><sheetData>${rows}</sheetData></worksheet>`);
    const result = await parseRegisterFile(zipOf([{ name: 'xl/worksheets/sheet1.xml', data: sheet }]), 'register.xlsx');
    expect(result.errors[0].message).toBe('Ett kalkylblad har 50 001 rader och 5 kolumner; ett register brukar ha några hundra rader och ett tiotal kolumner. Är det rätt fil?');
  });

  it('lets the bot\'s own workbook of 5,000 plans through', async () => {
    const content = largeRegister(5_000);
    const result = await parseRegisterFile(await writeRegisterXlsx(content), 'register.xlsx');
    expect(result.errors).toEqual([]);
    expect(result.content?.plans).toHaveLength(5_000);
  });

  it('lets a real workbook through', async () => {
    const content = { plans: [{ id: 'drog', title: 'Drogpolitiskt program', officer: 'anna@kalmar.se' }], people: [{ id: 'anna@kalmar.se', name: 'Anna' }], coordinators: ['anna@kalmar.se'] };
    const result = await parseRegisterFile(await toXlsx(registerRows(content)), 'register.xlsx');
    expect(result.errors).toEqual([]);
    expect(result.content?.plans).toHaveLength(1);
  });
});
