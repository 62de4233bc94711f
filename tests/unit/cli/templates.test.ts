// Templates on the command line: a file added as a version with every problem named, the list
// to choose from, and a round created on a template that keeps it when a new version comes.

import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { runAdmin } from '../../../bot/cli/admin';
import { TERTIAL_TEMPLATE } from '../../../bot/domain/templates/builtin';
import { createMemoryStores } from '../../../storage/memory';

async function runWith(stores: ReturnType<typeof createMemoryStores>, ...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runAdmin(argv, { stores, clock: { now: () => new Date('2019-02-20T10:00:00Z') } }, 'Europe/Stockholm', {
    out: (l) => out.push(l),
    err: (l) => err.push(l),
  });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

async function aFile(content: unknown): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'mall-'));
  const file = path.join(dir, 'kvartal.json');
  await writeFile(file, typeof content === 'string' ? content : JSON.stringify(content));
  return file;
}

const quarterly = (question = 'Läget {år}') => ({
  ...structuredClone(TERTIAL_TEMPLATE),
  id: 'kvartal',
  name: { sv: 'Kvartalsuppföljning', en: 'Quarterly follow-up' },
  questions: [{ id: 'laget', label: { sv: question, en: 'Where things stand, {år}' } }],
});
const round = ['create-round', '--title', 'Kvartal 1 2019', '--year', '2019', '--opens', '2019-03-01', '--due', '2019-04-01'];

describe('templates on the command line', () => {
  it('adds a template as version 1, then 2, and lists it after the built-in ones', async () => {
    const stores = createMemoryStores();
    const first = await runWith(stores, 'add-template', await aFile(quarterly()), '--by', 'sara');
    expect(first).toEqual({ code: 0, out: 'Mallen "Kvartalsuppföljning" (kvartal) är sparad som version 1, antal frågor: 1.\nDen gäller omgångar som skapas från och med nu.', err: '' });
    expect((await runWith(stores, 'add-template', await aFile(quarterly('Läget nu')))).out).toContain('version 2');
    expect((await runWith(stores, 'templates')).out).toBe(
      [
        'Mallar att välja bland när en omgång skapas:',
        'Uppföljning av handlingsplaner och program (handlingsplaner), version 1, antal frågor: 5',
        'Måluppföljning tertial (maluppfoljning-tertial), version 1, antal frågor: 3',
        'Kvartalsuppföljning (kvartal), version 2, antal frågor: 1',
      ].join('\n'),
    );
    expect((await stores.audit.listDay('2019-02-20')).filter((e) => e.action === 'template.added').map((e) => e.details?.version)).toEqual([1, 2]);
  });

  it('names every problem of a file and saves nothing', async () => {
    const stores = createMemoryStores();
    const bad = { ...quarterly('Läget {kvartal}'), name: { sv: 'Kvartal' } };
    const result = await runWith(stores, 'add-template', await aFile(bad));
    expect(result.code).toBe(1);
    expect(result.err).toBe(
      [
        'Mallen sparades inte: 2 fel. Inget har ändrats.',
        'name.en: saknas.',
        'questions[0].label.sv: {kvartal} finns inte; det som går att använda är {år}, {föregående år}.',
      ].join('\n'),
    );
    expect(await stores.templates.list()).toEqual([]);
    expect((await runWith(stores, 'add-template', await aFile('{"id": '))).err).toMatch(/^Mallen sparades inte: 1 fel\. Inget har ändrats\.\nFilen är inte giltig JSON \(.+\)\.$/);
  });

  it('refuses to replace a built-in template', async () => {
    const result = await runWith(createMemoryStores(), 'add-template', await aFile({ ...quarterly(), id: 'handlingsplaner' }));
    expect(result).toMatchObject({ code: 1, err: 'Mallen "handlingsplaner" är inbyggd och kan inte ersättas. Ge din mall ett eget id.' });
  });

  it('creates a round on a template, which keeps its version when a new one is added', async () => {
    const stores = createMemoryStores();
    await runWith(stores, 'add-template', await aFile(quarterly()));
    const created = await runWith(stores, ...round, '--template', 'kvartal', '--required-sections', 'alla');
    expect(created.code).toBe(0);
    expect(created.out).toContain('Mallen är "Kvartalsuppföljning" (kvartal, version 1).');
    const second = await runWith(stores, 'add-template', await aFile(quarterly('Läget nu')));
    expect(second.out).toBe(
      'Mallen "Kvartalsuppföljning" (kvartal) är sparad som version 2, antal frågor: 1.\nOmgångar som redan är skapade på en tidigare version behåller sina frågor: Kvartal 1 2019. Den nya versionen gäller bara omgångar som skapas från och med nu.',
    );
    const kept = (await stores.rounds.get('kvartal-1-2019'))!.value;
    expect(kept.template).toMatchObject({ id: 'kvartal', version: 1, questions: [{ label: { sv: 'Läget {år}' } }] });
    expect(kept.answerPolicy?.requiredSections).toEqual(['laget']);
  });

  it('names a template that does not exist, and keeps the default for a round without one', async () => {
    const stores = createMemoryStores();
    expect((await runWith(stores, ...round, '--template', 'finns-inte')).err).toBe('Omgången skapades inte:\n--template: Det finns ingen mall med id "finns-inte".');
    expect((await runWith(stores, ...round)).code).toBe(0);
    expect((await stores.rounds.get('kvartal-1-2019'))!.value.template).toBeUndefined();
  });
});
