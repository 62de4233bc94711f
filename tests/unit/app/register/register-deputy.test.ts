// A plan's standing deputy in the register files: an optional CSV column and a JSON field,
// checked like the officer. Files without the column read as before.

import { parseRegisterFile } from '../../../../bot/app/register/files';

const HEADER = 'Plan-id;Plan;Ansvarig (e-post);Namn;Roll';

describe("a plan's standing deputy in the register file", () => {
  it('is read from the optional CSV column "Ersättare (e-post)"', async () => {
    const csv = [
      `${HEADER};Ersättare (e-post)`,
      'drog;Drogpolitiskt program;anna@kalmar.se;Anna Andersson;samordnare;BO@kalmar.se',
      ';;bo@kalmar.se;Bo Berg;;',
    ].join('\r\n');
    const result = await parseRegisterFile(Buffer.from(csv), 'register.csv');
    expect(result.errors).toEqual([]);
    expect(result.content!.plans).toEqual([{ id: 'drog', title: 'Drogpolitiskt program', officer: 'anna@kalmar.se', deputy: 'bo@kalmar.se' }]);
  });

  it('is refused when it is the officer or not a person in the register, located by row and column', async () => {
    const csv = [`${HEADER};Ersättare`, 'drog;D;anna@kalmar.se;Anna;samordnare;anna@kalmar.se', 'vatten;V;anna@kalmar.se;;;okand@kalmar.se'].join('\n');
    expect((await parseRegisterFile(Buffer.from(csv), 'register.csv')).errors).toEqual([
      { line: 2, field: 'Ersättare', message: 'Ersättaren kan inte vara samma person som den ansvariga.' },
      { line: 3, field: 'Ersättare', message: 'Ersättaren "okand@kalmar.se" finns inte bland personerna i registret. Lägg till hen med namn.' },
    ]);
  });

  it('leaves a register without the column as it was', async () => {
    const csv = [HEADER, 'drog;D;anna@kalmar.se;Anna;samordnare'].join('\n');
    expect((await parseRegisterFile(Buffer.from(csv), 'register.csv')).content!.plans).toEqual([{ id: 'drog', title: 'D', officer: 'anna@kalmar.se' }]);
  });

  it('is the field "deputy" of a plan in JSON', async () => {
    const json = JSON.stringify({
      plans: [{ id: 'drog', title: 'D', officer: 'anna@kalmar.se', deputy: 'Bo@Kalmar.se' }],
      people: [{ id: 'anna@kalmar.se', name: 'Anna' }, { id: 'bo@kalmar.se', name: 'Bo' }],
      coordinators: ['anna@kalmar.se'],
    });
    expect((await parseRegisterFile(Buffer.from(json), 'register.json')).content!.plans[0].deputy).toBe('bo@kalmar.se');
  });
});
