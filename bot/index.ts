// `npm start`: reads the configuration, starts the bot, and stops it cleanly on SIGINT/SIGTERM
// (the embedded storage must be stopped with SIGINT to keep its data).

import { createJsonLogger } from './app/logger';
import { loadConfigOrExit } from './config';
import { startBot } from './main';
import { systemClock } from './system-clock';
import { errorMessage } from './domain/errors';

async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const log = createJsonLogger(config.logLevel, (line) => process.stdout.write(`${line}\n`), () => systemClock.now());
  let bot: Awaited<ReturnType<typeof startBot>> | undefined;
  // The embedded storage died and could not be started again: stop rather than answer errors.
  const storageFailed = (error: Error) => {
    process.stderr.write(`Uppföljning stops: ${error.message}\n`);
    const exit = () => process.exit(1);
    if (bot) bot.stop().then(exit, exit);
    else exit();
  };
  bot = await startBot(config, { clock: systemClock, log, onStorageFailed: storageFailed });
  process.stdout.write(
    `\nUppföljning is running at ${bot.url}/api/messages (${config.mode} mode).\n` +
      (config.mode === 'local'
        ? 'Talk to it with: npm run playground   (then open the address it prints)\n' + `The Teams tab's page, signing in as one of the register's people: ${bot.url}/tab/\n\n`
        : '\n'),
  );
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info('server.stopping', { signal });
    bot.stop().then(
      () => process.exit(0),
      (err: unknown) => {
        log.error('server.stop-failed', { error: errorMessage(err) });
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((err: unknown) => {
  process.stderr.write(`Uppföljning could not start: ${errorMessage(err)}\n`);
  process.exit(1);
});
