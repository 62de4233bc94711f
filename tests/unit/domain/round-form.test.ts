// The round form's validation, table-driven: the round's own rules and the Swedish calendar for
// the opening, due and summary dates (holidays and afton days named, the next working day
// suggested), an opening in the past refused unless the round opens now, every problem at once.
// And the postponed due date, with the closing and the summary moving along.

import { DEFAULT_FOLLOW_UP_POLICY } from '../../../bot/domain/reminder-policy';
import {
  checkRoundCalendar,
  checkRoundForm,
  followDueDate,
  policyFromChoices,
  summaryFollowsDue,
  postponedRound,
  readRoundForm,
  suggestRoundForm,
  type RoundFormValues,
} from '../../../bot/domain/round-form';
import { roundProblemLines } from '../../../bot/teams/round-form-actions';
import { DEFAULT_ANSWER_POLICY } from '../../../bot/domain/answer-policy';
import { kf2019 } from '../../support/rounds';

const TZ = 'Europe/Stockholm';
const now = new Date('2026-03-02T08:30:00Z'); // Monday 2 March 2026, 09:30 in Stockholm

const form: RoundFormValues = {
  title: 'Uppföljning KF 2026',
  year: '2026',
  opensDate: '2026-03-09',
  opensTime: '08:00',
  dueDate: '2026-04-01',
  summaryDate: '2026-04-02',
  summaryTime: '09:00',
  reminders: 'standard',
  escalateAfter: '3',
  openNow: 'false',
  answerRule: 'one',
  emptySection: 'blank',
};

function check(values: Partial<RoundFormValues>) {
  return checkRoundForm({ ...form, ...values }, { now, timeZone: TZ });
}

function problemsOf(values: Partial<RoundFormValues>) {
  const checked = check(values);
  return checked.kind === 'valid' ? [] : checked.problems;
}

