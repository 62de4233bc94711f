// Shared sample values for the app package tests: one set of options as the packaging command
// would parse them, and the template filled with them.

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fillPlaceholders, MANIFEST_DIR, parseOptions, placeholderValues, type PackageOptions } from '../../../scripts/package-app';

// @microsoft/app-manifest requires strip-bom 5, an ES module, from CommonJS. Node 20.19+ loads
// it; Jest's module loader does not (before Node 24.9). A CommonJS stand-in that does the same
// lets the real validator load; strip-bom only matters for the library's file readers, unused here.
jest.mock(
  require.resolve('strip-bom', { paths: [require('node:path').dirname(require.resolve('@microsoft/app-manifest/package.json'))] }),
  () => (text: string) => text.replace(/^\uFEFF/, ''),
);

export const BOT_ID = '6f1c2b8e-4d3a-4b7e-9a51-2c8d0e7f1a34';
export const HOST = 'uppfoljning.example.se';

export function options(argv: string[], env: Record<string, string | undefined> = {}): PackageOptions {
  const parsed = parseOptions(argv, env);
  if ('help' in parsed) throw new Error('unexpected --help');
  return parsed;
}

/** Options for a real deployment, with a publisher name that would break naive text substitution. */
export function sampleOptions(outDir = '/tmp/unused'): PackageOptions {
  return options([
    '--bot-id', BOT_ID,
    '--host', HOST,
    '--version', '1.2.3',
    '--out', outDir,
    '--developer-name', 'Kommunen "Exempel" \\ IT',
    '--developer-url', 'https://www.example.se/',
    '--privacy-url', 'https://www.example.se/personuppgifter',
    '--terms-url', 'https://www.example.se/villkor',
  ]);
}

export function readManifestFile(name: string): unknown {
  return JSON.parse(readFileSync(path.join(MANIFEST_DIR, name), 'utf8'));
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any;

/** The template filled with the sample options, as the package's manifest.json. */
export function filledManifest(): Json {
  const { value, problems } = fillPlaceholders(readManifestFile('manifest.template.json'), placeholderValues(sampleOptions()));
  if (problems.length) throw new Error(problems.join('\n'));
  return value;
}
