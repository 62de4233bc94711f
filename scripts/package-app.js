#!/usr/bin/env node
// `npm run package -- --bot-id <GUID> --host <host> [--version x.y.z] [--out dir]`: builds the
// Teams app package (manifest.json, its localisation files and the two icons at the zip root)
// from manifest/, validates it offline and prints where the zip is. The bot id and host default
// to MicrosoftAppId and PUBLIC_BASE_URL, the version to package.json's.
//
// Also a module: the tests build and inspect packages through the same functions.
'use strict';

const fs = require('fs');
const path = require('path');
const AdmZip = require('adm-zip');
const { PNG } = require('pngjs');

const ROOT = path.resolve(__dirname, '..');
const MANIFEST_DIR = path.join(ROOT, 'manifest');
const TEMPLATE = 'manifest.template.json';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// RFC 1123 host name: dot-separated labels of letters, digits and inner hyphens.
const HOST_NAME = /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/i;
// Teams documents the app version as MAJOR.MINOR.PATCH; its schema does not check, so we do.
const VERSION = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$/;
// Any `{{…}}`, so that a misspelt placeholder is reported rather than shipped.
const PLACEHOLDER = /\{\{\s*([^{}]*?)\s*\}\}/g;

/** Every problem found, reported together, so one run shows all that needs fixing. */
class PackageError extends Error {
  constructor(problems) {
    super(problems.join('\n'));
    this.name = 'PackageError';
    this.problems = problems;
  }
}

const USAGE = `Usage: npm run package -- --bot-id <GUID> --host <host name> [options]

  --bot-id <GUID>          the bot's Microsoft App (client) id (default: MicrosoftAppId)
  --host <host name>       where Teams reaches the bot, e.g. uppfoljning.kommun.se, without
                           https:// or a path (default: the host of PUBLIC_BASE_URL)
  --version <x.y.z>        app version; raise it for every upload (default: package.json's)
  --out <dir>              output folder (default: dist/app-package)
  --developer-name <name>  publisher shown in Teams, at most 32 characters
  --developer-url <url>    publisher's website (https)
  --privacy-url <url>      privacy statement (https)
  --terms-url <url>        terms of use (https)`;

const OPTIONS = ['bot-id', 'host', 'version', 'out', 'developer-name', 'developer-url', 'privacy-url', 'terms-url'];

/** A bot id problem, or undefined when it is a GUID. */
function botIdProblem(botId) {
  if (!botId) return 'The bot id is missing: pass --bot-id <GUID> or set MicrosoftAppId.';
  if (!GUID.test(botId)) return `The bot id "${botId}" is not a GUID (the Microsoft App id looks like 00000000-0000-0000-0000-000000000000).`;
  return undefined;
}

/**
 * A host problem, or undefined when it is a bare host name (what validDomains and api:// take).
 * `source` says where a defaulted host came from, so the message points at the right place.
 */
