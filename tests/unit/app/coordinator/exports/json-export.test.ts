// The round archive keeps everything readable years later: a named format, ISO dates, UTF-8.

import fc from 'fast-check';
import { buildJsonArchive, jsonArrayBytes, ROUND_ARCHIVE_FORMAT } from '../../../../../bot/app/coordinator/exports/json-export';

describe('the JSON archive of a round', () => {
  const archive = {
    round: { id: 'kf-2019', title: 'Uppföljning KF 2019', opens: new Date('2019-03-01T07:00:00Z') },
    answers: [
      { planId: 'drog', version: 1, text: 'Första utkast om åtgärder', savedAt: new Date('2019-03-05T09:30:00.000Z') },
      { planId: 'drog', version: 2, text: 'Insänt svar <b>&</b>', savedAt: new Date('2019-03-06T10:00:00.000Z') },
    ],
  };

  it('names its format first and writes dates as ISO 8601 strings', () => {
    const parsed = JSON.parse(buildJsonArchive(archive).toString('utf8'));
    expect(Object.keys(parsed)).toEqual(['format', 'round', 'answers']);
    expect(parsed.format).toBe(ROUND_ARCHIVE_FORMAT);
    expect(parsed.format).toBe('uppfoljning-round-archive/1');
    expect(parsed.round.opens).toBe('2019-03-01T07:00:00.000Z');
    expect(parsed.answers.map((a: { version: number; savedAt: string }) => [a.version, a.savedAt])).toEqual([
      [1, '2019-03-05T09:30:00.000Z'],
      [2, '2019-03-06T10:00:00.000Z'],
    ]);
  });

  it('is pretty-printed UTF-8 without a byte-order mark, with å, ä, ö and markup as typed', () => {
    const bytes = buildJsonArchive(archive);
    expect(bytes[0]).toBe('{'.charCodeAt(0));
    const text = bytes.toString('utf8');
    expect(text).toContain('\n  "format": "uppfoljning-round-archive/1",\n');
    expect(text).toContain('"Första utkast om åtgärder"');
    expect(text).toContain('"Insänt svar <b>&</b>"');
    expect(text.endsWith('}\n')).toBe(true);
  });

  it('replaces a format field of its own and wraps a value that is not an object', () => {
    expect(JSON.parse(buildJsonArchive({ format: 'annat', x: 1 }).toString()).format).toBe(ROUND_ARCHIVE_FORMAT);
    expect(JSON.parse(buildJsonArchive([1, 2]).toString())).toEqual({ format: ROUND_ARCHIVE_FORMAT, archive: [1, 2] });
  });

  it('refuses an invalid date rather than writing null in its place', () => {
    expect(() => buildJsonArchive({ answers: [{ savedAt: new Date('inte ett datum') }] })).toThrow(/savedAt/);
  });
});

describe('a list kept as JSON (the cards of a posted summary)', () => {
  it('is the bytes of JSON.stringify, for any list', () => {
    const item = fc.oneof(fc.jsonValue(), fc.constant(undefined), fc.date({ noInvalidDate: true }), fc.string({ unit: 'grapheme' }), fc.string({ unit: 'binary' }));
    fc.assert(
      fc.property(fc.array(item, { maxLength: 20 }), (items) => {
        expect(jsonArrayBytes(items).equals(Buffer.from(JSON.stringify(items), 'utf8'))).toBe(true);
      }),
      { seed: 13, numRuns: 500 },
    );
  });

  it('writes an empty list and cards with å, ä, ö, emoji and markup as JSON.stringify does', () => {
    expect(jsonArrayBytes([]).toString('utf8')).toBe('[]');
    const cards = [{ type: 'AdaptiveCard', body: [{ type: 'TextBlock', text: 'Åtgärder – "klara" <b>&</b> 🙂' }] }, { type: 'AdaptiveCard', body: [] }];
    expect(jsonArrayBytes(cards).toString('utf8')).toBe(JSON.stringify(cards));
  });
});
