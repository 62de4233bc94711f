import { acceptsAnswers, buildRound, needsPrompting, progressWeek, roundIdFromTitle, roundPhase, summaryTime } from '../../../bot/domain/round';

const meta = { timeZone: 'Europe/Stockholm', createdBy: 'samordnare@kommun.se', createdAt: new Date('2019-02-01T10:00:00Z') };

describe('creating a round', () => {
  it('reads local Stockholm times, across daylight saving', () => {
    const { round, errors } = buildRound(
      { title: 'Uppföljning KF 2019', year: '2019', opensDate: '2019-03-01', opensTime: '08:00', dueDate: '2019-04-01' },
      meta,
    );
    expect(errors).toEqual([]);
    expect(round!.id).toBe('uppfoljning-kf-2019');
    expect(round!.opensAt.toISOString()).toBe('2019-03-01T07:00:00.000Z'); // CET, UTC+1
    expect(round!.dueAt.toISOString()).toBe('2019-04-01T21:59:59.999Z'); // end of the day, CEST (UTC+2)
    // Closes by default at the end of the 30th day after the due date, in local time.
    expect(round!.closesAt.toISOString()).toBe('2019-05-01T21:59:59.999Z');
  });

  it('keeps the default closing at the end of the local day across the change to summer time', () => {
    const { round } = buildRound({ title: 'T', year: '2026', opensDate: '2026-03-02', dueDate: '2026-03-16' }, meta);
    expect(round!.closesAt.toISOString()).toBe('2026-04-15T21:59:59.999Z'); // end of the day, CEST
  });

  it('reports every problem at once', () => {
    const { round, errors } = buildRound({ title: '', year: '19', opensDate: '2019-02-30', dueDate: 'snart' }, meta);
    expect(round).toBeUndefined();
    expect(errors.map((e) => e.field)).toEqual(['title', 'year', 'opens', 'due']);
  });

  it('refuses a due date before the opening and a close before the due date', () => {
    expect(buildRound({ title: 'T', year: '2019', opensDate: '2019-04-02', dueDate: '2019-04-01' }, meta).errors[0].field).toBe('due');
    expect(
      buildRound({ title: 'T', year: '2019', opensDate: '2019-03-01', dueDate: '2019-04-01', closesDate: '2019-03-15' }, meta).errors[0].field,
    ).toBe('closes');
  });

  it('makes readable ids from Swedish titles', () => {
    expect(roundIdFromTitle('Tertial 2 – 2017: Åtgärder & Öppenhet')).toBe('tertial-2-2017-atgarder-oppenhet');
  });
});

describe('the life of a round', () => {
  const { round } = buildRound({ title: 'T', year: '2019', opensDate: '2019-03-01', dueDate: '2019-04-01', closesDate: '2019-04-30' }, meta);
  const at = (iso: string) => new Date(iso);

  it('is planned before it opens, open until it closes (also past the due date), then closed', () => {
    expect(roundPhase(round!, at('2019-02-28T12:00:00Z'))).toBe('planned');
    expect(roundPhase(round!, at('2019-03-01T07:00:00Z'))).toBe('open');
    expect(acceptsAnswers(round!, at('2019-04-15T12:00:00Z'))).toBe(true);
    expect(roundPhase(round!, at('2019-04-30T22:00:00Z'))).toBe('closed');
    expect(roundPhase({ ...round!, closedAt: at('2019-03-10T00:00:00Z') }, at('2019-03-11T00:00:00Z'))).toBe('closed');
  });

  it('needs prompting once open, until the prompts have gone out', () => {
    expect(needsPrompting(round!, at('2019-02-28T12:00:00Z'))).toBe(false);
    expect(needsPrompting(round!, at('2019-03-01T08:00:00Z'))).toBe(true);
    expect(needsPrompting({ ...round!, promptedAt: at('2019-03-01T08:00:01Z') }, at('2019-03-01T09:00:00Z'))).toBe(false);
  });
});

describe('when the summary and progress digests are due', () => {
  const base = { title: 'T', year: '2019', opensDate: '2019-03-01' };
  it.each([
    ['a Monday due date: Tuesday 09:00', '2019-04-01', '2019-04-02T07:00:00.000Z'],
    ['a Friday due date: the next Monday 09:00, in summer time', '2019-03-29', '2019-04-01T07:00:00.000Z'],
    ['a Wednesday due date in winter: Thursday 09:00 (UTC+1)', '2019-03-06', '2019-03-07T08:00:00.000Z'],
    ['a due date on skärtorsdagen: the Tuesday after annandag påsk', '2019-04-18', '2019-04-23T07:00:00.000Z'],
    ['a due date the day before Kristi himmelsfärdsdag: the Friday', '2019-05-29', '2019-05-31T07:00:00.000Z'],
    ['a due date the Thursday before midsommar: the Monday', '2019-06-20', '2019-06-24T07:00:00.000Z'],
    ['a due date on 23 December: 27 December, after julafton, juldagen and annandag jul', '2019-12-23', '2019-12-27T08:00:00.000Z'],
  ])('posts the summary after %s', (_name, dueDate, expected) => {
    const { round } = buildRound({ ...base, dueDate }, meta);
    expect(summaryTime(round!).toISOString()).toBe(expected);
  });

  it('posts the summary at the time the coordinator chose instead, and refuses one before the opening', () => {
    const { round } = buildRound({ ...base, dueDate: '2019-04-01', summaryDate: '2019-04-05', summaryTime: '13:30' }, meta);
    expect(summaryTime(round!).toISOString()).toBe('2019-04-05T11:30:00.000Z');
    expect(buildRound({ ...base, dueDate: '2019-04-01', summaryDate: '2019-02-01' }, meta).errors).toEqual([
      { field: 'summary', message: 'Sammanställningen kan inte postas innan omgången öppnar.' },
    ]);
    expect(buildRound({ ...base, dueDate: '2019-04-01', summaryDate: '5/4', summaryTime: '25:00' }, meta).errors.map((e) => e.field)).toEqual(['summary', 'summaryTime']);
    expect(buildRound({ ...base, dueDate: '2019-04-01', summaryTime: '10:00' }, meta).errors.map((e) => e.field)).toEqual(['summaryTime']);
  });

  it('names the week of the weekly digest from Monday 09:00 local time', () => {
    expect(progressWeek(new Date('2019-03-11T07:59:00Z'), 'Europe/Stockholm')).toBeUndefined(); // Monday 08:59
    expect(progressWeek(new Date('2019-03-11T08:00:00Z'), 'Europe/Stockholm')).toBe('2019-W11');
    expect(progressWeek(new Date('2019-03-17T22:00:00Z'), 'Europe/Stockholm')).toBe('2019-W11'); // Sunday 23:00
  });
});
