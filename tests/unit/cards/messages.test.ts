import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { t, type MessageKey } from '../../../cards/messages';

// The catalogue's areas are read from its folder, so that a new area is checked without being listed here.
const FOLDER = join(__dirname, '../../../cards/messages');
const NOT_AREAS = new Set(['index.ts', 'area.ts', 'text.ts']);

interface Area {
  file: string;
  sv: Record<string, string>;
  en: Record<string, string>;
}

const areas: Area[] = readdirSync(FOLDER)
  .filter((file) => file.endsWith('.ts') && !NOT_AREAS.has(file))
  .map((file) => ({ ...jest.requireActual<Omit<Area, 'file'>>(join(FOLDER, file)), file }));

describe('the message catalogue, one file per area', () => {
  it('has the areas a reader looks for', () => {
    expect(areas.map((a) => a.file)).toEqual(expect.arrayContaining(['common.ts', 'officer.ts', 'summary.ts', 'rounds.ts', 'register.ts']));
  });

  it('keeps each key in one area, so that no area silently replaces a sentence of another', () => {
    const owner = new Map<string, string>();
    const twice: string[] = [];
    for (const area of areas) {
      for (const key of Object.keys(area.sv)) {
        if (owner.has(key)) twice.push(`${key}: ${owner.get(key)} and ${area.file}`);
        else owner.set(key, area.file);
      }
    }
    expect(twice).toEqual([]);
  });

  it('gives every Swedish sentence of an area an English one, and English nothing more', () => {
    for (const area of areas) expect({ file: area.file, keys: Object.keys(area.en).sort() }).toEqual({ file: area.file, keys: Object.keys(area.sv).sort() });
  });

  it('speaks every sentence of every area through t, in both languages', () => {
    for (const area of areas) {
      for (const key of Object.keys(area.sv) as MessageKey[]) {
        expect(t('sv', key)).toBe(area.sv[key]);
        expect(t('en', key)).toBe(area.en[key]);
      }
    }
  });
});
