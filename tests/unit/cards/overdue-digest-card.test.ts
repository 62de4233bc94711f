// The overdue digest card: valid for the renderer, register text shown as typed, and never over
// Teams' 28 KB however many plans are late.

import { buildOverdueDigestCard } from '../../../cards/overdue-digest-card';
import type { OverduePlan } from '../../../bot/domain/reminders';
import { cardBytes, cardProblems } from '../../support/card-validation';
import { kf2019 } from '../../support/rounds';

const round = kf2019();

function plan(n: number, overrides: Partial<OverduePlan> = {}): OverduePlan {
  return { planId: `p${n}`, title: `Plan nummer ${n} – ${'lång titel '.repeat(25)}`, officer: `o${Math.floor(n / 3)}@kalmar.se`, officerName: `Officer ${Math.floor(n / 3)}`, manager: 'chef@kalmar.se', ...overrides };
}

describe('the overdue digest card', () => {
  it('lists each officer once with their plans, deputies and absence, as typed', () => {
    const card = buildOverdueDigestCard({
      locale: 'sv',
      round,
      audience: 'manager',
      plans: [
        plan(0, { title: '**Drog** [länk](https://evil.example)', officerName: 'Anna *Andersson*', officer: 'anna@kalmar.se' }),
        plan(1, { title: 'Våld', officerName: 'Anna *Andersson*', officer: 'anna@kalmar.se', deputy: 'dan@kalmar.se' }),
        plan(2, { title: 'Vatten', officerName: 'Bo Berg', officer: 'bo@kalmar.se', absentUntil: new Date('2019-04-05T22:00:00Z') }),
      ],
      nameOf: (a) => (a === 'dan@kalmar.se' ? 'Dan Dahl' : undefined),
    });
    expect(cardProblems(card)).toEqual([]);
    const body = (card.body as any[]).slice(3);
    expect(body.map((c) => c.items[0].inlines.map((i: any) => i.text).join(''))).toEqual(['Anna *Andersson*', 'Bo Berg (frånvarande till och med 5 april 2019)']);
    expect(body[0].items[1].inlines[0].text).toBe('• **Drog** [länk](https://evil.example)\n• Våld (delegerad till Dan Dahl)');
    expect(JSON.stringify(card)).not.toContain('"TextBlock"');
  });

  it('stays under 28 KB and says how many more plans there are', () => {
    const plans = Array.from({ length: 400 }, (_v, i) => plan(i));
    const card = buildOverdueDigestCard({ locale: 'en', round, audience: 'coordinators', plans });
    expect(cardProblems(card)).toEqual([]);
    expect(cardBytes(card)).toBeLessThanOrEqual(27 * 1024);
    const text = JSON.stringify(card);
    const shown = (text.match(/Plan nummer/g) ?? []).length;
    expect(shown).toBeGreaterThan(10);
    expect(text).toContain(`… and ${400 - shown} more.`);
    expect(text).toContain('Plans not yet submitted: 400.');
  });
});
