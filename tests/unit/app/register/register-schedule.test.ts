// The register's schedule: checked with the register, read from and written to the JSON form,
// and kept by an import that does not state it (a CSV file cannot).

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { importRegister } from '../../../../bot/app/register/import-register';
import { parseRegisterFile, writeRegisterJson } from '../../../../bot/app/register/files';
import { DEFAULT_FOLLOW_UP_POLICY } from '../../../../bot/domain/reminder-policy';
import { validateRegister, type RegisterContent } from '../../../../bot/domain/register';
import { createMemoryStores } from '../../../../storage/memory';

const demoJson = JSON.parse(readFileSync(path.join(__dirname, '..', '..', '..', '..', 'demo', 'register.json'), 'utf8')) as Record<string, unknown>;
const demoCsv = readFileSync(path.join(__dirname, '..', '..', '..', '..', 'demo', 'register.csv'));
const clock = { now: () => new Date('2026-02-10T09:00:00Z') };

function jsonFile(schedule?: unknown): Buffer {
  const data = schedule === undefined ? { ...demoJson } : { ...demoJson, schedule };
  return Buffer.from(JSON.stringify(data, null, 2));
}

let demoContent: RegisterContent;
beforeAll(async () => {
  demoContent = (await parseRegisterFile(jsonFile(), 'register.json')).content!;
});

function content(schedule: unknown): RegisterContent {
  return { ...demoContent, schedule: schedule as RegisterContent['schedule'] };
}

describe('the schedule in the register', () => {
  it('is optional', async () => {
    const parsed = await parseRegisterFile(jsonFile(), 'register.json');
    expect(parsed.errors).toEqual([]);
    expect(parsed.content!.schedule).toBeUndefined();
  });

  it('accepts a cadence and a full policy', async () => {
    expect(validateRegister(content({ cadence: { kind: 'tertial', opensAfterDays: 1, dueAfterWorkingDays: 10 }, policy: DEFAULT_FOLLOW_UP_POLICY }))).toEqual([]);
    expect(validateRegister(content({ cadence: { kind: 'yearly', opens: '03-01', due: '04-01' } }))).toEqual([]);
    expect(validateRegister(content({}))).toEqual([]);
  });

  it.each<[string, unknown, Array<{ field: string; message: string }>]>([
    ['not an object', 'tertial', [{ field: 'schedule', message: 'Schemat ska vara ett objekt med fälten cadence och policy.' }]],
    ['an unknown field', { kadens: 'tertial' }, [{ field: 'schedule.kadens', message: 'Okänt fält "kadens" i schemat. Tillåtna fält: cadence, policy.' }]],
    [
      'a yearly cadence due before it opens',
      { cadence: { kind: 'yearly', opens: '05-01', due: '04-01' } },
      [{ field: 'schedule.cadence.due', message: 'Sista svarsdag (04-01) måste ligga efter öppningsdagen (05-01) samma år.' }],
    ],
    [
      'a policy with bad values',
      {
        policy: {
          reminders: { beforeDue: [5, 5], onDueDate: 'ja', overdueEvery: 0, overdueMax: 3, at: '9' },
          escalation: { afterWorkingDays: 3, every: 5, max: 2, chef: true },
        },
      },
      [
        { field: 'schedule.policy.reminders.beforeDue', message: 'Samma dag förekommer två gånger bland påminnelserna före sista svarsdag.' },
        { field: 'schedule.policy.reminders.onDueDate', message: 'Påminnelse på sista svarsdagen (onDueDate) anges som true eller false.' },
        { field: 'schedule.policy.reminders.overdueEvery', message: 'Antalet arbetsdagar mellan påminnelserna efter sista svarsdag ska vara ett heltal från 1 till 30, inte 0.' },
        { field: 'schedule.policy.reminders.at', message: 'Tiden då påminnelserna skickas anges som tt:mm, t.ex. "09:00".' },
        { field: 'schedule.policy.escalation.chef', message: 'Okänt fält "chef" i eskaleringen. Tillåtna fält: afterWorkingDays, every, max.' },
      ],
    ],
  ])('refuses %s, in Swedish and by path', (_name, schedule, expected) => {
    expect(validateRegister(content(schedule))).toEqual(expected);
  });
});

