// `npm run admin -- set-schedule`: the cadence as a new register version, and what comes next.

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { runAdmin } from '../../../bot/cli/admin';
import { importRegister } from '../../../bot/app/register/import-register';
import { createMemoryStores } from '../../../storage/memory';
import type { Stores } from '../../../storage/ports';

const NOW = new Date('2026-08-10T10:00:00Z');
const clock = { now: () => NOW };
const demoCsv = readFileSync(path.join(__dirname, '..', '..', '..', 'demo', 'register.csv'));

async function withRegister(): Promise<Stores> {
  const stores = createMemoryStores();
  await importRegister({ stores, clock }, { bytes: demoCsv, fileName: 'register.csv', importedBy: 'alexw@example.com' });
  return stores;
}

async function run(stores: Stores, ...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runAdmin([...argv, '--by', 'alexw@example.com'], { stores, clock }, 'Europe/Stockholm', {
    out: (l) => out.push(l),
    err: (l) => err.push(l),
  });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('set-schedule', () => {
  it('sets a tertial cadence as a new register version and tells which round comes next', async () => {
    const stores = await withRegister();
    const result = await run(stores, 'set-schedule', '--cadence', 'tertial');
    expect(result).toEqual({
      code: 0,
      err: '',
      out: [
        'Schemat är sparat som registerversion 2: varje tertial: öppnar 1 dag efter periodens slut, svar inom 10 arbetsdagar.',
        'Nästa omgång: "Tertial 2 2026" (id tertial-2-2026) öppnar 1 september 2026 kl. 08:00, svar senast 15 september 2026 kl. 23:59. Den körande boten skapar den 18 augusti 2026, 14 dagar före öppningen.',
      ].join('\n'),
    });
    const current = (await stores.registers.current())!;
    expect(current).toMatchObject({ version: 2, importedBy: 'alexw@example.com', source: 'register.csv' });
    expect(current.schedule).toEqual({ cadence: { kind: 'tertial', opensAfterDays: 1, dueAfterWorkingDays: 10 } });
    expect(current.plans).toEqual((await stores.registers.version(1))!.plans);
    expect(await stores.audit.listDay('2026-08-10')).toContainEqual(
      expect.objectContaining({ action: 'register.schedule-set', subject: 'register:v2', details: { version: 2, cadence: 'tertial' } }),
    );
  });

  it('takes a yearly cadence with its dates, in Swedish words too', async () => {
    const stores = await withRegister();
    const result = await run(stores, 'set-schedule', '--cadence', 'årlig', '--opens', '03-01', '--due', '04-01');
    expect(result.out).toBe(
      [
        'Schemat är sparat som registerversion 2: en gång om året: öppnar 1 mars, svar senast 1 april.',
        'Nästa omgång: "Uppföljning KF 2027" (id uppfoljning-kf-2027) öppnar 1 mars 2027 kl. 08:00, svar senast 1 april 2027 kl. 23:59. Den körande boten skapar den 15 februari 2027, 14 dagar före öppningen.',
      ].join('\n'),
    );
  });

  it('says when the next round is already there, and that an open one is created at once', async () => {
    const stores = await withRegister();
    await run(stores, 'create-round', '--title', 'Tertial 2 2026', '--year', '2026', '--opens', '2026-09-01', '--due', '2026-09-15');
    const result = await run(stores, 'set-schedule', '--cadence', 'tertial', '--opens-after', '1', '--due-after', '10');
    expect(result.out).toContain('Omgången "Tertial 2 2026" (id tertial-2-2026) finns redan.\nNästa omgång: "Tertial 3 2026" (id tertial-3-2026) öppnar 4 januari 2027');
    const monthly = await run(stores, 'set-schedule', '--cadence', 'monthly', '--opens-after', '0', '--due-after', '20');
    expect(monthly.out).toContain('Nästa omgång: "Juli 2026" (id manad-2026-07) öppnar 31 juli 2026 kl. 08:00, svar senast 28 augusti 2026 kl. 23:59. Den körande boten skapar den inom en minut.');
  });

  it('keeps what is not given when the kind stays, and changes nothing twice', async () => {
    const stores = await withRegister();
    await run(stores, 'set-schedule', '--cadence', 'quarterly', '--due-after', '15');
    await run(stores, 'set-schedule', '--cadence', 'kvartal', '--opens-after', '3');
    expect((await stores.registers.current())!.schedule).toEqual({ cadence: { kind: 'quarterly', opensAfterDays: 3, dueAfterWorkingDays: 15 } });
    const again = await run(stores, 'set-schedule', '--cadence', 'quarterly');
    expect(again.out).toMatch(/^Schemat var redan så; inget ändrades: varje kvartal/);
    expect((await stores.registers.current())!.version).toBe(3);
  });

  it('turns the cadence off with none, keeping the register as it is', async () => {
    const stores = await withRegister();
    await run(stores, 'set-schedule', '--cadence', 'tertial');
    const result = await run(stores, 'set-schedule', '--cadence', 'none');
    expect(result.out).toBe('Schemat är sparat som registerversion 3: inga omgångar skapas av sig själva. Skapa dem med create-round.');
    expect((await stores.registers.current())!.schedule).toBeUndefined();
  });

  it.each([
    [['--cadence', 'veckovis'], 'Okänd kadens "veckovis". Välj yearly (årlig), tertial, quarterly (kvartal), monthly (månad) eller none (ingen).'],
    ...['constructor', '__proto__', 'toString'].map((word) => [['--cadence', word], `Okänd kadens "${word}". Välj yearly (årlig), tertial, quarterly (kvartal), monthly (månad) eller none (ingen).`]),
    [[], 'Ange --cadence: yearly, tertial, quarterly, monthly eller none.'],
    [['--cadence', 'tertial', '--opens', '03-01'], '--opens passar inte med --cadence tertial. En kadens per period anges med --opens-after (dagar efter periodens slut) och --due-after (arbetsdagar efter öppningen).'],
    [['--cadence', 'yearly', '--due-after', '5'], '--due-after passar inte med --cadence yearly. En årlig kadens anges med --opens MM-DD och --due MM-DD.'],
    [['--cadence', 'tertial', '--due-after', 'tio'], '--due-after: "tio" är inget heltal. Ange antal arbetsdagar efter öppningen, t.ex. 10.'],
    [['--cadence', 'tertial', '--due-after', '0'], 'Schemat sparades inte:\n--due-after: Antalet arbetsdagar till sista svarsdag ska vara ett heltal från 1 till 60, inte 0.'],
    [['--cadence', 'yearly', '--opens', '2026-03-01'], 'Schemat sparades inte:\n--opens: Öppningsdagen "2026-03-01" är ingen dag på året. Ange den som MM-DD, t.ex. "03-01" för 1 mars.'],
  ])('refuses %j and says why', async (flags, message) => {
    const stores = await withRegister();
    const result = await run(stores, 'set-schedule', ...flags);
    expect(result).toEqual({ code: 1, out: '', err: message });
    expect((await stores.registers.current())!.version).toBe(1);
  });

  it('needs a register first', async () => {
    const result = await run(createMemoryStores(), 'set-schedule', '--cadence', 'tertial');
    expect(result.err).toBe('Schemat sparades inte:\nDet finns inget register ännu. Läs in registret först (import-register).');
  });
});
