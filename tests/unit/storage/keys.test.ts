import { compositeKey, decodeKey, encodeKey, paddedNumber, prefixEnd, splitCompositeKey } from '../../../storage/keys';

const SAFE_KEY = /^[A-Za-z0-9._~-]*$/;

const awkward = [
  '29:1a2B3c-Teams_user.id',
  'a:1Hx9f@thread.tacv2',
  '19:meeting_abc@thread.v2;messageid=1700000000000',
  'anna.andersson@kommun.se',
  'Handlingsplan för ökad trygghet – Ängelholm/Örebro',
  'a/b\\c#d?e%f\'g"h',
  'tab\tnewline\ncr\rnul\u0000del\u007f',
  '~already~7E~encoded',
  'emoji 🎉 and 中文',
  '',
];

describe('key encoding', () => {
  it.each(awkward)('round-trips %j and leaves only key-safe characters', (value) => {
    const key = encodeKey(value);
    expect(key).toMatch(SAFE_KEY);
    expect(key).not.toMatch(/[:/\\#?]/);
    expect(decodeKey(key)).toBe(value);
  });

  it('leaves plain ids readable', () => {
    expect(encodeKey('uppfoljning-kf-2019')).toBe('uppfoljning-kf-2019');
    expect(encodeKey('prompt.plan_1')).toBe('prompt.plan_1');
  });

  it('escapes every other UTF-8 byte, the escape character included', () => {
    expect(encodeKey('å')).toBe('~C3~A5');
    expect(encodeKey('~')).toBe('~7E');
    expect(encodeKey('a b')).toBe('a~20b');
  });

  it('gives different keys to different values', () => {
    const keys = new Set(awkward.map(encodeKey));
    expect(keys.size).toBe(awkward.length);
    expect(encodeKey('~41')).not.toBe(encodeKey('A'));
  });

  it('refuses text that is not an encoded key', () => {
    expect(() => decodeKey('a/b')).toThrow();
    expect(() => decodeKey('~4')).toThrow();
    expect(() => decodeKey('~ZZ')).toThrow();
  });

  it('refuses a lone surrogate, which has no UTF-8 form to come back from', () => {
    expect(() => encodeKey('bad \ud800 text')).toThrow();
  });

  it('joins composite keys with a colon that no encoded part contains', () => {
    const key = compositeKey('version', 'plan:with/colon', 'x');
    expect(key).toBe('version:plan~3Awith~2Fcolon:x');
    expect(splitCompositeKey(key)).toEqual(['version', 'plan:with/colon', 'x']);
  });

  it('pads numbers so that version 10 sorts after version 9', () => {
    expect(paddedNumber(7)).toBe('0000000007');
    const sorted = [10, 9, 100, 1].map((n) => paddedNumber(n)).sort();
    expect(sorted).toEqual(['0000000001', '0000000009', '0000000010', '0000000100']);
    expect(() => paddedNumber(-1)).toThrow();
    expect(() => paddedNumber(1.5)).toThrow();
    expect(() => paddedNumber(12345678901)).toThrow();
  });

  it('gives the end of a prefix range', () => {
    expect(prefixEnd('current:')).toBe('current;');
    expect('current:zzz' < prefixEnd('current:')).toBe(true);
  });
});
