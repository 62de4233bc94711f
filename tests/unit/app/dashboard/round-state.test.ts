// Who is away, read once for the coordinator's progress and the tab's dashboard: the absence that
// ends last of each address; the progress names the officers and delegated deputies away, the
// dashboard marks a plan away when its officer is.

import { tabViewerOf } from '../../../../bot/app/access';
import { roundDashboard } from '../../../../bot/app/dashboard/round-dashboard';
import { absentPeople, currentAbsences, readRoundState } from '../../../../bot/app/dashboard/round-state';
import type { Absence } from '../../../../storage/ports';
import { actor, appFixture, register } from '../../../support/app-fixture';

const NOW = Date.parse('2019-03-10T09:00:00Z');
const absence = (address: string, until: string): Absence => ({ address, until: new Date(until), setBy: address, setAt: new Date('2019-03-01T09:00:00Z') });

describe('who is away', () => {
  it('keeps, of the absences of one address, the one that ends last, whatever their order', () => {
    const later = absence('Anna@Kalmar.se', '2019-03-20T00:00:00Z');
    const sooner = absence('anna@kalmar.se', '2019-03-15T00:00:00Z');
    expect(currentAbsences([later, sooner], NOW).get('anna@kalmar.se')).toBe(later);
    expect(currentAbsences([sooner, later], NOW).get('anna@kalmar.se')).toBe(later);
  });

  it('leaves out the absences that have ended', () => {
    const ended = absence('bo@kalmar.se', '2019-03-09T00:00:00Z');
    expect(currentAbsences([ended], NOW).size).toBe(0);
    expect([...currentAbsences([ended, absence('bo@kalmar.se', '2019-03-11T00:00:00Z')], NOW).keys()]).toEqual(['bo@kalmar.se']);
  });

  it('names a delegated deputy away in the progress, while the dashboard marks only plans whose officer is away', async () => {
    const f = await appFixture({ now: '2019-03-10T09:00:00Z' });
    await f.stores.settings.savePlan(
      { roundId: f.round.id, planId: 'vatten', deputy: 'samordnare@kalmar.se', delegatedBy: 'bo@kalmar.se', updatedBy: 'bo@kalmar.se', updatedAt: new Date(NOW) },
      null,
    );
    await f.stores.settings.saveAbsence(absence('samordnare@kalmar.se', '2019-03-20T00:00:00Z'));
    await f.stores.settings.saveAbsence(absence('anna@kalmar.se', '2019-03-15T00:00:00Z'));
    const state = await readRoundState(f.deps, f.round);
    expect(absentPeople(state, register.plans).map((p) => p.name)).toEqual(['Anna Andersson', 'Sara Samordnare']);
    const dashboard = (await roundDashboard(f.deps, f.round, tabViewerOf(register, actor('samordnare@kalmar.se')), 'sv'))!;
    expect(dashboard.lists.away).toEqual(['drog', 'vald']);
  });
});
