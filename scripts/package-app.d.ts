// Types of scripts/package-app.js for the TypeScript tests (the script itself is plain
// JavaScript so that `npm run package` needs no build step).

export interface Developer {
  name: string;
  websiteUrl: string;
  privacyUrl: string;
  termsOfUseUrl: string;
}

export interface PackageOptions {
  botId: string;
  host: string;
  version: string;
  outDir: string;
  developer: Developer;
  /** Developer options that were not given and took their defaults. */
  defaulted: string[];
}

export class PackageError extends Error {
  readonly problems: string[];
  constructor(problems: string[]);
}

export const MANIFEST_DIR: string;

export function parseOptions(argv: string[], env?: Record<string, string | undefined>): PackageOptions | { help: true };
export function placeholderValues(options: PackageOptions): Record<string, string>;
export function fillPlaceholders<T>(json: T, values: Record<string, string>, where?: string): { value: T; problems: string[] };
export function schemaProblems(doc: unknown, fileName: string): Promise<string[]>;
export function localizableKeys(manifest: object): string[];
export function localizationProblems(manifest: object, localization: Record<string, unknown>, fileName: string): string[];
export function iconProblems(kind: 'color' | 'outline', bytes: Buffer, fileName: string): string[];
export function buildAppPackage(
  options: PackageOptions,
  manifestDir?: string,
): Promise<{ manifest: Record<string, unknown>; files: Array<[string, Buffer]> }>;
export function zipFiles(files: Array<[string, Buffer]>): Buffer;
export function writeAppPackage(options: PackageOptions, manifestDir?: string): Promise<string>;
