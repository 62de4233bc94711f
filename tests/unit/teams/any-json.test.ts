// Every reader of what a user sends (typed commands, card data, the activity itself, a register
// file in JSON) takes any JSON value without throwing: an activity's value is whatever its
// sender wrote, objects with their own `toString` and `__proto__` keys included. Property tests
// over the generators in tests/support/activity-shapes.ts; seeded, so a failure replays.

import fc from 'fast-check';
import { parseRegisterFile } from '../../../bot/app/register/files';
import { readJson } from '../../../bot/app/register/files/json';
import { readAnswerInput } from '../../../bot/domain/answer';
import { localeFrom } from '../../../bot/domain/locale';
import { decideAbsence, decideDeputy, decideSnooze } from '../../../bot/domain/officer-controls';
import { readPlanForm } from '../../../bot/domain/plan-form';
import { readRoundForm } from '../../../bot/domain/round-form';
import { activityProblems } from '../../../bot/inbound-activity';
import { CARD_VERBS, cardLocale, handleCardAction, isAdminVerb, isCardVerb, isControlVerb } from '../../../bot/teams/card-actions';
import { countIn, numberIn, textIn } from '../../../bot/domain/card-input';
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
  it('takes only the exact verb names as card verbs, and reads English only from a tag that says so', () => {
    const verbs: readonly unknown[] = CARD_VERBS;
    fc.assert(
      fc.property(fc.oneof(oddValue, fc.constantFrom(...CARD_VERBS)), anyObject, (value, data) => {
        expect(isCardVerb(value)).toBe(verbs.includes(value));
        // Controls and the coordinator's actions are card verbs, never both.
        if (isControlVerb(value)) expect([isCardVerb(value), isAdminVerb(value)]).toEqual([true, false]);
        if (isAdminVerb(value)) expect(isCardVerb(value)).toBe(true);
        expect(localeFrom(value)).toBe(typeof value === 'string' && /^en\b/i.test(value.trim()) ? 'en' : 'sv');
        // A card without a locale of its own keeps the one it is given.
        if (!Object.hasOwn(data, 'locale')) expect(cardLocale(data, 'en')).toBe('en');
      }),
      options,
    );
    for (const key of PROTOTYPE_KEYS) expect(isCardVerb(key)).toBe(false);
  });

  it('reads text and numbers from card data only where they are text and numbers', () => {
    fc.assert(
      fc.property(anyObject, fc.constantFrom('roundId', 'planId', 'baseVersion', 'page', ...PROTOTYPE_KEYS), (data, key) => {
        const own = Object.hasOwn(data, key) ? data[key] : undefined;
        expect(textIn(data, key)).toBe(typeof own === 'string' ? own : '');
        if (typeof own === 'number') expect(numberIn(data, key)).toBe(own);
        else if (typeof own !== 'string') expect(numberIn(data, key)).toBeNaN();
        const count = countIn(data, key, -1);
        expect(count === -1 || (Number.isInteger(count) && count >= 0)).toBe(true);
      }),
      options,
    );
    const hostile = JSON.parse('{"roundId": {"toString": 1, "valueOf": 1}, "baseVersion": {"valueOf": 1, "toString": 1}, "__proto__": {"planId": "x"}}');
    expect([textIn(hostile, 'roundId'), numberIn(hostile, 'baseVersion'), textIn(hostile, 'planId')]).toEqual(['', NaN, '']);
  });

  it('reads the answer, plan and round forms from any card data, keeping only what was sent as text', () => {
    fc.assert(
      fc.property(anyObject, (data) => {
        const sent = (key: string) => (typeof data[key] === 'string' ? (data[key] as string) : '');
        const answer = readAnswerInput(data);
        for (const [id, text] of Object.entries(answer.texts)) expect(text).toBe(sent(id).replace(/\r\n?/g, '\n'));
        expect(answer.status === undefined || answer.status === data.planStatus).toBe(true);
        expect(readPlanForm(data).title).toBe(sent('title').normalize('NFC').trim());
        expect(readRoundForm(data).dueDate).toBe(sent('dueDate').normalize('NFC').trim());
      }),
      options,
    );
  });

  it("refuses anything but text typed into the officer's controls, and accepts only dates ahead", async () => {
    const { round } = await appFixture();
    const now = new Date('2019-03-05T09:00:00Z');
    fc.assert(
      fc.property(oddValue, (value) => {
        const snooze = decideSnooze(round, now, value);
        const absence = decideAbsence('Europe/Stockholm', now, value);
        const deputy = decideDeputy(register.plans[0], actor('anna@kalmar.se'), value);
        if (typeof value !== 'string') {
          if (value !== null) expect(snooze).toEqual({ kind: 'invalid', error: 'date-invalid' });
          expect(absence).toEqual({ kind: 'invalid', error: 'date-invalid' });
          expect(deputy).toEqual({ kind: 'invalid', error: 'address-invalid' });
        }
        if (snooze.kind === 'decided') expect(snooze.value > now && snooze.value < round.dueAt).toBe(true);
        if (absence.kind === 'decided') expect(absence.value > now).toBe(true);
      }),
      options,
    );
  });

  it('finds a register file, or none, among any attachments', () => {
    fc.assert(
      fc.property(oddValue, (attachments) => {
        const file = registerFileOf({ attachments } as never);
        // A file found is one of the attachments' own download links, never an empty one.
        if (file) {
          const links = (attachments as Array<{ content?: { downloadUrl?: unknown } } | null>).map((a) => a?.content?.downloadUrl);
          expect(file.downloadUrl).not.toBe('');
          expect(links).toContain(file.downloadUrl);
        } else expect(file).toBeUndefined();
      }),
      options,
    );
  });

  it('finds a problem in any body posted as an activity that is not one', () => {
    fc.assert(
      fc.property(fc.oneof(oddValue, deepJson), (body) => {
        // None of these values has an activity's type, id and conversation, so each is refused with a reason.
        const problems = activityProblems(body, { serviceUrls: 'loopback' });
        expect(problems.length).toBeGreaterThan(0);
        for (const problem of problems) expect(problem).toMatch(/\S/);
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
        if (reply.kind === 'card') expect(reply.card).toMatchObject({ type: 'AdaptiveCard', body: expect.any(Array) });
        else expect(reply.text).toMatch(/\p{L}/u);
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
        // Each error says what is wrong; a file that is not one object is refused as a whole.
        for (const error of read.errors) expect(error.message).toMatch(/\p{L}/u);
        if (typeof value !== 'object' || value === null || Array.isArray(value)) expect(read.errors).toEqual([expect.objectContaining({ field: expect.any(String), line: 1 })]);
        const parsed = await parseRegisterFile(Buffer.from(text), 'register.json');
        expect(parsed.content !== undefined || parsed.errors.length > 0).toBe(true);
      }),
      options,
    );
  });
});
