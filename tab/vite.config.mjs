// The Teams tab's page: built from tab/ into dist/tab/, served by the bot at /tab/ (bot/tab-page.ts).
// No inline script or style in the output (the server's Content-Security-Policy forbids them);
// assets are named by their hash so the server may cache them for a year. The build writes the
// list of the files it read (dist/tab-inputs.json, beside the page, not served) so that the browser
// tests can tell whether dist/tab/ is older than any of them.

import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = fileURLToPath(new URL('.', import.meta.url));
const repoRoot = path.resolve(here, '..');

/** Writes dist/tab-inputs.json: the repository's own files the build read (no node_modules). */
const recordInputs = {
  name: 'record-inputs',
  writeBundle() {
    const own = [...this.getModuleIds()]
      .filter((id) => path.isAbsolute(id) && id.startsWith(repoRoot + path.sep) && !id.includes(`${path.sep}node_modules${path.sep}`))
      .map((id) => path.relative(repoRoot, id.split('?')[0]));
    writeFileSync(path.join(repoRoot, 'dist', 'tab-inputs.json'), JSON.stringify([...new Set(own)].sort(), null, 1));
  },
};

export default defineConfig({
  root: here,
  base: '/tab/',
  logLevel: 'warn',
  plugins: [recordInputs],
  oxc: { jsx: { runtime: 'automatic' } },
  build: {
    outDir: fileURLToPath(new URL('../dist/tab', import.meta.url)),
    emptyOutDir: true,
    assetsDir: 'assets',
    assetsInlineLimit: 0,
    target: 'es2022',
    sourcemap: false,
    // React, Fluent UI and the page in one chunk: about 600 kB, some 170 kB gzipped.
    chunkSizeWarningLimit: 800,
    rolldownOptions: {
      // Fluent's modules start with 'use client' (for React server components): meaningless in a page.
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
    },
  },
});
