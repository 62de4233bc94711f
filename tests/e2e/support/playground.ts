/**
 * Harness for driving the Microsoft 365 Agents Playground (the offline Teams-like client from
 * `@microsoft/m365agentsplayground`) in headless Chromium through playwright-core.
 *
 *   const pg = await startPlayground({ botEndpoint: `http://127.0.0.1:${botPort}/api/messages` });
 *   const { page, close } = await launchBrowser();
 *   await openPlayground(page, pg.url);
 *   await sendMessage(page, 'hej');
 *   await waitForText(page, 'Eko: hej');
 *   await fillCardInput(page, 'Vad har gjorts?', 'Rad 1\nRad 2');
 *   await chooseCardOption(page, 'Status', 'I fas');
 *   await clickCardAction(page, 'Skicka in');
 *   await waitForText(page, 'Tack! Sparat.');
 *   await screenshot(page, 'after-submit');
 *   await openChat(page, 'Group Chat');
 *   await sendMessage(page, 'hej', { mention: 'Uppföljning' });
 *   await close(); await pg.stop();
 *
 * Facts about playground 0.2.28 this relies on (verified against the real UI):
 * - The UI is plain DOM (no iframe, no shadow root). Adaptive Cards are rendered by the
 *   adaptivecards JS renderer with Fluent UI v9 inputs inside `.ac-adaptiveCard`.
 * - In a chat every message is a `div` whose direct child is `[aria-label="Message header"]`; in a
 *   channel every thread is a `.fui-Card[role=group]` (newest thread first) with its own reply
 *   box. A message's text also shows in the chat list preview and in the Log Panel, so text
 *   look-ups are scoped to messages.
 * - A card input's DOM id is a generated `__ac-<uuid>`, NOT the card's `id`: inputs are found by
 *   their label (`<label for>` + aria-labelledby), their placeholder or their aria-label.
 * - Input.ChoiceSet: style "compact" is a Fluent Combobox (`role=combobox`, named by the label,
 *   aria-label = placeholder) whose pop-up (`aria-controls`) holds `role=option`s, or
 *   `role=menuitemcheckbox`es when isMultiSelect; style "expanded" is a `role=radiogroup` named by
 *   the label, or, when isMultiSelect, checkboxes in an unnamed div next to the label.
 * - The composer is a Lexical editor (`[contenteditable][role=textbox][data-lexical-editor]`)
 *   sent with its "Send Message" button ("Post" for a new channel post). Text inserted with "\n"
 *   keeps the newline; Shift+Enter line breaks are dropped from the sent text. In Group Chat and
 *   channels the bot only receives messages that @mention it (type "@", pick from the menu).
 * - Opening (or reloading) the page makes the playground send the bot an installationUpdate
 *   (action "add") and a conversationUpdate (membersAdded) for Personal Chat; the first visit to
 *   Group Chat or a channel in that page does the same for it. The page keeps no history across
 *   reloads, and messages sent while no page is open are not shown later.
 * - With stdout not a TTY the CLI prints only `Listening on <port>` to stdout; everything else
 *   (startup errors included) goes to `<cwd>/devTools/m365agentsplayground.log`. It listens on
 *   all interfaces and silently takes a random port when the asked one is taken.
 */
import { spawn, type ChildProcess } from 'child_process';
import * as fs from 'fs';
import * as net from 'net';
import * as os from 'os';
import * as path from 'path';
import { chromium, type BrowserContext, type Locator, type Page } from 'playwright-core';

/** Repository root (this file is tests/e2e/support/playground.ts). */
const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');
/** Where screenshot() writes. */
export const ARTIFACTS_DIR = path.resolve(__dirname, '..', 'artifacts');

const DEFAULT_START_TIMEOUT_MS = 30_000;
const DEFAULT_WAIT_MS = 15_000;

// ---------------------------------------------------------------------------------------------
// Playground process
// ---------------------------------------------------------------------------------------------

export interface StartPlaygroundOptions {
  /** The bot's messaging endpoint, e.g. http://127.0.0.1:3978/api/messages */
  botEndpoint: string;
  /** Working directory of the playground (where it looks for .m365agentsplayground.yml and
   *  writes devTools/m365agentsplayground.log). Default: the repository root. */
  cwd?: string;
  /** Config file to use instead of `<cwd>/.m365agentsplayground.yml` (must exist: the
   *  playground silently falls back to its built-in config when the file is missing). */
  configPath?: string;
  /** Port for the UI and its Bot Connector. Default: a free port. */
  port?: number;
  /** How long to wait for the UI to answer. Default 30 s. */
  startTimeoutMs?: number;
  /** Extra environment for the playground process, e.g. `{ TZ: 'Europe/Stockholm' }` (the
   *  timezone the playground reports in activities is its own process's). */
  env?: Record<string, string | undefined>;
}

