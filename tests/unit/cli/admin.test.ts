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
      '--opens-time: Tiden 02:30 finns inte den 28 mars 2027, eftersom klockan ställs fram en timme till sommartid den natten. Välj en annan tid.',
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

  it('keeps the default answer rules with a new round: the status and at least one section, an empty section as its heading alone', async () => {
    const stores = createMemoryStores();
    const result = await runWith(stores, 'create-round', '--title', 'Uppföljning KF 2019', '--year', '2019', '--opens', '2019-03-01', '--due', '2019-04-01');
    expect(result.out).toContain('För att skicka in krävs status och minst ett av de fem avsnitten. I tjänsteskrivelsen står ett tomt avsnitt med bara rubriken.');
    expect((await stores.rounds.get('uppfoljning-kf-2019'))!.value.answerPolicy).toEqual({ requiredSections: [], minSections: 1, emptySection: 'blank' });
  });

  it('takes the sections a submit requires and what an empty section says in the document', async () => {
    const stores = createMemoryStores();
    const result = await runWith(stores, 'create-round', '--title', 'T', '--year', '2019', '--opens', '2019-03-01', '--due', '2019-04-01', '--required-sections', '1, 4', '--min-sections', '3', '--empty-section', 'inget');
    expect(result.code).toBe(0);
    expect(result.out).toContain('För att skicka in krävs status, avsnitt 1, 4 och minst 3 av de fem avsnitten. I tjänsteskrivelsen står ett tomt avsnitt med texten "Inget att rapportera".');
    expect((await stores.rounds.get('t'))!.value.answerPolicy).toEqual({ requiredSections: ['status', 'risks'], minSections: 3, emptySection: 'nothing-to-report' });
    const all = await runWith(stores, 'create-round', '--title', 'Alla', '--year', '2019', '--opens', '2019-03-01', '--due', '2019-04-01', '--required-sections', 'alla');
    expect(all.out).toContain('För att skicka in krävs status och alla fem avsnitten.');
  });

  it('names a wrong answer-rule flag and creates nothing', async () => {
    const stores = createMemoryStores();
    const result = await runWith(stores, 'create-round', '--title', 'T', '--year', '2019', '--opens', '2019-03-01', '--due', '2019-04-01', '--required-sections', '2,7', '--empty-section', 'kanske');
    expect(result.code).toBe(1);
    expect(result.err).toBe(
      'Omgången skapades inte:\n--required-sections: "2,7": ange avsnittens nummer 1–5 med komma emellan, "alla" eller "inga".\n--empty-section: "kanske": ange "tom" (bara rubriken) eller "inget" (Inget att rapportera).',
    );
    expect(await stores.rounds.list()).toEqual([]);
  });

  it("bounds the answer-rule flags by the round's template and words the rule from it", async () => {
    const stores = createMemoryStores();
    const tertial = ['create-round', '--title', 'Tertial', '--year', '2026', '--opens', '2026-03-02', '--due', '2026-04-01', '--template', 'maluppfoljning-tertial'];
    const wrong = await runWith(stores, ...tertial, '--required-sections', '4', '--min-sections', '4');
    expect(wrong.code).toBe(1);
    expect(wrong.err).toBe(
      'Omgången skapades inte:\n--required-sections: "4": ange avsnittens nummer 1–3 med komma emellan, "alla" eller "inga".\n--min-sections: "4": ange ett antal avsnitt från 0 till 3.',
    );
    const result = await runWith(stores, ...tertial, '--min-sections', '2');
    expect(result.err).toBe('');
    expect(result.code).toBe(0);
    expect(result.out).toContain('För att skicka in krävs status, avsnitt 1 och minst 2 av de tre avsnitten.');
  });

  it("sets the council document's date and first Bakgrund paragraph of a round, and keeps the change in the history", async () => {
    const stores = createMemoryStores();
    await runWith(stores, 'create-round', '--title', 'Uppföljning KF 2019', '--year', '2019', '--opens', '2019-03-01', '--due', '2019-04-01', '--document-date', '2019-04-09');
    expect((await stores.rounds.get('uppfoljning-kf-2019'))!.value.document).toEqual({ date: '2019-04-09' });
    const background = 'I Verksamhetsplan med budget för 2019 beslutade kommunfullmäktige om en samlad uppföljning vid sammanträdet i maj.';
    const result = await runWith(stores, 'set-document', 'uppfoljning-kf-2019', '--date', '2019-04-10', '--background', background, '--by', 'sara@kalmar.se');
    expect(result).toMatchObject({ code: 0, out: `Tjänsteskrivelsen för "Uppföljning KF 2019": datum 2019-04-10, Bakgrund börjar "${background}".` });
    expect((await stores.rounds.get('uppfoljning-kf-2019'))!.value.document).toEqual({ date: '2019-04-10', background });
    const [change] = await stores.history.recent(1);
    expect(change).toMatchObject({ actor: 'sara@kalmar.se', action: 'round.document-set', before: { date: '2019-04-09' }, after: { date: '2019-04-10', background } });
    // An empty value goes back to the default, which is described rather than quoted.
    expect((await runWith(stores, 'set-document', 'uppfoljning-kf-2019', '--date', '')).out).toBe(
      `Tjänsteskrivelsen för "Uppföljning KF 2019": daterad den dag den exporteras, Bakgrund börjar "${background}".`,
    );
    expect((await stores.rounds.get('uppfoljning-kf-2019'))!.value.document).toEqual({ background });
    expect((await runWith(stores, 'set-document', 'uppfoljning-kf-2019', '--background', '', '--date', '2019-04-10')).out).toBe(
      'Tjänsteskrivelsen för "Uppföljning KF 2019": datum 2019-04-10, Bakgrund börjar med omgångens titel.',
    );
    await runWith(stores, 'set-document', 'uppfoljning-kf-2019', '--date', '2019-04-10', '--background', background);
    expect((await runWith(stores, 'set-document', 'uppfoljning-kf-2019', '--date', '10 april')).err).toBe(
      'Tjänsteskrivelsens uppgifter ändrades inte:\n--date: "10 april" är inget datum (åååå-mm-dd).',
    );
    expect((await runWith(stores, 'set-document', 'finns-inte', '--date', '2019-04-10')).code).toBe(1);
  });

  it('sets the short names the appendices go by in Bilagor, one plan at a time, and refuses one for a plan not in the register', async () => {
    const stores = createMemoryStores();
    await stores.registers.saveVersion(
      { plans: [{ id: 'drog', title: 'Drogpolitiskt program 2016-2020', officer: 'a@k.se' }, { id: 'bostad', title: 'Bostadsförsörjning - riktlinjer', officer: 'a@k.se' }], people: [{ id: 'a@k.se', name: 'A' }], coordinators: ['a@k.se'] },
      { importedBy: 'x', importedAt: new Date('2019-02-01T00:00:00Z'), source: 'test' },
    );
    await runWith(stores, 'create-round', '--title', 'Uppföljning KF 2019', '--year', '2019', '--opens', '2019-03-01', '--due', '2019-04-01', '--appendix', 'drog=Drogpolitiska programmet');
    const result = await runWith(stores, 'set-document', 'uppfoljning-kf-2019', '--appendix', 'bostad = Riktlinjer för bostadsförsörjning');
    expect(result.out).toContain('Bilagornas kortnamn: drog: Drogpolitiska programmet | bostad: Riktlinjer för bostadsförsörjning.');
    await runWith(stores, 'set-document', 'uppfoljning-kf-2019', '--appendix', 'drog=');
    expect((await stores.rounds.get('uppfoljning-kf-2019'))!.value.document).toEqual({ appendixNames: { bostad: 'Riktlinjer för bostadsförsörjning' } });
    expect((await runWith(stores, 'set-document', 'uppfoljning-kf-2019', '--appendix', 'drogg=Drogpolitiska programmet')).err).toBe(
      'Tjänsteskrivelsens uppgifter ändrades inte:\n--appendix: Det finns ingen plan med id "drogg" i registret.',
    );
    expect((await runWith(stores, 'set-document', 'uppfoljning-kf-2019', '--appendix', 'Drogpolitiska programmet')).err).toBe(
      'Tjänsteskrivelsens uppgifter ändrades inte:\n--appendix: "Drogpolitiska programmet": skriv planens id, likhetstecken och värdet, t.ex. drog="Drogpolitiska programmet".',
    );

    // The titles a plan's appendix is signed with, for an officer who signs two plans differently.
    const signed = await runWith(stores, 'set-document', 'uppfoljning-kf-2019', '--signature', 'drog=Folkhälsosamordnare; Kalmar kommun');
    expect(signed.out).toContain('Titlar i underskriften: drog: Folkhälsosamordnare; Kalmar kommun.');

    // Next year's round starts from the same short names and titles; its date and Bakgrund are its own.
    await runWith(stores, 'set-document', 'uppfoljning-kf-2019', '--date', '2019-04-10');
    await runWith(stores, 'create-round', '--title', 'Uppföljning KF 2020', '--year', '2020', '--opens', '2020-03-02', '--due', '2020-04-01', '--appendix', 'drog=Drogpolitiska programmet 2020');
    expect((await stores.rounds.get('uppfoljning-kf-2020'))!.value.document).toEqual({
      appendixNames: { bostad: 'Riktlinjer för bostadsförsörjning', drog: 'Drogpolitiska programmet 2020' },
      signatureTitles: { drog: 'Folkhälsosamordnare; Kalmar kommun' },
    });
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
