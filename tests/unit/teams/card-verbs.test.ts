// Every button on every card template (and on the confirmation card, built in code) has a handler
// in the card-verb table, and every handler a button: a verb renamed in a card (or dropped from the
// table) would otherwise answer "unknown command" in Teams and fail no other test.

import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { CARD_VERBS, isCardVerb, runsAgainWhenRedelivered } from '../../../bot/teams/card-actions';
import { buildConfirmationCard } from '../../../cards/confirmation-card';
import { kf2019 } from '../../support/rounds';

const templates = path.resolve(__dirname, '../../../cards/templates');

/** The verbs of every Action.Execute (its `verb`) and Action.Submit (its data's `verb`) in a JSON value, fallbacks included. */
function verbsIn(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(verbsIn);
  if (!value || typeof value !== 'object') return [];
  const node = value as { type?: unknown; verb?: unknown; data?: { verb?: unknown } };
  const own = node.type === 'Action.Execute' ? [node.verb] : node.type === 'Action.Submit' ? [node.data?.verb] : [];
  return [...own.map((verb) => (typeof verb === 'string' ? verb : `(no verb: ${JSON.stringify(verb)})`)), ...Object.values(node).flatMap(verbsIn)];
}

const verbsByTemplate = [
  ...readdirSync(templates)
    .filter((name) => name.endsWith('.json'))
    .map((name) => ({ name, verbs: verbsIn(JSON.parse(readFileSync(path.join(templates, name), 'utf8'))) })),
  { name: 'confirmation-card.ts', verbs: verbsIn(confirmationCard()) },
];

/** The confirmation card with its buttons (while the round is open). */
function confirmationCard() {
  const round = kf2019();
  const plan = { id: 'drog', title: 'Drogpolitiskt program', period: '2016-2020', officer: 'a@b.se' };
  const answer = { roundId: round.id, planId: plan.id, version: 1, state: 'submitted' as const, content: { texts: { status: 'Pågår' }, status: 'on-track' }, answeredBy: 'a@b.se', answeredByName: 'Anna', at: new Date('2019-03-05T09:30:00Z') };
  return buildConfirmationCard({ locale: 'sv', round, plan, answer, canEdit: true });
}

describe('card verbs', () => {
  it('finds the buttons in the templates (so that the checks below check something)', () => {
    const withButtons = verbsByTemplate.filter((t) => t.verbs.length > 0).map((t) => t.name);
    expect(withButtons).toEqual(expect.arrayContaining(['answer-card.json', 'confirmation-card.ts', 'plan-list.json', 'register-preview.json', 'round-list.json', 'summary-overview.json']));
  });

  it('has a handler for every verb a card template sends', () => {
    const unhandled = verbsByTemplate.flatMap(({ name, verbs }) => verbs.filter((verb) => !isCardVerb(verb)).map((verb) => `${name}: ${verb}`));
    expect(unhandled).toEqual([]);
  });

  it('has no handler that no card sends', () => {
    const sent = new Set(verbsByTemplate.flatMap((t) => t.verbs));
    expect(CARD_VERBS.filter((verb) => !sent.has(verb))).toEqual([]);
  });

  it('runs a redelivered action again unless it writes an answer (as the controls and the coordinator\'s actions did before the table)', () => {
    const writesAnAnswer = ['answer.submit', 'answer.draft', 'answer.edit'];
    const runsAgain = Object.fromEntries(CARD_VERBS.map((verb) => [verb, runsAgainWhenRedelivered(verb)]));
    expect(runsAgain).toEqual({
      'answer.submit': false,
      'answer.draft': false,
      'answer.edit': false,
      'plan.snooze': true,
      'plan.delegate': true,
      'officer.absent': true,
      'answer.previous': true,
      'plans.page': true,
      'plan.new': true,
      'plan.edit': true,
      'plan.save': true,
      'round.new': true,
      'round.create': true,
      'round.useDate': true,
      'rounds.list': true,
      'round.open': true,
      'round.postpone': true,
      'round.close': true,
      'register.apply': true,
      'register.cancel': true,
      'overview.refresh': true,
    });
    expect(CARD_VERBS.filter((verb) => !runsAgainWhenRedelivered(verb))).toEqual(writesAnAnswer);
  });
});
