// A follow-up template sent to the bot in the personal chat: a JSON file named `….mall.json` (or
// `….template.json`, any other file is a register). It is fetched by the same rules as a
// register file, checked, and kept as a new version; the reply names every problem, or says
// that rounds already created keep their questions. Template text in the reply is escaped: it is
// data, never Markdown.

import { escapeMarkdown, t } from '../../cards/messages/index';
import { addTemplateLines } from '../../cards/replies/templates';
import type { AppDeps } from '../app/deps';
import { FileDownloadError } from '../app/register/register-upload';
import { addTemplate } from '../app/templates/templates';
import type { Locale } from '../domain/locale';
import type { Actor } from '../domain/permissions';
import { downloadFile, downloadProblemText, type FileDownloadRules, type RegisterFileAttachment } from './register-upload';
import type { CardReply } from './replies';

/** A template file goes by its name: `kvartal.mall.json`, `quarterly.template.json`. */
export function isTemplateFile(file: RegisterFileAttachment): boolean {
  return /\.(mall|template)\.json$/i.test(file.name);
}

export async function receiveTemplateFile(deps: AppDeps, rules: FileDownloadRules, actor: Actor, file: RegisterFileAttachment, locale: Locale): Promise<CardReply> {
  try {
    const result = await addTemplate(deps, actor, { source: file.name, read: () => downloadFile(file.downloadUrl, rules) });
    if (result.kind === 'refused') return { kind: 'text', text: t(locale, 'templateNotCoordinator') };
    return { kind: 'text', text: addTemplateLines(result, locale, escapeMarkdown).join('\n\n') };
  } catch (err) {
    if (err instanceof FileDownloadError) return { kind: 'text', text: downloadProblemText(err.problem, rules, locale) };
    throw err;
  }
}
