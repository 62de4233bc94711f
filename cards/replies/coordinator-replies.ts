// The Markdown a coordinator reads after a typed command: the round asked for not found, the
// summary on its way, the reminders sent, an export's link. Titles, the typed round name and
// file names are escaped, so that they show as written.

import type { Locale } from '../../bot/domain/locale';
import type { Round } from '../../bot/domain/round';
import { escapeMarkdown, t } from '../messages/index';

/** No round has the id or title typed after the command (or none is open when none was typed). */
export function noRoundText(typed: string | undefined, locale: Locale): string {
  return t(locale, 'noRound', { round: escapeMarkdown(typed ?? '') });
}

/** `sammanställning`: the summary is on its way to the coordinator channel. */
export function summaryPostingText(round: Pick<Round, 'title'>, locale: Locale): string {
  return t(locale, 'summaryPosting', { round: escapeMarkdown(round.title) });
}

/** `påminn`: how many were reminded and how many could not be reached. */
export function remindedText(round: Pick<Round, 'title'>, counts: { sent: number; unreachable: number }, locale: Locale): string {
  return t(locale, 'reminded', { round: escapeMarkdown(round.title), sent: counts.sent, unreachable: counts.unreachable });
}

/** A download link to hand out in the coordinator's own chat. */
export interface DownloadLink {
  fileName: string;
  link: string;
  minutes: number;
}

/** `exportera`: the round's document. */
export function exportReadyText(download: DownloadLink, locale: Locale): string {
  return t(locale, 'exportReady', { file: escapeMarkdown(download.fileName), link: download.link, minutes: download.minutes });
}

/** `exportera register`: the register's file, with the version it holds. */
export function registerExportReadyText(version: number, download: DownloadLink, locale: Locale): string {
  return t(locale, 'registerExportReady', { version, file: escapeMarkdown(download.fileName), link: download.link, minutes: download.minutes });
}
