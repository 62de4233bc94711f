// Keeps the architecture honest: the domain is pure (it reads only the sv/en catalogue, a leaf),
// the archived botbuilder SDK stays in one folder, the use cases know nothing of Teams and Teams
// nothing of storage, cards take their data as given, no two files import each other (however
// far round), and configuration is read in one place.

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
  return [...text.matchAll(/(?:from|import|import\(|require\()\s*['"]([^'"]+)['"]/g)].map((m) => m[1]);
}

/** The source files a file imports by relative path (type-only imports too), as paths from the root. */
function localImports(file: string, known: Set<string>): string[] {
  return imports(file)
    .filter((m) => m.startsWith('.'))
    .map((m) => path.join(path.dirname(file), m))
    .flatMap((target) => [`${target}.ts`, path.join(target, 'index.ts'), target].find((candidate) => known.has(candidate)) ?? []);
}

/** Every import circle in the graph, each once, as `a -> b -> a` from where the search met it. */
function findCycles(graph: Map<string, string[]>): string[] {
  const cycles: string[] = [];
  const done = new Set<string>();
  const trail: string[] = [];
  const visit = (file: string) => {
    trail.push(file);
    for (const next of graph.get(file) ?? []) {
      const at = trail.indexOf(next);
      if (at >= 0) cycles.push([...trail.slice(at), next].join(' -> '));
      else if (!done.has(next)) visit(next);
    }
    trail.pop();
    done.add(file);
  };
  for (const file of graph.keys()) if (!done.has(file)) visit(file);
  return cycles;
}

function importGraph(dirs: string[]): Map<string, string[]> {
  const files = dirs.flatMap(sources);
  const known = new Set(files);
  return new Map(files.map((f) => [f, localImports(f, known)]));
}

const inside = (dir: string) => (file: string) => file === dir || file.startsWith(`${dir}${path.sep}`);

/** Every import from a file `from` accepts to a file `to` accepts, in bot, cards and storage. */
function crossings(from: (file: string) => boolean, to: (file: string) => boolean): string[] {
  return [...importGraph(['bot', 'cards', 'storage'])].flatMap(([file, targets]) => (from(file) ? targets.filter(to).map((t) => `${file}: ${t}`) : []));
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

  it('keeps the use cases free of the Teams layer: bot/app never imports bot/teams', () => {
    expect(crossings(inside('bot/app'), inside('bot/teams'))).toEqual([]);
  });

  it('keeps the Teams layer free of storage: bot/teams never imports storage', () => {
    expect(crossings(inside('bot/teams'), inside('storage'))).toEqual([]);
  });

  it("keeps the catalogue a leaf: cards/messages imports nothing outside itself but the domain's Locale", () => {
    const outside = (target: string) => !inside('cards/messages')(target) && target !== path.join('bot', 'domain', 'locale.ts');
    expect(crossings(inside('cards/messages'), outside)).toEqual([]);
  });

  it('lets the domain read the catalogue and nothing else above it', () => {
    const above = (target: string) => !inside('bot/domain')(target) && !inside('cards/messages')(target);
    expect(crossings(inside('bot/domain'), above)).toEqual([]);
  });

  it('keeps cards and replies free of the use cases, Teams and storage: they take their data as given', () => {
    const below = (target: string) => inside('bot/app')(target) || inside('bot/teams')(target) || inside('storage')(target);
    expect(crossings(inside('cards'), below)).toEqual([]);
  });

  it('finds an import circle however far round it goes', () => {
    const graph = new Map([
      ['a.ts', ['b.ts']],
      ['b.ts', ['c.ts', 'd.ts']],
      ['c.ts', ['a.ts']],
      ['d.ts', []],
      ['e.ts', ['e.ts']],
    ]);
    expect(findCycles(graph)).toEqual(['a.ts -> b.ts -> c.ts -> a.ts', 'e.ts -> e.ts']);
    expect(findCycles(new Map([['a.ts', ['b.ts']], ['b.ts', []], ['c.ts', ['b.ts']]]))).toEqual([]);
  });

  it('has no import circles in bot, cards and storage', () => {
    expect(findCycles(importGraph(['bot', 'cards', 'storage']))).toEqual([]);
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
