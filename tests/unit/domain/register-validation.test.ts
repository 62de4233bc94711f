// The rules a register must satisfy before it replaces the current one, one table row a rule.

import type { FieldError } from '../../../bot/domain/errors';
import { validateRegister, type RegisterContent } from '../../../bot/domain/register';

function validRegister(): RegisterContent {
  return {
    plans: [
      { id: 'drog', title: 'Drogpolitiskt program 2016-2020', period: '2016-2020', officer: 'meganb@example.com' },
      { id: 'vatten', title: 'God vattenstatus – handlingsplan', note: 'arbete pågår', officer: 'alexw@example.com' },
      { id: 'fossil', title: 'Fossilbränslefri kommun 2030', excludedReason: 'Följs upp i det årliga miljöbokslutet.' },
    ],
    people: [
      { id: 'meganb@example.com', name: 'Megan Bowen', title: 'folkhälsostrateg', manager: 'pattif@example.com' },
      { id: 'alexw@example.com', name: 'Alex Wilber', unit: 'Kommunledningskontoret' },
      { id: 'pattif@example.com', name: 'Patti Fernandez', title: 'biträdande kommundirektör' },
    ],
    coordinators: ['alexw@example.com'],
  };
}

function changed(change: (r: RegisterContent) => void): RegisterContent {
  const register = validRegister();
  change(register);
  return register;
}