export interface RunningPlayground {
  /** URL of the web UI, e.g. http://127.0.0.1:56321 */
  url: string;
  /** The port it actually listens on (it moves to a random port if the asked one is taken). */
  port: number;
  /** The port that was asked for; differs from `port` only if the playground moved. */
  requestedPort: number;
  /** The serviceUrl the bot sees in activities: http://localhost:PORT/_connector */
  serviceUrl: string;
  /** PID of the playground process. */
  pid: number;
  /** Its log file. */
  logPath: string;
  /** Kills the process (and any children it spawned) and waits for it to exit. Idempotent. */
  stop(): Promise<void>;
}

/** A port that was free on 127.0.0.1 a moment ago (listen on port 0, read it, close). */
export function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close((err) => (err ? reject(err) : resolve(port)));
    });
  });
}

/** Absolute path of the playground CLI's bin JS file (run it with `node`, never via npx). */
export function playgroundBin(fromDir: string = REPO_ROOT): string {
  const pkgJson = require.resolve('@microsoft/m365agentsplayground/package.json', {
    paths: [fromDir, REPO_ROOT],
  });
  const pkg = JSON.parse(fs.readFileSync(pkgJson, 'utf8')) as { bin?: string | Record<string, string> };
  const rel = typeof pkg.bin === 'string' ? pkg.bin : pkg.bin?.agentsplayground ?? 'cli.js';
  return path.join(path.dirname(pkgJson), rel);
}

function tail(text: string, lines: number): string {
  return text.split(/\r?\n/).slice(-lines).join('\n');
}

function readFrom(file: string, offset: number): string {
  try {
    const buf = fs.readFileSync(file);
    return buf.subarray(Math.min(offset, buf.length)).toString('utf8');
  } catch {
    return '';
  }
}

/** PIDs of all descendants of `pid` (Linux /proc; empty elsewhere). */
function descendants(pid: number): number[] {
  let entries: string[];
  try {
    entries = fs.readdirSync('/proc').filter((e) => /^\d+$/.test(e));
  } catch {
    return [];
  }
  const children = new Map<number, number[]>();
  for (const e of entries) {
    try {
      const stat = fs.readFileSync(`/proc/${e}/stat`, 'utf8');
      // pid (comm) state ppid ... ; comm may contain spaces/parentheses, so split after the last ')'
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const list = children.get(ppid) ?? [];
      list.push(Number(e));
      children.set(ppid, list);
    } catch {
      /* process went away */
    }
  }
  const out: number[] = [];
  const stack = [pid];
  while (stack.length) {
    for (const c of children.get(stack.pop()!) ?? []) {
      out.push(c);
      stack.push(c);
    }
  }
  return out;
}

function killTree(pid: number, signal: NodeJS.Signals): void {
  for (const p of [...descendants(pid).reverse(), pid]) {
    try {
      process.kill(p, signal);
    } catch {
      /* already gone */
    }
  }
}

function waitForExit(child: ChildProcess, ms: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const t = setTimeout(() => {
      child.off('exit', onExit);
      resolve(false);
    }, ms);
    const onExit = () => {
      clearTimeout(t);
      resolve(true);
    };
    child.once('exit', onExit);
  });
}

async function httpAnswers(url: string): Promise<boolean> {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
    const body = await res.text();
    return res.ok && body.includes('Agents Playground');
  } catch {
    return false;
  }
}

/**
 * Starts the playground CLI (`node <bin> --port P --disable-telemetry`) against `botEndpoint`
 * and resolves once its web UI answers on the port it really listens on.
 */
