// The bot as the end-to-end tests run it: the real server on a free port with the stores the
// test gives it (its own tables in the run's Azurite), silent logs unless the test records them, no scheduler (tests call
// tick()) and the clock the test sets. Also what several tests read back from the Bot
// Connector stand-in, and the admin command line run against the test's stores.

import path from 'node:path';
import { silentLogger, type Logger } from '../../../bot/app/logger';
import { runAdmin } from '../../../bot/cli/admin';
import { loadConfig } from '../../../bot/config';
import { startBot, type BotOptions, type RunningBot } from '../../../bot/main';
import type { Stores } from '../../../storage/ports';
import type { ConnectorStandIn } from '../../support/connector-stand-in';

const ROOT = path.resolve(__dirname, '..', '..', '..');

/**
 * Starts the bot in local mode without the demo register; `env` adds to or overrides the settings,
 * `log` receives the bot's log events (silent unless given), `extra` shortens the server's
 * timeouts, gives the sending virtual time or names where the tab's page is built.
 */
export async function startTestBot(
  stores: Stores,
  now: () => Date,
  env: Record<string, string> = {},
  log: Logger = silentLogger,
  extra: Pick<BotOptions, 'bodyTimeoutMs' | 'headersTimeoutMs' | 'pacingTime' | 'tabPageDir'> = {},
): Promise<RunningBot> {
  const config = loadConfig({ PORT: '0', DEMO_REGISTER: 'false', ...env });
  return startBot(config, { clock: { now }, log, scheduler: false, stores, ...extra });
}

/** Starts the bot in local mode with the demo register (the Agents Playground's people and round). */
export async function startDemoBot(stores: Stores, now: () => Date): Promise<RunningBot> {
  const config = loadConfig({ PORT: '0', DEMO_REGISTER: 'true' });
  return startBot(config, { clock: { now }, log: silentLogger, scheduler: false, stores, demoRegisterPath: path.join(ROOT, 'demo', 'register.json') });
}

/** Stops the bot, then the stand-in; either may be missing when the start-up failed part-way. */
export async function stopTestBot(bot: RunningBot | undefined, standIn?: ConnectorStandIn): Promise<void> {
  await bot?.stop();
  await standIn?.close();
}

/** Runs the admin command line against the stores at the test's time; its output as one text. */
export function adminCommand(stores: () => Stores, now: () => Date) {
  return async (...argv: string[]): Promise<{ code: number; out: string }> => {
    const out: string[] = [];
    const code = await runAdmin(argv, { stores: stores(), clock: { now } }, 'Europe/Stockholm', {
      out: (l) => out.push(l),
      err: (l) => out.push(l),
    });
    return { code, out: out.join('\n') };
  };
}

/** The Adaptive Cards among the activities the bot sent. */
export function cardsIn(activities: any[]): any[] {
  return activities.flatMap((a) => (a.attachments ?? []).filter((x: any) => x.contentType === 'application/vnd.microsoft.card.adaptive').map((x: any) => x.content));
}

/** The 1:1 chat the bot created with the user through the stand-in, if it did. */
export function conversationWith(standIn: ConnectorStandIn, user: { id: string }): string | undefined {
  return standIn.created.find((c) => c.body.members?.[0]?.id === user.id)?.id;
}

/** Every TextBlock's and TextRun's text in a card, in order. */
export function texts(card: unknown): string[] {
  const found: string[] = [];
  const walk = (node: any) => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      if (node.type === 'TextRun' || node.type === 'TextBlock') found.push(node.text);
      Object.values(node).forEach(walk);
    }
  };
  walk(card);
  return found;
}
