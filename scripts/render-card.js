#!/usr/bin/env node
// Renders an Adaptive Card (a JSON file, as the bot sends it) to a PNG with the `adaptivecards`
// renderer in headless Chromium, at about the width of a card in a Teams chat, so that a person
// can look at a card without Teams. Prints the renderer's parse warnings, if any.
//
//   node scripts/render-card.js <card.json> <out.png> [--width 480]
'use strict';

const fs = require('fs');
const os = require('os');
const path = require('path');
const { chromium } = require('playwright-core');

async function main() {
  const args = process.argv.slice(2);
  const widthAt = args.indexOf('--width');
  const width = widthAt >= 0 ? Number(args.splice(widthAt, 2)[1]) : 480;
  const [input, output] = args;
  if (!input || !output) {
    console.error('usage: node scripts/render-card.js <card.json> <out.png> [--width 480]');
    process.exit(2);
  }
  const card = JSON.parse(fs.readFileSync(input, 'utf8'));
  const renderer = require.resolve('adaptivecards/dist/adaptivecards.js');

  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'card-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    headless: true,
    viewport: { width: width + 40, height: 800 },
    deviceScaleFactor: 1,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    // Nothing leaves the machine: the page is built here and the renderer comes from node_modules.
    await context.route(() => true, (route) => route.abort());
    const page = context.pages()[0] ?? (await context.newPage());
    await page.setContent(
      `<!doctype html><html><head><meta charset="utf-8"><style>
        body { margin: 20px; background: #f5f5f5; font-family: "Segoe UI", "Liberation Sans", Arial, sans-serif; }
        #card { width: ${width}px; background: #fff; border: 1px solid #e0e0e0; border-radius: 6px; box-shadow: 0 1px 3px rgba(0,0,0,.12); }
      </style></head><body><div id="card"></div></body></html>`,
    );
    await page.addScriptTag({ content: fs.readFileSync(renderer, 'utf8') });
    const warnings = await page.evaluate((json) => {
      const AC = window.AdaptiveCards;
      const adaptiveCard = new AC.AdaptiveCard();
      adaptiveCard.hostConfig = new AC.HostConfig({
        fontFamily: '"Segoe UI", "Liberation Sans", Arial, sans-serif',
        actions: { actionsOrientation: 'horizontal', buttonSpacing: 8, actionAlignment: 'left' },
      });
      const context = new AC.SerializationContext();
      adaptiveCard.parse(json, context);
      const problems = [];
      for (let i = 0; i < context.eventCount; i++) problems.push(context.getEventAt(i).message);
      document.getElementById('card').appendChild(adaptiveCard.render());
      return problems;
    }, card);
    for (const warning of warnings) console.warn(`warning: ${warning}`);
    fs.mkdirSync(path.dirname(path.resolve(output)), { recursive: true });
    await page.locator('#card').screenshot({ path: output });
    console.log(`${output}: ${Buffer.byteLength(JSON.stringify(card), 'utf8')} bytes of card`);
  } finally {
    await context.close().catch(() => undefined);
    fs.rmSync(userDataDir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
