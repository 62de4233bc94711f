// The coordinator's typed commands in Teams: bind the channel, post the summary, show
// progress, send reminders, export, the register's export and the admin history. Each is
// answered to coordinators only: the command table checks the role before it runs one and
// hands it the register (everyone else gets a polite refusal). Each answers with Markdown.

import { TurnContext, type Activity } from 'botbuilder';
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
import type { Register } from '../domain/register';
import { roundPhase, type Round } from '../domain/round';
import { DEFAULT_TIME_ZONE } from '../domain/time';
import { t } from '../../cards/messages/index';
import { exportReadyText, noRoundText, registerExportReadyText, remindedText, summaryPostingText } from '../../cards/replies/coordinator-replies';
import { roundNotOpenText } from '../../cards/replies/officer-replies';
import { refusalText } from '../../cards/replies/refusals';
import { personIdOf, type Actor } from '../domain/permissions';
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

/** What a coordinator command is answered from. */
export interface CoordinatorTurn {
  deps: AppDeps;
  options: CoordinatorOptions;
  activity: Activity;
  actor: Actor;
  locale: Locale;
}

type CommandNamed<N extends Command['name']> = Extract<Command, { name: N }>;

/** A coordinator's command, run once the actor is known to coordinate `register`. */
export type CoordinatorAnswer<C extends Command> = (turn: CoordinatorTurn, command: C, register: Register) => Promise<string>;

/** Teams' id of the command's activity (the time when it has none): what a request is known by. */
function requestIdOf(turn: CoordinatorTurn): string {
  return turn.activity.id ?? `${turn.deps.clock.now().getTime()}`;
}

/** `koppla kanal`, typed in the channel that is to get the summaries. */
export async function bindChannelCommand({ deps, activity, actor, locale }: CoordinatorTurn): Promise<string> {
  if (isPersonalConversation(activity)) return t(locale, 'bindInChannel');
  const channel = (activity.channelData as { channel?: { id?: string; name?: string }; team?: { name?: string } } | undefined) ?? {};
  const bound = await bindChannel(deps, actor, {
    conversationId: channel.channel?.id ?? activity.conversation.id.split(';')[0],
    name: channel.channel?.name ?? channel.team?.name,
    reference: TurnContext.getConversationReference(activity),
  });
  return bound ? t(locale, 'channelBound') : t(locale, 'notCoordinator');
}

/** A coordinator's command about the round it names (or the one open now). */
function forRound<C extends Command & { round?: string }>(answer: (turn: CoordinatorTurn, command: C, round: Round) => Promise<string>): CoordinatorAnswer<C> {
  return async (turn, command) => {
    const round = await findRound(turn.deps, command.round);
    if (!round) return noRoundText(command.round, turn.locale);
    return answer(turn, command, round);
  };
}

/** The local time of the history and of the register export's file name. */
function timeZoneOf(options: CoordinatorOptions): string {
  return options.timeZone ?? DEFAULT_TIME_ZONE;
}

/** `historik`: the admin history; it concerns no round. */
export const historyCommand: CoordinatorAnswer<CommandNamed<'history'>> = async ({ deps, options, locale }) => adminHistoryText(deps, locale, timeZoneOf(options));

/** `exportera register`: the register as a file to edit and send back. */
export const exportRegisterCommand: CoordinatorAnswer<CommandNamed<'exportRegister'>> = async ({ deps, options, activity, actor, locale }, command, register) => {
  // A link works for whoever has it: it is handed out in the coordinator's own chat only.
  if (!isPersonalConversation(activity)) return t(locale, 'registerExportInPersonal');
  const record = await exportRegister(deps, register, command.format, personIdOf(actor), timeZoneOf(options));
  const link = options.links.create(record.roundId, record.id, deps.clock.now());
  return registerExportReadyText(register.version, { fileName: record.fileName, link, minutes: options.linkMinutes }, locale);
};

/**
 * `sammanställning [alla]`: answered at once; the scheduler tick posts it (a large summary takes
 * minutes). `alla` asks for each plan's card after the overview whatever the round's size.
 */
export const summaryCommand = forRound<CommandNamed<'summary'>>(async (turn, command, round) => {
  const { deps, actor, locale } = turn;
  const result = await requestSummary(deps, round, personIdOf(actor), locale, requestIdOf(turn), command.all === true);
  return result.kind === 'requested' ? summaryPostingText(round, locale) : refusalText(result, locale);
});

/** `läge`: how far the round has come. */
export const progressCommand = forRound<CommandNamed<'progress'>>(async ({ deps, locale }, _command, round) =>
  progressText(await progressOf(deps, round), locale),
);

/** `påminn`: a reminder now to everyone who has not submitted. */
export const remindCommand = forRound<CommandNamed<'remind'>>(async (turn, _command, round) => {
  const { deps, actor, locale } = turn;
  if (roundPhase(round, deps.clock.now()) !== 'open') return roundNotOpenText(round, locale);
  const counts = await remindUnsubmitted(deps, round, personIdOf(actor), requestIdOf(turn));
  return remindedText(round, counts, locale);
});

/** `exportera`: the round's document (Word, CSV or JSON). */
export const exportCommand = forRound<CommandNamed<'export'>>(async ({ deps, options, activity, actor, locale }, command, round) => {
  // A link works for whoever has it: it is handed out in the coordinator's own chat only.
  if (!isPersonalConversation(activity)) return t(locale, 'exportInPersonal');
  const record = await exportRound(deps, round, command.format, personIdOf(actor), options.document);
  const link = options.links.create(round.id, record.id, deps.clock.now());
  return exportReadyText({ fileName: record.fileName, link, minutes: options.linkMinutes }, locale);
});
