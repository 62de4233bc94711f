// Checks an .xlsx (a zip archive) before exceljs loads it: exceljs unzips and parses every part
// of the workbook at once, so a small file that unpacks to gigabytes (a zip bomb) or sheets of a
// million rows would take minutes and gigabytes before any cap could be checked. Here only the
// zip's central directory is read, then each part is inflated with its declared size as
// the limit (an entry that lies about its size fails there), and each worksheet's rows are
// counted and its columns read from its dimension.

import { inflateRawSync } from 'node:zlib';

/** What a register's workbook unpacks to at most (50,000 rows of a dozen columns fit well). */
export const MAX_UNPACKED_BYTES = 64 * 1024 * 1024;
/** Parts of a workbook: a register's has a dozen or two. */
const MAX_ENTRIES = 500;
const WORKSHEET = /^xl\/worksheets\/[^/]+\.xml$/;

export type WorkbookProblem =
  | { kind: 'not-a-zip' }
  | { kind: 'too-large'; unpackedBytes: number }
  | { kind: 'too-many-rows'; rows: number; columns: number };

interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  unpackedSize: number;
  localHeaderOffset: number;
}

/** undefined when the workbook may be loaded; otherwise why not. */
export function checkWorkbook(bytes: Buffer, limits: { maxRows: number; maxColumns: number }): WorkbookProblem | undefined {
  const entries = readCentralDirectory(bytes);
  if (!entries) return { kind: 'not-a-zip' };
  const unpackedBytes = entries.reduce((sum, e) => sum + e.unpackedSize, 0);
  if (entries.length > MAX_ENTRIES || unpackedBytes > MAX_UNPACKED_BYTES) return { kind: 'too-large', unpackedBytes };
  for (const entry of entries) {
    // Every part, as exceljs would unpack every part: one that lies about its size stops here.
    const xml = inflateEntry(bytes, entry);
    if (xml === undefined) return { kind: 'not-a-zip' };
    if (!WORKSHEET.test(entry.name)) continue;
    const size = sheetSize(xml);
    if (size.rows > limits.maxRows || size.columns > limits.maxColumns) return { kind: 'too-many-rows', ...size };
  }
  return undefined;
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
/** A 32-bit size or offset of 0xFFFFFFFF means zip64, which a register's workbook never needs. */
const ZIP64 = 0xffffffff;

function readCentralDirectory(bytes: Buffer): ZipEntry[] | undefined {
  // The end record is within the last 22 bytes plus a comment of at most 65,535.
  const from = Math.max(0, bytes.length - 22 - 0xffff);
  let end = -1;
  for (let at = bytes.length - 22; at >= from; at--) {
    if (bytes.readUInt32LE(at) === EOCD) {
      end = at;
      break;
    }
  }
  if (end < 0) return undefined;
  const count = bytes.readUInt16LE(end + 10);
  let at = bytes.readUInt32LE(end + 16);
  if (count > MAX_ENTRIES) return Array.from({ length: count }, () => ({ name: '', method: 0, compressedSize: 0, unpackedSize: 0, localHeaderOffset: 0 }));
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

/** A worksheet's rows, counted (a row element each), and its columns as its dimension states. */
function sheetSize(xml: string): { rows: number; columns: number } {
  let rows = 0;
  for (let at = xml.indexOf('<row'); at >= 0; at = xml.indexOf('<row', at + 4)) {
    const next = xml.charAt(at + 4);
    if (next === ' ' || next === '>' || next === '/') rows++; // not <rowBreaks>
  }
  const dimension = /<dimension\s+ref="[A-Z]+\d+(?::([A-Z]+)\d+)?"/.exec(xml.slice(0, 4096));
  const columns = dimension?.[1] ? [...dimension[1]].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) : 0;
  return { rows, columns };
}