describe('validateRegister', () => {
  it('accepts a complete register', () => {
    expect(validateRegister(validRegister())).toEqual([]);
  });

  const broken: Array<[string, (r: RegisterContent) => void, string, RegExp]> = [
    ['a plan without an id', (r) => { r.plans[0].id = ' '; }, 'plans[0].id', /^Planen "Drogpolitiskt program 2016-2020" saknar id/],
    ['a plan id used twice, whatever its case', (r) => { r.plans[1].id = 'DROG'; }, 'plans[1].id', /^Planens id "DROG" förekommer redan i plans\[0\]\.id\.$/],
    ['a plan id over 100 characters', (r) => { r.plans[0].id = 'x'.repeat(101); }, 'plans[0].id', /101 tecken långt; högst 100/],
    ['a tab in a plan id', (r) => { r.plans[0].id = 'dr\tog'; }, 'plans[0].id', /får inte innehålla en tabb/],
    ['a character storage keys refuse in a plan id', (r) => { r.plans[0].id = 'drog/2016'; }, 'plans[0].id', /tecknet \//],
    ['a plan without a title', (r) => { r.plans[0].title = ''; }, 'plans[0].title', /^Planen "drog" saknar titel\.$/],
    ['a title over 300 characters', (r) => { r.plans[0].title = 'å'.repeat(301); }, 'plans[0].title', /301 tecken lång; högst 300/],
    ['a line break in a title', (r) => { r.plans[0].title = 'Drogpolitiskt\nprogram'; }, 'plans[0].title', /en radbrytning; allt ska stå på en rad/],
    ['a period over 200 characters', (r) => { r.plans[0].period = '2'.repeat(201); }, 'plans[0].period', /Genomförandetiden är 201 tecken/],
    ['a note over 200 characters', (r) => { r.plans[1].note = 'n'.repeat(201); }, 'plans[1].note', /Noteringen är 201 tecken/],
    ['an invisible control character in a note', (r) => { r.plans[1].note = 'arbete\u0007pågår'; }, 'plans[1].note', /styrtecken \(U\+0007\)/],
    ['an active plan without an officer', (r) => { delete r.plans[0].officer; }, 'plans[0].officer', /^Planen "drog" saknar ansvarig tjänsteperson/],
    ['an officer that is not an address', (r) => { r.plans[0].officer = 'Megan Bowen'; }, 'plans[0].officer', /^"Megan Bowen" är ingen giltig e-postadress\.$/],
    ['an officer missing from the people', (r) => { r.plans[0].officer = 'leeg@example.com'; }, 'plans[0].officer', /"leeg@example.com" finns inte bland personerna/],
    ['an excluded plan without a reason', (r) => { r.plans[2].excludedReason = ' '; }, 'plans[2].excludedReason', /markerad som utgången men saknar skäl/],
    ['a reason over 500 characters', (r) => { r.plans[2].excludedReason = 's'.repeat(501); }, 'plans[2].excludedReason', /501 tecken långt; högst 500/],
    ['"ja" written instead of a reason', (r) => { r.plans[2].excludedReason = 'Ja'; }, 'plans[2].excludedReason', /^"Ja" är inget skäl/],
    ['an excluded plan whose officer is not in the register', (r) => { r.plans[2].officer = 'leeg@example.com'; }, 'plans[2].officer', /finns inte bland personerna/],
    ['a person without an address', (r) => { r.people[2].id = ''; }, 'people[2].id', /^Personen "Patti Fernandez" saknar e-postadress\.$/],
    ['a person whose address is not one', (r) => { r.people[2].id = 'pattif@example'; }, 'people[2].id', /^"pattif@example" är ingen giltig e-postadress\.$/],
    ['a person listed twice, whatever the case', (r) => { r.people[2].id = 'MeganB@Example.com'; }, 'people[2].id', /^Personen "MeganB@Example.com" förekommer redan i people\[0\]\.id\.$/],
    ['a person without a name', (r) => { r.people[0].name = ''; }, 'people[0].name', /^Personen "meganb@example.com" saknar namn\.$/],
    ['a name over 200 characters', (r) => { r.people[0].name = 'M'.repeat(201); }, 'people[0].name', /Namnet är 201 tecken långt/],
    ['a tab in a person title', (r) => { r.people[0].title = 'folkhälso\tstrateg'; }, 'people[0].title', /Titeln får inte innehålla en tabb/],
    ['a line break in a unit', (r) => { r.people[1].unit = 'Kommun-\r\nledningskontoret'; }, 'people[1].unit', /Enheten får inte innehålla en radbrytning/],
    ['a manager that is not an address', (r) => { r.people[0].manager = 'Patti'; }, 'people[0].manager', /^"Patti" är ingen giltig e-postadress\.$/],
    ['a person who is their own manager', (r) => { r.people[0].manager = 'MEGANB@example.com'; }, 'people[0].manager', /kan inte vara sin egen chef/],
    ['no coordinator at all', (r) => { r.coordinators = []; }, 'coordinators', /saknar samordnare/],
    ['a coordinator that is not an address', (r) => { r.coordinators.push('samordnaren'); }, 'coordinators[1]', /^"samordnaren" är ingen giltig e-postadress\.$/],
    ['a coordinator listed twice', (r) => { r.coordinators.push('ALEXW@example.com'); }, 'coordinators[1]', /förekommer redan i coordinators\[0\]/],
    ['a register without plans', (r) => { r.plans = []; }, 'plans', /inga planer/],
  ];

  it.each(broken)('rejects %s', (_rule, change, field, message) => {
    const errors = validateRegister(changed(change));
    expect(errors).toEqual([{ field, message: expect.stringMatching(message) }]);
  });

  const allowed: Array<[string, (r: RegisterContent) => void]> = [
    ['an excluded plan without an officer', (r) => { delete r.plans[2].officer; }],
    ['a manager who is not listed as a person', (r) => { r.people[1].manager = 'someone@example.com'; }],
    ['a manager who is listed as a person', (r) => { r.people[0].manager = 'alexw@example.com'; }],
    ['an officer written in another case than the person', (r) => { r.plans[0].officer = 'MeganB@Example.com'; }],
    ['one officer owning several plans', (r) => { r.plans[1].officer = 'meganb@example.com'; }],
    ['a coordinator who owns no plan and is not a person', (r) => { r.coordinators.push('samordnare@example.com'); }],
    ['a period written as text', (r) => { r.plans[0].period = 'Ska gälla till 2027'; }],
    ['Swedish and accented letters everywhere', (r) => { r.people[0].name = 'Åsa Öhman-Ängström Hélène'; }],
  ];

  it.each(allowed)('accepts %s', (_case, change) => {
    expect(validateRegister(changed(change))).toEqual([]);
  });

  it('lists every error with its line, not only the first', () => {
    const register = changed((r) => {
      r.plans[0].title = '';
      r.plans[1].officer = undefined;
      r.people[0].name = '';
      r.coordinators = ['alex'];
    });
    const lines: Record<string, number> = { plan: 10, person: 20, coordinator: 30 };
    const errors = validateRegister(register, (kind, index, field) => ({ line: lines[kind] + index, field: `${kind}.${field}` }));
    expect(errors.map((e: FieldError) => [e.line, e.field])).toEqual([
      [10, 'plan.title'],
      [11, 'plan.officer'],
      [20, 'person.name'],
      [30, 'coordinator.'],
    ]);
  });

  it('reports one error per field: the first rule it breaks', () => {
    const errors = validateRegister(changed((r) => { r.plans[0].id = `a\tb/${'x'.repeat(120)}`; }));
    expect(errors).toHaveLength(1);
    expect(errors[0].message).toMatch(/tabb/);
  });

  it('names the line of the first occurrence of a duplicate plan id', () => {
    const register = changed((r) => { r.plans[2].id = 'Drog'; });
    const errors = validateRegister(register, (_kind, index, field) => ({ line: index + 2, field }));
    expect(errors).toEqual([{ line: 4, field: 'id', message: 'Planens id "Drog" förekommer redan på rad 2.' }]);
  });

  it('does not change the register it checks', () => {
    const register = changed((r) => { r.plans[0].title = ''; });
    const before = JSON.stringify(register);
    validateRegister(register);
    expect(JSON.stringify(register)).toBe(before);
  });
});