export async function startPlayground(opts: StartPlaygroundOptions): Promise<RunningPlayground> {
  const cwd = path.resolve(opts.cwd ?? REPO_ROOT);
  const requestedPort = opts.port ?? (await findFreePort());
  const timeoutMs = opts.startTimeoutMs ?? DEFAULT_START_TIMEOUT_MS;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    BOT_ENDPOINT: opts.botEndpoint,
    TEAMSAPPTESTER_BROWSER: 'none',
    ...opts.env,
  };
  if (opts.configPath) {
    const cfg = path.resolve(cwd, opts.configPath);
    if (!fs.existsSync(cfg)) throw new Error(`Playground config not found: ${cfg}`);
    env.M365_AGENTS_PLAYGROUND_CONFIG_PATH = cfg;
  }
  const logPath =
    env.M365_AGENTS_PLAYGROUND_LOGFILE || env.TEAMSAPPTESTER_LOGFILE || path.join(cwd, 'devTools', 'm365agentsplayground.log');
  let logOffset = 0;
  try {
    logOffset = fs.statSync(logPath).size;
  } catch {
    /* no log yet */
  }

  const child = spawn(process.execPath, [playgroundBin(cwd), '--port', String(requestedPort), '--disable-telemetry'], {
    cwd,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const pid = child.pid;
  if (pid === undefined) throw new Error('Failed to spawn the playground process');

  let stdout = '';
  let stderr = '';
  let listeningPort: number | undefined;
  child.stdout!.setEncoding('utf8');
  child.stderr!.setEncoding('utf8');
  child.stdout!.on('data', (d: string) => {
    stdout = (stdout + d).slice(-20_000);
    const m = /Listening on (\d+)/.exec(stdout);
    if (m && listeningPort === undefined) listeningPort = Number(m[1]);
  });
  child.stderr!.on('data', (d: string) => {
    stderr = (stderr + d).slice(-20_000);
  });
  let exited: string | undefined;
  child.once('exit', (code, signal) => {
    exited = `exited with ${signal ?? `code ${code}`}`;
  });
  // Never leave a playground behind when the test process ends without calling stop().
  const onParentExit = () => killTree(pid, 'SIGKILL');
  process.once('exit', onParentExit);

  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      if (child.exitCode === null && child.signalCode === null) {
        killTree(pid, 'SIGTERM');
        if (!(await waitForExit(child, 5000))) {
          killTree(pid, 'SIGKILL');
          await waitForExit(child, 5000);
        }
      }
      process.removeListener('exit', onParentExit);
    })();
    return stopping;
  };

  const failure = async (why: string): Promise<never> => {
    await stop();
    const log = readFrom(logPath, logOffset);
    throw new Error(
      `Agents Playground did not start (${why}).\n` +
        `command: node ${playgroundBin(cwd)} --port ${requestedPort} --disable-telemetry (cwd ${cwd})\n` +
        `--- ${logPath} (tail) ---\n${tail(log, 40) || '(empty)'}\n` +
        `--- stderr (tail) ---\n${tail(stderr, 40) || '(empty)'}\n` +
        `--- stdout (tail) ---\n${tail(stdout, 10) || '(empty)'}`,
    );
  };

  const deadline = Date.now() + timeoutMs;
  let port: number | undefined;
  while (port === undefined) {
    if (exited) return failure(`process ${exited}`);
    if (Date.now() > deadline) return failure(`no answer within ${timeoutMs} ms`);
    // Only trust the port the process itself reports: the asked-for port may be answered by
    // someone else when the playground silently moved.
    if (listeningPort !== undefined && (await httpAnswers(`http://127.0.0.1:${listeningPort}/`))) port = listeningPort;
    else await new Promise((r) => setTimeout(r, 100));
  }
  if (port !== requestedPort) {
    process.emitWarning(`Agents Playground: port ${requestedPort} was taken, it moved to ${port}`);
  }
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    requestedPort,
    serviceUrl: `http://localhost:${port}/_connector`,
    pid,
    logPath,
    stop,
  };
}

// ---------------------------------------------------------------------------------------------
// Browser
// ---------------------------------------------------------------------------------------------

export interface LaunchBrowserOptions {
  /** Default { width: 1400, height: 1000 }: wide enough for chat pane + log panel. */
  viewport?: { width: number; height: number };
  /** Default true. */
  headless?: boolean;
  /** Browser locale (UI only; the playground stamps activities with en-US regardless). */
  locale?: string;
}

export interface LaunchedBrowser {
  page: Page;
  context: BrowserContext;
  /** Closes the browser and removes its temporary profile. */
  close(): Promise<void>;
}

function isLocalUrl(u: URL): boolean {
  if (!/^(https?|wss?):$/.test(u.protocol)) return true;
  const h = u.hostname;
  return h === 'localhost' || h === '[::1]' || h === '::1' || /^127\./.test(h);
}

/**
 * Headless Chromium (Debian's /usr/bin/chromium, or env CHROMIUM_PATH) with a fresh profile.
 * Requests to anything but loopback are aborted (the playground asks a CDN for fonts).
 */