describe('the JSON register file', () => {
  it('reads the schedule, filling what a policy leaves out from the defaults', async () => {
    const parsed = await parseRegisterFile(
      jsonFile({ cadence: { kind: 'tertial', opensAfterDays: 3, dueAfterWorkingDays: 8 }, policy: { escalation: { afterWorkingDays: 0 } } }),
      'register.json',
    );
    expect(parsed.errors).toEqual([]);
    expect(parsed.statesSchedule).toBe(true);
    expect(parsed.content!.schedule).toEqual({
      cadence: { kind: 'tertial', opensAfterDays: 3, dueAfterWorkingDays: 8 },
      policy: { reminders: DEFAULT_FOLLOW_UP_POLICY.reminders, escalation: { ...DEFAULT_FOLLOW_UP_POLICY.escalation, afterWorkingDays: 0 } },
    });
  });

  it('points at the line of a bad schedule value', async () => {
    const text = JSON.stringify({ ...demoJson, schedule: { cadence: { kind: 'yearly', opens: '13-01', due: '04-01' } } }, null, 2);
    const line = text.split('\n').findIndex((l) => l.includes('"13-01"')) + 1;
    expect((await parseRegisterFile(Buffer.from(text), 'register.json')).errors).toEqual([
      { line, field: 'schedule.cadence.opens', message: 'Öppningsdagen "13-01" är ingen dag på året. Ange den som MM-DD, t.ex. "03-01" för 1 mars.' },
    ]);
  });

  it('writes a register that reads back the same, schedule included', async () => {
    const parsed = await parseRegisterFile(jsonFile({ cadence: { kind: 'monthly', opensAfterDays: 1, dueAfterWorkingDays: 5 } }), 'register.json');
    const again = await parseRegisterFile(Buffer.from(writeRegisterJson(parsed.content!)), 'register.json');
    expect(again.errors).toEqual([]);
    expect(again.content).toEqual(parsed.content);
  });

  it('says nothing about the schedule when it is a CSV file, or a JSON file without the field', async () => {
    expect((await parseRegisterFile(demoCsv, 'register.csv')).statesSchedule).toBe(false);
    expect((await parseRegisterFile(jsonFile(), 'register.json')).statesSchedule).toBe(false);
    expect((await parseRegisterFile(jsonFile(null), 'register.json')).statesSchedule).toBe(true);
  });
});

describe('importing a register', () => {
  const tertial = { cadence: { kind: 'tertial' as const, opensAfterDays: 1, dueAfterWorkingDays: 10 } };

  async function withSchedule() {
    const stores = createMemoryStores();
    const first = await importRegister({ stores, clock }, { bytes: jsonFile(tertial), fileName: 'register.json', importedBy: 'alexw@example.com' });
    expect(first.kind).toBe('imported');
    return stores;
  }

  it('keeps the current schedule when the file is CSV', async () => {
    const stores = await withSchedule();
    const result = await importRegister({ stores, clock }, { bytes: demoCsv, fileName: 'register.csv', importedBy: 'alexw@example.com' });
    expect(result.kind === 'imported' && result.register.schedule).toEqual(tertial);
    expect((await stores.registers.current())?.schedule).toEqual(tertial);
  });

  it('keeps it when a JSON file leaves the field out, replaces it when the file states one, and drops it on null', async () => {
    const stores = await withSchedule();
    await importRegister({ stores, clock }, { bytes: jsonFile(), fileName: 'register.json', importedBy: 'a@example.com' });
    expect((await stores.registers.current())?.schedule).toEqual(tertial);
    const yearly = { cadence: { kind: 'yearly', opens: '03-01', due: '04-01' } };
    await importRegister({ stores, clock }, { bytes: jsonFile(yearly), fileName: 'register.json', importedBy: 'a@example.com' });
    expect((await stores.registers.current())?.schedule).toEqual(yearly);
    await importRegister({ stores, clock }, { bytes: jsonFile(null), fileName: 'register.json', importedBy: 'a@example.com' });
    expect((await stores.registers.current())?.schedule).toBeUndefined();
  });
});
