import { mayAnswerFor, type Actor } from '../../../bot/domain/permissions';
import type { RegisterContent } from '../../../bot/domain/register';

const register: RegisterContent = {
  plans: [
    { id: 'drog', title: 'Drogpolitiskt program', officer: 'anna@kommun.se' },
    { id: 'miljo', title: 'Fossilbränslefritt 2030', excludedReason: 'följs upp i miljöbokslutet' },
  ],
  people: [{ id: 'anna@kommun.se', name: 'Anna' }],
  coordinators: ['samordnare@kommun.se'],
};
const actor = (...addresses: string[]): Actor => ({ aadObjectId: 'x', name: 'x', addresses });

describe('who may answer for a plan', () => {
  it('lets the responsible officer answer, whatever the case of the address', () => {
    expect(mayAnswerFor(register, register.plans[0], actor('Anna@Kommun.SE'))).toBe(true);
  });

  it('lets a coordinator answer for any followed-up plan', () => {
    expect(mayAnswerFor(register, register.plans[0], actor('samordnare@kommun.se'))).toBe(true);
  });

  it('refuses anyone else, and refuses everybody for an excluded plan', () => {
    expect(mayAnswerFor(register, register.plans[0], actor('bertil@kommun.se'))).toBe(false);
    expect(mayAnswerFor(register, register.plans[0], actor())).toBe(false);
    expect(mayAnswerFor(register, register.plans[1], actor('samordnare@kommun.se'))).toBe(false);
  });
});

describe('a deputy for one round', () => {
  it('may answer for the delegated plan, whatever the case of the address', () => {
    expect(mayAnswerFor(register, register.plans[0], actor('Bo@Kommun.se'), { deputy: 'bo@kommun.se' })).toBe(true);
  });

  it('gives nobody else the right, and never for an excluded plan', () => {
    expect(mayAnswerFor(register, register.plans[0], actor('bertil@kommun.se'), { deputy: 'bo@kommun.se' })).toBe(false);
    expect(mayAnswerFor(register, register.plans[0], actor('bo@kommun.se'), {})).toBe(false);
    expect(mayAnswerFor(register, register.plans[1], actor('bo@kommun.se'), { deputy: 'bo@kommun.se' })).toBe(false);
  });
});
