// Importing the register: all or nothing, a new version each time, and a trace in the audit log.

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { formatFieldErrors, importRegister } from '../../../../bot/app/register/import-register';
import type { Clock } from '../../../../bot/app/clock';
import { createMemoryStores } from '../../../../storage/memory';
import { ConcurrencyError, type RegisterStore, type Stores } from '../../../../storage/ports';

const NOW = new Date('2019-04-10T08:00:00Z');
const clock: Clock = { now: () => NOW };
const demoCsv = readFileSync(path.join(__dirname, '..', '..', '..', '..', 'demo', 'register.csv'));

const HEADER = 'Plan-id;Plan;Genomförandetid;Notering;Utgår (skäl);Ansvarig (e-post);Namn;Titel;Enhet;Chef (e-post);Roll';

function deps(stores: Stores = createMemoryStores()) {
  return { registers: stores.registers, audit: stores.audit, clock, stores };
}

describe('importRegister', () => {
  it('saves a good file as the first version and counts what it holds', async () => {
    const { registers, audit } = deps();
    const result = await importRegister(
      { stores: { registers, audit }, clock },
      { bytes: demoCsv, fileName: '/home/anna/Dokument/register.csv', importedBy: 'alexw@example.com' },
    );
    expect(result).toMatchObject({ kind: 'imported', counts: { plans: 7, excluded: 2, people: 5, coordinators: 1 } });
    const current = await registers.current();
    expect(current).toMatchObject({ version: 1, importedBy: 'alexw@example.com', importedAt: NOW, source: 'register.csv' });
    expect(current?.plans).toHaveLength(9);
  });

  it('records the import in the audit log with ids and counts only', async () => {
    const { registers, audit } = deps();
    await importRegister({ stores: { registers, audit }, clock }, { bytes: demoCsv, fileName: 'register.csv', importedBy: 'alexw@example.com' });
    const events = await audit.listDay('2019-04-10');
    expect(events).toEqual([
      {
        at: NOW,
        actor: 'alexw@example.com',
        action: 'register.imported',
        subject: 'register:v1',
        details: { version: 1, plans: 7, excluded: 2, people: 5, coordinators: 1 },
      },
    ]);
    expect(JSON.stringify(events)).not.toMatch(/Wilber|Drogpolitiskt/);
  });

  it('replaces the register with a new version and keeps the previous one', async () => {
    const { registers, audit } = deps();
    await importRegister({ stores: { registers, audit }, clock }, { bytes: demoCsv, fileName: 'register.csv', importedBy: 'alexw@example.com' });
    const smaller = Buffer.from(`${HEADER}\r\ndrog;Drogpolitiskt program;;;;meganb@example.com;Megan Bowen;;;;samordnare\r\n`);
    const result = await importRegister({ stores: { registers, audit }, clock }, { bytes: smaller, fileName: 'ny.csv', importedBy: 'meganb@example.com' });
    expect(result).toMatchObject({ kind: 'imported', register: { version: 2 }, counts: { plans: 1, excluded: 0, people: 1, coordinators: 1 } });
    expect((await registers.current())?.plans.map((p) => p.id)).toEqual(['drog']);
    expect((await registers.version(1))?.plans).toHaveLength(9);
  });

  it('imports nothing from a bad file and returns every error', async () => {
    const { registers, audit } = deps();
    await importRegister({ stores: { registers, audit }, clock }, { bytes: demoCsv, fileName: 'register.csv', importedBy: 'alexw@example.com' });
    const bad = Buffer.from(`${HEADER}\r\ndrog;;;;;meganb@example;;;;;\r\ndrog;Dubblett;;;;;;;;;\r\n`);
    const result = await importRegister({ stores: { registers, audit }, clock }, { bytes: bad, fileName: 'register.csv', importedBy: 'alexw@example.com' });
    expect(result.kind).toBe('invalid');
    if (result.kind === 'imported') return;
    expect(result.errors.length).toBeGreaterThanOrEqual(5);
    expect((await registers.current())?.version).toBe(1);
    const events = await audit.listDay('2019-04-10');
    expect(events[events.length - 1]).toEqual({
      at: NOW,
      actor: 'alexw@example.com',
      action: 'register.import-rejected',
      subject: 'register',
      details: { errors: result.errors.length },
    });
  });

  it('also takes the stores the way the composition root passes them', async () => {
    const stores = createMemoryStores();
    const result = await importRegister({ stores, clock }, { bytes: demoCsv, fileName: 'register.csv', importedBy: 'demo' });
    expect(result.kind).toBe('imported');
    expect((await stores.registers.current())?.importedBy).toBe('demo');
  });

  it('refuses, rather than overwrites, when another import became current meanwhile', async () => {
    const { audit } = deps();
    const racing: RegisterStore = {
      current: async () => undefined,
      version: async () => undefined,
      saveVersion: async () => {
        throw new ConcurrencyError();
      },
    };
    const result = await importRegister({ stores: { registers: racing, audit }, clock }, { bytes: demoCsv, fileName: 'register.csv', importedBy: 'alexw@example.com' });
    expect(result).toEqual({ kind: 'invalid', errors: [{ field: '', message: expect.stringMatching(/samtidigt/) }] });
  });
});

describe('formatFieldErrors', () => {
  it('lists one error a line with its line and field, in Swedish', () => {
    expect(
      formatFieldErrors([
        { field: '', message: 'Filen är inte sparad som UTF-8.' },
        { line: 4, field: 'Namn', message: 'Personen "alexw@example.com" saknar namn.' },
        { field: 'Roll', message: 'Registret saknar samordnare.' },
        { line: 7, field: '', message: 'Filen är inte giltig JSON.' },
      ]),
    ).toBe(
      [
        'Filen är inte sparad som UTF-8.',
        'rad 4, Namn: Personen "alexw@example.com" saknar namn.',
        'Roll: Registret saknar samordnare.',
        'rad 7: Filen är inte giltig JSON.',
      ].join('\n'),
    );
  });
});
