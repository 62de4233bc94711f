// One rule for "at risk and delayed": the levels coloured warning or attention. The tab lists
// their plans first and the overview card lists them by name; a level coloured default or accent
// (neutral, or done in another colour than good) is neither.

import { concernRank } from '../../../../bot/app/dashboard/views';
import type { AnswerVersion } from '../../../../bot/domain/answer';
import { compileSummary, type SummaryStatus } from '../../../../bot/domain/summary';
import { DEFAULT_TEMPLATE } from '../../../../bot/domain/templates/builtin';
import { concernLevels, type FollowUpTemplate } from '../../../../bot/domain/templates/template';
import { buildOverviewCard } from '../../../../cards/summary-cards';
import { kf2019 } from '../../../support/rounds';

const template: FollowUpTemplate = {
  ...DEFAULT_TEMPLATE,
  statusScale: {
    ...DEFAULT_TEMPLATE.statusScale,
    levels: [
      { id: 'done', label: { sv: 'Klar', en: 'Done' }, color: 'Accent' },
      { id: 'on-track', label: { sv: 'I fas', en: 'On track' }, color: 'Good' },
      { id: 'paused', label: { sv: 'Vilande', en: 'Paused' }, color: 'Default' },
      { id: 'at-risk', label: { sv: 'Risk för försening', en: 'At risk of delay' }, color: 'Warning' },
      { id: 'delayed', label: { sv: 'Försenad', en: 'Delayed' }, color: 'Attention' },
    ],
  },
};
const round = kf2019({ template });

function submitted(planId: string, status: string): AnswerVersion {
  return {
    roundId: round.id,
    planId,
    version: 1,
    state: 'submitted',
    content: { texts: { status: 'Text.', done: '', current: '', risks: '', completion: '' }, status },
    answeredBy: 'anna@kommun.se',
    answeredByName: 'Anna Andersson',
    at: new Date('2019-03-20T09:30:00Z'),
  };
}

describe('the levels of concern', () => {
  it('are the levels coloured warning or attention, in the scale order', () => {
    expect(concernLevels(template).map((l) => l.id)).toEqual(['at-risk', 'delayed']);
  });

  it('rank first on the tab exactly the plans the overview card lists by name', () => {
    const statuses = ['done', 'on-track', 'paused', 'at-risk', 'delayed'];
    const register = {
      plans: statuses.map((status) => ({ id: status, title: `Plan ${status}`, officer: 'anna@kommun.se' })),
      people: [{ id: 'anna@kommun.se', name: 'Anna Andersson' }],
      coordinators: [],
    };
    const summary = compileSummary(round, register, statuses.map((s) => submitted(s, s)));

    const ranked = statuses.filter((s) => concernRank(template, s as SummaryStatus) < Number.MAX_SAFE_INTEGER);
    expect(ranked).toEqual(['at-risk', 'delayed']);
    expect(concernRank(template, 'at-risk')).toBeLessThan(concernRank(template, 'delayed'));

    // The card names a plan only in its lists of concern.
    const named = JSON.stringify(buildOverviewCard(summary, 'sv')).match(/"Plan [a-z-]+"/g);
    expect(named).toEqual(['"Plan at-risk"', '"Plan delayed"']);
  });
});
