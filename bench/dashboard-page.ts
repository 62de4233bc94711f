// The browser half of `npm run bench:dashboard`: the tab's page in headless Chromium against the
// running bot (its /tab/ page and API), signed in as the coordinator. For each of a few fresh
// browser contexts (nothing cached): the time from navigation until the table of the round's
// plans shows its rows, and until the page answers a search and a sort; then the page's
// JavaScript, as loaded and as built (teams-js is loaded only inside Teams), raw and gzipped.

import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium, type Page } from 'playwright-core';

const TARGET_MS = 1_500;
const ROWS = '[data-testid="plans-table"] tbody tr';

export interface PageBenchOptions {
  baseUrl: string;
  /** Who signs in ("Logga in som" in local mode). */
  personId: string;
  /** Where the built page is (dist/tab). */
  pageDir: string;
  runs?: number;
  /** Where the first load's screenshot goes (bench/out/ is not kept in git). */
  screenshotPath?: string;
}

interface Run {
  tableMs: number;
  searchMs: number;
  sortMs: number;
  scriptBytes: number;
  scriptGzipped: number;
}

/** The lines to print: the times' median (min–max) and the JavaScript's size. */
export async function dashboardPageFigures(options: PageBenchOptions): Promise<string[]> {
  const runs = options.runs ?? 5;
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
  try {
    const measured: Run[] = [];
    for (let i = 0; i < runs; i++) measured.push(await measureOnce(browser, options, i === 0 ? options.screenshotPath : undefined));
    const table = measured.map((r) => r.tableMs);
    const within = median(table) <= TARGET_MS ? 'within' : 'OVER';
    const built = builtScripts(options.pageDir);
    return [
      `  browser (headless Chromium, ${runs} fresh loads): table of the plans usable ${spread(table)} ms, ${within} the ${TARGET_MS} ms target`,
      `    then a search typed ${spread(measured.map((r) => r.searchMs))} ms, a sort by title ${spread(measured.map((r) => r.sortMs))} ms (50 rows a page)`,
      ...(options.screenshotPath ? [`    screenshot of the first load: ${options.screenshotPath}`] : []),
      `    JavaScript loaded: ${kib(measured[0].scriptBytes)}, ${kib(measured[0].scriptGzipped)} gzipped; built: ${kib(built.bytes)}, ${kib(built.gzipped)} gzipped (${built.files} files, teams-js only inside Teams)`,
    ];
  } finally {
    await browser.close();
  }
}

async function measureOnce(browser: Awaited<ReturnType<typeof chromium.launch>>, options: PageBenchOptions, screenshotPath?: string): Promise<Run> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
  try {
    // Signed in as local mode's chooser leaves it, before the page's own script runs.
    await context.addInitScript((id) => sessionStorage.setItem('uppfoljning.signInAs', id), options.personId);
    const page = await context.newPage();
    let scriptBytes = 0;
    let scriptGzipped = 0;
    page.on('response', (response) => {
      if (response.request().resourceType() !== 'script') return;
      response.body().then(
        (b) => {
          scriptBytes += b.length;
          scriptGzipped += gzipSync(b).length;
        },
        () => undefined,
      );
    });
    await page.goto(`${options.baseUrl}/tab/`, { waitUntil: 'commit' });
    // performance.now() counts from the navigation's start, in the page.
    const shown = await page.waitForFunction((rows) => (document.querySelectorAll(rows).length > 0 ? performance.now() : false), ROWS, { polling: 'raf', timeout: 30_000 });
    const tableMs = (await shown.jsonValue()) as number;
    const searchMs = await timed(page, async () => {
      await page.getByRole('searchbox').fill('zzz-ingen-plan');
      await page.waitForFunction((rows) => document.querySelectorAll(rows).length === 0, ROWS, { polling: 'raf' });
      await page.getByRole('searchbox').fill('');
      await page.waitForFunction((rows) => document.querySelectorAll(rows).length > 0, ROWS, { polling: 'raf' });
    });
    const sortMs = await timed(page, async () => {
      const first = await page.locator(ROWS).first().innerText();
      await page.locator('[data-testid="plans-table"] thead th').first().click();
      await page.waitForFunction(([rows, before]) => document.querySelector(rows)?.textContent !== before, [ROWS, first] as const, { polling: 'raf' }).catch(() => undefined);
    });
    await page.waitForLoadState('networkidle');
    if (screenshotPath) {
      mkdirSync(path.dirname(screenshotPath), { recursive: true });
      await page.screenshot({ path: screenshotPath, fullPage: true });
    }
    return { tableMs, searchMs, sortMs, scriptBytes, scriptGzipped };
  } finally {
    await context.close();
  }
}

async function timed(page: Page, act: () => Promise<void>): Promise<number> {
  const start = await page.evaluate(() => performance.now());
  await act();
  return (await page.evaluate(() => performance.now())) - start;
}

function builtScripts(pageDir: string): { files: number; bytes: number; gzipped: number } {
  const assets = path.join(pageDir, 'assets');
  const scripts = readdirSync(assets).filter((f) => f.endsWith('.js')).map((f) => readFileSync(path.join(assets, f)));
  return { files: scripts.length, bytes: sum(scripts.map((s) => s.length)), gzipped: sum(scripts.map((s) => gzipSync(s).length)) };
}

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const spread = (xs: number[]) => `${median(xs).toFixed(0)} (${Math.min(...xs).toFixed(0)}–${Math.max(...xs).toFixed(0)})`;
const kib = (bytes: number) => `${(bytes / 1024).toFixed(0)} KiB`;
