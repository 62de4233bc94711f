// A value read once and handed to many callers cannot be changed by one of them for the others:
// its objects are frozen and its dates refuse their setters, while what is made from a date (by
// date-fns, say) is an ordinary date.

import { addDays } from 'date-fns/addDays';
import { deepFreeze } from '../../../storage/tables/single-flight';

describe('a value read once and shared', () => {
  const read = () => deepFreeze({ title: 'Uppföljning', dueAt: new Date('2026-04-07T21:59:00Z'), dates: [new Date('2026-03-09T07:00:00Z')] });

  it('refuses a change to its objects and to its dates', () => {
    const value = read();
    expect(() => {
      (value as { title: string }).title = 'ändrad';
    }).toThrow(TypeError);
    expect(() => value.dueAt.setUTCFullYear(2000)).toThrow(TypeError);
    expect(() => value.dates[0].setTime(0)).toThrow(TypeError);
    expect(value.dueAt.toISOString()).toBe('2026-04-07T21:59:00.000Z');
  });

  it('still reads, compares and computes as the dates it was read with', () => {
    const value = read();
    expect(value).toEqual({ title: 'Uppföljning', dueAt: new Date('2026-04-07T21:59:00Z'), dates: [new Date('2026-03-09T07:00:00Z')] });
    expect(value.dueAt instanceof Date).toBe(true);
    expect(JSON.stringify(value.dueAt)).toBe('"2026-04-07T21:59:00.000Z"');
    const later = addDays(value.dueAt, 1);
    expect(later.toISOString()).toBe('2026-04-08T21:59:00.000Z');
    later.setUTCHours(0);
    expect(later.toISOString()).toBe('2026-04-08T00:59:00.000Z');
  });
});
