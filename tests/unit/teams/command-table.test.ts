// The command table is the one source of where a command is answered and of the coordinator
// check: every coordinator's command refuses anyone else before it runs, with one refusal
// logged and audited, whatever the command does after the check.

import type { Activity } from 'botbuilder';
import { answeredInAnyChat, isCoordinatorCommand, runCommand, type CommandTurn } from '../../../bot/teams/command-table';
import { parseCommand } from '../../../bot/teams/commands';
import type { CardReply } from '../../../bot/teams/replies';
import { actor, appFixture } from '../../support/app-fixture';

const COORDINATOR_COMMANDS = ['planer', 'ny omgång', 'omgångar', 'koppla kanal', 'sammanställning', 'läge', 'påminn', 'exportera csv', 'exportera register', 'historik'];

/** The area each command's refusal is audited under, as before the table checked the role. */
function refusedAs(text: string, personal: boolean): string {
  if (text === 'planer') return personal ? 'plans.refused' : 'coordinator.refused';
  if (text === 'ny omgång' || text === 'omgångar') return 'rounds.refused';
  return 'coordinator.refused';
}

async function typed(text: string, personal: boolean, by = 'anna@kalmar.se') {
  const fixture = await appFixture({ now: '2019-03-05T09:00:00Z' });
  const replies: Array<string | CardReply> = [];
  const turn: CommandTurn = {
    deps: fixture.deps,
    options: { document: {} as never, links: {} as never, linkMinutes: 15 },
    activity: {
      id: 'activity-1',
      conversation: personal ? { id: 'a:1', conversationType: 'personal', isGroup: false } : { id: '19:kanal@thread.tacv2;messageid=1', conversationType: 'channel', isGroup: true },
      channelData: { channel: { id: '19:kanal@thread.tacv2' } },
    } as unknown as Activity,
    actor: actor(by),
    locale: 'sv',
    personal,
    reply: async (answer) => {
      replies.push(answer);
    },
  };
  await runCommand(turn, parseCommand(text));
  const audit = await fixture.stores.audit.listDay('2019-03-05');
  return { replies: replies.map((r) => (typeof r === 'string' ? r : r.kind === 'text' ? r.text : '(a card)')), audit: audit.map((e) => e.action) };
}

describe('the command table', () => {
  it.each(COORDINATOR_COMMANDS.flatMap((text) => [[text, true] as const, [text, false] as const]))(
    'refuses "%s" (personal chat: %s) to someone who is not a coordinator, audited once',
    async (text, personal) => {
      expect(isCoordinatorCommand(parseCommand(text))).toBe(true);
      const { replies, audit } = await typed(text, personal);
      expect(replies).toEqual([expect.stringContaining('Bara samordnare')]);
      expect(audit).toEqual([refusedAs(text, personal)]);
    },
  );

  it('answers a coordinator without a refusal', async () => {
    const { replies, audit } = await typed('koppla kanal', false, 'samordnare@kalmar.se');
    expect(replies).toEqual([expect.stringContaining('postas i den här kanalen')]);
    expect(audit).toEqual(['channel.bound']);
  });

  it('answers help and the coordinators\' commands in any chat, the officers\' commands and an unknown word only in the 1:1 chat', () => {
    expect(answeredInAnyChat(parseCommand('hjälp'))).toBe(true);
    for (const text of COORDINATOR_COMMANDS) expect(answeredInAnyChat(parseCommand(text))).toBe(true);
    for (const text of ['mina planer', 'svara', 'blomkål']) expect(answeredInAnyChat(parseCommand(text))).toBe(false);
  });
});
