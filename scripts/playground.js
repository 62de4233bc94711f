#!/usr/bin/env node
// `npm run playground`: starts the Microsoft 365 Agents Playground (offline Teams-like client)
// against the bot, and prints the URL to open in a browser.
//
//   BOT_ENDPOINT       the bot's messaging endpoint (default http://127.0.0.1:3978/api/messages)
//   PLAYGROUND_PORT    port of the web UI and its Bot Connector (default 56150)
//   PLAYGROUND_CONFIG  config file (default ./.m365agentsplayground.yml in the repository root)
//   TZ                 timezone the playground reports to the bot (default Europe/Stockholm)
//
// The CLI is run with `node` on its bin file, not through npx (killing npx orphans the child).
// Ctrl-C stops it. Its own messages go to devTools/m365agentsplayground.log.
'use strict';

const { spawn } = require('child_process');
const fs = require('fs');
const net = require('net');
const path = require('path');

const root = path.resolve(__dirname, '..');
const botEndpoint = process.env.BOT_ENDPOINT || 'http://127.0.0.1:3978/api/messages';
const port = Number(process.env.PLAYGROUND_PORT || 56150);
const tz = process.env.TZ || 'Europe/Stockholm';

function playgroundBin() {
  const pkgJson = require.resolve('@microsoft/m365agentsplayground/package.json', { paths: [root] });
  const pkg = JSON.parse(fs.readFileSync(pkgJson, 'utf8'));
  const rel = typeof pkg.bin === 'string' ? pkg.bin : (pkg.bin && pkg.bin.agentsplayground) || 'cli.js';
  return path.join(path.dirname(pkgJson), rel);
}

function botAnswers(endpoint) {
  return new Promise((resolve) => {
    let u;
    try {
      u = new URL(endpoint);
    } catch {
      resolve(false);
      return;
    }
    const socket = net.connect({ host: u.hostname, port: Number(u.port || (u.protocol === 'https:' ? 443 : 80)) });
    socket.setTimeout(1000);
    socket.once('connect', () => { socket.destroy(); resolve(true); });
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => { socket.destroy(); resolve(false); });
  });
}

async function main() {
  if (!Number.isInteger(port) || port <= 0 || port > 65535) {
    console.error(`PLAYGROUND_PORT must be a port number, got ${JSON.stringify(process.env.PLAYGROUND_PORT)}`);
    process.exit(2);
  }
  const env = { ...process.env, BOT_ENDPOINT: botEndpoint, TEAMSAPPTESTER_BROWSER: 'none', TZ: tz };
  if (process.env.PLAYGROUND_CONFIG) {
    const cfg = path.resolve(process.env.PLAYGROUND_CONFIG);
    if (!fs.existsSync(cfg)) {
      console.error(`PLAYGROUND_CONFIG not found: ${cfg}`);
      process.exit(2);
    }
    env.M365_AGENTS_PLAYGROUND_CONFIG_PATH = cfg;
  }
  const configPath = env.M365_AGENTS_PLAYGROUND_CONFIG_PATH || path.join(root, '.m365agentsplayground.yml');
  const logPath = env.M365_AGENTS_PLAYGROUND_LOGFILE || path.join(root, 'devTools', 'm365agentsplayground.log');
  let logOffset = 0;
  try { logOffset = fs.statSync(logPath).size; } catch { /* no log yet */ }

  if (!(await botAnswers(botEndpoint))) {
    console.warn(`Note: nothing answers at ${botEndpoint} yet; start the bot (npm start) and the playground will reach it.`);
  }

  const child = spawn(process.execPath, [playgroundBin(), '--port', String(port), '--disable-telemetry'], {
    cwd: root,
    env,
    stdio: ['ignore', 'pipe', 'inherit'],
  });

  let out = '';
  let listening = false;
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (d) => {
    out += d;
    const m = /Listening on (\d+)/.exec(out);
    if (m && !listening) {
      listening = true;
      const actual = Number(m[1]);
      if (actual !== port) console.warn(`Port ${port} is taken: the playground moved to ${actual}.`);
      console.log(`Microsoft 365 Agents Playground (pid ${child.pid})`);
      console.log(`  open:        http://localhost:${actual}`);
      console.log(`  bot:         ${botEndpoint}`);
      console.log(`  serviceUrl:  http://localhost:${actual}/_connector`);
      console.log(`  config:      ${fs.existsSync(configPath) ? configPath : '(built-in default)'}`);
      console.log(`  log:         ${logPath}`);
      console.log('Ctrl-C to stop.');
    }
  });

  let signals = 0;
  const forward = (sig) => {
    signals += 1;
    if (child.exitCode !== null || child.signalCode !== null) return;
    try { child.kill(signals > 1 ? 'SIGKILL' : sig); } catch { /* already gone */ }
  };
  process.on('SIGINT', () => forward('SIGINT'));
  process.on('SIGTERM', () => forward('SIGTERM'));

  child.on('exit', (code, signal) => {
    if (signals === 0) {
      let log = '';
      try { log = fs.readFileSync(logPath).subarray(logOffset).toString('utf8'); } catch { /* none */ }
      console.error(`The playground exited (${signal || `code ${code}`}).`);
      if (log.trim()) console.error(`--- ${logPath} ---\n${log.split('\n').slice(-30).join('\n')}`);
    }
    process.exit(signals > 0 ? 0 : code === null ? 1 : code);
  });
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
