// A register file sent to the bot in the personal chat. Teams delivers it as an attachment of
// type `file.download.info` with a short-lived download URL; the file is fetched from there (with
// a size cap and a timeout, https only outside local mode), previewed on a card, and applied or
// cancelled from the card's buttons.

import type { Activity } from 'botbuilder';
import { excerpt } from '../../cards/excerpt';
import { MAX_FILE_NAME_BYTES, afterLine, buildRegisterOutcomeCard, buildRegisterPreviewCard } from '../../cards/register-preview-card';
import type { AppDeps } from '../app/deps';
import {
  applyRegisterUpload,
  cancelRegisterUpload,
  FileDownloadError,
  previewRegisterUpload,
} from '../app/register/register-upload';
import type { RegisterPreview } from '../domain/register-diff';
import type { Locale } from '../domain/locale';
import { t } from '../../cards/messages/index';
import type { Actor } from '../domain/permissions';
import type { CardActionHandler } from './card-data';
import { refusalReply, type CardReply } from './replies';
import { errorMessage } from '../domain/errors';
import { countIn, textIn } from '../domain/card-input';
import { UPLOAD_REFUSALS } from '../../cards/replies/refusals';

export const FILE_DOWNLOAD_INFO = 'application/vnd.microsoft.teams.file.download.info';

/** How a file is fetched from Teams. */
export interface FileDownloadRules {
  /** Plain http only for the local stand-ins (local mode); Teams' URLs are https. */
  allowHttp: boolean;
  /**
   * The hosts a download (and every redirect) may go to: a name or any name under it. The URL
   * comes with the message, so without this the bot could be made to request internal addresses
   * on a sender's behalf. `any` only for the local stand-ins (local mode).
   */
  allowedHosts: readonly string[] | 'any';
  maxBytes: number;
  timeoutMs: number;
}

/** Where Teams keeps files sent in a chat: the sender's OneDrive (SharePoint), in each Microsoft cloud. */
export const TEAMS_FILE_HOSTS: readonly string[] = ['sharepoint.com', 'sharepoint.us', 'sharepoint-mil.us', 'sharepoint.cn'];

export const DEFAULT_DOWNLOAD_RULES: FileDownloadRules = {
  allowHttp: false,
  allowedHosts: TEAMS_FILE_HOSTS,
  maxBytes: 5 * 1024 * 1024,
  timeoutMs: 20_000,
};

/** A file host may redirect to the file's storage; a chain longer than this is refused. */
const MAX_REDIRECTS = 3;

export interface RegisterFileAttachment {
  name: string;
  downloadUrl: string;
  fileType?: string;
}

/** The file a message carries, as Teams describes it; undefined for other messages. */
export function registerFileOf(activity: Pick<Activity, 'attachments'>): RegisterFileAttachment | undefined {
  const attachments: unknown = activity.attachments;
  if (!Array.isArray(attachments)) return undefined;
  for (const attachment of attachments as Array<Record<string, unknown> | null>) {
    if (!attachment || typeof attachment !== 'object' || attachment.contentType !== FILE_DOWNLOAD_INFO) continue;
    const content = (attachment.content && typeof attachment.content === 'object' ? attachment.content : {}) as { downloadUrl?: unknown; fileType?: unknown };
    if (typeof content.downloadUrl !== 'string' || !content.downloadUrl) continue;
    const fileType = typeof content.fileType === 'string' ? content.fileType : undefined;
    return {
      name: typeof attachment.name === 'string' && attachment.name ? attachment.name : `register.${fileType ?? ''}`,
      downloadUrl: content.downloadUrl,
      fileType,
    };
  }
  return undefined;
}

/** The URL if the rules let the bot request it: https (http only locally) to an allowed host. */
function allowedUrl(url: string, rules: FileDownloadRules): URL {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new FileDownloadError('not-allowed', 'the download URL is not a URL');
  }
  const protocolAllowed = parsed.protocol === 'https:' || (rules.allowHttp && parsed.protocol === 'http:');
  if (!protocolAllowed) throw new FileDownloadError('not-allowed', `download over ${parsed.protocol} refused`);
  if (rules.allowedHosts === 'any') return parsed;
  // The hostname is already lower case and free of user info and port; an IP address never
  // matches the names of Teams' file hosts, so internal addresses stay out of reach however
  // they are written.
  const host = parsed.hostname;
  const hostAllowed = rules.allowedHosts.some((allowed) => host === allowed || host.endsWith(`.${allowed}`));
  if (!hostAllowed || parsed.username || parsed.password) {
    throw new FileDownloadError('not-allowed', `download from ${host} refused`);
  }
  return parsed;
}