describe('the round form', () => {
  it('accepts the suggested round, with the default policy', () => {
    const checked = check({});
    expect(checked).toMatchObject({ kind: 'valid', input: { title: 'Uppföljning KF 2026', dueDate: '2026-04-01', openNow: false, policy: DEFAULT_FOLLOW_UP_POLICY } });
  });

  it.each([
    ['due on Kristi himmelsfärdsdag', { dueDate: '2026-05-14', summaryDate: '2026-05-18' }, 'dueDate', { holiday: 'Kristi himmelsfärdsdag', suggestion: { year: 2026, month: 5, day: 15 } }],
    ['due on midsommarafton', { dueDate: '2026-06-19', summaryDate: '2026-06-22' }, 'dueDate', { holiday: 'Midsommarafton', suggestion: { year: 2026, month: 6, day: 22 } }],
    ['due on a Sunday', { dueDate: '2026-04-12', summaryDate: '2026-04-13' }, 'dueDate', { weekday: 0, suggestion: { year: 2026, month: 4, day: 13 } }],
    ['opening on första maj', { opensDate: '2026-05-01', dueDate: '2026-05-29', summaryDate: '2026-06-01' }, 'opensDate', { holiday: 'Första maj', suggestion: { year: 2026, month: 5, day: 4 } }],
    ['summary on julafton', { opensDate: '2026-12-01', dueDate: '2026-12-18', summaryDate: '2026-12-24' }, 'summaryDate', { holiday: 'Julafton', suggestion: { year: 2026, month: 12, day: 28 } }],
    ['due on a Saturday before annandag påsk', { dueDate: '2026-04-04', summaryDate: '2026-04-08' }, 'dueDate', { holiday: 'Påskafton', suggestion: { year: 2026, month: 4, day: 7 } }],
  ])('flags a %s and suggests the next working day', (_name, values, field, expected) => {
    expect(problemsOf(values)).toEqual([{ field, kind: 'day-off', date: expect.any(Object), ...expected }]);
  });

  it.each([
    ['opening after the due date', { opensDate: '2026-04-10', summaryDate: '2026-04-13' }, [{ field: 'dueDate', kind: 'rule', message: 'Sista svarsdag måste ligga efter öppningstiden.' }]],
    ['the summary before the opening', { summaryDate: '2026-03-05' }, [{ field: 'summaryDate', kind: 'rule', message: 'Sammanställningen kan inte postas innan omgången öppnar.' }]],
    ['an opening in the past', { opensDate: '2026-02-27' }, [{ field: 'opensDate', kind: 'in-past' }]],
    ['an opening earlier today', { opensDate: '2026-03-02', opensTime: '08:00' }, [{ field: 'opensDate', kind: 'in-past' }]],
    ['a date that does not exist', { dueDate: '2026-02-30' }, [{ field: 'dueDate', kind: 'rule', message: '"2026-02-30" är inget datum (åååå-mm-dd).' }]],
    ['a year that is not one', { year: '26' }, [{ field: 'year', kind: 'rule', message: 'Ange året som ett årtal, t.ex. 2019.' }]],
    ['an unknown reminder choice', { reminders: 'often' }, [{ field: 'reminders', kind: 'unknown-choice' }]],
    ['an unknown escalation', { escalateAfter: '7' }, [{ field: 'escalateAfter', kind: 'unknown-choice' }]],
    ['an unknown answer rule', { answerRule: 'some' }, [{ field: 'answerRule', kind: 'unknown-choice' }]],
    ['an unknown empty-section text', { emptySection: 'dash' }, [{ field: 'emptySection', kind: 'unknown-choice' }]],
  ])('refuses %s', (_name, values, expected) => {
    expect(problemsOf(values)).toEqual(expected);
  });

  it('gives the default answer rules, or every section and "Inget att rapportera" when chosen', () => {
    expect(check({})).toMatchObject({ kind: 'valid', input: { answerPolicy: DEFAULT_ANSWER_POLICY } });
    expect(check({ answerRule: 'all', emptySection: 'nothing-to-report' })).toMatchObject({
      kind: 'valid',
      input: { answerPolicy: { requiredSections: ['status', 'done', 'current', 'risks', 'completion'], minSections: 5, emptySection: 'nothing-to-report' } },
    });
  });

  it('reads a form sent before it had the answer choices as the defaults', () => {
    const { answerRule, emptySection, ...older } = form;
    const values = readRoundForm(older);
    expect([values.answerRule, values.emptySection]).toEqual(['one', 'blank']);
    expect(checkRoundForm(values, { now, timeZone: TZ })).toMatchObject({ kind: 'valid', input: { answerPolicy: DEFAULT_ANSWER_POLICY } });
  });

  it('shows every problem at once, in the order of the form', () => {
    const problems = problemsOf({ title: '', dueDate: '2026-05-14', summaryDate: '2026-03-05', reminders: 'x' });
    expect(problems.map((p) => [p.field, p.kind])).toEqual([
      ['title', 'rule'],
      ['dueDate', 'day-off'],
      ['summaryDate', 'rule'],
      ['reminders', 'unknown-choice'],
    ]);
  });

  it('opens now whatever the opening date says, from this minute', () => {
    const checked = check({ opensDate: '2026-02-27', openNow: 'true' });
    expect(checked).toMatchObject({ kind: 'valid', input: { openNow: true, opensDate: '2026-03-02', opensTime: '09:30' } });
  });

  it('gives the chosen policy: lighter reminders, no escalation', () => {
    const checked = check({ reminders: 'light', escalateAfter: '0' });
    if (checked.kind === 'invalid') throw new Error(JSON.stringify(checked.problems));
    expect(checked.input.policy).toEqual({
      reminders: { beforeDue: [2], onDueDate: true, overdueEvery: 5, overdueMax: 1, at: '09:00' },
      escalation: { ...DEFAULT_FOLLOW_UP_POLICY.escalation, afterWorkingDays: 0 },
    });
    expect(policyFromChoices(DEFAULT_FOLLOW_UP_POLICY, 'standard', 3)).toEqual(DEFAULT_FOLLOW_UP_POLICY);
  });

  it('words the problems in Swedish, dates as "14 maj 2026" and the day by name', () => {
    const problems = problemsOf({ dueDate: '2026-05-14', summaryDate: '2026-05-18' })
      .concat(problemsOf({ opensDate: '2026-05-01', dueDate: '2026-05-29', summaryDate: '2026-06-01' }))
      .concat(problemsOf({ dueDate: '2026-04-12', summaryDate: '2026-04-13' }));
    expect(roundProblemLines(problems, 'sv')).toEqual([
      'Sista svarsdag: 14 maj 2026 är Kristi himmelsfärdsdag. Närmaste arbetsdag är 15 maj 2026.',
      'Öppnar: 1 maj 2026 är första maj. Närmaste arbetsdag är 4 maj 2026.',
      'Sista svarsdag: 12 april 2026 är en söndag. Närmaste arbetsdag är 13 april 2026.',
    ]);
  });
  it('flags an opening time the clocks skip when summer time begins, in Swedish and in English', () => {
    const problems = problemsOf({ opensDate: '2026-03-29', opensTime: '02:30' });
    expect(problems.map((p) => [p.field, p.kind])).toEqual([
      ['opensDate', 'day-off'],
      ['opensTime', 'no-such-time'],
    ]);
    expect(roundProblemLines(problems, 'sv')[1]).toBe(
      'Öppnar klockan: Tiden 02:30 finns inte den 29 mars 2026, eftersom klockan ställs fram en timme till sommartid den natten. Välj en annan tid.',
    );
    expect(roundProblemLines(problems, 'en')[1]).toBe('Opens at: 02:30 does not exist on 29 March 2026, because the clocks go forward an hour to summer time that night. Choose another time.');
    // 03:30 exists that night, and 02:30 the day before: only the weekend is flagged.
    expect(problemsOf({ opensDate: '2026-03-29', opensTime: '03:30' }).map((p) => p.kind)).toEqual(['day-off']);
  });
});