function hostProblem(host, source = '') {
  const the = `The host "${host}"${source}`;
  if (!host) return 'The host is missing: pass --host <host name> or set PUBLIC_BASE_URL.';
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(host)) return `${the} has a scheme: give the host name only, e.g. uppfoljning.kommun.se.`;
  if (/[/?#]/.test(host)) return `${the} has a path: give the host name only, e.g. uppfoljning.kommun.se.`;
  if (/:\d*$/.test(host)) return `${the} has a port: Teams' validDomains and the api:// resource take the host name only.`;
  if (!HOST_NAME.test(host)) return `${the} is not a host name.`;
  return undefined;
}

function versionProblem(version) {
  if (!VERSION.test(version)) return `The version "${version}" is not of the form x.y.z (e.g. 1.0.0), which Teams requires.`;
  return undefined;
}

/** The host of PUBLIC_BASE_URL, or the raw value when it is not a URL (then refused as a host). */
function hostFromBaseUrl(baseUrl) {
  if (!baseUrl) return undefined;
  try {
    return new URL(baseUrl).host;
  } catch {
    return baseUrl;
  }
}

/**
 * Options from the command line, with MicrosoftAppId and PUBLIC_BASE_URL as defaults. Throws a
 * PackageError listing every problem.
 */
function parseOptions(argv, env = {}) {
  const given = {};
  const problems = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--help' || arg === '-h') return { help: true };
    const match = /^--([a-z-]+)(?:=(.*))?$/s.exec(arg);
    if (!match || !OPTIONS.includes(match[1])) {
      problems.push(`Unknown argument "${arg}".`);
      continue;
    }
    let value = match[2];
    if (value === undefined) {
      value = argv[i + 1];
      if (value === undefined || value.startsWith('--')) {
        problems.push(`--${match[1]} needs a value.`);
        continue;
      }
      i++;
    }
    given[match[1]] = value;
  }

  const botId = given['bot-id'] ?? env.MicrosoftAppId;
  const hostRaw = given.host ?? hostFromBaseUrl(env.PUBLIC_BASE_URL);
  const version = given.version ?? readJson(path.join(ROOT, 'package.json')).version;
  const hostSource = given.host === undefined && hostRaw ? ' (from PUBLIC_BASE_URL)' : '';
  for (const problem of [botIdProblem(botId), hostProblem(hostRaw, hostSource), versionProblem(version)]) {
    if (problem) problems.push(problem);
  }
  if (problems.length) throw new PackageError(problems);

  const host = hostRaw.toLowerCase();
  // No truthful default exists for the publisher: the municipality that deploys the bot is it.
  // The package is still built so it can be tried, and the CLI says what was assumed.
  const defaulted = ['developer-name', 'developer-url', 'privacy-url', 'terms-url'].filter((k) => given[k] === undefined);
  return {
    botId: botId.toLowerCase(),
    host,
    version,
    outDir: path.resolve(given.out ?? path.join(ROOT, 'dist', 'app-package')),
    developer: {
      name: given['developer-name'] ?? 'Uppföljning',
      websiteUrl: given['developer-url'] ?? `https://${host}/`,
      privacyUrl: given['privacy-url'] ?? `https://${host}/`,
      termsOfUseUrl: given['terms-url'] ?? `https://${host}/`,
    },
    defaulted,
  };
}

function readJson(file) {
  return JSON.parse(fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, ''));
}

/**
 * Replaces `{{NAME}}` in the string values of parsed JSON. Substituting in values, not in the
 * raw text, keeps the result valid JSON whatever a value contains (quotes, backslashes).
 * Unknown placeholders are reported, not left in.
 */
function fillPlaceholders(json, values, where = 'manifest') {
  const problems = [];
  const fill = (node, at) => {
    if (typeof node === 'string') {
      return node.replace(PLACEHOLDER, (whole, name) => {
        if (Object.prototype.hasOwnProperty.call(values, name)) return String(values[name]);
        problems.push(`${where}: unknown placeholder ${whole} at ${at || '(root)'}.`);
        return whole;
      });
    }
    if (Array.isArray(node)) return node.map((item, i) => fill(item, `${at}[${i}]`));
    if (node && typeof node === 'object') {
      return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, fill(v, at ? `${at}.${k}` : k)]));
    }
    return node;
  };
  const value = fill(json, '');
  return { value, problems };
}

/** The placeholders the template uses, filled from the options. */
function placeholderValues(options) {
  return {
    BOT_ID: options.botId,
    HOST: options.host,
    VERSION: options.version,
    DEVELOPER_NAME: options.developer.name,
    DEVELOPER_URL: options.developer.websiteUrl,
    PRIVACY_URL: options.developer.privacyUrl,
    TERMS_URL: options.developer.termsOfUseUrl,
  };
}

const SCHEMA_ROOT = path.join(path.dirname(require.resolve('@microsoft/app-manifest/package.json')), 'build', 'json-schemas');

/**
 * The bundled copy of a Teams schema named by a `$schema` URL, or undefined. The library would
 * fetch an unknown URL from the network; packaging must work offline and give the same answer
 * every time, so only bundled schemas are accepted.
 */
function bundledSchemaFile(url) {
  let parsed;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  if (parsed.protocol !== 'https:' || parsed.hostname !== 'developer.microsoft.com') return undefined;
  const match = /^(?:\/[a-z]{2}(?:-[a-z]{2})?)?\/json-schemas\/(teams\/(?:v\d+\.\d+|vDevPreview)\/MicrosoftTeams(?:\.[A-Za-z]+)?\.schema\.json)$/i.exec(parsed.pathname);
  if (!match) return undefined;
  const file = path.join(SCHEMA_ROOT, match[1]);
  return fs.existsSync(file) ? file : undefined;
}

