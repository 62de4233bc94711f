// The coordinator's typed commands in Teams: bind the channel, post the summary, show
// progress, send reminders, export. Each checks the coordinator role first; everyone else gets
// a polite refusal.

import { TurnContext } from 'botbuilder';
import { coordinatorRegister } from '../app/access';
import { bindChannel } from '../app/coordinator/channel';
import { exportRound, type DocumentSettings } from '../app/coordinator/exports/export-round';
import { progressOf } from '../app/coordinator/progress';
import { requestSummary } from '../app/coordinator/summary';
import { remindUnsubmitted } from '../app/reminders/remind-unsubmitted';
import { findRound } from '../app/rounds/find-round';
import { progressText } from '../../cards/replies/progress';
import type { AppDeps } from '../app/deps';
import type { DownloadLinks } from '../app/coordinator/exports/download-links';
import { exportRegister } from '../app/register/export-register';
import { adminHistoryText } from '../app/register/show-history';
import type { Locale } from '../domain/locale';
import { roundPhase } from '../domain/round';
import { DEFAULT_TIME_ZONE } from '../domain/time';
import { escapeMarkdown, t } from '../../cards/messages/index';
import type { Actor } from '../domain/permissions';
import type { Command } from './commands';
import { isPersonalConversation } from './reach';
import type { FileDownloadRules } from './register-upload';

export interface CoordinatorOptions {
  document: DocumentSettings;
  links: DownloadLinks;
  linkMinutes: number;
  /** Local time of the history and the export's file name; Europe/Stockholm when not given. */
  timeZone?: string;
  /** How register files sent to the bot are fetched; https only unless the composition root allows http (local mode). */
  uploads?: Partial<FileDownloadRules>;
}

export type CoordinatorCommand = Extract<Command, { name: 'bindChannel' | 'summary' | 'progress' | 'remind' | 'export' | 'exportRegister' | 'history' }>;

export function isCoordinatorCommand(command: Command): command is CoordinatorCommand {
  return ['bindChannel', 'summary', 'progress', 'remind', 'export', 'exportRegister', 'history'].includes(command.name);
}

/** Runs a coordinator command and returns the Markdown reply. */
export async function runCoordinatorCommand(
  deps: AppDeps,
  options: CoordinatorOptions,
  context: TurnContext,
  actor: Actor,
  command: CoordinatorCommand,
  locale: Locale,
): Promise<string> {
  const activity = context.activity;
  const requestedBy = actor.addresses[0] ?? actor.aadObjectId;
  if (command.name === 'bindChannel') {
    if (isPersonalConversation(activity)) return t(locale, 'bindInChannel');
    const channel = (activity.channelData as { channel?: { id?: string; name?: string }; team?: { name?: string } } | undefined) ?? {};
    const bound = await bindChannel(deps, actor, {
      conversationId: channel.channel?.id ?? activity.conversation.id.split(';')[0],
      name: channel.channel?.name ?? channel.team?.name,
      reference: TurnContext.getConversationReference(activity),
    });
    return bound ? t(locale, 'channelBound') : t(locale, 'notCoordinator');
  }

  const register = await coordinatorRegister(deps, actor);
  if (!register) return t(locale, 'notCoordinator');
  // The register's export and the admin history concern no round.
  const timeZone = options.timeZone ?? DEFAULT_TIME_ZONE;
  if (command.name === 'history') return adminHistoryText(deps, locale, timeZone);
  if (command.name === 'exportRegister') {
    // A link works for whoever has it: it is handed out in the coordinator's own chat only.
    if (!isPersonalConversation(activity)) return t(locale, 'registerExportInPersonal');
    const record = await exportRegister(deps, register, command.format, requestedBy, timeZone);
    const link = options.links.create(record.roundId, record.id, deps.clock.now());
    return t(locale, 'registerExportReady', { version: register.version, file: escapeMarkdown(record.fileName), link, minutes: options.linkMinutes });
  }
  const round = await findRound(deps, command.round);
  if (!round) return t(locale, 'noRound', { round: escapeMarkdown(command.round ?? '') });
  const title = escapeMarkdown(round.title);

  switch (command.name) {
    case 'summary': {
      // Answered at once; the scheduler tick posts it (a large summary takes minutes).
      const result = await requestSummary(deps, round, requestedBy, locale, activity.id ?? `${deps.clock.now().getTime()}`);
      return result.kind === 'requested' ? t(locale, 'summaryPosting', { round: title }) : t(locale, 'noChannel');
    }
    case 'progress':
      return progressText(await progressOf(deps, round), locale);
    case 'remind': {
      if (roundPhase(round, deps.clock.now()) !== 'open') return t(locale, 'roundNotOpen', { round: title });
      const { sent, unreachable } = await remindUnsubmitted(deps, round, requestedBy, activity.id ?? `${deps.clock.now().getTime()}`);
      return t(locale, 'reminded', { round: title, sent, unreachable });
    }
    case 'export': {
      // A link works for whoever has it: it is handed out in the coordinator's own chat only.
      if (!isPersonalConversation(activity)) return t(locale, 'exportInPersonal');
      const record = await exportRound(deps, round, command.format, requestedBy, options.document);
      const link = options.links.create(round.id, record.id, deps.clock.now());
      return t(locale, 'exportReady', { file: escapeMarkdown(record.fileName), link, minutes: options.linkMinutes });
    }
  }
}
