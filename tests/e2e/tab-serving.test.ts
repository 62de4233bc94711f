// How the bot's server serves the Teams tab's page at /tab/, over HTTP against the real server in
// local mode: index.html for each of the page's own paths and never cached, the hashed assets
// cached for a year as the type they are, nothing outside the built folder, and on every answer a
// Content-Security-Policy that lets Teams (and nobody else) frame the page and runs no inline script.

import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { RunningBot } from '../../bot/main';
import { rawExchange, requestText } from '../support/raw-http';
import { testTableStores } from '../support/storage';
import { startTestBot, stopTestBot } from './support/test-bot';

const INDEX = '<!doctype html><title>Uppföljning</title><script type="module" src="/tab/assets/index-abc123.js"></script>';
const SCRIPT = 'console.log("tab");';

function builtPage(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'tab-'));
  mkdirSync(path.join(dir, 'assets'));
  writeFileSync(path.join(dir, 'index.html'), INDEX);
  writeFileSync(path.join(dir, 'assets', 'index-abc123.js'), SCRIPT);
  writeFileSync(path.join(dir, 'assets', 'index-abc123.css'), 'body{}');
  return dir;
}

describe('the tab page served by the bot', () => {
  let bot: RunningBot;
  let unbuilt: RunningBot;
  const now = () => new Date('2026-03-02T09:00:00Z');

  beforeAll(async () => {
    const stores = await testTableStores();
    bot = await startTestBot(stores, now, {}, undefined, { tabPageDir: builtPage() });
    unbuilt = await startTestBot(stores, now, {}, undefined, { tabPageDir: mkdtempSync(path.join(os.tmpdir(), 'tab-empty-')) });
  });
  afterAll(async () => {
    await stopTestBot(bot);
    await stopTestBot(unbuilt);
  });

  it.each(['/tab/', '/tab/config', '/tab/?round=kf-2026&locale=en', '/tab/rounds/kf-2026'])('answers %s with the page, not cached', async (address) => {
    const res = await fetch(`${bot.url}${address}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('cache-control')).toBe('no-cache');
    expect(await res.text()).toBe(INDEX);
  });

  it('answers HEAD for the page with its headers', async () => {
    const res = await fetch(`${bot.url}/tab/`, { method: 'HEAD' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('content-length')).toBe(String(Buffer.byteLength(INDEX)));
  });

  it('sends /tab on to /tab/', async () => {
    const res = await fetch(`${bot.url}/tab`, { redirect: 'manual' });
    expect(res.status).toBe(301);
    expect(res.headers.get('location')).toBe('/tab/');
  });

  it('serves a hashed asset as its type, cached for a year', async () => {
    const script = await fetch(`${bot.url}/tab/assets/index-abc123.js`);
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(script.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(await script.text()).toBe(SCRIPT);
    const style = await fetch(`${bot.url}/tab/assets/index-abc123.css`);
    expect(style.headers.get('content-type')).toBe('text/css; charset=utf-8');
  });

  it('answers 404 for an asset that is not there rather than the page', async () => {
    const res = await fetch(`${bot.url}/tab/assets/missing-000.js`);
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toBe('text/plain; charset=utf-8');
  });

  it.each(['/tab/..%2f..%2fpackage.json', '/tab/assets/..%2f..%2f..%2fpackage.json', '/tab/%2e%2e/%2e%2e/package.json', '/tab/%E0%A4%A'])('serves nothing outside the built page for %s', async (address) => {
    const answer = await rawExchange(bot.port, requestText('GET', address, { host: `127.0.0.1:${bot.port}`, connection: 'close' }));
    expect(answer.received).not.toContain('"name": "uppfoljning"');
    expect([200, 404]).toContain(answer.status);
    if (answer.status === 200) expect(answer.received).toContain(INDEX);
  });

  it('lets Teams, Outlook and Microsoft 365 frame the page, runs only its own scripts and forbids sniffing', async () => {
    for (const address of ['/tab/', '/tab/assets/index-abc123.js']) {
      const res = await fetch(`${bot.url}${address}`);
      const policy = Object.fromEntries((res.headers.get('content-security-policy') ?? '').split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name, values]));
      expect(policy['frame-ancestors']).toEqual(expect.arrayContaining(["'self'", 'https://teams.microsoft.com', 'https://*.teams.microsoft.com', 'https://*.skype.com', 'https://*.office.com', 'https://outlook.office.com']));
      expect(policy['frame-ancestors']).not.toContain('*');
      expect(policy['script-src']).toEqual(["'self'"]);
      expect(policy['object-src']).toEqual(["'none'"]);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    }
  });

  it('says the page is not built when it is not, rather than serving nothing', async () => {
    const res = await fetch(`${unbuilt.url}/tab/`);
    expect(res.status).toBe(503);
    expect(await res.text()).toContain('npm run build');
  });
});
