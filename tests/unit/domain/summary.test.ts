import type { AnswerVersion } from '../../../bot/domain/answer';
import type { PlanStatus } from '../../../bot/domain/questions';
import type { Plan, RegisterContent } from '../../../bot/domain/register';
import { compileSummary, SUMMARY_STATUSES, summaryStatusesOf, summaryStatusLabel } from '../../../bot/domain/summary';
import { TERTIAL_TEMPLATE } from '../../../bot/domain/templates/builtin';
import { fulfilmentRow } from '../../../bot/domain/templates/fulfilment';
import { kf2019 } from '../../support/rounds';

const round = kf2019();

function plan(id: string, title: string, overrides: Partial<Plan> = {}): Plan {
  return { id, title, period: '2016-2020', officer: 'anna@kommun.se', ...overrides };
}

function register(plans: Plan[]): RegisterContent {
  return {
    plans,
    people: [
      { id: 'anna@kommun.se', name: 'Anna Andersson', title: 'Miljöstrateg' },
      { id: 'bo@kommun.se', name: 'Bo Berg' },
    ],
    coordinators: ['samordnare@kommun.se'],
  };
}

let clock = Date.parse('2019-03-05T08:00:00Z');

function version(
  planId: string,
  n: number,
  state: 'draft' | 'submitted',
  status?: PlanStatus,
  overrides: Partial<AnswerVersion> = {},
): AnswerVersion {
  clock += 60_000;
  return {
    roundId: round.id,
    planId,
    version: n,
    state,
    content: {
      texts: { status: `v${n} ${state}`, done: 'Klart', current: 'Pågår', risks: 'Inga', completion: '2020' },
      status,
    },
    answeredBy: 'anna@kommun.se',
    answeredByName: 'Anna Andersson',
    at: new Date(clock),
    ...overrides,
  };
}

describe('the summary of a round', () => {
  it('counts the plans by submitted status, with every plan without an answer or draft as Ej besvarad', () => {
    const summary = compileSummary(
      round,
      register([plan('a', 'Avfallsplan'), plan('b', 'Biblioteksplan'), plan('c', 'Cykelplan'), plan('d', 'Drogpolitiskt program'), plan('e', 'Energiplan')]),
      [
        version('a', 1, 'submitted', 'on-track'),
        version('b', 1, 'submitted', 'on-track'),
        version('c', 1, 'submitted', 'at-risk'),
        version('d', 1, 'submitted', 'delayed'),
      ],
    );
    expect(summary.counts).toEqual({ 'on-track': 2, 'at-risk': 1, delayed: 1, draft: 0, unanswered: 1 });
    expect(summary.answered).toBe(4);
    expect(summary.total).toBe(5);
    expect(summary.entries.find((e) => e.plan.id === 'e')).toMatchObject({ state: 'unanswered', status: 'unanswered', answer: undefined });
  });

  it('orders plans by title in Swedish: Å, Ä and Ö after Z, case ignored', () => {
    const summary = compileSummary(
      round,
      register([
        plan('o', 'Översiktsplan'),
        plan('a2', 'Äldreplan'),
        plan('a1', 'Åtgärdsprogram för vatten'),
        plan('z', 'Zonplan'),
        plan('b', 'bostadsförsörjningsprogram'),
        plan('a', 'Avfallsplan'),
      ]),
      [],
    );
    expect(summary.entries.map((e) => e.plan.title)).toEqual([
      'Avfallsplan',
      'bostadsförsörjningsprogram',
      'Zonplan',
      'Åtgärdsprogram för vatten',
      'Äldreplan',
      'Översiktsplan',
    ]);
  });

  it('uses the latest submitted version, also when a later draft exists, and notes the draft', () => {
    const versions = [
      version('drog', 1, 'submitted', 'on-track'),
      version('drog', 2, 'submitted', 'at-risk'),
      version('drog', 3, 'draft', 'delayed'),
    ];
    // Versions arrive in any order from the partition query.
    const summary = compileSummary(round, register([plan('drog', 'Drogpolitiskt program')]), [versions[2], versions[0], versions[1]]);
    const [entry] = summary.entries;
    expect(entry.state).toBe('submitted');
    expect(entry.status).toBe('at-risk');
    expect(entry.answer?.version).toBe(2);
    expect(entry.answer?.content.texts.status).toBe('v2 submitted');
    expect(entry.draftAt).toEqual(versions[2].at);
    expect(summary.counts['at-risk']).toBe(1);
  });

  it('does not note a draft that a later submit replaced', () => {
    const summary = compileSummary(round, register([plan('drog', 'Drogpolitiskt program')]), [
      version('drog', 1, 'draft'),
      version('drog', 2, 'submitted', 'on-track'),
    ]);
    expect(summary.entries[0]).toMatchObject({ state: 'submitted', draftAt: undefined });
  });

  it("counts a plan with only drafts as Utkast, not as answered, and keeps the newest draft's text", () => {
    const drafts = [version('drog', 1, 'draft', 'on-track'), version('drog', 2, 'draft', 'on-track')];
    const summary = compileSummary(round, register([plan('drog', 'Drogpolitiskt program')]), drafts);
    expect(summary.entries[0]).toMatchObject({ state: 'draft', status: 'draft', answer: undefined, draftAt: drafts[1].at });
    expect(summary.entries[0].draft?.content.texts.status).toBe('v2 draft');
    expect(summary.counts).toEqual({ 'on-track': 0, 'at-risk': 0, delayed: 0, draft: 1, unanswered: 0 });
    expect(summary.answered).toBe(0);
  });

  it('ignores answers to plans that have left the register, and answers from other rounds', () => {
    const summary = compileSummary(round, register([plan('drog', 'Drogpolitiskt program')]), [
      version('borttagen', 1, 'submitted', 'delayed'),
      version('drog', 1, 'submitted', 'on-track', { roundId: 'uppfoljning-kf-2018' }),
    ]);
    expect(summary.entries.map((e) => e.plan.id)).toEqual(['drog']);
    expect(summary.entries[0].state).toBe('unanswered');
    expect(summary.counts).toEqual({ 'on-track': 0, 'at-risk': 0, delayed: 0, draft: 0, unanswered: 1 });
    expect(summary.total).toBe(1);
  });

  it("lists excluded plans apart, in the register's order as the seed does, outside the counts even if answered", () => {
    const summary = compileSummary(
      round,
      register([
        plan('drog', 'Drogpolitiskt program'),
        plan('miljo', 'Miljöprogram', { officer: undefined, excludedReason: 'Följs upp i det årliga miljöbokslutet' }),
        plan('aldre', 'Äldreomsorgsplan', { excludedReason: 'Har ersatts av Program för vård och omsorg' }),
        plan('kultur', 'Kulturplan', { excludedReason: 'Revidering pågår' }),
      ]),
      [version('aldre', 1, 'submitted', 'on-track')],
    );
    expect(summary.entries.map((e) => e.plan.id)).toEqual(['drog']);
    expect(summary.excluded.map((p) => p.title)).toEqual(['Miljöprogram', 'Äldreomsorgsplan', 'Kulturplan']);
    expect(summary.total).toBe(1);
    expect(summary.counts['on-track']).toBe(0);
  });

  it('finds each plan’s officer in the register, whatever the case of the address', () => {
    const summary = compileSummary(
      round,
      register([plan('a', 'Avfallsplan', { officer: 'Bo@Kommun.se' }), plan('b', 'Biblioteksplan', { officer: 'okand@kommun.se' })]),
      [],
    );
    expect(summary.entries.map((e) => e.officer?.name)).toEqual(['Bo Berg', undefined]);
  });
});

