// The kind of each item (plan, nämndsmål, aktivitet, uppdrag …) in the register's three file
// forms: an optional "Typ" column in CSV and .xlsx, a `kind` field in JSON. The known kinds are
// stored in one spelling; an absent kind is a plan, and a register without kinds writes as before.

import ExcelJS from 'exceljs';
import { CSV_COLUMNS, parseRegisterFile, writeRegisterCsv, writeRegisterJson, writeRegisterXlsx } from '../../../../bot/app/register/files';
import { listOwnPlans } from '../../../../bot/app/officer/officer-plans';
import { recordAnswer } from '../../../../bot/app/officer/record-answer';
import { openPlanForm, savePlan } from '../../../../bot/app/register/plan-admin';
import { DEFAULT_TEMPLATE } from '../../../../bot/domain/templates/builtin';
import type { RegisterContent } from '../../../../bot/domain/register';
import { diffRegisters, isEmptyDiff } from '../../../../bot/domain/register-diff';
import { actor, appFixture } from '../../../support/app-fixture';

const HEADER = 'Plan-id;Plan;Ansvarig (e-post);Namn;Roll;Typ';
const PERSON = 'kerstin@kalmar.se;Kerstin Lagerlund';

function csv(...lines: string[]): Buffer {
  return Buffer.from(`${lines.join('\r\n')}\r\n`, 'utf8');
}

const WITH_KINDS: RegisterContent = {
  plans: [
    { id: 'jamlik', title: 'Jämlik vård och omsorg', officer: 'kerstin@kalmar.se', kind: 'nämndsmål' },
    { id: 'journal', title: 'Journalgranskning', officer: 'kerstin@kalmar.se', kind: 'aktivitet' },
    { id: 'stodboende', title: 'Stödboende', officer: 'kerstin@kalmar.se', kind: 'uppdrag' },
    { id: 'drog', title: 'Drogpolitiskt program', officer: 'kerstin@kalmar.se' },
  ],
  people: [{ id: 'kerstin@kalmar.se', name: 'Kerstin Lagerlund' }],
  coordinators: ['kerstin@kalmar.se'],
};

describe('the kind column of a CSV register', () => {
  it('reads each row\'s kind, the four known ones in one spelling whatever the case or number, an empty cell as no kind', async () => {
    const result = await parseRegisterFile(
      csv(
        HEADER,
        `jamlik;Jämlik vård;${PERSON};samordnare;Nämndsmål`,
        `journal;Journalgranskning;${PERSON};;Aktiviteter`,
        `stod;Stödboende;${PERSON};;UPPDRAG`,
        `drog;Drogpolitiskt program;${PERSON};;`,
        `handl;Handlingsplan;${PERSON};;Planer`,
        `index;Index;${PERSON};;Indikator`,
      ),
      'register.csv',
    );
    expect(result.errors).toEqual([]);
    expect(result.content!.plans.map((p) => [p.id, p.kind])).toEqual([
      ['jamlik', 'nämndsmål'],
      ['journal', 'aktivitet'],
      ['stod', 'uppdrag'],
      ['drog', undefined],
      ['handl', 'plan'],
      ['index', 'Indikator'],
    ]);
  });

  it('refuses an over-long kind on its row and column', async () => {
    const result = await parseRegisterFile(csv(HEADER, `jamlik;Jämlik vård;${PERSON};samordnare;${'x'.repeat(51)}`), 'register.csv');
    expect(result.errors).toEqual([{ line: 2, field: 'Typ', message: 'Typen är 51 tecken lång; högst 50 tecken är tillåtet.' }]);
  });

  it('accepts the English header "Kind"', async () => {
    const result = await parseRegisterFile(csv(HEADER.replace('Typ', 'Kind'), `jamlik;Jämlik vård;${PERSON};samordnare;goal`), 'register.csv');
    expect(result.errors).toEqual([]);
    expect(result.content!.plans[0].kind).toBe('goal');
  });

  it('writes the kind last and reads the export back as the same register', async () => {
    const bytes = writeRegisterCsv(WITH_KINDS);
    const lines = bytes.toString('utf8').slice(1).split('\r\n');
    expect(lines[0]).toBe([...CSV_COLUMNS.map((c) => c.label), 'Typ'].join(';'));
    expect(lines[1].endsWith(';nämndsmål')).toBe(true);
    expect((await parseRegisterFile(bytes, 'register.csv')).content!.plans).toEqual(WITH_KINDS.plans);
  });

  it('writes no kind column for a register without kinds', () => {
    const { plans, ...rest } = WITH_KINDS;
    const header = writeRegisterCsv({ ...rest, plans: plans.map(({ kind: _kind, ...plan }) => plan) }).toString('utf8').slice(1).split('\r\n')[0];
    expect(header).toBe(CSV_COLUMNS.map((c) => c.label).join(';'));
  });
});

