// Every reader of what a user sends (typed commands, card data, the activity itself, a register
// file in JSON) takes any JSON value without throwing: an activity's value is whatever its
// sender wrote, objects with their own `toString` and `__proto__` keys included. Property tests
// over the generators in tests/support/activity-shapes.ts; seeded, so a failure replays.

import fc from 'fast-check';
import { parseRegisterFile } from '../../../bot/app/register-file';
import { readJson } from '../../../bot/app/register-file/json';
import { readAnswerInput } from '../../../bot/domain/answer';
import { localeFrom } from '../../../bot/domain/locale';
import { decideAbsence, decideDeputy, decideSnooze } from '../../../bot/domain/officer-controls';
import { readPlanForm } from '../../../bot/domain/plan-form';
import { readRoundForm } from '../../../bot/domain/round-form';
import { activityProblems } from '../../../bot/inbound-activity';
import { CARD_VERBS, cardLocale, handleCardAction, isAdminVerb, isCardVerb, isControlVerb } from '../../../bot/teams/card-actions';
import { countIn, numberIn, textIn } from '../../../bot/teams/card-data';
import { parseCommand } from '../../../bot/teams/commands';
import { registerFileOf } from '../../../bot/teams/register-upload';
import { anyJson, cardData, deepJson, oddText, oddValue, PROTOTYPE_KEYS } from '../../support/activity-shapes';
import { actor, appFixture, register } from '../../support/app-fixture';

const SEED = Number(process.env.FUZZ_SEED ?? 20_261_203);
const options = { seed: SEED, numRuns: 300 };

/** Card data: an object of any JSON (prototype keys among its keys), or any odd value at all. */
const anyObject = anyJson.filter((v): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v));
const COMMAND_NAMES = ['help', 'myPlans', 'answer', 'unknown', 'plans', 'newRound', 'rounds', 'bindChannel', 'summary', 'progress', 'remind', 'export', 'exportRegister', 'history'];

describe('typed commands', () => {
  it.each([...PROTOTYPE_KEYS, 'Constructor', 'toString.', '__proto__!'])('"%s" is an unknown command like any other word', (word) => {
    expect(parseCommand(word)).toEqual({ name: 'unknown' });
    expect(parseCommand(`exportera ${word}`)).toEqual({ name: 'export', round: word.replace(/[.!]+$/, ''), format: 'word' });
  });

  it('reads any text, or anything else a message carries, as one of the commands', () => {
    fc.assert(
      fc.property(fc.oneof(oddText, oddValue), (text) => {
        expect(COMMAND_NAMES).toContain(parseCommand(text).name);
      }),
      options,
    );
  });

  it('takes a long run of dots as quickly as a short one', () => {
    const started = performance.now();
    expect(parseCommand('.'.repeat(50_000) + 'x')).toEqual({ name: 'unknown' });
    expect(parseCommand(`hjälp${'.'.repeat(50_000)}`)).toEqual({ name: 'help' });
    expect(performance.now() - started).toBeLessThan(200);
  });
});

describe('card data and activity fields', () => {
  it('tells card verbs and locales from any value', () => {
    fc.assert(
      fc.property(oddValue, anyObject, (value, data) => {
        expect(typeof isCardVerb(value)).toBe('boolean');
        expect(typeof isControlVerb(value)).toBe('boolean');
        expect(typeof isAdminVerb(value)).toBe('boolean');
        expect(['sv', 'en']).toContain(cardLocale(data, 'sv'));
        expect(['sv', 'en']).toContain(localeFrom(value));
      }),
      options,
    );
    for (const key of PROTOTYPE_KEYS) expect(isCardVerb(key)).toBe(false);
  });

  it('reads text and numbers from card data only where they are text and numbers', () => {
    fc.assert(
      fc.property(anyObject, fc.constantFrom('roundId', 'planId', 'baseVersion', 'page', ...PROTOTYPE_KEYS), (data, key) => {
        expect(typeof textIn(data, key)).toBe('string');
        expect(typeof numberIn(data, key)).toBe('number');
        expect(Number.isInteger(countIn(data, key, -1))).toBe(true);
      }),
      options,
    );
    const hostile = JSON.parse('{"roundId": {"toString": 1, "valueOf": 1}, "baseVersion": {"valueOf": 1, "toString": 1}, "__proto__": {"planId": "x"}}');
    expect([textIn(hostile, 'roundId'), numberIn(hostile, 'baseVersion'), textIn(hostile, 'planId')]).toEqual(['', NaN, '']);
  });

  it('reads the answer, plan and round forms from any card data', () => {
    fc.assert(
      fc.property(anyObject, (data) => {
        expect(Object.values(readAnswerInput(data).texts).every((v) => typeof v === 'string')).toBe(true);
        expect(typeof readPlanForm(data).title).toBe('string');
        expect(typeof readRoundForm(data).dueDate).toBe('string');
      }),
      options,
    );
  });

  it("judges any value typed into the officer's controls", async () => {
    const { round } = await appFixture();
    const now = new Date('2019-03-05T09:00:00Z');
    fc.assert(
      fc.property(oddValue, (value) => {
        expect(typeof decideSnooze(round, now, value).ok).toBe('boolean');
        expect(typeof decideAbsence('Europe/Stockholm', now, value).ok).toBe('boolean');
        expect(typeof decideDeputy(register.plans[0], actor('anna@kalmar.se'), value).ok).toBe('boolean');
      }),
      options,
    );
  });

  it('finds a register file, or none, among any attachments', () => {
    fc.assert(
      fc.property(oddValue, (attachments) => {
        const file = registerFileOf({ attachments } as never);
        expect(file === undefined || typeof file.downloadUrl === 'string').toBe(true);
      }),
      options,
    );
  });

  it('checks the shape of any body posted as an activity', () => {
    fc.assert(
      fc.property(fc.oneof(oddValue, deepJson), (body) => {
        expect(Array.isArray(activityProblems(body, { serviceUrls: 'loopback' }))).toBe(true);
      }),
      options,
    );
  });
});

describe('card actions', () => {
  it.each(CARD_VERBS.map((verb) => [verb]))('%s answers any card data with a card or a sentence', async (verb) => {
    const fixture = await appFixture({ now: '2019-03-05T09:00:00Z' });
    const coordinator = actor('samordnare@kalmar.se');
    await fc.assert(
      fc.asyncProperty(fc.oneof(anyObject, cardData({ roundId: fixture.round.id, planId: 'drog' })), async (data) => {
        const reply = await handleCardAction(fixture.deps, coordinator, { verb, data }, 'sv', 'activity-1');
        expect(['card', 'text']).toContain(reply.kind);
      }),
      { seed: SEED, numRuns: 40 },
    );
  });
});

describe('register files in JSON', () => {
  it('reads any JSON as a register or a list of errors', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(anyJson, anyJson.map((v) => ({ plans: v, people: v, coordinators: v, schedule: v })), anyJson.map((v) => ({ plans: [v], people: [v], schedule: { cadence: v, policy: v } }))), async (value) => {
        const text = JSON.stringify(value) ?? 'null';
        const read = readJson(text);
        expect(Array.isArray(read.errors)).toBe(true);
        const parsed = await parseRegisterFile(Buffer.from(text), 'register.json');
        expect(parsed.content !== undefined || parsed.errors.length > 0).toBe(true);
      }),
      options,
    );
  });
});
