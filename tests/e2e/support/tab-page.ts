// The Teams tab's page as the browser tests drive it: built once (the production Vite build into
// dist/tab/, only when a file it was built from, tab/ or package-lock.json changed since), opened in headless Chromium at the real bot's /tab/ in local mode,
// signed in as one of the register's people with "Logga in som", and checked with axe-core.

import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';

const ROOT = path.resolve(__dirname, '..', '..', '..');
export const TAB_PAGE_DIR = path.join(ROOT, 'dist', 'tab');
const BUILT_PAGE = path.join(TAB_PAGE_DIR, 'index.html');
const WAIT_MS = 15_000;

/** The files the last build read, as the build recorded them (tab/vite.config.mjs). */
const BUILD_INPUTS = path.join(ROOT, 'dist', 'tab-inputs.json');

/** The newest modification time of what the page is built from; Infinity when a file is gone. */
function newestSource(): number {
  const newest = (file: string): number => {
    const stat = statSync(file, { throwIfNoEntry: false });
    if (!stat) return Infinity;
    return stat.isDirectory() ? Math.max(stat.mtimeMs, ...readdirSync(file).map((name) => newest(path.join(file, name)))) : stat.mtimeMs;
  };
  const inputs = JSON.parse(readFileSync(BUILD_INPUTS, 'utf8')) as string[];
  return Math.max(...['tab', 'package-lock.json', ...inputs].map((file) => newest(path.join(ROOT, file))));
}

function builtAt(): number {
  return Math.min(statSync(BUILT_PAGE, { throwIfNoEntry: false })?.mtimeMs ?? 0, statSync(BUILD_INPUTS, { throwIfNoEntry: false })?.mtimeMs ?? 0);
}

/**
 * Builds the page as it ships (npm run build:tab with NODE_ENV=production, not jest's `test`, so
 * React's production build is bundled; a few seconds) unless dist/tab/ is newer than its sources.
 */
export function ensureTabPageBuilt(): string {
  const built = builtAt();
  if (built === 0 || built < newestSource()) {
    execFileSync('npm', ['run', 'build:tab', '--silent'], { cwd: ROOT, env: { ...process.env, NODE_ENV: 'production' }, stdio: ['ignore', 'ignore', 'inherit'] });
  }
  return TAB_PAGE_DIR;
}

/** Opens the tab (`query` such as `?locale=en&theme=dark`) and signs in as `personId` ("Logga in som"). */
export async function openTabAs(page: Page, botUrl: string, personId: string, query = ''): Promise<void> {
  await page.goto(`${botUrl}/tab/${query}`);
  await page.evaluate(() => sessionStorage.clear());
  await page.reload();
  const chooser = page.getByRole('combobox', { name: /^(Person)$/ });
  await chooser.waitFor({ timeout: WAIT_MS });
  await chooser.selectOption(personId);
  await page.getByRole('button', { name: /^(Logga in|Sign in)$/ }).click();
  await page.getByText(/^(Inloggad som|Signed in as) /).waitFor({ timeout: WAIT_MS });
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

const AXE_SOURCE = () => readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/**
 * axe-core's serious and critical violations on the page as it is now, and the colour contrasts
 * axe could not decide (`incomplete`) outside the SVG charts (whose texts axe cannot compute; the
 * charts' colours have their own test) and outside what an open modal dialog hides. axe is evaluated through the browser's debugging protocol,
 * which the page's Content-Security-Policy (no inline script) does not govern, so the page is
 * checked with its real policy in force.
 */
export async function seriousAccessibilityProblems(page: Page): Promise<AxeViolation[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE());
  const violations = await page.evaluate(async () => {
    type Node = { target: unknown[]; any?: Array<{ data?: { messageKey?: string } | null }> };
    type Rule = { id: string; impact: string | null; help: string; nodes: Node[] };
    type Result = { violations: Rule[]; passes: Rule[]; incomplete: Rule[] };
    const axe = (window as unknown as { axe: { run(context: Document): Promise<Result> } }).axe;
    const result = await axe.run(document);
    // Behind an open modal dialog the page is inert (and axe cannot see its background): not checked.
    const modal = document.querySelector('[role="dialog"][aria-modal="true"]');
    // Why axe could not decide: a colour it could not read (behind an image, a gradient, a pseudo
    // element, a translucent text) is a real doubt; a text scrolled out of view is not.
    const doubtful = new Set(['bgImage', 'bgGradient', 'imgNode', 'pseudoContent', 'fgAlpha', 'colorParse', 'bgContrast']);
    const decidable = (node: Node) => {
      const element = document.querySelector(String(node.target[0]));
      const why = node.any?.map((check) => check.data?.messageKey).find(Boolean);
      return !!element && !element.closest('svg') && (!modal || modal.contains(element)) && (why === undefined || doubtful.has(why));
    };
    const undecidedContrast = result.incomplete
      .filter((rule) => rule.id === 'color-contrast')
      .map((rule) => ({ ...rule, id: 'color-contrast (undecided)', impact: 'serious', nodes: rule.nodes.filter(decidable) }))
      .filter((rule) => rule.nodes.length > 0);
    return {
      passed: result.passes.length,
      found: [...result.violations, ...undecidedContrast].map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => n.target.join(' ')) })),
    };
  });
  // A check that checked nothing (axe not loaded, an empty page) must not pass as clean.
  if (violations.passed < 10) throw new Error(`axe-core passed only ${violations.passed} rules: did the page render?`);
  return violations.found.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/** WCAG's contrast ratio of two opaque CSS colours as getComputedStyle gives them (`rgb(r, g, b)`). */
export function contrastRatio(first: string, second: string): number {
  const [a, b] = [first, second].map(relativeLuminance).sort((x, y) => y - x);
  return (a + 0.05) / (b + 0.05);
}

function relativeLuminance(colour: string): number {
  const parts = /^rgba?\((\d+(?:\.\d+)?), (\d+(?:\.\d+)?), (\d+(?:\.\d+)?)(?:, (\d?\.?\d+))?\)$/.exec(colour);
  if (!parts || (parts[4] !== undefined && Number(parts[4]) !== 1)) throw new Error(`not an opaque rgb() colour: ${colour}`);
  const [r, g, b] = parts.slice(1, 4).map((part) => {
    const channel = Number(part) / 255;
    return channel <= 0.03928 ? channel / 12.92 : ((channel + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}
