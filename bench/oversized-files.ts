// Register files far larger than any register, as a careless or hostile upload would be: the
// unit tests check that each is refused with the right message and little memory, and
// `npm run bench:register` times each refusal and the event loop's longest stall meanwhile.

import { monitorEventLoopDelay } from 'node:perf_hooks';
import { zipOf } from './zip-parts';

const HEADER = 'Plan-id;Plan;Ansvarig (e-post);Namn;Roll\n';

export interface OversizedFile {
  what: string;
  fileName: string;
  /** Built when asked: some are tens of MB. */
  bytes: () => Buffer;
}

/** A CSV of `rows` rows that are all wrong (one column each). */
export function csvOfWrongRows(rows: number): Buffer {
  return Buffer.from(HEADER + 'x\n'.repeat(rows));
}

export function jsonOfPlans(plans: number): Buffer {
  return Buffer.from(JSON.stringify({ plans: Array.from({ length: plans }, () => 1), people: [], coordinators: [] }));
}

/** Seven sheets that each declare almost 4 GB unpacked. */
export function declaredGigabytesXlsx(): Buffer {
  const sheets = Array.from({ length: 7 }, (_, i) => ({ name: `xl/worksheets/sheet${i + 1}.xml`, data: Buffer.from('<worksheet/>'), declaredSize: 0xfffffffe }));
  return zipOf([{ name: '[Content_Types].xml', data: Buffer.from('<Types/>') }, ...sheets]);
}

/** A worksheet of `rows` × 30 numbers: within the row, column and size bounds, over the cell bound. */
export function manyCellsSheet(rows = 50_000): Buffer {
  const row = `<row>${'<c t="n"><v>12345</v></c>'.repeat(30)}</row>`;
  return Buffer.from(`<worksheet><dimension ref="A1:AD${rows}"/><sheetData>${row.repeat(rows)}</sheetData></worksheet>`);
}

export function manyCellsXlsx(sheet = manyCellsSheet()): Buffer {
  return zipOf([{ name: '[Content_Types].xml', data: Buffer.from('<Types/>') }, { name: 'xl/worksheets/sheet1.xml', data: sheet }]);
}

/** 50 MB of spaces in a part that declares 1,000 bytes. */
export function lyingPartXlsx(): Buffer {
  return zipOf([{ name: 'xl/worksheets/sheet1.xml', data: Buffer.alloc(50 * 1024 * 1024, ' '), declaredSize: 1_000 }]);
}

export function oversizedFiles(): OversizedFile[] {
  return [
    { what: 'CSV of 1,000,000 rows', fileName: 'register.csv', bytes: () => csvOfWrongRows(1_000_000) },
    { what: 'CSV of 20,000 wrong rows', fileName: 'register.csv', bytes: () => csvOfWrongRows(20_000) },
    { what: 'JSON of 1,000,000 plans', fileName: 'register.json', bytes: () => jsonOfPlans(1_000_000) },
    { what: '.xlsx declaring 28 GB', fileName: 'register.xlsx', bytes: () => declaredGigabytesXlsx() },
    { what: '.xlsx of 1,500,000 cells', fileName: 'register.xlsx', bytes: () => manyCellsXlsx() },
    { what: '.xlsx part unpacking past its size', fileName: 'register.xlsx', bytes: () => lyingPartXlsx() },
  ];
}

/** Runs the work, with the event loop's longest stall meanwhile (ms): what other requests waited. */
export async function withLongestStall<T>(work: () => Promise<T>): Promise<{ result: T; ms: number; longestStallMs: number }> {
  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  const started = performance.now();
  const result = await work();
  const ms = performance.now() - started;
  await new Promise((resolve) => setTimeout(resolve, 25)); // lets the sampler record a stall that ended just now
  delay.disable();
  return { result, ms, longestStallMs: delay.max / 1e6 };
}
