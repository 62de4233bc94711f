// The Teams app manifest: valid against its schema offline (its tabs included), truthful about
// the product's commands, and translated key for key into English.

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { TAB_ENTITY_ID } from '../../../bot/app/coordinator/tab-link';
import { ACCENT } from '../../../scripts/make-icons';
import { localizableKeys, localizationProblems, schemaProblems } from '../../../scripts/package-app';
import { BOT_ID, filledManifest, HOST, readManifestFile, type Json } from './sample';

const root = path.resolve(__dirname, '../../..');
const english: Json = readManifestFile('en.json');

/**
 * Commands the product announces but has not built yet (Swedish title → English title). They may
 * be listed, marked as not available yet. None at present.
 */
const ANNOUNCED: Record<string, string> = {};
const NOT_YET = { sv: '(ännu inte tillgängligt)', en: '(not available yet)' };
const endsWithMarker = (text: string, marker: string) => text.replace(/\.$/, '').endsWith(marker);

/** README table rows as lists of their first cell's `code` spans: `hjälp` / `help` → [hjälp, help]. */
function documentedCommandRows(): string[][] {
  const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
  return readme
    .split('\n')
    .filter((line) => line.startsWith('|'))
    .map((line) => [...(line.split('|')[1] ?? '').matchAll(/`([^`]+)`/g)].map((m) => m[1]))
    .filter((codes) => codes.length > 0);
}

interface Command {
  key: string;
  scopes: string[];
  sv: { title: string; description: string };
  en: { title: string; description: string };
}

function commands(manifest: Json): Command[] {
  return manifest.bots[0].commandLists.flatMap((list: Json, l: number) =>
    list.commands.map((command: Json, c: number) => {
      const key = `bots[0].commandLists[${l}].commands[${c}]`;
      return {
        key,
        scopes: list.scopes,
        sv: { title: command.title, description: command.description },
        en: { title: english[`${key}.title`], description: english[`${key}.description`] },
      };
    }),
  );
}

describe('the app manifest', () => {
  it('filled with sample values, validates offline against the bundled schema its $schema names', async () => {
    const manifest = filledManifest();
    expect(manifest.$schema).toBe('https://developer.microsoft.com/json-schemas/teams/v1.29/MicrosoftTeams.schema.json');
    expect(manifest.manifestVersion).toBe('1.29');
    expect(await schemaProblems(manifest, 'manifest.json')).toEqual([]);
  });

  it('is refused when broken, so the validator really runs', async () => {
    const manifest = filledManifest();
    manifest.bots[0].botId = 'not-a-guid';
    manifest.description.short = 'x'.repeat(81);
    manifest.bots[0].commandLists[0].commands[0].shortcut = 'h';
    delete manifest.accentColor;

    const problems = await schemaProblems(manifest, 'manifest.json');

    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^manifest\.json: \/bots\/0\/botId must match pattern/),
        expect.stringMatching(/^manifest\.json: \/description\/short must NOT have more than 80 characters/),
        expect.stringMatching(/^manifest\.json: \/bots\/0\/commandLists\/0\/commands\/0 must NOT have additional properties.*shortcut/),
        expect.stringMatching(/^manifest\.json: \(root\) must have required property 'accentColor'/),
      ]),
    );
  });

  it('refuses a $schema that is not bundled rather than fetching it', async () => {
    const manifest = { ...filledManifest(), $schema: 'https://developer.microsoft.com/json-schemas/teams/v1.18/MicrosoftTeams.schema.json' };
    expect(await schemaProblems(manifest, 'manifest.json')).toEqual([
      expect.stringContaining('is not among the schemas bundled with @microsoft/app-manifest'),
    ]);
  });

  it('offers the bot in personal chats, teams and group chats, conversational, taking files (the register upload)', () => {
    const [bot] = filledManifest().bots;
    expect(bot.scopes).toEqual(['personal', 'team', 'groupChat']);
    expect(bot.isNotificationOnly).toBe(false);
    // Teams delivers files to a bot only in the personal chat, and only with supportsFiles.
    expect(bot.supportsFiles).toBe(true);
    const scopesWithCommands = bot.commandLists.flatMap((list: Json) => list.scopes).sort();
    expect(scopesWithCommands).toEqual(['groupChat', 'personal', 'team']);
  });

  it('names the bot, its Entra app and its host from the packaging values', () => {
    const manifest = filledManifest();
    expect(manifest.id).toBe(BOT_ID);
    expect(manifest.bots[0].botId).toBe(BOT_ID);
    expect(manifest.validDomains).toEqual([HOST]);
    // Graph's proactive installation and SSO look the app up by its Entra app and resource.
    expect(manifest.webApplicationInfo).toEqual({ id: BOT_ID, resource: `api://${HOST}/${BOT_ID}` });
    expect(manifest.version).toBe('1.2.3');
  });

  it('offers the tab "Uppföljning" after the chat in the personal app, and as a tab a team or group chat can add', () => {
    const manifest = filledManifest();
    expect(manifest.staticTabs).toEqual([
      { entityId: 'conversations', scopes: ['personal'] },
      { entityId: TAB_ENTITY_ID, name: 'Uppföljning', contentUrl: `https://${HOST}/tab/`, websiteUrl: `https://${HOST}/tab/`, scopes: ['personal'] },
    ]);
    expect(english['staticTabs[1].name']).toBe('Follow-up');
    expect(manifest.configurableTabs).toEqual([{ configurationUrl: `https://${HOST}/tab/config`, canUpdateConfiguration: true, scopes: ['team', 'groupChat'] }]);
    // Teams SSO in the tab asks for a token to the resource; the tab's pages are on the bot's own host.
    expect(manifest.webApplicationInfo.resource).toBe(`api://${HOST}/${BOT_ID}`);
    expect(manifest.validDomains).toEqual([HOST]);
  });

  it('is refused when a tab is broken, so the tabs are validated too', async () => {
    const manifest = filledManifest();
    delete manifest.staticTabs[1].scopes;
    manifest.configurableTabs[0].scopes = ['personal'];
    const problems = await schemaProblems(manifest, 'manifest.json');
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^manifest\.json: \/staticTabs\/1 must have required property 'scopes'/),
        expect.stringMatching(/^manifest\.json: \/configurableTabs\/0\/scopes\/0 must be equal to one of the allowed values/),
      ]),
    );
  });

  it('speaks Swedish by default with an English translation, under the product name', () => {
    const manifest = filledManifest();
    expect(manifest.localizationInfo).toEqual({
      defaultLanguageTag: 'sv-se',
      additionalLanguages: [{ languageTag: 'en-us', file: 'en.json' }],
    });
    expect(manifest.name).toEqual({ short: 'Uppföljning', full: 'Uppföljning av handlingsplaner och program' });
    expect(english['name.short']).toBe('Follow-up');
    expect(english['name.full']).toBe('Follow-up of action plans and programmes');
  });

  it('uses the accent colour the colour icon is drawn with', () => {
    expect(filledManifest().accentColor).toBe(ACCENT);
  });
});