describe('the summary date on the form, which follows the due date until the coordinator changes it', () => {
  it('is the first working day after the due date, and moves with a changed due date', () => {
    expect(summaryFollowsDue(form)).toBe('2026-04-01');
    expect(followDueDate({ ...form, dueDate: '2026-05-13' }, '2026-04-01').summaryDate).toBe('2026-05-15'); // Kristi himmelsfärdsdag skipped
  });

  it('stays where the coordinator put it', () => {
    const moved = { ...form, dueDate: '2026-05-13', summaryDate: '2026-05-20' };
    expect(followDueDate(moved, '2026-04-01')).toEqual(moved);
    expect(summaryFollowsDue({ ...form, summaryDate: '2026-04-06' })).toBeUndefined();
    // A card that did not say (an older card) changes nothing either.
    expect(followDueDate({ ...form, dueDate: '2026-05-13' }, undefined).summaryDate).toBe('2026-04-02');
  });
});

describe("the round calendar, shared by the form and the command line", () => {
  it('names every day off and skipped time, and takes a time that occurs twice as the first', () => {
    expect(checkRoundCalendar({ opensDate: '2027-03-15', opensTime: '08:00', dueDate: '2027-05-06' }, TZ)).toEqual([
      { field: 'dueDate', kind: 'day-off', date: { year: 2027, month: 5, day: 6 }, holiday: 'Kristi himmelsfärdsdag', suggestion: { year: 2027, month: 5, day: 7 } },
    ]);
    expect(checkRoundCalendar({ dueDate: '2027-04-14', summaryDate: '2027-03-28', summaryTime: '02:00' }, TZ).map((p) => [p.field, p.kind])).toEqual([
      ['summaryDate', 'day-off'],
      ['summaryTime', 'no-such-time'],
    ]);
    // The clocks go back on 31 October 2027: 02:30 is no problem of its own, only the Sunday is.
    expect(checkRoundCalendar({ opensDate: '2027-10-31', opensTime: '02:30', dueDate: '2027-11-15' }, TZ).map((p) => p.kind)).toEqual(['day-off']);
    expect(checkRoundCalendar({ opensDate: '2027-03-15', dueDate: '2027-04-14', summaryDate: '2027-04-15' }, TZ)).toEqual([]);
  });
});

