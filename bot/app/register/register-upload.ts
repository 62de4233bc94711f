// A coordinator replaces the register by sending the file to the bot: the file is kept as
// received, read with the same rules as the command line, and shown as a preview (what would
// change, or every error). Nothing changes until the coordinator applies the preview; the apply
// imports exactly the bytes that were previewed, and only onto the register version the preview
// was made against.

import { randomUUID } from 'node:crypto';
import { personIdOf, type Actor } from '../../domain/permissions';
import { countRegister, type Register, type RegisterContent, type RegisterCounts } from '../../domain/register';
import { diffRegisters, type RegisterPreview } from '../../domain/register-diff';
import { isRefused } from '../../domain/refusals';
import type { StoredRecord } from '../../../storage/ports';
import { recordAdminAction, registerChange } from './admin-history';
import { checkCoordinator, type AdminRefusal } from '../access';
import type { AppDeps } from '../deps';
import { importRegister } from './import-register';
import { parseRegisterFile } from './files';

/** Uploaded register files are records of their own, outside any round. */
export const UPLOADS_PARTITION = 'register-uploads';

/** Why a file could not be fetched from Teams. */
export type DownloadProblem = 'too-large' | 'timeout' | 'failed' | 'not-allowed';

/** Thrown by the file reader the Teams layer hands in. */
export class FileDownloadError extends Error {
  constructor(
    readonly problem: DownloadProblem,
    message: string,
  ) {
    super(message);
    this.name = 'FileDownloadError';
  }
}

export type PreviewOutcome =
  | AdminRefusal
  | { kind: 'download-failed'; problem: DownloadProblem }
  | { kind: 'preview'; preview: RegisterPreview };

/**
 * Reads a file the coordinator sent. `read` fetches the bytes; it is called only once the sender
 * is known to be a coordinator, so nobody else makes the bot download anything.
 */
export async function previewRegisterUpload(
  deps: AppDeps,
  actor: Actor,
  file: { fileName: string; contentType?: string; read: () => Promise<Buffer> },
): Promise<PreviewOutcome> {
  const current = await checkCoordinator(deps, actor);
  if (isRefused(current)) return current;
  let bytes: Buffer;
  try {
    bytes = await file.read();
  } catch (err) {
    if (!(err instanceof FileDownloadError)) throw err;
    deps.log.warn('register-upload.download-failed', { problem: err.problem, error: err.message });
    return { kind: 'download-failed', problem: err.problem };
  }

  // Kept as received, also when it cannot be used: it was sent to the authority.
  const at = deps.clock.now();
  const fileName = file.fileName.split(/[\\/]/).pop() || 'register';
  const record: StoredRecord = {
    id: `register-upload-${at.getTime()}-${randomUUID().slice(0, 8)}`,
    roundId: UPLOADS_PARTITION,
    kind: 'register-upload',
    format: extensionOf(fileName),
    fileName,
    contentType: file.contentType ?? 'application/octet-stream',
    requestedBy: personIdOf(actor),
    at,
    bytes,
  };
  await deps.stores.records.save(record);
  const preview = await previewOf(record, current);
  await deps.stores.audit.record({
    at,
    actor: personIdOf(actor),
    action: 'register.upload-previewed',
    subject: `${UPLOADS_PARTITION}/record:${record.id}`,
    details: { bytes: bytes.length, errors: preview.errors.length + (preview.moreErrors ?? 0), baseVersion: current.version },
  });
  return { kind: 'preview', preview };
}

/** The preview of a kept upload against a register version: the same reading as the import. */
async function previewOf(record: StoredRecord, current: Register): Promise<RegisterPreview> {
  const parsed = await parseRegisterFile(record.bytes, record.fileName);
  const base = { uploadId: record.id, fileName: record.fileName, baseVersion: current.version };
  if (!parsed.content) return { ...base, errors: parsed.errors, ...(parsed.moreErrors ? { moreErrors: parsed.moreErrors } : {}) };
  // As the import does: a file that does not state the schedule keeps the current one.
  const content: RegisterContent = parsed.statesSchedule ? parsed.content : { ...parsed.content, schedule: current.schedule };
  if (!parsed.statesSchedule && !current.schedule) delete content.schedule;
  return { ...base, errors: [], diff: diffRegisters(current, content), after: countRegister(content) };
}

