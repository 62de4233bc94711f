// `exportera register`: the current register as a CSV file or an Excel workbook, in the form the
// import reads, for a coordinator to edit and upload again. Kept as a record like the round
// exports and handed out behind a signed, expiring link.

import { randomUUID } from 'node:crypto';
import type { StoredRecord } from '../../../storage/ports';
import type { Register } from '../../domain/register';
import { localDateOf } from '../../domain/time';
import type { AppDeps } from '../deps';
import { writeRegisterCsv, writeRegisterXlsx } from './files';

export type RegisterExportFormat = 'csv' | 'xlsx';

/**
 * The records' partition for register exports. A round id starts with a letter or digit
 * (buildRound), so no round's records can share it.
 */
export const REGISTER_RECORDS = '_register';

const CONTENT_TYPES: Record<RegisterExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** Writes the register, keeps it as a record and returns the record (the caller hands out a link). */
export async function exportRegister(
  deps: Pick<AppDeps, 'stores' | 'clock'>,
  register: Register,
  format: RegisterExportFormat,
  requestedBy: string,
  timeZone: string,
): Promise<StoredRecord> {
  const at = deps.clock.now();
  const bytes = format === 'csv' ? writeRegisterCsv(register) : await writeRegisterXlsx(register, at);
  const record: StoredRecord = {
    id: `export-${at.getTime()}-${randomUUID().slice(0, 8)}`,
    roundId: REGISTER_RECORDS,
    kind: 'export',
    format,
    fileName: `Register version ${register.version} ${localDateOf(at, timeZone)}.${format}`,
    contentType: CONTENT_TYPES[format],
    requestedBy,
    at,
    bytes,
  };
  await deps.stores.records.save(record);
  await deps.stores.audit.record({
    at,
    actor: requestedBy,
    action: 'export.recorded',
    subject: `register:${register.version}/record:${record.id}`,
    details: { format, bytes: bytes.length },
  });
  return record;
}
