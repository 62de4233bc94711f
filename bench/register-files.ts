// Register files as a coordinator makes them in Excel, for the register benchmark and the upload
// tests: a register of any size, written as CSV (with or without BOM, `;` or `,`) or as an .xlsx
// workbook made with exceljs. Written here rather than with the product's own writers so that
// the readers are checked against files made independently of them.

import ExcelJS from 'exceljs';
import type { RegisterContent } from '../bot/domain/register';

export const HEADER = [
  'Plan-id',
  'Plan',
  'Genomförandetid',
  'Notering',
  'Utgår (skäl)',
  'Ansvarig (e-post)',
  'Namn',
  'Titel',
  'Enhet',
  'Chef (e-post)',
  'Roll',
];

/** One row per plan with its officer inline, then a row per person without a plan. */
export function registerRows(content: RegisterContent): string[][] {
  const people = new Map(content.people.map((p) => [p.id, p]));
  const coordinators = new Set(content.coordinators);
  const written = new Set<string>();
  const personCells = (address: string | undefined): string[] => {
    const p = address ? people.get(address) : undefined;
    return [address ?? '', p?.name ?? '', p?.title ?? '', p?.unit ?? '', p?.manager ?? '', address && coordinators.has(address) ? 'samordnare' : ''];
  };
  const rows = [HEADER];
  for (const plan of content.plans) {
    rows.push([plan.id, plan.title, plan.period ?? '', plan.note ?? '', plan.excludedReason ?? '', ...personCells(plan.officer)]);
    if (plan.officer) written.add(plan.officer);
  }
  for (const person of content.people) {
    if (written.has(person.id)) continue;
    rows.push(['', '', '', '', '', ...personCells(person.id)]);
  }
  return rows;
}

/** CSV as Excel saves it: CRLF, cells quoted when they must be. */
export function toCsv(rows: string[][], options: { delimiter: ';' | ','; bom: boolean }): Buffer {
  const quote = (cell: string) =>
    cell.includes(options.delimiter) || /["\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
  const text = rows.map((row) => row.map(quote).join(options.delimiter)).join('\r\n') + '\r\n';
  return Buffer.from((options.bom ? '\uFEFF' : '') + text, 'utf8');
}

export async function toXlsx(rows: string[][]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Register');
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** A register of `plans` plans over plans/3 officers, each with a manager, and one coordinator. */
export function largeRegister(plans: number, options: { titleSuffix?: string } = {}): RegisterContent {
  const officers = Math.max(1, Math.ceil(plans / 3));
  const people = Array.from({ length: officers }, (_, i) => ({
    id: `handlaggare${i}@kommun.se`,
    name: `Handläggare ${i}`,
    title: 'utvecklingsstrateg',
    unit: `Förvaltning ${i % 12}`,
    manager: `chef${i % 40}@kommun.se`,
  }));
  const managers = Array.from({ length: Math.min(40, officers) }, (_, i) => ({ id: `chef${i}@kommun.se`, name: `Chef ${i}` }));
  return {
    plans: Array.from({ length: plans }, (_, i) => ({
      id: `plan-${i}`,
      title: `Handlingsplan nummer ${i} för hållbar utveckling i kommunen${options.titleSuffix ?? ''}`,
      period: `${2016 + (i % 8)}-${2020 + (i % 8)}`,
      ...(i % 10 === 0 ? { note: 'revidering pågår' } : {}),
      officer: people[i % officers].id,
    })),
    people: [...people, ...managers, { id: 'samordnare@kommun.se', name: 'Sara Samordnare', title: 'verksamhetsutvecklare' }],
    coordinators: ['samordnare@kommun.se'],
  };
}
