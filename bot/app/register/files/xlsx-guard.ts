// Checks an .xlsx (a zip archive) before exceljs loads it: exceljs unzips and parses every part
// of the workbook at once, so a small file that unpacks to gigabytes (a zip bomb) or sheets of a
// million cells would take minutes and gigabytes before any cap could be checked. Here only the
// zip's central directory is read, then each part is inflated with its declared size as
// the limit (an entry that lies about its size fails there), and each worksheet's rows and cells
// are counted and its columns read from its dimension.

import { inflateRawSync } from 'node:zlib';

/**
 * What a register's workbook unpacks to at most. The bot's own workbook of 50,000 plans, each
 * with its own officer and every column filled with long values, unpacks to 37.7 MB (26.8 MB of
 * sheet, 10.9 MB of shared strings); this leaves room for longer notes than that.
 */
export const MAX_UNPACKED_BYTES = 48 * 1024 * 1024;
/** Parts of a workbook: a register's has a dozen or two. */
const MAX_ENTRIES = 500;
const WORKSHEET = /^xl\/worksheets\/[^/]+\.xml$/;

export type WorkbookProblem =
  | { kind: 'not-a-zip' }
  | { kind: 'too-many-parts'; parts: number }
  | { kind: 'too-large'; unpackedBytes: number }
  | { kind: 'too-many-rows'; rows: number; columns: number }
  | { kind: 'too-many-cells'; cells: number; maxCells: number };

export interface WorkbookLimits {
  /** Rows of one worksheet. */
  maxRows: number;
  /** Columns of one worksheet, as its dimension states them. */
  maxColumns: number;
  /** Cells of all worksheets together: what exceljs's time and memory grow with. */
  maxCells: number;
}

/** The zip's end record: how many entries the central directory lists, and where it starts. */
interface EndRecord {
  entries: number;
  offset: number;
}

interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  unpackedSize: number;
  localHeaderOffset: number;
}

/** undefined when the workbook may be loaded; otherwise why not. */
export function checkWorkbook(bytes: Buffer, limits: WorkbookLimits): WorkbookProblem | undefined {
  const directory = readEndRecord(bytes);
  if (!directory) return { kind: 'not-a-zip' };
  if (directory.entries > MAX_ENTRIES) return { kind: 'too-many-parts', parts: directory.entries };
  const entries = readCentralDirectory(bytes, directory);
  if (!entries) return { kind: 'not-a-zip' };
  const unpackedBytes = entries.reduce((sum, e) => sum + e.unpackedSize, 0);
  if (unpackedBytes > MAX_UNPACKED_BYTES) return { kind: 'too-large', unpackedBytes };
  let cells = 0;
  for (const entry of entries) {
    // Every part, as exceljs would unpack every part: one that lies about its size stops here.
    const xml = inflateEntry(bytes, entry);
    if (xml === undefined) return { kind: 'not-a-zip' };
    if (!WORKSHEET.test(entry.name)) continue;
    const size = sheetSize(xml);
    if (size.rows > limits.maxRows || size.columns > limits.maxColumns) return { kind: 'too-many-rows', rows: size.rows, columns: size.columns };
    cells += size.cells;
    if (cells > limits.maxCells) return { kind: 'too-many-cells', cells, maxCells: limits.maxCells };
  }
  return undefined;
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
/** A 32-bit size or offset of 0xFFFFFFFF means zip64, which a register's workbook never needs. */
const ZIP64 = 0xffffffff;

function readEndRecord(bytes: Buffer): EndRecord | undefined {
  // The end record is within the last 22 bytes plus a comment of at most 65,535.
  const from = Math.max(0, bytes.length - 22 - 0xffff);
  for (let at = bytes.length - 22; at >= from; at--) {
    if (bytes.readUInt32LE(at) === EOCD) return { entries: bytes.readUInt16LE(at + 10), offset: bytes.readUInt32LE(at + 16) };
  }
  return undefined;
}

function readCentralDirectory(bytes: Buffer, directory: EndRecord): ZipEntry[] | undefined {
  const count = directory.entries;
  let at = directory.offset;
  const entries: ZipEntry[] = [];
  for (let i = 0; i < count; i++) {
    if (at + 46 > bytes.length || bytes.readUInt32LE(at) !== CENTRAL) return undefined;
    const compressedSize = bytes.readUInt32LE(at + 20);
    const unpackedSize = bytes.readUInt32LE(at + 24);
    const nameLength = bytes.readUInt16LE(at + 28);
    const extraLength = bytes.readUInt16LE(at + 30);
    const commentLength = bytes.readUInt16LE(at + 32);
    const localHeaderOffset = bytes.readUInt32LE(at + 42);
    if (compressedSize === ZIP64 || unpackedSize === ZIP64 || localHeaderOffset === ZIP64) return undefined;
    const name = bytes.toString('utf8', at + 46, at + 46 + nameLength);
    entries.push({ name, method: bytes.readUInt16LE(at + 10), compressedSize, unpackedSize, localHeaderOffset });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** The entry's text, inflated to at most its declared size; undefined when that is a lie. */
function inflateEntry(bytes: Buffer, entry: ZipEntry): string | undefined {
  const header = entry.localHeaderOffset;
  if (header + 30 > bytes.length || bytes.readUInt32LE(header) !== LOCAL) return undefined;
  const start = header + 30 + bytes.readUInt16LE(header + 26) + bytes.readUInt16LE(header + 28);
  const data = bytes.subarray(start, start + entry.compressedSize);
  try {
    if (entry.method === 0) return data.subarray(0, entry.unpackedSize).toString('utf8');
    if (entry.method !== 8) return undefined;
    return inflateRawSync(data, { maxOutputLength: Math.max(1, entry.unpackedSize) }).toString('utf8');
  } catch {
    return undefined;
  }
}

/** A worksheet's rows and cells, counted (an element each), and its columns as its dimension states. */
function sheetSize(xml: string): { rows: number; columns: number; cells: number } {
  const rows = countElements(xml, 'row'); // not <rowBreaks>
  const cells = countElements(xml, 'c'); // not <col>, <cols>, <cfRule>
  const dimension = /<dimension\s+ref="[A-Z]+\d+(?::([A-Z]+)\d+)?"/.exec(xml.slice(0, 4096));
  const columns = dimension?.[1] ? [...dimension[1]].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) : 0;
  return { rows, columns, cells };
}

/** Elements named exactly `name` (`<name `, `<name>`, `<name/>`), not those whose name starts so. */
function countElements(xml: string, name: string): number {
  const open = `<${name}`;
  let count = 0;
  for (let at = xml.indexOf(open); at >= 0; at = xml.indexOf(open, at + open.length)) {
    const next = xml.charAt(at + open.length);
    if (next === ' ' || next === '>' || next === '/') count++;
  }
  return count;
}
