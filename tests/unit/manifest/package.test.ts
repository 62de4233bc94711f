// `npm run package`: what it accepts, how it fills the template, and the zip it writes.

import AdmZip from 'adm-zip';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fillPlaceholders, MANIFEST_DIR, PackageError, parseOptions, writeAppPackage } from '../../../scripts/package-app';
import { BOT_ID, HOST, options, sampleOptions } from './sample';

const root = path.resolve(__dirname, '../../..');

function refusal(argv: string[], env: Record<string, string> = {}): string[] {
  try {
    parseOptions(argv, env);
  } catch (err) {
    if (err instanceof PackageError) return err.problems;
    throw err;
  }
  throw new Error('accepted');
}

describe('the packaging options', () => {
  it('take the bot id and host from MicrosoftAppId and PUBLIC_BASE_URL, the version from package.json', () => {
    const parsed = options([], { MicrosoftAppId: BOT_ID.toUpperCase(), PUBLIC_BASE_URL: 'https://Uppfoljning.Example.se/' });
    const { version } = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
    expect(parsed).toMatchObject({ botId: BOT_ID, host: HOST, version, outDir: path.join(root, 'dist', 'app-package') });
  });

  it('refuse the local-mode base URL as a host, saying where the host came from', () => {
    expect(refusal([], { MicrosoftAppId: BOT_ID, PUBLIC_BASE_URL: 'http://127.0.0.1:3978' })).toEqual([
      'The host "127.0.0.1:3978" (from PUBLIC_BASE_URL) has a port: Teams\' validDomains and the api:// resource take the host name only.',
    ]);
  });

  it('prefer the command line to the environment', () => {
    const other = '11111111-2222-4333-8444-555555555555';
    const parsed = options(['--bot-id', other, `--host=bot.example.se`], { MicrosoftAppId: BOT_ID, PUBLIC_BASE_URL: `https://${HOST}` });
    expect([parsed.botId, parsed.host]).toEqual([other, 'bot.example.se']);
  });

  it('refuse a bot id that is not a GUID', () => {
    expect(refusal(['--bot-id', 'uppfoljning-bot', '--host', HOST])).toEqual([
      'The bot id "uppfoljning-bot" is not a GUID (the Microsoft App id looks like 00000000-0000-0000-0000-000000000000).',
    ]);
  });

  it('refuse a host with a scheme, a path or a port, listing every problem at once', () => {
    expect(refusal(['--bot-id', BOT_ID, '--host', `https://${HOST}`])).toEqual([expect.stringContaining('has a scheme')]);
    expect(refusal(['--bot-id', BOT_ID, '--host', `${HOST}/api/messages`])).toEqual([expect.stringContaining('has a path')]);
    expect(refusal(['--bot-id', BOT_ID, '--host', `${HOST}:8443`])).toEqual([expect.stringContaining('has a port')]);
    expect(refusal(['--host', 'not a host', '--version', '1.0', '--colour', 'red'])).toEqual([
      'Unknown argument "--colour".',
      'Unknown argument "red".',
      'The bot id is missing: pass --bot-id <GUID> or set MicrosoftAppId.',
      'The host "not a host" is not a host name.',
      'The version "1.0" is not of the form x.y.z (e.g. 1.0.0), which Teams requires.',
    ]);
  });
});

describe('filling the template', () => {
  it('substitutes in parsed values, so any text stays valid JSON', () => {
    const nasty = 'Kommunen "Exempel" \\ IT\n}';
    const { value, problems } = fillPlaceholders({ developer: { name: '{{DEVELOPER_NAME}}' }, list: ['{{HOST}}'] }, { DEVELOPER_NAME: nasty, HOST });
    expect(problems).toEqual([]);
    expect(JSON.parse(JSON.stringify(value))).toEqual({ developer: { name: nasty }, list: [HOST] });
  });

  it('reports an unknown or misspelt placeholder instead of shipping it', () => {
    const { problems } = fillPlaceholders({ id: '{{BOT_ID}}', bots: [{ botId: '{{ bot_id }}' }] }, { BOT_ID });
    expect(problems).toEqual(['manifest: unknown placeholder {{ bot_id }} at bots[0].botId.']);
  });
});

describe('the app package', () => {
  let outDir: string;
  beforeAll(() => {
    outDir = mkdtempSync(path.join(os.tmpdir(), 'uppfoljning-package-'));
  });
  afterAll(() => rmSync(outDir, { recursive: true, force: true }));

  it('is a zip with the manifest, its English strings and both icons at the root, ids and host filled in', async () => {
    const zipPath = await writeAppPackage(sampleOptions(outDir));
    expect(zipPath).toBe(path.join(outDir, 'uppfoljning-1.2.3.zip'));

    const zip = new AdmZip(zipPath);
    expect(zip.getEntries().map((e) => e.entryName).sort()).toEqual(['color.png', 'en.json', 'manifest.json', 'outline.png']);

    const manifest = JSON.parse(zip.readAsText('manifest.json'));
    expect(manifest).toMatchObject({
      id: BOT_ID,
      version: '1.2.3',
      bots: [expect.objectContaining({ botId: BOT_ID })],
      validDomains: [HOST],
      webApplicationInfo: { id: BOT_ID, resource: `api://${HOST}/${BOT_ID}` },
      developer: {
        name: 'Kommunen "Exempel" \\ IT',
        websiteUrl: 'https://www.example.se/',
        privacyUrl: 'https://www.example.se/personuppgifter',
        termsOfUseUrl: 'https://www.example.se/villkor',
      },
    });
    expect(zip.readAsText('manifest.json')).not.toMatch(/\{\{|\}\}/);
    expect(JSON.parse(zip.readAsText('en.json'))).toEqual(JSON.parse(readFileSync(path.join(MANIFEST_DIR, 'en.json'), 'utf8')));
    for (const icon of ['color.png', 'outline.png']) {
      expect(zip.readFile(icon)?.equals(readFileSync(path.join(MANIFEST_DIR, icon)))).toBe(true);
    }
  });

  it('is not written when the manifest does not validate', async () => {
    const tooLong = { ...sampleOptions(outDir), version: '2.0.0' };
    tooLong.developer = { ...tooLong.developer, name: 'Kommunstyrelsens förvaltning för IT och digitalisering' };
    await expect(writeAppPackage(tooLong)).rejects.toMatchObject({
      problems: [expect.stringMatching(/^manifest\.json: \/developer\/name must NOT have more than 32 characters/)],
    });
    expect(() => readFileSync(path.join(outDir, 'uppfoljning-2.0.0.zip'))).toThrow();
  });
});