describe('the summary statuses in words', () => {
  it('names each status as the seed does, a draft spelled out where it stands alone, in Swedish and English', () => {
    expect(SUMMARY_STATUSES.map((s) => summaryStatusLabel(s, 'sv'))).toEqual(['I fas', 'Risk för försening', 'Försenad/avvaktar', 'Utkast', 'Ej besvarad']);
    expect(summaryStatusLabel('draft', 'sv', 'spelled-out')).toBe('Utkast, inte inskickat');
    expect(summaryStatusLabel('unanswered', 'en')).toBe('Not answered');
    expect(summaryStatusLabel('draft', 'en', 'spelled-out')).toBe('Draft, not submitted');
  });
});

describe('a submitted answer without a status, on a template that lets the status be left out', () => {
  const template = { ...TERTIAL_TEMPLATE, id: 'utan-status', statusScale: { ...TERTIAL_TEMPLATE.statusScale, required: false } };
  const tertial = { ...round, template };
  const summary = compileSummary(tertial, register([plan('a', 'Avfallsplan'), plan('b', 'Biblioteksplan'), plan('c', 'Cykelplan')]), [
    version('a', 1, 'submitted', 'fulfilled'),
    version('b', 1, 'submitted'),
  ]);

  it('has a column of its own and counts as answered', () => {
    expect(summary.entries.map((e) => e.status)).toEqual(['fulfilled', 'submitted-no-status', 'unanswered']);
    expect(summary.answered).toBe(2);
    expect(summaryStatusesOf(template).map((s) => summaryStatusLabel(s, 'sv', 'short', template))).toEqual([
      'Uppfylld/Klar',
      'Positiv trend/Pågående',
      'Oförändrad eller negativ trend/Ej påbörjad',
      'Inskickad utan status',
      'Utkast',
      'Ej besvarad',
    ]);
    expect(summaryStatusLabel('submitted-no-status', 'en', 'short', template)).toBe('Submitted, no status');
  });

  it('is counted in the total of the goal-fulfilment row', () => {
    expect(fulfilmentRow(summary, 'Nämndsmål', 'sv').cells).toEqual(['1 (50\u00a0%)', '0', '0', '2']);
  });
});