export type ApplyOutcome =
  | AdminRefusal
  | { kind: 'unknown-upload' }
  /** This preview was applied already (Teams delivered the press twice, or it was pressed twice). */
  | { kind: 'already-applied'; version: number }
  /** The register changed after the preview: a fresh preview against the current version. */
  | { kind: 'changed-meanwhile'; preview: RegisterPreview }
  | { kind: 'invalid'; preview: RegisterPreview }
  | { kind: 'applied'; fileName: string; version: number; previousVersion: number; counts: RegisterCounts };

/** Applies a previewed upload: a new register version, the previous one kept. */
export async function applyRegisterUpload(
  deps: AppDeps,
  actor: Actor,
  request: { uploadId: string; baseVersion: number },
): Promise<ApplyOutcome> {
  // The role is checked again: the press may come from a forged or forwarded card.
  const current = await checkCoordinator(deps, actor);
  if (isRefused(current)) return current;
  const record = request.uploadId ? await deps.stores.records.get(UPLOADS_PARTITION, request.uploadId) : undefined;
  if (!record || record.kind !== 'register-upload') return { kind: 'unknown-upload' };

  // One apply per preview, across processes and redeliveries: the claim is a conditional insert.
  // A fresh preview (after the register changed) has another base version and so its own claim.
  const claimed = await deps.stores.inbox.claim(`register-upload:${record.id}`, `apply-${request.baseVersion}`, deps.clock.now());
  if (!claimed) return { kind: 'already-applied', version: current.version };
  if (current.version !== request.baseVersion) return { kind: 'changed-meanwhile', preview: await previewOf(record, current) };

  const importedBy = personIdOf(actor);
  // Onto the previewed version only: a change saved after the check above is not undone unseen.
  const result = await importRegister(deps, { bytes: record.bytes, fileName: record.fileName, importedBy, expectedVersion: current.version });
  if (result.kind === 'invalid') {
    const now = await deps.stores.registers.current();
    // Another import won the race between the check above and the save.
    if (now && now.version !== current.version) return { kind: 'changed-meanwhile', preview: await previewOf(record, now) };
    const { errors, moreErrors } = result;
    return { kind: 'invalid', preview: { uploadId: record.id, fileName: record.fileName, baseVersion: current.version, errors, ...(moreErrors ? { moreErrors } : {}) } };
  }

  const change = registerChange(current, result.register);
  await recordAdminAction(deps, {
    at: deps.clock.now(),
    actor: importedBy,
    actorName: actor.name || undefined,
    action: 'register.applied',
    subject: `register:${result.register.version}`,
    before: change.before,
    // The file's name and the kept upload it came from, beside the counts and what changed.
    after: { ...change.after, source: result.register.source, upload: record.id },
  });
  return {
    kind: 'applied',
    fileName: record.fileName,
    version: result.register.version,
    previousVersion: current.version,
    counts: result.counts,
  };
}

export type CancelOutcome = AdminRefusal | { kind: 'cancelled'; version: number };

/** The coordinator chose not to apply: nothing changes, the kept file stays a record. */
export async function cancelRegisterUpload(deps: AppDeps, actor: Actor, request: { uploadId: string }): Promise<CancelOutcome> {
  const current = await checkCoordinator(deps, actor);
  if (isRefused(current)) return current;
  await deps.stores.audit.record({
    at: deps.clock.now(),
    actor: personIdOf(actor),
    action: 'register.upload-cancelled',
    subject: `${UPLOADS_PARTITION}/record:${request.uploadId}`,
  });
  return { kind: 'cancelled', version: current.version };
}

function extensionOf(fileName: string): string {
  const dot = fileName.lastIndexOf('.');
  return dot > 0 ? fileName.slice(dot + 1).toLowerCase() : '';
}
