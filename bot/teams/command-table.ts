// Every typed command and what answers it, in one table (commands.ts reads the text into a
// command). The coordinators' commands are answered in any chat: each says itself where it
// works (a link only in the personal chat, the channel binding only in a channel). An officer's
// plans, drafts and answers are personal: their commands are answered in the 1:1 chat only.

import { t } from '../../cards/messages/index';
import { noPlansText, nothingToAnswerText, ownPlansText } from '../../cards/replies/officer-replies';
import { latestAnswer, listOwnPlans, unsubmitted } from '../app/officer/officer-plans';
import { savedAnswerCard } from './answer-actions';
import type { Command } from './commands';
import {
  bindChannelCommand,
  exportCommand,
  exportRegisterCommand,
  historyCommand,
  progressCommand,
  remindCommand,
  summaryCommand,
  type CoordinatorTurn,
} from './coordinator-commands';
import { plansCommandReply } from './plan-admin-actions';
import { roundsCommandReply } from './round-list-actions';
import type { CardReply } from './replies';

/** A typed command's turn: what it is answered from, and how to answer (once or more). */
export interface CommandTurn extends CoordinatorTurn {
  /** A 1:1 chat between the bot and the sender. */
  personal: boolean;
  reply(answer: string | CardReply): Promise<void>;
}

interface CommandEntry<C extends Command> {
  /** Coordinators' commands are answered in any chat; the others in the 1:1 chat (see the header). */
  for: 'coordinators' | 'officers' | 'everyone';
  run(turn: CommandTurn, command: C): Promise<void>;
}

type CommandTable = { [N in Command['name']]: CommandEntry<Extract<Command, { name: N }>> };

/** A handler that answers with one message. */
function says<C extends Command>(answer: (turn: CommandTurn, command: C) => Promise<string | CardReply>): (turn: CommandTurn, command: C) => Promise<void> {
  return async (turn, command) => turn.reply(await answer(turn, command));
}

const coordinators = <C extends Command>(answer: (turn: CommandTurn, command: C) => Promise<string | CardReply>): CommandEntry<C> => ({
  for: 'coordinators',
  run: says(answer),
});

const COMMANDS: CommandTable = {
  help: { for: 'everyone', run: says(async (turn) => t(turn.locale, 'help')) },
  unknown: { for: 'everyone', run: says(async (turn) => t(turn.locale, 'unknownCommand')) },
  myPlans: { for: 'officers', run: says(async (turn) => ownPlansText(await listOwnPlans(turn.deps, turn.actor), turn.locale)) },
  answer: { for: 'officers', run: sendOpenCards },
  plans: coordinators((turn) => plansCommandReply(turn.deps, turn.actor, turn.locale, turn.personal)),
  newRound: coordinators((turn) => roundsCommandReply(turn.deps, turn.actor, turn.locale, turn.personal, 'newRound', turn.options.timeZone)),
  rounds: coordinators((turn) => roundsCommandReply(turn.deps, turn.actor, turn.locale, turn.personal, 'rounds', turn.options.timeZone)),
  bindChannel: coordinators(bindChannelCommand),
  summary: coordinators(summaryCommand),
  progress: coordinators(progressCommand),
  remind: coordinators(remindCommand),
  export: coordinators(exportCommand),
  exportRegister: coordinators(exportRegisterCommand),
  history: coordinators(historyCommand),
};

function entryFor(command: Command): CommandEntry<Command> {
  // Each entry takes the command of its own name: the table's type says so, TypeScript cannot.
  return COMMANDS[command.name] as CommandEntry<Command>;
}

/** A coordinator's command: answered only to coordinators, in any chat. */
export function isCoordinatorCommand(command: Command): boolean {
  return entryFor(command).for === 'coordinators';
}

export function runCommand(turn: CommandTurn, command: Command): Promise<void> {
  return entryFor(command).run(turn, command);
}

/** `svara`: the answer card again for every plan not yet submitted, with its saved draft. */
async function sendOpenCards(turn: CommandTurn): Promise<void> {
  const { deps, locale } = turn;
  const rounds = await listOwnPlans(deps, turn.actor);
  if (rounds.length === 0) {
    await turn.reply(t(locale, 'noOpenRound'));
    return;
  }
  for (const own of rounds) {
    const open = unsubmitted(own);
    if (own.plans.length === 0) {
      await turn.reply(noPlansText(own.round, locale));
      continue;
    }
    if (open.length === 0) {
      await turn.reply(nothingToAnswerText(own.round, locale));
      continue;
    }
    for (const { plan, progress } of open) {
      // The draft's texts, read for the card that shows them (the progress carries none).
      const saved = progress.state === 'draft' ? await latestAnswer(deps, own.round.id, plan.id) : undefined;
      const card = savedAnswerCard({ locale, round: own.round, plan, saved, now: deps.clock.now() });
      await turn.reply({ kind: 'card', card });
    }
  }
}