describe('the suggested form', () => {
  it('without a cadence: Uppföljning KF of this year, opening the next working day, due four weeks later', () => {
    expect(suggestRoundForm({ now, timeZone: TZ })).toEqual({
      ...form,
      opensDate: '2026-03-03',
      dueDate: '2026-03-31',
      summaryDate: '2026-04-01',
    });
  });

  it("with a yearly cadence: the next period's round not yet created", () => {
    const cadence = { kind: 'yearly' as const, opens: '03-10', due: '04-10' };
    expect(suggestRoundForm({ now, timeZone: TZ, cadence })).toMatchObject({ title: 'Uppföljning KF 2026', opensDate: '2026-03-10', dueDate: '2026-04-10', summaryDate: '2026-04-13' });
    expect(suggestRoundForm({ now, timeZone: TZ, cadence, existingIds: ['uppfoljning-kf-2026'] })).toMatchObject({ title: 'Uppföljning KF 2027', year: '2027' });
  });

  it("passes the register's policy on, as the choice that describes it", () => {
    const strict = { reminders: { beforeDue: [10, 5, 2, 1], onDueDate: true, overdueEvery: 1, overdueMax: 5, at: '08:00' }, escalation: { afterWorkingDays: 5, every: 5, max: 2 } };
    expect(suggestRoundForm({ now, timeZone: TZ, basePolicy: strict })).toMatchObject({ reminders: 'strict', escalateAfter: '5' });
    const own = { ...strict, reminders: { ...strict.reminders, beforeDue: [3] } };
    expect(suggestRoundForm({ now, timeZone: TZ, basePolicy: own })).toMatchObject({ reminders: 'register' });
  });

  it('is accepted as it stands', () => {
    expect(checkRoundForm(suggestRoundForm({ now, timeZone: TZ }), { now, timeZone: TZ }).kind).toBe('valid');
  });
});

describe('postponing the due date', () => {
  const round = kf2019(); // due by the end of 1 April 2019, closes 1 May 2019
  const during = new Date('2019-03-20T10:00:00Z');

  it('moves the due date to the end of the new day, keeping the closing when it still comes after', () => {
    const moved = postponedRound(round, '2019-04-08', during);
    expect(moved).toEqual({ round: { ...round, dueAt: new Date('2019-04-08T21:59:59.999Z') } });
  });

  it('moves the closing along when it would come before the new due date, keeping the gap', () => {
    const moved = postponedRound(round, '2019-05-06', during);
    if (!('round' in moved)) throw new Error(moved.problem.kind);
    expect(moved.round.closesAt).toEqual(new Date('2019-06-05T21:59:59.999Z'));
  });

  it('moves a summary time set before the new due date to the working day after it, same time of day', () => {
    const moved = postponedRound({ ...round, summaryAt: new Date('2019-04-02T07:00:00Z') }, '2019-04-18', during);
    if (!('round' in moved)) throw new Error(moved.problem.kind);
    // 18 April is skärtorsdagen; 19 långfredagen, 22 annandag påsk: the next working day is 23 April.
    expect(moved.round.summaryAt).toEqual(new Date('2019-04-23T07:00:00Z'));
  });

  it.each([
    ['not a date', '2019-04-31', { kind: 'invalid-date' }],
    ['not later than the current due date', '2019-03-29', { kind: 'not-later', due: { year: 2019, month: 4, day: 1 } }],
    ['on långfredagen', '2019-04-19', { field: 'dueDate', kind: 'day-off', date: { year: 2019, month: 4, day: 19 }, holiday: 'Långfredagen', suggestion: { year: 2019, month: 4, day: 23 } }],
  ])('refuses a new due date %s', (_name, text, problem) => {
    expect(postponedRound(round, text, during)).toEqual({ problem });
  });

  it('refuses a day already past, for a round that is overdue', () => {
    expect(postponedRound(round, '2019-04-03', new Date('2019-04-05T10:00:00Z'))).toEqual({ problem: { kind: 'in-past' } });
  });
});
