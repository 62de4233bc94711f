// The Teams tab's page: built from tab/ into dist/tab/, served by the bot at /tab/ (bot/tab-page.ts).
// No inline script or style in the output (the server's Content-Security-Policy forbids them);
// assets are named by their hash so the server may cache them for a year.

import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root: here,
  base: '/tab/',
  logLevel: 'warn',
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
