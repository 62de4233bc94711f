import { writeFile, mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { runAdmin } from '../../../bot/cli/admin';
import { createMemoryStores } from '../../../storage/memory';

async function run(...argv: string[]) {
  const stores = createMemoryStores();
  return runWith(stores, ...argv);
}

async function runWith(stores: ReturnType<typeof createMemoryStores>, ...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runAdmin(argv, { stores, clock: { now: () => new Date('2019-02-20T10:00:00Z') } }, 'Europe/Stockholm', {
    out: (l) => out.push(l),
    err: (l) => err.push(l),
  });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe("the coordinator's command-line tool", () => {
  it('creates a round from local dates and tells when it opens, is due and closes', async () => {
    const result = await run('create-round', '--title', 'Uppföljning KF 2019', '--year', '2019', '--opens', '2019-03-01', '--due', '2019-04-01');
    expect(result.code).toBe(0);
    expect(result.out).toContain('Omgången "Uppföljning KF 2019" (id uppfoljning-kf-2019) öppnar 1 mars 2019 kl. 08:00, svar senast 1 april 2019 kl. 23:59');
    expect(result.out).toContain('Sammanställningen postas 2 april 2019 kl. 09:00.');
  });

  it('takes the time the summary is posted', async () => {
    const result = await run('create-round', '--title', 'T', '--year', '2019', '--opens', '2019-03-01', '--due', '2019-04-01', '--summary', '2019-04-05', '--summary-time', '13:30');
    expect(result.out).toContain('Sammanställningen postas 5 april 2019 kl. 13:30.');
    expect((await run('create-round', '--title', 'T', '--year', '2019', '--opens', '2019-03-01', '--due', '2019-04-01', '--summary-time', '9')).err).toBe(
      'Omgången skapades inte:\n--summary-time: "9" är ingen tid (tt:mm).',
    );
  });

  it('names the flags that are wrong or missing', async () => {
    expect((await run('create-round', '--title', 'T', '--year', '2019', '--opens', '2019-03-01', '--due', '2019-02-30')).err).toBe(
      'Omgången skapades inte:\n--due: "2019-02-30" är inget datum (åååå-mm-dd).',
    );
    expect((await run('create-round', '--title', 'T')).err).toBe('Ange --year, --opens, --due.');
  });

  it('refuses a due date on a day off by name, as the round form in Teams does, and names the next working day', async () => {
    const round = ['create-round', '--title', 'Tertial 1 2027', '--year', '2027', '--opens', '2027-03-15'];
    const ascension = await run(...round, '--due', '2027-05-06');
    expect(ascension.code).toBe(1);
    expect(ascension.err).toBe('Omgången skapades inte:\n--due: 6 maj 2027 är Kristi himmelsfärdsdag. Närmaste arbetsdag är 7 maj 2027.');
    // Långfredagen, then påskafton, påskdagen and annandag påsk: the next working day is Tuesday.
    expect((await run(...round, '--due', '2027-03-26')).err).toBe('Omgången skapades inte:\n--due: 26 mars 2027 är långfredagen. Närmaste arbetsdag är 30 mars 2027.');
    expect((await run(...round, '--due', '2027-04-14', '--summary', '2027-04-17')).err).toBe(
      'Omgången skapades inte:\n--summary: 17 april 2027 är en lördag. Närmaste arbetsdag är 19 april 2027.',
    );
  });

  it('refuses an opening time the clocks skip when they go forward, beside every other problem', async () => {
    const result = await run('create-round', '--title', 'T', '--year', '2027', '--opens', '2027-03-28', '--opens-time', '02:30', '--due', '2027-02-30');
    expect(result.code).toBe(1);
    expect(result.err.split('\n')).toEqual([
      'Omgången skapades inte:',
      '--due: "2027-02-30" är inget datum (åååå-mm-dd).',
      '--opens: 28 mars 2027 är påskdagen. Närmaste arbetsdag är 30 mars 2027.',
      '--opens-time: Klockan 02:30 finns inte den 28 mars 2027, eftersom klockan ställs fram till sommartid den natten. Välj en annan tid.',
    ]);
  });

  it('does not check the opening date of a round that opens now', async () => {
    const stores = createMemoryStores();
    // 2019-02-20 is a Wednesday, but --opens is not read at all with --open-now.
    const result = await runWith(stores, 'create-round', '--title', 'T', '--year', '2019', '--opens', '2019-02-23', '--due', '2019-04-01', '--open-now');
    expect(result).toMatchObject({ code: 0, err: '' });
  });

  it('opens a round at once with --open-now, and refuses a second round with the same id', async () => {
    const stores = createMemoryStores();
    const args = ['create-round', '--title', 'Uppföljning KF 2019', '--year', '2019', '--due', '2019-04-01', '--open-now'];
    expect((await runWith(stores, ...args)).code).toBe(0);
    expect((await stores.rounds.get('uppfoljning-kf-2019'))!.value.opensAt).toEqual(new Date('2019-02-20T10:00:00Z'));
    expect((await runWith(stores, ...args)).err).toContain('Det finns redan en omgång med id "uppfoljning-kf-2019"');
  });

  it('imports nothing from a missing or broken file, and says why', async () => {
    expect((await run('import-register', '/nonexistent/planer.csv')).err).toBe('Filen /nonexistent/planer.csv finns inte eller går inte att läsa.');
    const dir = await mkdtemp(path.join(os.tmpdir(), 'cli-'));
    await writeFile(path.join(dir, 'planer.csv'), 'Plan-id;Plan\r\nx;y\r\n');
    const result = await run('import-register', path.join(dir, 'planer.csv'));
    expect(result.code).toBe(1);
    expect(result.err).toContain('Registret lästes inte in: 3 fel. Inget har ändrats.');
  });

  it('counts the plans followed up and the plans not followed up apart when it imports a register', async () => {
    const result = await run('import-register', path.join(__dirname, '../../../demo/register.csv'));
    expect(result.code).toBe(0);
    expect(result.out).toBe('Registret är inläst som version 1: 7 planer som följs upp och 2 som inte följs upp, 5 personer, 1 samordnare.');
  });

  it('prints its usage for an unknown command', async () => {
    const result = await run('radera-allt');
    expect(result.code).toBe(1);
    expect(result.err).toContain('Användning: npm run admin');
  });
});