/**
 * A bundled schema, read as the library reads it: some schemas contain `\a` and `\v`, escapes
 * JSON does not know, which the library turns into their \u forms first.
 */
function readSchema(file) {
  const text = fs.readFileSync(file, 'utf8').replace(/\\a/g, '\\u0007').replace(/\\v/g, '\\u000b');
  return JSON.parse(text);
}

/** Schema version named by a `$schema` URL (`1.29`), or undefined. */
function schemaVersion(url) {
  const match = /\/teams\/v(\d+\.\d+|DevPreview)\//i.exec(url ?? '');
  return match ? match[1] : undefined;
}

/**
 * The pattern rewritten so that, compiled in Unicode mode (as ajv compiles), it means what it
 * means as a plain JavaScript regular expression. A `]` outside a character class is a literal
 * there but a syntax error in Unicode mode, and every bundled localisation schema (1.8–1.30)
 * has one (`…activityTypes\[\b(…)\b]\.description$`): unpatched, it cannot be compiled at all.
 */
function unicodeSafePattern(pattern) {
  try {
    new RegExp(pattern, 'u');
    return pattern;
  } catch {
    let out = '';
    let inClass = false;
    for (let i = 0; i < pattern.length; i++) {
      const ch = pattern[i];
      if (ch === '\\') {
        out += ch + (pattern[i + 1] ?? '');
        i++;
      } else if (ch === '[' && !inClass) {
        inClass = true;
        out += ch;
      } else if (ch === ']') {
        out += inClass ? ch : '\\]';
        inClass = false;
      } else {
        out += ch;
      }
    }
    return out;
  }
}

/** The schema with every pattern made valid in Unicode mode (see unicodeSafePattern). */
function unicodeSafeSchema(node) {
  if (Array.isArray(node)) return node.map(unicodeSafeSchema);
  if (!node || typeof node !== 'object') return node;
  return Object.fromEntries(
    Object.entries(node).map(([key, value]) => {
      if (key === 'pattern' && typeof value === 'string') return [key, unicodeSafePattern(value)];
      if (key === 'patternProperties' && value && typeof value === 'object') {
        return [key, Object.fromEntries(Object.entries(value).map(([p, v]) => [unicodeSafePattern(p), unicodeSafeSchema(v)]))];
      }
      return [key, unicodeSafeSchema(value)];
    }),
  );
}

/**
 * The library's validator, loaded when first needed. It requires strip-bom 5, an ES module,
 * from CommonJS: Node loads that from 20.19 on; earlier Node 20 releases cannot.
 */
function appManifestUtils() {
  try {
    return require('@microsoft/app-manifest').AppManifestUtils;
  } catch (err) {
    if (err && err.code === 'ERR_REQUIRE_ESM') {
      throw new PackageError([`@microsoft/app-manifest needs Node.js 20.19 or later to load (this is ${process.version}).`]);
    }
    throw err;
  }
}

/** Problems of one JSON document against the schema its `$schema` names (offline). */
async function schemaProblems(doc, fileName) {
  const url = doc && doc.$schema;
  if (!url) return [`${fileName}: no $schema, so it cannot be validated.`];
  const file = bundledSchemaFile(url);
  if (!file) return [`${fileName}: $schema ${url} is not among the schemas bundled with @microsoft/app-manifest.`];
  const errors = await appManifestUtils().validateAgainstSchema(doc, unicodeSafeSchema(readSchema(file)));
  // The library's lines read "<path> <message>. Details: {…}"; an empty path is the root.
  return errors.map((e) => `${fileName}: ${e.startsWith(' ') ? `(root)${e}` : e}`);
}

/** Localisation keys the manifest's own strings need: names, descriptions, tab names and commands. */
function localizableKeys(manifest) {
  const keys = ['name.short', 'name.full', 'description.short', 'description.full'];
  (manifest.staticTabs ?? []).forEach((tab, t) => {
    if (tab.name !== undefined) keys.push(`staticTabs[${t}].name`);
  });
  (manifest.bots ?? []).forEach((bot, b) =>
    (bot.commandLists ?? []).forEach((list, l) =>
      (list.commands ?? []).forEach((command, c) => {
        for (const field of ['title', 'description']) {
          if (command[field] !== undefined) keys.push(`bots[${b}].commandLists[${l}].commands[${c}].${field}`);
        }
      }),
    ),
  );
  return keys;
}

