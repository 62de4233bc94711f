// Keeps the architecture honest: the domain is pure, the archived botbuilder SDK stays in one
// folder, and configuration is read in one place.

import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(__dirname, '../..');

function sources(dir: string): string[] {
  return readdirSync(path.join(root, dir)).flatMap((name) => {
    const rel = path.join(dir, name);
    if (statSync(path.join(root, rel)).isDirectory()) return sources(rel);
    return rel.endsWith('.ts') ? [rel] : [];
  });
}

function imports(file: string): string[] {
  const text = readFileSync(path.join(root, file), 'utf8');
  return [...text.matchAll(/(?:from|import|require\()\s*['"]([^'"]+)['"]/g)].map((m) => m[1]);
}

describe('architecture boundaries', () => {
  it('keeps bot/domain free of botbuilder, restify, Azure, Node I/O, the environment and the clock', () => {
    const offenders = sources('bot/domain').flatMap((file) => {
      const text = readFileSync(path.join(root, file), 'utf8');
      const bad = imports(file).filter((m) => /^(botbuilder|restify|@azure\/|azurite|node:|fs$|http$|\.\.\/(app|teams)\b)/.test(m));
      if (/process\.env/.test(text)) bad.push('process.env');
      if (/new Date\(\)|Date\.now\(\)/.test(text)) bad.push('the wall clock');
      return bad.map((b) => `${file}: ${b}`);
    });
    expect(offenders).toEqual([]);
  });

  it('imports botbuilder only inside bot/teams', () => {
    const all = [...sources('bot'), ...sources('cards'), ...sources('storage')];
    const offenders = all.filter((f) => !f.startsWith(path.join('bot', 'teams')) && imports(f).some((m) => m.startsWith('botbuilder')));
    expect(offenders).toEqual([]);
  });

  it('keeps use cases free of the SDKs and HTTP server', () => {
    const offenders = sources('bot/app').filter((f) => imports(f).some((m) => /^(botbuilder|restify|@azure\/)/.test(m)));
    expect(offenders).toEqual([]);
  });

  it('reads the environment only in the configuration', () => {
    const allowed = new Set(['bot/config.ts']);
    const all = [...sources('bot'), ...sources('cards'), ...sources('storage')];
    const offenders = all.filter((f) => !allowed.has(f) && /process\.env/.test(readFileSync(path.join(root, f), 'utf8')));
    expect(offenders).toEqual([]);
  });

  it('reads the date in one file only (start-up time-outs aside)', () => {
    const all = [...sources('bot'), ...sources('cards'), ...sources('storage')];
    const read = (f: string) => readFileSync(path.join(root, f), 'utf8');
    expect(all.filter((f) => /new Date\(\)/.test(read(f)))).toEqual(['bot/system-clock.ts']);
    expect(all.filter((f) => /Date\.now\(\)/.test(read(f)))).toEqual(['storage/azurite.ts']);
  });
});