describe('the kind column of an .xlsx register', () => {
  it('writes the kind and reads it back', async () => {
    const bytes = await writeRegisterXlsx(WITH_KINDS);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(bytes as unknown as ArrayBuffer);
    const sheet = book.worksheets[0];
    expect(sheet.getRow(1).values).toEqual([undefined, ...CSV_COLUMNS.map((c) => c.label), 'Typ']);
    expect(sheet.getCell(3, CSV_COLUMNS.length + 1).value).toBe('aktivitet');
    expect((await parseRegisterFile(bytes, 'register.xlsx')).content!.plans).toEqual(WITH_KINDS.plans);
  });

  it('refuses an over-long kind in its cell', async () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('Register');
    sheet.addRow(HEADER.split(';'));
    sheet.addRow(['jamlik', 'Jämlik vård', 'kerstin@kalmar.se', 'Kerstin Lagerlund', 'samordnare', 'å'.repeat(60)]);
    const result = await parseRegisterFile(Buffer.from(await book.xlsx.writeBuffer()), 'register.xlsx');
    expect(result.errors).toEqual([{ line: 2, field: 'Typ', message: 'Typen är 60 tecken lång; högst 50 tecken är tillåtet.' }]);
  });
});

describe('the kind field of a JSON register', () => {
  it('reads the kind in the known spelling and writes it back', async () => {
    const json = writeRegisterJson({ ...WITH_KINDS, plans: [{ ...WITH_KINDS.plans[0], kind: 'Nämndmål' }, ...WITH_KINDS.plans.slice(1)] });
    const result = await parseRegisterFile(Buffer.from(json), 'register.json');
    expect(result.errors).toEqual([]);
    expect(result.content!.plans).toEqual(WITH_KINDS.plans);
    expect(writeRegisterJson(result.content!)).toContain('"kind": "nämndsmål"');
  });

  it('refuses an empty kind, naming the plan and where it is', async () => {
    const json = JSON.stringify({ ...WITH_KINDS, plans: [{ ...WITH_KINDS.plans[0], kind: '  ' }] }, null, 2);
    const result = await parseRegisterFile(Buffer.from(json), 'register.json');
    expect(result.errors).toEqual([
      expect.objectContaining({
        field: 'plans[0].kind',
        message: 'Planen "jamlik" har en tom typ. Skriv t.ex. "plan", "nämndsmål", "aktivitet" eller "uppdrag", eller ta bort fältet.',
      }),
    ]);
  });

  it('refuses a kind that is not text', async () => {
    const json = JSON.stringify({ ...WITH_KINDS, plans: [{ ...WITH_KINDS.plans[0], kind: 3 }] });
    const result = await parseRegisterFile(Buffer.from(json), 'register.json');
    expect(result.errors).toEqual([expect.objectContaining({ field: 'plans[0].kind', message: 'Värdet ska vara text inom citattecken, inte ett tal.' })]);
  });
});

describe('the kind beside the register\'s other uses', () => {
  it('is a change of the plan between two versions, named in the import\'s preview and the history', () => {
    const before = WITH_KINDS;
    const after = { ...WITH_KINDS, plans: WITH_KINDS.plans.map((p) => (p.id === 'drog' ? { ...p, kind: 'uppdrag' } : p)) };
    const diff = diffRegisters(before, after);
    expect(diff.plans.changed).toEqual([{ before: WITH_KINDS.plans[3], after: after.plans[3], fields: ['kind'] }]);
    expect(isEmptyDiff(diff)).toBe(false);
  });

  it('stays with a plan a coordinator edits in the Teams form, which does not show it', async () => {
    const f = await appFixture();
    const current = (await f.stores.registers.current())!;
    await f.stores.registers.saveVersion(
      { ...current, plans: current.plans.map((p) => (p.id === 'drog' ? { ...p, kind: 'uppdrag' } : p)) },
      { importedBy: 'x', importedAt: new Date(), source: 't' },
    );
    const sara = actor('samordnare@kalmar.se');
    const form = await openPlanForm(f.deps, sara, 'drog');
    if (form.kind !== 'form') throw new Error(form.kind);
    const outcome = await savePlan(f.deps, sara, { planId: 'drog', registerVersion: form.registerVersion, values: { ...form.values, note: 'revidering pågår' }, was: form.was });
    expect(outcome).toMatchObject({ kind: 'saved' });
    expect((await f.stores.registers.current())!.plans.find((p) => p.id === 'drog')).toMatchObject({ note: 'revidering pågår', kind: 'uppdrag' });
  });
});

describe('an officer\'s plans in a round on a template for some kinds', () => {
  it('are those of its kinds: another plan is neither listed nor answerable in that round', async () => {
    const f = await appFixture({ now: '2019-03-05T09:00:00Z' });
    const current = (await f.stores.registers.current())!;
    await f.stores.registers.saveVersion(
      { ...current, plans: current.plans.map((p) => (p.id === 'drog' ? { ...p, kind: 'uppdrag' } : p)) },
      { importedBy: 'x', importedAt: new Date(), source: 't' },
    );
    const anna = actor('anna@kalmar.se');
    const before = await listOwnPlans(f.deps, anna);
    const others = before[0].plans.map((p) => p.plan.id).filter((id) => id !== 'drog');
    expect(others.length).toBeGreaterThan(0);

    const stored = (await f.stores.rounds.get(f.round.id))!;
    await f.stores.rounds.update({ ...stored.value, template: { ...DEFAULT_TEMPLATE, id: 'uppdrag-fem', kinds: ['uppdrag'] } }, stored.etag);
    const own = await listOwnPlans(f.deps, anna);
    expect(own[0].plans.map((p) => p.plan.id)).toEqual(['drog']);
    const refused = await recordAnswer(f.deps, { actor: anna, roundId: f.round.id, planId: others[0], intent: 'draft', values: { status: 'utkast' }, baseVersion: 0 });
    expect(refused).toMatchObject({ kind: 'refused', reason: 'unknown-plan' });
  });
});