export async function launchBrowser(opts: LaunchBrowserOptions = {}): Promise<LaunchedBrowser> {
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pg-chromium-'));
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
      headless: opts.headless ?? true,
      viewport: opts.viewport ?? { width: 1400, height: 1000 },
      locale: opts.locale,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
  } catch (e) {
    fs.rmSync(userDataDir, { recursive: true, force: true });
    throw e;
  }
  await context.route((u) => !isLocalUrl(u), (route) => route.abort());
  const page = context.pages()[0] ?? (await context.newPage());
  let closed = false;
  return {
    page,
    context,
    async close() {
      if (closed) return;
      closed = true;
      await context.close().catch(() => undefined);
      fs.rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Page helpers
// ---------------------------------------------------------------------------------------------

/** The message composer (Lexical editor; in a channel, the "Start a new post" box). */
export function composer(page: Page): Locator {
  return page.locator(COMPOSER).first();
}
const COMPOSER = '[contenteditable="true"][role="textbox"][data-lexical-editor="true"]';

/** Every message in the open conversation, oldest first: in a chat each message item; in a
 *  channel each thread (the post with its replies, as a `.fui-Card[role=group]`). */
export function messages(page: Page): Locator {
  return page
    .locator('div:has(> [aria-label="Message header"])')
    .or(page.locator('.fui-Card[role="group"]:has([aria-label="Show more information"])'));
}

/** Every rendered Adaptive Card on the page, oldest first. */
export function cards(page: Page): Locator {
  return page.locator('.ac-adaptiveCard');
}

/** Opens the playground UI and waits until the composer is ready. Opening the page is what makes
 *  the playground send installationUpdate + conversationUpdate (Personal Chat) to the bot. */
export async function openPlayground(page: Page, url: string, timeoutMs = DEFAULT_WAIT_MS): Promise<void> {
  await page.goto(url, { waitUntil: 'load', timeout: timeoutMs });
  await composer(page).waitFor({ state: 'visible', timeout: timeoutMs });
}

/** Switches conversation in the left list: 'Personal Chat', 'Group Chat', 'My Team - General',
 *  'My Team - Announcements' (the tree items' accessible names). */
export async function openChat(page: Page, name: string, timeoutMs = DEFAULT_WAIT_MS): Promise<void> {
  await page.getByRole('treeitem', { name, exact: true }).click({ timeout: timeoutMs });
  await composer(page).waitFor({ state: 'visible', timeout: timeoutMs });
}

export interface SendMessageOptions {
  /** @mention someone first (needed to reach the bot in Group Chat and in channels): the name as
   *  the composer's "@" menu shows it, i.e. the config's bot.name or a user's name. */
  mention?: string;
  /** Send with the composer inside this element instead of the page's main one, e.g. a channel
   *  thread's reply box: `{ in: await waitForText(page, 'the post') }`. */
  in?: Locator;
  timeoutMs?: number;
}

/**
 * Types `text` into the composer and sends it ("Send Message" in chats, "Post" for a new channel
 * post). Newlines in `text` are kept (inserted as text; Shift+Enter line breaks are lost by the
 * playground).
 */
export async function sendMessage(page: Page, text: string, opts: SendMessageOptions = {}): Promise<void> {
  const timeoutMs = opts.timeoutMs ?? DEFAULT_WAIT_MS;
  const editor = opts.in ? opts.in.locator(COMPOSER).last() : composer(page);
  await editor.click({ timeout: timeoutMs });
  if (opts.mention) {
    await page.keyboard.type('@');
    // A menu item's accessible name repeats the avatar's label, so match on its text's ending.
    const endsWithName = new RegExp(escapeRegExp(opts.mention) + '\\s*$');
    await page.getByRole('menuitem').filter({ hasText: endsWithName }).first().click({ timeout: timeoutMs });
    if (text) await page.keyboard.insertText(' ');
  }
  if (text) await page.keyboard.insertText(text);
  // The send button nearest to this editor: "Send Message" (chat, thread reply) or "Post".
  await editor
    .locator('xpath=ancestor::*[.//button[@aria-label="Send Message" or normalize-space(.)="Post"]][1]')
    .getByRole('button', { name: /^(Send Message|Post)$/ })
    .first()
    .click({ timeout: timeoutMs });
  // Sent once the editor is empty again.
  const deadline = Date.now() + timeoutMs;
  while (((await editor.innerText()) ?? '').trim() !== '') {
    if (Date.now() > deadline) throw new Error(`sendMessage: composer did not clear after sending ${JSON.stringify(text)}`);
    await page.waitForTimeout(50);
  }
}

/** Waits until a message (text or card content) contains `text` (substring, case-insensitive,
 *  whitespace-normalised; or a RegExp). Ignores the chat list preview and the Log Panel.
 *  Resolves with the matching message that is last in the DOM (the newest in a chat; in a
 *  channel, where threads are listed newest first, the oldest matching thread). */
export async function waitForText(page: Page, text: string | RegExp, timeoutMs = DEFAULT_WAIT_MS): Promise<Locator> {
  const msg = messages(page).filter({ hasText: text }).last();
  try {
    await msg.waitFor({ state: 'visible', timeout: timeoutMs });
  } catch (e) {
    const seen = await messages(page)
      .allInnerTexts()
      .catch(() => [] as string[]);
    throw new Error(
      `waitForText: no message containing ${String(text)} within ${timeoutMs} ms. Messages seen:\n` +
        seen.map((s) => '  | ' + s.replace(/\s+/g, ' ').slice(0, 200)).join('\n'),
      { cause: e },
    );
  }
  return msg;
}

/** A RegExp matching exactly `text` (trimmed; a trailing required-marker "*" allowed). */
function exact(text: string): RegExp {
  return new RegExp('^\\s*' + escapeRegExp(text) + '\\s*\\*?\\s*$');
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Polls until one of the locators matches something; returns it (in order of preference). */
async function firstMatching(page: Page, what: string, candidates: Locator[], timeoutMs: number): Promise<Locator> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    for (const c of candidates) if ((await c.count()) > 0) return c;
    if (Date.now() > deadline) throw new Error(`${what} not found within ${timeoutMs} ms`);
    await page.waitForTimeout(100);
  }
}

/** Where to look for a card element: in the newest card (last in DOM order) that has one,
 *  matching exactly first, then loosely. `pick(scope, isExact)` builds the element's locator. */
function inNewestCard(page: Page, pick: (scope: Page | Locator, isExact: boolean) => Locator): Locator[] {
  return [true, false].map((isExact) => {
    const card = cards(page).filter({ has: pick(page, isExact) }).last();
    return pick(card, isExact).last();
  });
}

/**
 * Fills an Adaptive Card Input.Text (single- or multi-line; "\n" is kept in multi-line inputs)
 * in the newest card that has it ("newest" = last in the DOM; in a channel that is the oldest
 * thread, so give cards in different threads different labels). `key` is the input's label, placeholder or aria-label — the
 * card's input `id` is not in the DOM.
 */
export async function fillCardInput(page: Page, key: string, value: string, timeoutMs = DEFAULT_WAIT_MS): Promise<void> {
  const textInput = (scope: Page | Locator, isExact: boolean) =>
    scope
      .locator('textarea, input:not([type="radio"]):not([type="checkbox"]):not([role="combobox"])')
      .and(scope.getByLabel(key, { exact: isExact }).or(scope.getByPlaceholder(key, { exact: isExact })));
  const input = await firstMatching(page, `Card input "${key}"`, inNewestCard(page, textInput), timeoutMs);
  await input.fill(value);
  const got = await input.inputValue();
  if (got !== value) throw new Error(`fillCardInput("${key}"): value is ${JSON.stringify(got)} after fill`);
}

/**
 * Chooses `option` (a choice's title) in an Adaptive Card Input.ChoiceSet in the newest card that
 * has it. `key` is the ChoiceSet's label (or placeholder, for compact style). Works for
 * style "compact" (combobox + listbox), "expanded" (radio group) and isMultiSelect
 * (checkboxes / multi-select listbox: each call adds one option).
 */
export async function chooseCardOption(page: Page, key: string, option: string, timeoutMs = DEFAULT_WAIT_MS): Promise<void> {
  // An expanded multi-select has no named group: its checkboxes sit in the field whose <label>
  // is the ChoiceSet's label.
  const labelText = exact(key);
  const choiceSet = (scope: Page | Locator, isExact: boolean) =>
    scope
      .getByRole('combobox', { name: key, exact: isExact })
      .or(scope.getByRole('combobox').and(scope.getByPlaceholder(key, { exact: isExact })))
      .or(scope.getByRole('radiogroup', { name: key, exact: isExact }))
      .or(
        scope
          .locator('div:has(> label):has(input[type="checkbox"], input[type="radio"])')
          // (a `has` locator is relative to the element it filters, so it is built from `page`)
          .filter({ has: page.locator(':scope > label').filter({ hasText: isExact ? labelText : key }) }),
      );
  const set = await firstMatching(page, `Card choice set "${key}"`, inNewestCard(page, choiceSet), timeoutMs);
  const role = await set.getAttribute('role');
  if (role === 'combobox') {
    if ((await set.getAttribute('aria-expanded')) !== 'true') await set.click({ timeout: timeoutMs });
    // The pop-up sits outside the card: a listbox of options (single select) or a menu of
    // menuitemcheckboxes (isMultiSelect), found through the combobox's aria-controls.
    await set.and(page.locator('[aria-controls]')).waitFor({ timeout: timeoutMs });
    const popup = page.locator(`[id="${await set.getAttribute('aria-controls')}"]`);
    const opt = popup
      .getByRole('option', { name: option, exact: true })
      .or(popup.getByRole('menuitemcheckbox', { name: option, exact: true }));
    if ((await opt.getAttribute('aria-checked', { timeout: timeoutMs })) !== 'true') await opt.click({ timeout: timeoutMs });
    if ((await set.getAttribute('aria-expanded')) === 'true') await page.keyboard.press('Escape');
    const got = await set.inputValue();
    if (!got.split(/,\s*/).includes(option) && got !== option) {
      throw new Error(`chooseCardOption("${key}"): combobox shows ${JSON.stringify(got)}, not ${JSON.stringify(option)}`);
    }
    return;
  }
  // Each choice is `<span><input type=radio|checkbox> … <label for>Title</label></span>`; the
  // input's accessible name also carries the set's label, so match on the <label> text.
  const item = set
    .locator('span:has(> input[type="radio"], > input[type="checkbox"])')
    .filter({ has: page.locator(':scope > label').filter({ hasText: exact(option) }) })
    .locator('input');
  await item.check({ timeout: timeoutMs });
}

/** Clicks the action button titled `title` in the newest card that has one. */
export async function clickCardAction(page: Page, title: string, timeoutMs = DEFAULT_WAIT_MS): Promise<void> {
  const button = (scope: Page | Locator, isExact: boolean) => scope.getByRole('button', { name: title, exact: isExact });
  const btn = await firstMatching(page, `Card action "${title}"`, inNewestCard(page, button), timeoutMs);
  await btn.click({ timeout: timeoutMs });
}

/** Saves a PNG of the page to tests/e2e/artifacts/<name>.png and returns its path. */
export async function screenshot(page: Page, name: string, options: { fullPage?: boolean } = {}): Promise<string> {
  fs.mkdirSync(ARTIFACTS_DIR, { recursive: true });
  const ignore = path.join(ARTIFACTS_DIR, '.gitignore');
  if (!fs.existsSync(ignore)) fs.writeFileSync(ignore, '*.png\n');
  const file = path.join(ARTIFACTS_DIR, name.replace(/\.png$/i, '').replace(/[^\w.-]+/g, '_') + '.png');
  await page.screenshot({ path: file, fullPage: options.fullPage });
  return file;
}

/**
 * Sets an Adaptive Card Input.Date in the newest card that has it. The playground renders it as a
 * Fluent DatePicker: a text `role=combobox` with a calendar pop-up (`aria-haspopup=dialog`),
 * named by the card's label, showing the date en-US style ("May 14, 2026") whatever the card's
 * language. The date is typed in that form and confirmed with Enter, which is how the picker
 * takes typed text; `isoDate` is `yyyy-mm-dd`, as the card sends it back.
 */
export async function fillCardDate(page: Page, key: string, isoDate: string, timeoutMs = DEFAULT_WAIT_MS): Promise<void> {
  const dateInput = (scope: Page | Locator, isExact: boolean) =>
    scope.locator('input[role="combobox"][aria-haspopup="dialog"]').and(scope.getByLabel(key, { exact: isExact }));
  const input = await firstMatching(page, `Card date "${key}"`, inNewestCard(page, dateInput), timeoutMs);
  const [year, month, day] = isoDate.split('-').map(Number);
  const shown = new Date(Date.UTC(year, month - 1, day)).toLocaleDateString('en-US', { month: 'long', day: 'numeric', year: 'numeric', timeZone: 'UTC' });
  await input.click({ timeout: timeoutMs });
  await input.fill(shown);
  await input.press('Enter');
  if ((await input.getAttribute('aria-expanded')) === 'true') await page.keyboard.press('Escape');
  const got = await input.inputValue();
  if (got !== shown) throw new Error(`fillCardDate("${key}"): the picker shows ${JSON.stringify(got)}, not ${JSON.stringify(shown)}`);
}