describe('the manifest commands', () => {
  const rows = documentedCommandRows();
  const documented = (sv: string, en: string) => rows.some((row) => row.includes(sv) && row.includes(en));

  it('are each documented in the README (Swedish and English on one row) or announced', () => {
    const unexplained = commands(filledManifest())
      .filter((c) => !documented(c.sv.title, c.en.title) && ANNOUNCED[c.sv.title] !== c.en.title)
      .map((c) => `${c.sv.title} / ${c.en.title}`);
    expect(unexplained).toEqual([]);
  });

  it('mark exactly the commands that are not documented yet as not available', () => {
    const wrong = commands(filledManifest()).flatMap((c) => {
      const available = documented(c.sv.title, c.en.title);
      const marked = endsWithMarker(c.sv.description, NOT_YET.sv) && endsWithMarker(c.en.description, NOT_YET.en);
      const unmarked = !c.sv.description.includes(NOT_YET.sv) && !c.en.description.includes(NOT_YET.en);
      if (available && !unmarked) return [`${c.sv.title} works and is documented: drop "${NOT_YET.sv}"`];
      if (!available && !marked) return [`${c.sv.title} is not available: end both descriptions with the marker`];
      return [];
    });
    expect(wrong).toEqual([]);
  });

  it('give the officer help, my plans and answer in the personal chat, and help in teams and group chats', () => {
    const titles = (scope: string) => commands(filledManifest()).filter((c) => c.scopes.includes(scope)).map((c) => c.sv.title);
    expect(titles('personal')).toEqual(expect.arrayContaining(['hjälp', 'mina planer', 'svara']));
    expect(titles('team')[0]).toBe('hjälp');
    expect(titles('groupChat')[0]).toBe('hjälp');
  });

  it('have a short description in each language', () => {
    const missing = commands(filledManifest()).filter(
      (c) => !c.sv.description || !c.en.description || c.sv.description.length > 128 || c.en.description.length > 128,
    );
    expect(missing).toEqual([]);
  });
});

describe('the English localisation file', () => {
  it('validates offline against the localisation schema of the manifest version', async () => {
    expect(english.$schema).toBe('https://developer.microsoft.com/json-schemas/teams/v1.29/MicrosoftTeams.Localization.schema.json');
    expect(await schemaProblems(english, 'en.json')).toEqual([]);
  });

  it('is refused when broken, so its validator really runs', async () => {
    const broken = { ...english, 'name.short': 'x'.repeat(31), 'staticTab.name': 'Start' };
    expect(await schemaProblems(broken, 'en.json')).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^en\.json: \/name\.short must NOT have more than 30 characters/),
        expect.stringMatching(/^en\.json: \(root\) must NOT have additional properties.*staticTab\.name/),
      ]),
    );
  });

  it('has exactly the keys of the manifest strings: names, descriptions, the tab\'s name and every command', () => {
    const manifest = filledManifest();
    const keys = Object.keys(english).filter((k) => k !== '$schema').sort();
    expect(keys).toEqual([...localizableKeys(manifest)].sort());
    expect(localizationProblems(manifest, english, 'en.json')).toEqual([]);
  });

  it('reports a key that translates nothing and a string left untranslated', () => {
    const manifest = filledManifest();
    const { 'bots[0].commandLists[1].commands[4].title': _dropped, ...rest } = english;
    // Teams allows ten commands per list: an eleventh is always a ghost.
    const broken = { ...rest, 'bots[0].commandLists[0].commands[10].title': 'ghost' };
    expect(localizationProblems(manifest, broken, 'en.json')).toEqual([
      'en.json: "bots[0].commandLists[0].commands[10].title" translates nothing in the manifest.',
      'en.json: "bots[0].commandLists[1].commands[4].title" is not translated.',
    ]);
  });
});
