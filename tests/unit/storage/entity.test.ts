// How entities read back from Table Storage become values: an absent property is left out, and
// what remains is an ordinary compact object. A register of 10,000 plans and people is read at
// every scheduler tick; an object V8 keeps as a dictionary takes several times the memory.

import { setFlagsFromString } from 'node:v8';
import { defined } from '../../../storage/tables/entity';

setFlagsFromString('--allow-natives-syntax');
// V8's own answer to whether an object keeps its properties in the compact ("fast") layout.
const hasFastProperties = new Function('value', 'return %HasFastProperties(value)') as (value: object) => boolean;

describe('values read back from table entities', () => {
  it('leave out what was not stored, and stay compact objects', () => {
    const plan = defined({ id: 'drog', title: 'Drogpolitiskt program', period: undefined, note: undefined, officer: 'anna@kalmar.se', deputy: undefined });

    expect(plan).toEqual({ id: 'drog', title: 'Drogpolitiskt program', officer: 'anna@kalmar.se' });
    expect(Object.keys(plan)).toEqual(['id', 'title', 'officer']);
    expect(hasFastProperties(plan)).toBe(true);
  });

  it('leave the object they were made from as it was', () => {
    const read = { id: 'drog', note: undefined, title: 'Drogpolitiskt program' };
    defined(read);
    expect(Object.keys(read)).toEqual(['id', 'note', 'title']);
  });
});