/** The manifest value a localisation key such as `bots[0].commandLists[1].commands[2].title` names. */
function valueAtKey(manifest, key) {
  let node = manifest;
  for (const part of key.split('.')) {
    const match = /^([A-Za-z0-9_]+)((?:\[\d+\])*)$/.exec(part);
    if (!match) return undefined;
    node = node?.[match[1]];
    for (const index of match[2].matchAll(/\[(\d+)\]/g)) node = node?.[Number(index[1])];
  }
  return node;
}

/**
 * A localisation file must translate what the manifest says, and only that: a key with no
 * manifest string behind it is silently ignored by Teams, and a missing one shows Swedish.
 */
function localizationProblems(manifest, localization, fileName) {
  const problems = [];
  if (schemaVersion(localization.$schema) !== manifest.manifestVersion) {
    problems.push(`${fileName}: its $schema version must be the manifest's (${manifest.manifestVersion}).`);
  }
  const keys = Object.keys(localization).filter((k) => k !== '$schema' && k !== 'localizationKeys');
  for (const key of keys) {
    if (typeof valueAtKey(manifest, key) !== 'string') problems.push(`${fileName}: "${key}" translates nothing in the manifest.`);
  }
  for (const key of localizableKeys(manifest)) {
    if (!keys.includes(key)) problems.push(`${fileName}: "${key}" is not translated.`);
  }
  return problems;
}

/** Problems of the filled manifest beyond its schema (placeholders are fillPlaceholders' part). */
function manifestProblems(manifest) {
  const problems = [];
  if (schemaVersion(manifest.$schema) !== manifest.manifestVersion) {
    problems.push(`manifest.json: manifestVersion "${manifest.manifestVersion}" differs from the version in $schema.`);
  }
  const version = versionProblem(String(manifest.version));
  if (version) problems.push(`manifest.json: ${version}`);
  return problems;
}

/** What Teams requires of each icon; `kind` is the manifest's icons key. */
const ICON_RULES = {
  color: { size: 192, what: 'the colour icon' },
  outline: { size: 32, what: 'the outline icon' },
};

/** Size and colour rules: colour icon 192×192 and opaque; outline 32×32, white on transparent. */
function iconProblems(kind, bytes, fileName) {
  const rule = ICON_RULES[kind];
  let png;
  try {
    png = PNG.sync.read(bytes);
  } catch (err) {
    return [`${fileName}: not a PNG (${err.message}).`];
  }
  const problems = [];
  if (png.width !== rule.size || png.height !== rule.size) {
    problems.push(`${fileName}: ${rule.what} must be ${rule.size}×${rule.size} pixels, not ${png.width}×${png.height}.`);
  }
  const { data } = png;
  let transparent = 0;
  let opaque = 0;
  let coloured = 0;
  for (let i = 0; i < data.length; i += 4) {
    const alpha = data[i + 3];
    if (alpha === 0) transparent++;
    if (alpha === 255) opaque++;
    if (alpha > 0 && (data[i] !== 255 || data[i + 1] !== 255 || data[i + 2] !== 255)) coloured++;
  }
  const pixels = data.length / 4;
  if (kind === 'color' && opaque !== pixels) {
    problems.push(`${fileName}: ${rule.what} must be opaque; ${pixels - opaque} pixels are (partly) transparent.`);
  }
  if (kind === 'outline') {
    if (coloured) problems.push(`${fileName}: ${rule.what} may only be white on transparent; ${coloured} pixels have colour.`);
    if (!transparent) problems.push(`${fileName}: ${rule.what} needs a transparent background.`);
    if (!opaque) problems.push(`${fileName}: ${rule.what} draws nothing fully opaque.`);
  }
  return problems;
}

/**
 * Fills the template, validates manifest, localisation files and icons, and returns the
 * package's files (name → bytes) in zip order. Throws a PackageError listing every problem.
 */
