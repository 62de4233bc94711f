// The plan form's rules: which address the coordinator meant, the id of a new plan, and the
// import's validation placed on the form's fields (the standing deputy included).

import { chooseAddress, newPlanId, planFormErrors, planFromForm, planFormValues, readPlanForm, withPlan } from '../../../bot/domain/plan-form';
import { validateRegister, type RegisterContent } from '../../../bot/domain/register';

const register: RegisterContent = {
  plans: [
    { id: 'drog', title: 'Drogpolitiskt program', officer: 'anna@kalmar.se' },
    { id: 'vatten', title: 'God vattenstatus', officer: 'bo@kalmar.se' },
  ],
  people: [
    { id: 'anna@kalmar.se', name: 'Anna Andersson' },
    { id: 'bo@kalmar.se', name: 'Bo Berg' },
  ],
  coordinators: ['anna@kalmar.se'],
};

describe('the address the coordinator meant', () => {
  it('takes the picked person when only the picker was changed', () => {
    expect(chooseAddress('bo@kalmar.se', 'anna@kalmar.se', 'anna@kalmar.se')).toEqual({ address: 'bo@kalmar.se' });
  });
  it('takes the typed address when only the text field was changed (the picker fallback)', () => {
    expect(chooseAddress('anna@kalmar.se', 'Bo@Kalmar.se ', 'anna@kalmar.se')).toEqual({ address: 'bo@kalmar.se' });
    expect(chooseAddress('', 'bo@kalmar.se', '')).toEqual({ address: 'bo@kalmar.se' });
  });
  it('keeps the old address when nothing changed, and clears it when both fields were emptied', () => {
    expect(chooseAddress('anna@kalmar.se', 'anna@kalmar.se', 'anna@kalmar.se')).toEqual({ address: 'anna@kalmar.se' });
    expect(chooseAddress('', '', 'anna@kalmar.se')).toEqual({ address: '' });
  });
  it('asks when the picker and the field name two different new people', () => {
    expect(chooseAddress('bo@kalmar.se', 'cecilia@kalmar.se', 'anna@kalmar.se')).toEqual({
      conflict: { picked: 'bo@kalmar.se', typed: 'cecilia@kalmar.se' },
    });
  });
});

describe('a new plan id', () => {
  it('is made from the title, with å, ä and ö folded, unique among the ids taken', () => {
    expect(newPlanId('Förebygga våld i nära relationer', [])).toBe('forebygga-vald-i-nara-relationer');
    expect(newPlanId('Drog', ['drog', 'DROG-2'])).toBe('drog-3');
    expect(newPlanId('???', [])).toBe('plan');
    expect(newPlanId('x'.repeat(100), [])).toHaveLength(40);
  });
});

describe('reading the form', () => {
  it('trims what was typed and reads the toggle', () => {
    const values = readPlanForm({ title: '  Ny plan ', excluded: 'true', excludedReason: ' Ersatt ', officerPick: 'aad-1', period: 5 });
    expect(values).toMatchObject({ title: 'Ny plan', excluded: true, excludedReason: 'Ersatt', officerPick: 'aad-1', period: '' });
    expect(readPlanForm({ excluded: 'false' }).excluded).toBe(false);
  });
  it('opens with the plan as it is', () => {
    expect(planFormValues({ id: 'x', title: 'T', deputy: 'bo@kalmar.se', excludedReason: 'Ersatt' })).toMatchObject({
      title: 'T',
      deputyAddress: 'bo@kalmar.se',
      excluded: true,
      excludedReason: 'Ersatt',
    });
  });
});

describe('the import rules, on the form', () => {
  const errorsFor = (plan: ReturnType<typeof planFromForm>, added: Array<{ id: string; name: string }> = []) => {
    const next = withPlan(register, plan, added);
    return planFormErrors(next.content, next.index, new Map(added.map((p) => [p.id, 'officer' as const])));
  };

  it('accepts a plan with an officer and a deputy who are people in the register', () => {
    const plan = planFromForm('ny', { ...planFormValues(), title: 'Ny plan' }, 'anna@kalmar.se', 'bo@kalmar.se');
    expect(errorsFor(plan)).toEqual([]);
  });

  it('puts every problem on its field: title, officer, reason', () => {
    const values = { ...planFormValues(), title: '', excluded: true, excludedReason: 'ja', note: 'rad\nbrytning' };
    const errors = errorsFor(planFromForm('ny', values, 'inte-en-adress', ''));
    expect(errors.map((e) => e.field)).toEqual(['title', 'note', 'excludedReason', 'officer']);
    expect(errors[0].message).toContain('saknar titel');
  });

  it('refuses a deputy who is the officer, or not in the register', () => {
    expect(errorsFor(planFromForm('ny', { ...planFormValues(), title: 'P' }, 'anna@kalmar.se', 'ANNA@kalmar.se'))).toEqual([
      { field: 'deputy', message: 'Ersättaren kan inte vara samma person som den ansvariga.' },
    ]);
    expect(errorsFor(planFromForm('ny', { ...planFormValues(), title: 'P' }, 'anna@kalmar.se', 'okand@kalmar.se'))[0]).toMatchObject({ field: 'deputy' });
  });

  it('places the problems of a person the form added on the field that named them', () => {
    const plan = planFromForm('ny', { ...planFormValues(), title: 'P' }, 'ny@kalmar.se', '');
    expect(errorsFor(plan, [{ id: 'ny@kalmar.se', name: 'x'.repeat(300) }])).toEqual([
      expect.objectContaining({ field: 'officer', message: expect.stringContaining('högst 200 tecken') }),
    ]);
  });

  it('checks a standing deputy in a register file like an officer', () => {
    const content: RegisterContent = { ...register, plans: [{ ...register.plans[0], deputy: 'nobody' }] };
    expect(validateRegister(content)).toEqual([{ field: 'plans[0].deputy', message: '"nobody" är ingen giltig e-postadress.' }]);
  });
});
