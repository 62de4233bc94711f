// Every typed command, where it is answered and what answers it, in one table (commands.ts
// reads the text into a command). The coordinators' commands are answered in any chat, to
// coordinators only: the table checks the role before it runs one, and each says itself where
// it works (a link only in the personal chat, the channel binding only in a channel). `hjälp`
// is answered in any chat. An officer's plans, drafts and answers are personal: their commands
// (and the answer to a word the bot does not know) are answered in the 1:1 chat only.

import { t } from '../../cards/messages/index';
import { noPlansText, nothingToAnswerText, ownPlansText } from '../../cards/replies/officer-replies';
import { checkCoordinator, COORDINATOR_REFUSED, type RefusedArea } from '../app/access';
import { latestAnswer, listOwnPlans, unsubmitted } from '../app/officer/officer-plans';
import { PLANS_REFUSED } from '../app/register/plan-admin';
import { ROUNDS_REFUSED } from '../app/rounds/round-admin';
import { isRefused } from '../domain/refusals';
import type { Register } from '../domain/register';
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
import { refusalReply, type CardReply } from './replies';

/** A typed command's turn: what it is answered from, and how to answer (once or more). */
export interface CommandTurn extends CoordinatorTurn {
  /** A 1:1 chat between the bot and the sender. */
  personal: boolean;
  reply(answer: string | CardReply): Promise<void>;
}

interface CommandEntry<C extends Command> {
  /**
   * Where the command is answered (see the header): `coordinators`, in any chat to coordinators
   * only; `any-chat`, in any chat to anyone; `personal`, in the 1:1 chat only.
   */
  answered: 'coordinators' | 'any-chat' | 'personal';
  run(turn: CommandTurn, command: C): Promise<void>;
}

type CommandTable = { [N in Command['name']]: CommandEntry<Extract<Command, { name: N }>> };

/** A handler that answers with one message. */
function says<C extends Command>(answer: (turn: CommandTurn, command: C) => Promise<string | CardReply>): (turn: CommandTurn, command: C) => Promise<void> {
  return async (turn, command) => turn.reply(await answer(turn, command));
}

/**
 * How a coordinator's command refuses anyone else: the area the refusal is logged and audited
 * under, and whether the sentence names the reason (no register yet) or says only that
 * coordinators may.
 */
interface CoordinatorRefusal {
  area: RefusedArea;
  namesReason: boolean;
}

const COMMAND_REFUSAL: CoordinatorRefusal = { area: COORDINATOR_REFUSED, namesReason: false };

/** The plans' and rounds' cards are refused as their card actions are, where the cards are shown (the 1:1 chat). */
const plansRefusal = (turn: CommandTurn): CoordinatorRefusal => (turn.personal ? { area: PLANS_REFUSED, namesReason: true } : COMMAND_REFUSAL);
const roundsRefusal = (turn: CommandTurn): CoordinatorRefusal => ({ area: ROUNDS_REFUSED, namesReason: turn.personal });

/**
 * A coordinator's command: the coordinator check runs first, here, and the answer gets the
 * register the actor coordinates. Anyone else is refused once (logged and audited once).
 */
function coordinators<C extends Command>(
  answer: (turn: CommandTurn, command: C, register: Register) => Promise<string | CardReply>,
  refusal: (turn: CommandTurn) => CoordinatorRefusal = () => COMMAND_REFUSAL,
): CommandEntry<C> {
  return {
    answered: 'coordinators',
    run: says(async (turn, command) => {
      const { area, namesReason } = refusal(turn);
      const register = await checkCoordinator(turn.deps, turn.actor, area);
      if (!isRefused(register)) return answer(turn, command, register);
      return namesReason ? refusalReply(register, turn.locale) : t(turn.locale, 'notCoordinator');
    }),
  };
}

const COMMANDS: CommandTable = {
  help: { answered: 'any-chat', run: says(async (turn) => t(turn.locale, 'help')) },
  unknown: { answered: 'personal', run: says(async (turn) => t(turn.locale, 'unknownCommand')) },
  myPlans: { answered: 'personal', run: says(async (turn) => ownPlansText(await listOwnPlans(turn.deps, turn.actor), turn.locale)) },
  answer: { answered: 'personal', run: sendOpenCards },
  plans: coordinators((turn) => plansCommandReply(turn.deps, turn.actor, turn.locale, turn.personal), plansRefusal),
  newRound: coordinators((turn) => roundsCommandReply(turn.deps, turn.actor, turn.locale, turn.personal, 'newRound', turn.options.timeZone), roundsRefusal),
  rounds: coordinators((turn) => roundsCommandReply(turn.deps, turn.actor, turn.locale, turn.personal, 'rounds', turn.options.timeZone), roundsRefusal),
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
  return entryFor(command).answered === 'coordinators';
}

/** A command answered in a channel or group chat too (a coordinator's, or `hjälp`). */
export function answeredInAnyChat(command: Command): boolean {
  return entryFor(command).answered !== 'personal';
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