async function buildAppPackage(options, manifestDir = MANIFEST_DIR) {
  const problems = [];
  const read = (name) => {
    if (typeof name !== 'string') return undefined; // the schema reports it
    // Teams reads every file from the zip's root.
    if (/[/\\]/.test(name) || name === '..') {
      problems.push(`${name}: must be a file name in the package's root, without folders.`);
      return undefined;
    }
    try {
      return fs.readFileSync(path.join(manifestDir, name));
    } catch {
      problems.push(`${name}: missing from ${path.relative(process.cwd(), manifestDir) || '.'}.`);
      return undefined;
    }
  };
  const parse = (name, bytes) => {
    try {
      return JSON.parse(bytes.toString('utf8').replace(/^\uFEFF/, ''));
    } catch (err) {
      problems.push(`${name}: not valid JSON (${err.message}).`);
      return undefined;
    }
  };

  const templateBytes = read(TEMPLATE);
  const template = templateBytes && parse(TEMPLATE, templateBytes);
  if (!template) throw new PackageError(problems);
  const values = placeholderValues(options);
  const filled = fillPlaceholders(template, values, 'manifest.json');
  const manifest = filled.value;
  problems.push(...filled.problems, ...(await schemaProblems(manifest, 'manifest.json')), ...manifestProblems(manifest));

  const files = [['manifest.json', Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, 'utf8')]];
  for (const { file } of manifest.localizationInfo?.additionalLanguages ?? []) {
    const bytes = read(file);
    const doc = bytes && parse(file, bytes);
    if (!doc) continue;
    const localized = fillPlaceholders(doc, values, file);
    problems.push(...localized.problems, ...(await schemaProblems(localized.value, file)));
    problems.push(...localizationProblems(manifest, localized.value, file));
    files.push([file, Buffer.from(`${JSON.stringify(localized.value, null, 2)}\n`, 'utf8')]);
  }
  for (const kind of Object.keys(ICON_RULES)) {
    const file = manifest.icons?.[kind];
    const bytes = read(file);
    if (!bytes) continue;
    problems.push(...iconProblems(kind, bytes, file));
    files.push([file, bytes]);
  }
  if (problems.length) throw new PackageError(problems);
  return { manifest, files };
}

/** The zip Teams uploads: every file at the root, no folders. */
function zipFiles(files) {
  const zip = new AdmZip();
  for (const [name, bytes] of files) zip.addFile(name, bytes);
  return zip.toBuffer();
}

/** Builds, validates and writes the package; returns the zip's path. */
async function writeAppPackage(options, manifestDir = MANIFEST_DIR) {
  const { files } = await buildAppPackage(options, manifestDir);
  fs.mkdirSync(options.outDir, { recursive: true });
  const zipPath = path.join(options.outDir, `uppfoljning-${options.version}.zip`);
  fs.writeFileSync(zipPath, zipFiles(files));
  return zipPath;
}

async function main() {
  let options;
  try {
    options = parseOptions(process.argv.slice(2), process.env);
    if (options.help) {
      console.log(USAGE);
      return 0;
    }
    const zipPath = await writeAppPackage(options);
    console.log(`App package for bot ${options.botId} on ${options.host}, version ${options.version}:`);
    console.log(zipPath);
    if (options.defaulted.length) {
      console.warn(
        `Note: ${options.defaulted.map((k) => `--${k}`).join(', ')} not given; the package names "${options.developer.name}" ` +
          `and https://${options.host}/ instead. Give your organisation's publisher name, website, privacy statement ` +
          'and terms of use before publishing it to your users.',
      );
    }
    return 0;
  } catch (err) {
    if (err instanceof PackageError) {
      console.error(`The app package was not built:\n${err.problems.map((p) => `  - ${p}`).join('\n')}`);
      if (!options) console.error(`\n${USAGE}`);
      return 1;
    }
    throw err;
  }
}

module.exports = {
  PackageError,
  parseOptions,
  fillPlaceholders,
  placeholderValues,
  schemaProblems,
  localizableKeys,
  localizationProblems,
  iconProblems,
  buildAppPackage,
  zipFiles,
  writeAppPackage,
  MANIFEST_DIR,
};

if (require.main === module) {
  main().then(
    (code) => {
      process.exitCode = code;
    },
    (err) => {
      console.error(err);
      process.exitCode = 1;
    },
  );
}