/** Fetches the file's bytes, refusing what is too large, too slow, not over https or not from Teams' file hosts. */
export async function downloadFile(url: string, rules: FileDownloadRules): Promise<Buffer> {
  let parsed = allowedUrl(url, rules);
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), rules.timeoutMs);
  try {
    // Redirects are followed by hand so that each target is checked before it is requested.
    let response = await fetch(parsed, { signal: controller.signal, redirect: 'manual' });
    for (let hops = 0; response.status >= 300 && response.status < 400 && response.headers.has('location'); hops++) {
      if (hops >= MAX_REDIRECTS) throw new FileDownloadError('failed', 'too many redirects');
      await response.body?.cancel();
      parsed = allowedUrl(new URL(response.headers.get('location') ?? '', parsed).href, rules);
      response = await fetch(parsed, { signal: controller.signal, redirect: 'manual' });
    }
    if (!response.ok || !response.body) throw new FileDownloadError('failed', `status ${response.status}`);
    const declared = Number(response.headers.get('content-length'));
    if (Number.isFinite(declared) && declared > rules.maxBytes) {
      controller.abort();
      throw new FileDownloadError('too-large', `${declared} bytes`);
    }
    // Counted while reading: the length header may be missing or wrong.
    const chunks: Buffer[] = [];
    let size = 0;
    const reader = response.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > rules.maxBytes) {
        controller.abort();
        throw new FileDownloadError('too-large', `more than ${rules.maxBytes} bytes`);
      }
      chunks.push(Buffer.from(value));
    }
    return Buffer.concat(chunks);
  } catch (err) {
    if (err instanceof FileDownloadError) throw err;
    if (controller.signal.aborted) throw new FileDownloadError('timeout', `no file within ${rules.timeoutMs} ms`);
    throw new FileDownloadError('failed', errorMessage(err));
  } finally {
    clearTimeout(timer);
  }
}

/** Why a file sent in the chat could not be fetched, in words. */
export function downloadProblemText(problem: FileDownloadError['problem'], rules: FileDownloadRules, locale: Locale): string {
  const mb = String(Math.round((rules.maxBytes / 1024 / 1024) * 10) / 10).replace('.', locale === 'sv' ? ',' : '.');
  const key = problem === 'too-large' ? 'uploadTooLarge' : problem === 'timeout' ? 'uploadTimeout' : 'uploadDownloadFailed';
  return t(locale, key, { mb });
}

/** A coordinator sent a file: the preview card, or a sentence saying why there is none. */
export async function receiveRegisterFile(
  deps: AppDeps,
  rules: FileDownloadRules,
  actor: Actor,
  file: RegisterFileAttachment,
  locale: Locale,
): Promise<CardReply> {
  const outcome = await previewRegisterUpload(deps, actor, {
    fileName: file.name,
    read: () => downloadFile(file.downloadUrl, rules),
  });
  switch (outcome.kind) {
    case 'refused':
      return refusalReply(outcome, locale, UPLOAD_REFUSALS);
    case 'download-failed':
      return { kind: 'text', text: downloadProblemText(outcome.problem, rules, locale) };
    case 'preview':
      return { kind: 'card', card: previewCard(outcome.preview, locale) };
  }
}

function previewCard(preview: RegisterPreview, locale: Locale, notice?: string) {
  return buildRegisterPreviewCard({ locale, ...preview, notice });
}

function uploadIdOf(data: Record<string, unknown>): string {
  return textIn(data, 'uploadId');
}

/** Avbryt on a preview card. */
export const cancelUploadFromCard: CardActionHandler = async (deps, { actor, data, locale }) => {
  const cancelled = await cancelRegisterUpload(deps, actor, { uploadId: uploadIdOf(data) });
  if (cancelled.kind === 'refused') return refusalReply(cancelled, locale, UPLOAD_REFUSALS);
  return {
    kind: 'card',
    card: buildRegisterOutcomeCard({ locale, heading: t(locale, 'uploadCancelledHeading'), text: t(locale, 'uploadCancelled', { version: cancelled.version }) }),
  };
};

/** Använd registret on a preview card. */
export const applyUploadFromCard: CardActionHandler = async (deps, { actor, data, locale }) => {
  const outcome = await applyRegisterUpload(deps, actor, {
    uploadId: uploadIdOf(data),
    baseVersion: countIn(data, 'baseVersion', -1),
  });
  switch (outcome.kind) {
    case 'refused':
      return refusalReply(outcome, locale, UPLOAD_REFUSALS);
    case 'unknown-upload':
      return { kind: 'text', text: t(locale, 'uploadUnknown') };
    case 'already-applied':
      return {
        kind: 'card',
        card: buildRegisterOutcomeCard({ locale, heading: t(locale, 'uploadAppliedHeading'), headingColor: 'Good', text: t(locale, 'uploadAlreadyApplied', { version: outcome.version }) }),
      };
    case 'changed-meanwhile':
      return { kind: 'card', card: previewCard(outcome.preview, locale, t(locale, 'uploadChangedMeanwhile', { version: outcome.preview.baseVersion })) };
    case 'invalid':
      return { kind: 'card', card: previewCard(outcome.preview, locale) };
    case 'applied':
      return {
        kind: 'card',
        card: buildRegisterOutcomeCard({
          locale,
          heading: t(locale, 'uploadAppliedHeading'),
          headingColor: 'Good',
          text: [
            t(locale, 'uploadApplied', { version: outcome.version, file: excerpt(outcome.fileName, MAX_FILE_NAME_BYTES), previous: outcome.previousVersion }),
            afterLine(outcome.counts, locale),
          ].join('\n'),
        }),
      };
  }
};
