#!/usr/bin/env node
// Run before the tests: the browser test drives Debian's Chromium. On a fresh machine where we
// are root it installs the package (non-interactively, only when missing); otherwise it says
// how to install it.
'use strict';

const { execFileSync } = require('child_process');
const fs = require('fs');

const chromium = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
if (fs.existsSync(chromium)) process.exit(0);

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const hasApt = fs.existsSync('/usr/bin/apt-get');
if (!isRoot || !hasApt) {
  console.error(
    `Chromium was not found at ${chromium}; the browser test needs it.\n` +
      'Install it (Debian/Ubuntu: sudo apt-get install -y chromium fonts-liberation) or set CHROMIUM_PATH.',
  );
  process.exit(1);
}
console.log('Installing Chromium for the browser test (apt-get install chromium fonts-liberation)…');
const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
execFileSync('apt-get', ['install', '-y', '-qq', 'chromium', 'fonts-liberation'], { stdio: ['ignore', 'inherit', 'inherit'], env });
