// One contract for every storage implementation: the in-memory stores that use-case tests rely
// on must keep the same promises as the Table Storage ones (run here against Azurite).

import { TableClient } from '@azure/data-tables';
import type { AnswerVersion } from '../../bot/domain/answer';
import type { Contact } from '../../bot/domain/contact';
import type { RegisterContent } from '../../bot/domain/register';
import type { Round } from '../../bot/domain/round';
import { tableClientOptions } from '../../storage/azurite';
import { createMemoryStores } from '../../storage/memory';
import { answerPolicyOf, DEFAULT_ANSWER_POLICY } from '../../bot/domain/answer-policy';
import { TERTIAL_TEMPLATE } from '../../bot/domain/templates/builtin';
import { ConcurrencyError, type Delivery, type PlanSettings, type Stores } from '../../storage/ports';
import { StorageLimitError, TableRegisterStore, createTableStores } from '../../storage/tables';
import { TableRecordStore } from '../../storage/tables/table-record-store';
import { azuriteConnectionString, journaledTestTableStores, testTableStores, uniqueTablePrefix } from '../support/storage';

// ---- test data ---------------------------------------------------------------------------

const AWKWARD_ID = "kf/2019\\del#1?x=%20'citat':@åäö";
const TEAMS_CONVERSATION = 'a:1Hx9f-GmOw3QK_9L2@thread.tacv2;messageid=1700000000000';

function aRound(overrides: Partial<Round> = {}): Round {
  return {
    id: 'uppfoljning-kf-2019',
    title: 'Uppföljning KF 2019',
    year: 2019,
    timeZone: 'Europe/Stockholm',
    opensAt: new Date('2019-03-01T07:00:00.000Z'),
    dueAt: new Date('2019-03-29T22:59:00.000Z'),
    closesAt: new Date('2019-04-28T21:59:00.000Z'),
    createdBy: 'samordnare@kommun.se',
    createdAt: new Date('2019-02-20T09:15:30.123Z'),
    ...overrides,
  };
}

function anAnswer(overrides: Partial<AnswerVersion> = {}): AnswerVersion {
  return {
    roundId: 'uppfoljning-kf-2019',
    planId: 'drogpolitiskt-program',
    version: 1,
    state: 'draft',
    content: {
      texts: {
        status: 'Programmet revideras.',
        done: 'Föräldrautbildning genomförd.',
        current: '',
        risks: 'Resurser saknas.',
        completion: '2016–2020',
      },
    },
    answeredBy: 'anna.andersson@kommun.se',
    answeredByName: 'Anna Andersson',
    at: new Date('2019-03-05T10:00:00.000Z'),
    ...overrides,
  };
}

function aRegister(planCount = 2): RegisterContent {
  return {
    plans: Array.from({ length: planCount }, (_, i) => ({
      id: `plan-${i}`,
      title: `Handlingsplan ${i} för ökad trygghet`,
      period: i % 2 === 0 ? '2016-2020' : 'Ska gälla till 2027',
      officer: 'anna.andersson@kommun.se',
      ...(i === 1 ? { note: 'revidering pågår' } : {}),
    })),
    people: [
      { id: 'anna.andersson@kommun.se', name: 'Anna Andersson', manager: 'chef@kommun.se' },
      { id: 'chef@kommun.se', name: 'Cecilia Chef', title: 'Enhetschef', unit: 'Kommunledningskontoret' },
    ],
    coordinators: ['samordnare@kommun.se'],
  };
}

function aDelivery(overrides: Partial<Delivery> = {}): Delivery {
  return {
    roundId: 'uppfoljning-kf-2019',
    id: 'prompt:drogpolitiskt-program',
    kind: 'prompt',
    planId: 'drogpolitiskt-program',
    recipient: 'anna.andersson@kommun.se',
    outcome: 'claimed',
    claimedAt: new Date('2019-03-01T07:00:01.000Z'),
    ...overrides,
  };
}

function aContact(overrides: Partial<Contact> = {}): Contact {
  return {
    aadObjectId: '6f1c2a9e-0000-4000-8000-000000000001',
    teamsUserId: '29:1a2B3c-Teams_user.id',
    name: 'Anna Andersson',
    upn: 'anna.andersson@kommun.se',
    tenantId: 'tenant-1',
    conversation: { conversation: { id: TEAMS_CONVERSATION }, serviceUrl: 'https://smba.trafficmanager.net/emea/' },
    updatedAt: new Date('2019-03-01T06:00:00.000Z'),
    ...overrides,
  };
}

const meta = (n: number) => ({
  importedBy: 'samordnare@kommun.se',
  importedAt: new Date(`2019-01-0${n}T08:00:00.000Z`),
  source: `register-${n}.csv`,
});

// ---- the contract --------------------------------------------------------------------------

describe.each<[string, () => Promise<Stores>]>([
  ['memory', async () => createMemoryStores()],
  ['tables', testTableStores],
  // The embedded storage's stores: every write also goes to the journal before it is done.
  ['journaled tables', journaledTestTableStores],
])('%s storage', (_name, makeStores) => {
  let stores: Stores;
  beforeEach(async () => {
    stores = await makeStores();
  });
  afterEach(async () => {
    // A journal's file is closed with its test, not left to the garbage collector.
    if ('journal' in stores) await (stores as Awaited<ReturnType<typeof journaledTestTableStores>>).journal.close();
  });

  describe('register', () => {
    it('has no register before the first import', async () => {
      expect(await stores.registers.current()).toBeUndefined();
      expect(await stores.registers.version(1)).toBeUndefined();
    });

    it('a register import becomes current, and the previous version stays readable', async () => {
      const first = await stores.registers.saveVersion(aRegister(2), meta(1));
      const second = await stores.registers.saveVersion({ ...aRegister(3), coordinators: ['ny@kommun.se'] }, meta(2));
      expect(first.version).toBe(1);
      expect(second.version).toBe(2);

      const current = await stores.registers.current();
      expect(current).toEqual(second);
      expect(current?.plans.map((p) => p.id)).toEqual(['plan-0', 'plan-1', 'plan-2']);
      expect(current?.importedAt).toBeInstanceOf(Date);

      const previous = await stores.registers.version(1);
      expect(previous).toEqual({ ...aRegister(2), version: 1, ...meta(1) });
      expect(previous?.plans[1]).toEqual({
        id: 'plan-1',
        title: 'Handlingsplan 1 för ökad trygghet',
        period: 'Ska gälla till 2027',
        note: 'revidering pågår',
        officer: 'anna.andersson@kommun.se',
      });
      expect(await stores.registers.version(3)).toBeUndefined();
    });

    it('keeps a large register whole and in the imported order', async () => {
      // More rows than one transaction may hold (100).
      const content = aRegister(230);
      content.plans.reverse();
      await stores.registers.saveVersion(content, meta(1));
      const current = await stores.registers.current();
      expect(current?.plans).toEqual(content.plans);
      expect(current?.people).toEqual(content.people);
    });

    it('two simultaneous imports never share a version number', async () => {
      await stores.registers.saveVersion(aRegister(1), meta(1));
      const results = await Promise.allSettled([
        stores.registers.saveVersion(aRegister(2), meta(2)),
        stores.registers.saveVersion(aRegister(3), meta(3)),
      ]);
      const saved = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
      for (const r of results) if (r.status === 'rejected') expect(r.reason).toBeInstanceOf(ConcurrencyError);
      expect(saved.length).toBeGreaterThanOrEqual(1);
      expect(new Set(saved.map((r) => r.version)).size).toBe(saved.length);
      const current = await stores.registers.current();
      expect(current).toEqual(saved.reduce((a, b) => (a.version > b.version ? a : b)));
    });

    it('saves onto the version the content was made from only, when that version is named', async () => {
      await stores.registers.saveVersion(aRegister(1), meta(1));
      await stores.registers.saveVersion(aRegister(2), meta(2));
      await expect(stores.registers.saveVersion(aRegister(3), { ...meta(3), expectedVersion: 1 })).rejects.toBeInstanceOf(ConcurrencyError);
      expect((await stores.registers.current())?.version).toBe(2);
      expect(await stores.registers.saveVersion(aRegister(3), { ...meta(3), expectedVersion: 2 })).toMatchObject({ version: 3 });
    });

    it('does not let a caller change the stored register', async () => {
      const content = aRegister(2);
      const saved = await stores.registers.saveVersion(content, meta(1));
      content.plans[0].title = 'changed by the caller';
      saved.coordinators.push('intruder@example.com');
      const read = await stores.registers.current();
      // A copy takes the change and keeps it to itself; a register shared by every caller is frozen and refuses it.
      try {
        read!.plans[1].title = 'changed after reading';
      } catch (err) {
        expect(err).toBeInstanceOf(TypeError);
      }
      expect((await stores.registers.current())?.plans.map((p) => p.title)).toEqual(aRegister(2).plans.map((p) => p.title));
      expect((await stores.registers.current())?.coordinators).toEqual(['samordnare@kommun.se']);
    });

    it('keeps the schedule with its version, and a register without one has none', async () => {
      const schedule = {
        cadence: { kind: 'tertial' as const, opensAfterDays: 1, dueAfterWorkingDays: 10 },
        policy: {
          reminders: { beforeDue: [5, 1], onDueDate: true, overdueEvery: 2, overdueMax: 3, at: '09:00' },
          escalation: { afterWorkingDays: 0, every: 5, max: 2 },
        },
      };
      const saved = await stores.registers.saveVersion({ ...aRegister(1), schedule }, meta(1));
      expect(saved.schedule).toEqual(schedule);
      await stores.registers.saveVersion(aRegister(1), meta(2));
      expect((await stores.registers.version(1))?.schedule).toEqual(schedule);
      expect((await stores.registers.current())?.schedule).toBeUndefined();
    });
  });

  describe('rounds', () => {
    it('stores a round with its instants as dates, and lists it', async () => {
      const round = aRound();
      await stores.rounds.create(round);
      const read = await stores.rounds.get(round.id);
      expect(read?.value).toEqual(round);
      expect(read?.value.dueAt).toBeInstanceOf(Date);
      expect(read?.value).not.toHaveProperty('promptedAt');
      expect(typeof read?.etag).toBe('string');
      const withSummaryTime = aRound({ id: 'uppfoljning-kf-2020', year: 2020, summaryAt: new Date('2020-04-03T11:30:00.000Z') });
      await stores.rounds.create(withSummaryTime);
      expect((await stores.rounds.get(withSummaryTime.id))?.value).toEqual(withSummaryTime);
      expect((await stores.rounds.list()).map((r) => r.id)).toEqual(['uppfoljning-kf-2019', 'uppfoljning-kf-2020']);
      expect(await stores.rounds.get('okand')).toBeUndefined();
    });

    it("keeps a round's follow-up policy as given, and no policy when it has none", async () => {
      const policy = {
        reminders: { beforeDue: [10, 3], onDueDate: false, overdueEvery: 1, overdueMax: 5, at: '13:30' },
        escalation: { afterWorkingDays: 0, every: 1, max: 0 },
      };
      await stores.rounds.create(aRound({ policy }));
      expect((await stores.rounds.get(aRound().id))?.value.policy).toEqual(policy);
      const read = (await stores.rounds.get(aRound().id))!;
      const changed = { ...policy, escalation: { afterWorkingDays: 2, every: 3, max: 4 } };
      await stores.rounds.update({ ...read.value, policy: changed }, read.etag);
      expect((await stores.rounds.list())[0].policy).toEqual(changed);
      await stores.rounds.create(aRound({ id: 'utan-regel' }));
      expect((await stores.rounds.get('utan-regel'))?.value).not.toHaveProperty('policy');
    });

    it("keeps a round's answer policy and document settings as given; a round stored without them reads without them", async () => {
      const answerPolicy = { requiredSections: ['status' as const, 'risks' as const], minSections: 2, emptySection: 'nothing-to-report' as const };
      const document = { date: '2019-04-10', background: 'I Verksamhetsplan med budget för 2019 beslutade kommunfullmäktige om en samlad uppföljning.' };
      await stores.rounds.create(aRound({ answerPolicy, document }));
      expect((await stores.rounds.get(aRound().id))?.value).toMatchObject({ answerPolicy, document });
      await stores.rounds.create(aRound({ id: 'aldre-omgang' }));
      const older = (await stores.rounds.get('aldre-omgang'))!.value;
      expect(older).not.toHaveProperty('answerPolicy');
      expect(older).not.toHaveProperty('document');
      expect(answerPolicyOf(older)).toEqual(DEFAULT_ANSWER_POLICY);
    });

    it('keeps the template a round was created with, id and version; a round stored without one reads without', async () => {
      const round = aRound({ template: { ...TERTIAL_TEMPLATE, version: 4 } });
      await stores.rounds.create(round);
      await stores.rounds.create(aRound({ id: 'utan-mall' }));
      expect((await stores.rounds.get(round.id))!.value).toEqual(round);
      expect((await stores.rounds.get('utan-mall'))!.value.template).toBeUndefined();
    });

    it("reads a round whose template is beyond today's limits for a file: only its structure is checked on reading", async () => {
      const question = { ...TERTIAL_TEMPLATE.questions[1], label: { sv: 'Å'.repeat(250), en: 'A'.repeat(250) }, maxLength: 5000 };
      const big = { ...TERTIAL_TEMPLATE, questions: Array.from({ length: 12 }, (_, i) => ({ ...question, id: `fraga${i}` })) };
      const round = aRound({ template: big });
      await stores.rounds.create(round);
      expect((await stores.rounds.get(round.id))!.value).toEqual(round);
      expect((await stores.rounds.list()).map((r) => r.id)).toContain(round.id);
      const stored = await stores.templates.saveVersion({ ...big, id: 'stor' }, { addedBy: 'a@kommun.se', addedAt: new Date('2026-01-01T10:00:00Z'), source: 'stor.json' });
      expect((await stores.templates.current('stor'))!.template).toEqual(stored.template);
    });

    it('refuses a second round with the same id', async () => {
      await stores.rounds.create(aRound());
      await expect(stores.rounds.create(aRound({ title: 'Dubblett' }))).rejects.toBeInstanceOf(ConcurrencyError);
      expect((await stores.rounds.get(aRound().id))?.value.title).toBe('Uppföljning KF 2019');
    });

    it('gives a new ETag on every write and refuses an update based on a stale one', async () => {
      await stores.rounds.create(aRound());
      const read = (await stores.rounds.get(aRound().id))!;
      const promptedAt = new Date('2019-03-01T07:05:00.000Z');
      await stores.rounds.update({ ...read.value, promptedAt }, read.etag);
      const after = (await stores.rounds.get(aRound().id))!;
      expect(after.etag).not.toBe(read.etag);
      expect(after.value.promptedAt).toEqual(promptedAt);

      const closedAt = new Date('2019-03-10T12:00:00.000Z');
      await expect(stores.rounds.update({ ...read.value, closedAt }, read.etag)).rejects.toBeInstanceOf(ConcurrencyError);
      const kept = (await stores.rounds.get(aRound().id))!;
      expect(kept.value.promptedAt).toEqual(promptedAt);
      expect(kept.value.closedAt).toBeUndefined();
    });

    it('refuses to update a round that does not exist', async () => {
      await stores.rounds.create(aRound());
      const { etag } = (await stores.rounds.get(aRound().id))!;
      await expect(stores.rounds.update(aRound({ id: 'okand' }), etag)).rejects.toBeInstanceOf(ConcurrencyError);
    });

    it('does not let a caller change a stored round', async () => {
      const round = aRound();
      await stores.rounds.create(round);
      round.title = 'changed by the caller';
      round.opensAt.setUTCFullYear(2000);
      const read = (await stores.rounds.get(round.id))!;
      // Refused where the round read is shared (the kept rounds), without effect where it is a copy.
      try {
        read.value.dueAt.setUTCFullYear(2000);
      } catch (err) {
        expect(err).toBeInstanceOf(TypeError);
      }
      expect((await stores.rounds.get(round.id))?.value).toEqual(aRound());
    });
  });

  describe('templates', () => {
    const meta = (by: string, at: string) => ({ addedBy: by, addedAt: new Date(at), source: 'mall.json' });
    const named = (sv: string) => ({ ...structuredClone(TERTIAL_TEMPLATE), id: 'kvartal', version: 99, name: { sv, en: sv } });

    it('numbers the versions of a template from 1, keeps every one and lists the current of each', async () => {
      expect(await stores.templates.current('kvartal')).toBeUndefined();
      const first = await stores.templates.saveVersion(named('Första'), meta('samordnare@kommun.se', '2026-01-01T10:00:00Z'));
      const second = await stores.templates.saveVersion(named('Andra'), meta('samordnare@kommun.se', '2026-02-01T10:00:00Z'));
      await stores.templates.saveVersion({ ...TERTIAL_TEMPLATE, id: 'annan' }, meta('b@kommun.se', '2026-03-01T10:00:00Z'));
      expect([first.template.version, second.template.version]).toEqual([1, 2]);
      expect(await stores.templates.current('kvartal')).toEqual(second);
      expect(await stores.templates.version('kvartal', 1)).toEqual({ template: { ...named('Första'), version: 1 }, ...meta('samordnare@kommun.se', '2026-01-01T10:00:00Z') });
      expect(await stores.templates.version('kvartal', 3)).toBeUndefined();
      expect((await stores.templates.list()).map((t) => [t.template.id, t.template.version])).toEqual([['annan', 1], ['kvartal', 2]]);
    });

    it('does not let a caller change a stored template', async () => {
      const template = named('Första');
      const stored = await stores.templates.saveVersion(template, meta('a@kommun.se', '2026-01-01T10:00:00Z'));
      template.questions[0].label.sv = 'ändrad av anroparen';
      stored.template.name.sv = 'ändrad i svaret';
      expect((await stores.templates.current('kvartal'))!.template).toEqual({ ...named('Första'), version: 1 });
    });
  });

  describe('answers', () => {
    it('keeps every answer version and the current one beside them', async () => {
      const v1 = anAnswer();
      await stores.answers.append(v1, null);
      const c1 = (await stores.answers.current(v1.roundId, v1.planId))!;
      const v2 = anAnswer({ version: 2, content: { ...v1.content, status: 'at-risk' }, at: new Date('2019-03-06T10:00:00.000Z') });
      const result = await stores.answers.append(v2, c1.etag);
      expect(result).toEqual({ latest: v2 });

      expect(await stores.answers.versions(v1.roundId, v1.planId)).toEqual([v1, v2]);
      const current = await stores.answers.current(v1.roundId, v1.planId);
      expect(current?.value).toEqual({ latest: v2 });
      expect(current?.etag).not.toBe(c1.etag);
      expect(current?.value.latest.at).toBeInstanceOf(Date);
    });

    it('orders ten and more versions by number', async () => {
      let etag: string | null = null;
      for (let version = 1; version <= 11; version++) {
        await stores.answers.append(anAnswer({ version, activityId: `act-${version}` }), etag);
        etag = (await stores.answers.current('uppfoljning-kf-2019', 'drogpolitiskt-program'))!.etag;
      }
      const versions = await stores.answers.versions('uppfoljning-kf-2019', 'drogpolitiskt-program');
      expect(versions.map((v) => v.version)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    });

    it('refuses a write based on a stale ETag and keeps the other writer\'s answer', async () => {
      await stores.answers.append(anAnswer(), null);
      const seen = (await stores.answers.current('uppfoljning-kf-2019', 'drogpolitiskt-program'))!;
      const theirs = anAnswer({ version: 2, answeredBy: 'ersattare@kommun.se', answeredByName: 'Ersättare' });
      await stores.answers.append(theirs, seen.etag);

      const mine = anAnswer({ version: 2, state: 'submitted', content: { ...anAnswer().content, status: 'on-track' } });
      await expect(stores.answers.append(mine, seen.etag)).rejects.toBeInstanceOf(ConcurrencyError);
      const mineAsThree = { ...mine, version: 3 };
      await expect(stores.answers.append(mineAsThree, seen.etag)).rejects.toBeInstanceOf(ConcurrencyError);

      expect((await stores.answers.current(theirs.roundId, theirs.planId))?.value.latest).toEqual(theirs);
      expect(await stores.answers.versions(theirs.roundId, theirs.planId)).toEqual([anAnswer(), theirs]);
    });

    it('refuses a first answer when someone else answered first', async () => {
      await stores.answers.append(anAnswer(), null);
      await expect(stores.answers.append(anAnswer({ answeredBy: 'annan@kommun.se' }), null)).rejects.toBeInstanceOf(
        ConcurrencyError,
      );
      expect((await stores.answers.current('uppfoljning-kf-2019', 'drogpolitiskt-program'))?.value.latest.answeredBy).toBe(
        'anna.andersson@kommun.se',
      );
    });

    it('lets exactly one of two simultaneous writers win', async () => {
      await stores.answers.append(anAnswer(), null);
      const seen = (await stores.answers.current('uppfoljning-kf-2019', 'drogpolitiskt-program'))!;
      const results = await Promise.allSettled([
        stores.answers.append(anAnswer({ version: 2, answeredBy: 'a@kommun.se' }), seen.etag),
        stores.answers.append(anAnswer({ version: 2, answeredBy: 'b@kommun.se' }), seen.etag),
      ]);
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      const loser = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
      expect(loser.reason).toBeInstanceOf(ConcurrencyError);
      expect(await stores.answers.versions('uppfoljning-kf-2019', 'drogpolitiskt-program')).toHaveLength(2);
    });

    it('remembers when an answer was submitted, also after a later draft', async () => {
      const key = ['uppfoljning-kf-2019', 'drogpolitiskt-program'] as const;
      const draft = await stores.answers.append(anAnswer(), null);
      expect(draft.submittedAt).toBeUndefined();
      const submitAt = new Date('2019-03-07T09:30:00.000Z');
      const submitted = await stores.answers.append(
        anAnswer({ version: 2, state: 'submitted', at: submitAt }),
        (await stores.answers.current(...key))!.etag,
      );
      expect(submitted.submittedAt).toEqual(submitAt);
      const laterDraft = await stores.answers.append(
        anAnswer({ version: 3, at: new Date('2019-03-08T09:30:00.000Z') }),
        (await stores.answers.current(...key))!.etag,
      );
      expect(laterDraft.submittedAt).toEqual(submitAt);
      expect((await stores.answers.current(...key))?.value.submittedAt).toEqual(submitAt);
    });

    it('lists the current answer of every plan of a round, and nothing of other rounds', async () => {
      await stores.answers.append(anAnswer({ planId: 'a' }), null);
      await stores.answers.append(anAnswer({ planId: 'ab' }), null);
      const etag = (await stores.answers.current('uppfoljning-kf-2019', 'a'))!.etag;
      await stores.answers.append(anAnswer({ planId: 'a', version: 2 }), etag);
      await stores.answers.append(anAnswer({ roundId: 'uppfoljning-kf-2020', planId: 'a' }), null);

      const current = await stores.answers.listCurrent('uppfoljning-kf-2019');
      expect(current.map((c) => [c.latest.planId, c.latest.version])).toEqual([
        ['a', 2],
        ['ab', 1],
      ]);
      // Plan ids sharing a prefix keep separate histories.
      expect((await stores.answers.versions('uppfoljning-kf-2019', 'a')).map((v) => v.planId)).toEqual(['a', 'a']);
      expect(await stores.answers.listCurrent('okand')).toEqual([]);
      expect(await stores.answers.versions('uppfoljning-kf-2019', 'okand')).toEqual([]);
    });

    it('lists how far each answer of a round has come, without its texts', async () => {
      const draft = anAnswer({ planId: 'b', state: 'draft' });
      await stores.answers.append(draft, null);
      const submitted = anAnswer({ planId: 'a', state: 'submitted' });
      await stores.answers.append(submitted, null);
      const { content: _draftTexts, ...draftLatest } = draft;
      const { content: _submittedTexts, ...submittedLatest } = submitted;
      expect(await stores.answers.listProgress(draft.roundId)).toEqual([
        { latest: submittedLatest, submittedAt: submitted.at },
        { latest: draftLatest },
      ]);
      expect(await stores.answers.listProgress('okand')).toEqual([]);
    });

    it('keeps long answers exactly, beyond one string property', async () => {
      // 40,000 UTF-16 units: more than Table Storage holds in one property (32,768), with a
      // surrogate pair straddling the boundary and line breaks kept as typed.
      const long = 'x'.repeat(32_767) + '🎉' + 'Ärendet\n\tfortsätter '.repeat(360);
      const version = anAnswer({ content: { texts: { ...anAnswer().content.texts, risks: long, status: '' } } });
      await stores.answers.append(version, null);
      const [stored] = await stores.answers.versions(version.roundId, version.planId);
      expect(stored.content.texts.risks).toBe(long);
      expect(stored.content.texts.status).toBe('');
      expect((await stores.answers.current(version.roundId, version.planId))?.value.latest).toEqual(version);
    });

    it("keeps the answers to another template's questions and its status as they were", async () => {
      // Seed 003's tertial follow-up: three questions of its own, a status on its own scale, one
      // answer long enough to be kept in parts.
      const long = 'Journalgranskningar ökar. '.repeat(1400);
      const version = anAnswer({ content: { texts: { assessment: long, causes: 'Nytt arbetssätt.', measures: '' }, status: 'positive' } });
      await stores.answers.append(version, null);
      expect(await stores.answers.versions(version.roundId, version.planId)).toEqual([version]);
      expect((await stores.answers.current(version.roundId, version.planId))?.value.latest).toEqual(version);
      expect((await stores.answers.listVersions(version.roundId))[0].content).toEqual(version.content);
    });

    it('does not let a caller change a stored answer', async () => {
      const version = anAnswer();
      const result = await stores.answers.append(version, null);
      version.content.texts.status = 'changed by the caller';
      result.latest.content.texts.done = 'changed in the result';
      const read = (await stores.answers.current(version.roundId, version.planId))!;
      read.value.latest.at.setUTCFullYear(2000);
      expect((await stores.answers.versions(version.roundId, version.planId))[0]).toEqual(anAnswer());
      expect((await stores.answers.current(version.roundId, version.planId))?.value.latest).toEqual(anAnswer());
    });
  });

  describe('keys', () => {
    it('keys with / \\ # ? % \' : @ å and Teams ids round-trip', async () => {
      await stores.rounds.create(aRound({ id: AWKWARD_ID }));
      expect((await stores.rounds.get(AWKWARD_ID))?.value.id).toBe(AWKWARD_ID);
      expect((await stores.rounds.list()).map((r) => r.id)).toEqual([AWKWARD_ID]);

      const answer = anAnswer({ roundId: AWKWARD_ID, planId: AWKWARD_ID, activityId: '1:xyz/abc' });
      await stores.answers.append(answer, null);
      expect((await stores.answers.current(AWKWARD_ID, AWKWARD_ID))?.value.latest).toEqual(answer);
      expect(await stores.answers.listCurrent(AWKWARD_ID)).toEqual([{ latest: answer }]);
      expect(await stores.answers.versions(AWKWARD_ID, AWKWARD_ID)).toEqual([answer]);

      const delivery = aDelivery({ roundId: AWKWARD_ID, id: `prompt:${AWKWARD_ID}`, planId: AWKWARD_ID });
      expect(await stores.deliveries.claim(delivery)).toBe(true);
      expect(await stores.deliveries.get(AWKWARD_ID, delivery.id)).toEqual({ ...delivery, attempts: 1 });

      const contact = aContact({ aadObjectId: AWKWARD_ID });
      await stores.contacts.save(contact);
      expect(await stores.contacts.get(AWKWARD_ID)).toEqual(contact);

      expect(await stores.inbox.claim(TEAMS_CONVERSATION, '1:abc/def#ghi', new Date('2019-03-05T10:00:00.000Z'))).toBe(true);
      expect(await stores.inbox.claim(TEAMS_CONVERSATION, '1:abc/def#ghi', new Date('2019-03-05T10:00:00.000Z'))).toBe(false);
    });
  });

  describe('contacts and installations', () => {
    it('keeps a contact with its conversation reference, and replaces it on save', async () => {
      const contact = aContact();
      await stores.contacts.save(contact);
      expect(await stores.contacts.get(contact.aadObjectId)).toEqual(contact);

      const refreshed = aContact({ stale: true, email: 'anna@kommun.se', updatedAt: new Date('2019-03-02T06:00:00.000Z') });
      delete refreshed.tenantId;
      await stores.contacts.save(refreshed);
      const other = aContact({ aadObjectId: '6f1c2a9e-0000-4000-8000-000000000002', name: 'Bo', conversation: undefined, stale: false });
      await stores.contacts.save(other);

      expect(await stores.contacts.get(contact.aadObjectId)).toEqual(refreshed);
      expect(await stores.contacts.list()).toEqual([refreshed, { ...other, conversation: undefined }]);
      expect((await stores.contacts.list())[1]).not.toHaveProperty('conversation');
      expect(await stores.contacts.get('okand')).toBeUndefined();
    });

    it('keeps installations with their references, one per conversation', async () => {
      const team = {
        conversationId: '19:abcdef@thread.tacv2',
        kind: 'team' as const,
        tenantId: 'tenant-1',
        name: 'Kommunledningskontoret',
        reference: { conversation: { id: '19:abcdef@thread.tacv2', isGroup: true }, bot: { id: '28:bot' } },
        installedAt: new Date('2019-01-01T08:00:00.000Z'),
      };
      await stores.installations.save(team);
      const removed = { ...team, removedAt: new Date('2019-06-01T08:00:00.000Z') };
      await stores.installations.save(removed);
      const chat = { conversationId: '19:chat@unq.gbl.spaces', kind: 'groupChat' as const, reference: null, installedAt: new Date('2019-02-01T08:00:00.000Z') };
      await stores.installations.save(chat);
      expect(await stores.installations.list()).toEqual([removed, chat]);
    });
  });

  describe('inbox', () => {
    it('the same inbound activity is claimed once', async () => {
      const at = new Date('2019-03-05T10:00:00.000Z');
      expect(await stores.inbox.claim(TEAMS_CONVERSATION, 'activity-1', at)).toBe(true);
      expect(await stores.inbox.claim(TEAMS_CONVERSATION, 'activity-1', at)).toBe(false);
      expect(await stores.inbox.claim(TEAMS_CONVERSATION, 'activity-2', at)).toBe(true);
      expect(await stores.inbox.claim('a:another-conversation', 'activity-1', at)).toBe(true);
    });

    it('lets one of two simultaneous claims win', async () => {
      const at = new Date('2019-03-05T10:00:00.000Z');
      const results = await Promise.all([1, 2, 3].map(() => stores.inbox.claim(TEAMS_CONVERSATION, 'activity-x', at)));
      expect(results.filter(Boolean)).toHaveLength(1);
    });
  });

  describe('deliveries', () => {
    it('a second claim of the same delivery is refused and the first one is kept', async () => {
      const first = aDelivery();
      expect(await stores.deliveries.claim(first)).toBe(true);
      expect(await stores.deliveries.claim(aDelivery({ recipient: 'ersattare@kommun.se' }))).toBe(false);
      expect(await stores.deliveries.get(first.roundId, first.id)).toEqual({ ...first, attempts: 1 });
    });

    it('records the outcome of a claimed delivery, with the ids of the sent card and the hash of its content', async () => {
      await stores.deliveries.claim(aDelivery());
      const sent = aDelivery({
        outcome: 'sent',
        completedAt: new Date('2019-03-01T07:00:02.000Z'),
        activityId: '1:activity',
        conversationId: 'a:1:1-conversation',
        statusCode: 201,
        contentHash: 'sha256:3f1a',
      });
      await stores.deliveries.complete(sent);
      expect(await stores.deliveries.get(sent.roundId, sent.id)).toEqual({ ...sent, attempts: 1 });

      const failed = aDelivery({ id: 'prompt:other', planId: 'other', outcome: 'failed', statusCode: 403, error: 'ConversationBlockedByUser', messagesSent: 2 });
      await stores.deliveries.claim(aDelivery({ id: 'prompt:other', planId: 'other' }));
      await stores.deliveries.complete(failed);
      await stores.deliveries.claim(aDelivery({ roundId: 'uppfoljning-kf-2020' }));

      expect(await stores.deliveries.list('uppfoljning-kf-2019')).toEqual([
        { ...sent, attempts: 1 },
        { ...failed, attempts: 1 },
      ]);
      expect(await stores.deliveries.get('uppfoljning-kf-2019', 'prompt:okand')).toBeUndefined();
    });

    it('takes over a claim left behind once its lease expired, once, and never one that was completed', async () => {
      const stale = aDelivery({ claimedAt: new Date('2019-03-01T07:00:00.000Z') });
      expect(await stores.deliveries.claim(stale)).toBe(true);
      const retry = aDelivery({ claimedAt: new Date('2019-03-01T07:10:00.000Z') });
      // Still within its lease: refused.
      expect(await stores.deliveries.claim(retry, { staleBefore: new Date('2019-03-01T07:00:00.000Z') })).toBe(false);
      // Expired: taken over, counted as the second attempt.
      expect(await stores.deliveries.claim(retry, { staleBefore: new Date('2019-03-01T07:05:00.000Z') })).toBe(true);
      expect(await stores.deliveries.get(retry.roundId, retry.id)).toEqual({ ...retry, attempts: 2 });
      // The taker died too: never a third attempt.
      expect(await stores.deliveries.claim(aDelivery({ claimedAt: new Date('2019-03-01T08:00:00.000Z') }), { staleBefore: new Date('2019-03-02T00:00:00.000Z') })).toBe(false);

      // Completing keeps the count; a completed delivery is never taken over.
      const sent = { ...retry, outcome: 'sent' as const, completedAt: new Date('2019-03-01T07:10:01.000Z'), activityId: '1:a' };
      await stores.deliveries.complete(sent);
      expect(await stores.deliveries.get(sent.roundId, sent.id)).toEqual({ ...sent, attempts: 2 });
      const other = aDelivery({ id: 'prompt:other', planId: 'other' });
      await stores.deliveries.claim(other);
      await stores.deliveries.complete({ ...other, outcome: 'failed', statusCode: 502 });
      expect(await stores.deliveries.claim(other, { staleBefore: new Date('2099-01-01T00:00:00.000Z') })).toBe(false);
      expect(await stores.deliveries.get(other.roundId, other.id)).toMatchObject({ outcome: 'failed', statusCode: 502, attempts: 1 });
    });

    it('holds a claim up to the instant its lease ends and lets it be taken over a millisecond later, never without a lease to look at', async () => {
      const claimedAt = new Date('2019-03-01T07:00:00.000Z');
      expect(await stores.deliveries.claim(aDelivery({ claimedAt }))).toBe(true);
      const retry = aDelivery({ recipient: 'taker', claimedAt: new Date('2019-03-01T07:05:00.000Z') });
      // No lease given: a claim is never taken over, however old.
      expect(await stores.deliveries.claim(retry)).toBe(false);
      // The lease ends exactly now: still held.
      expect(await stores.deliveries.claim(retry, { staleBefore: claimedAt })).toBe(false);
      expect(await stores.deliveries.get(retry.roundId, retry.id)).toEqual({ ...aDelivery({ claimedAt }), attempts: 1 });
      expect(await stores.deliveries.claim(retry, { staleBefore: new Date('2019-03-01T07:00:00.001Z') })).toBe(true);
      expect(await stores.deliveries.get(retry.roundId, retry.id)).toEqual({ ...retry, attempts: 2 });
    });

    it('never takes over a delivery whose claim recorded its outcome at once', async () => {
      // As a reminder to a person Teams cannot reach is recorded: claimed already unreachable.
      const now = new Date('2019-03-01T07:00:00.000Z');
      const unreachable = aDelivery({ id: 'reminder:drogpolitiskt-program:due', kind: 'reminder', outcome: 'unreachable', claimedAt: now, completedAt: now });
      expect(await stores.deliveries.claim(unreachable)).toBe(true);
      expect(await stores.deliveries.claim(aDelivery({ id: unreachable.id, kind: 'reminder' }), { staleBefore: new Date('2099-01-01T00:00:00.000Z') })).toBe(false);
      expect(await stores.deliveries.get(unreachable.roundId, unreachable.id)).toEqual({ ...unreachable, attempts: 1 });
    });

    it('lets exactly one of two processes racing for a claim left behind take it over', async () => {
      await stores.deliveries.claim(aDelivery({ claimedAt: new Date('2019-03-01T07:00:00.000Z') }));
      const staleBefore = new Date('2019-03-01T07:05:00.000Z');
      const takers = [1, 2, 3].map((n) => aDelivery({ recipient: `taker-${n}`, claimedAt: new Date('2019-03-01T07:10:00.000Z') }));
      const results = await Promise.all(takers.map((d) => stores.deliveries.claim(d, { staleBefore })));
      expect(results.filter(Boolean)).toHaveLength(1);
      const winner = takers[results.indexOf(true)];
      expect(await stores.deliveries.get(winner.roundId, winner.id)).toEqual({ ...winner, attempts: 2 });
    });

    it('refuses to complete a delivery that was never claimed', async () => {
      await expect(stores.deliveries.complete(aDelivery({ outcome: 'sent' }))).rejects.toThrow(/never claimed/);
      expect(await stores.deliveries.list('uppfoljning-kf-2019')).toEqual([]);
    });
  });

  describe('audit', () => {
    it('lists the events of one UTC day, oldest first, with their details', async () => {
      const events = [
        { at: new Date('2019-03-05T23:59:59.999Z'), actor: 'system', action: 'reminder.sent', subject: 'round:r/plan:b', details: { version: 2, late: true, reason: 'due' } },
        { at: new Date('2019-03-05T00:00:00.000Z'), actor: 'anna@kommun.se', action: 'answer.submitted', subject: 'round:r/plan:a' },
        { at: new Date('2019-03-06T00:00:00.000Z'), actor: 'system', action: 'round.opened', subject: 'round:r' },
        { at: new Date('2019-03-04T23:59:59.999Z'), actor: 'system', action: 'round.created', subject: 'round:r' },
      ];
      for (const event of events) await stores.audit.record(event);
      expect(await stores.audit.listDay('2019-03-05')).toEqual([events[1], events[0]]);
      expect(await stores.audit.listDay('2019-03-07')).toEqual([]);
    });
  });

  describe('admin history', () => {
    it('lists the newest actions first, with what was before and after, up to the limit asked', async () => {
      const actions = [
        { at: new Date('2026-02-01T09:00:00Z'), actor: 'sara@kommun.se', actorName: 'Sara', action: 'register.applied', subject: 'register:2', before: { version: 1, plans: 3 }, after: { version: 2, plans: 4 } },
        { at: new Date('2026-02-03T09:00:00Z'), actor: 'sara@kommun.se', action: 'round.postponed', subject: 'round:kf-2026', before: { dueAt: '2026-04-01' }, after: { dueAt: '2026-04-08' } },
        { at: new Date('2026-02-02T09:00:00Z'), actor: 'cli', action: 'plan.changed', subject: 'plan:drog', before: { title: 'A' }, after: { title: 'B' } },
      ];
      for (const action of actions) await stores.history.record(action);
      expect(await stores.history.recent(10)).toEqual([actions[1], actions[2], actions[0]]);
      expect(await stores.history.recent(2)).toEqual([actions[1], actions[2]]);
    });

    it('keeps two actions of the same instant apart', async () => {
      const at = new Date('2026-02-01T09:00:00Z');
      await stores.history.record({ at, actor: 'a@kommun.se', action: 'plan.created', subject: 'plan:x' });
      await stores.history.record({ at, actor: 'b@kommun.se', action: 'plan.created', subject: 'plan:y' });
      expect((await stores.history.recent(5)).map((a) => a.subject).sort()).toEqual(['plan:x', 'plan:y']);
    });
  });

  describe('records of summaries and exports', () => {
    const record = (id: string, bytes: Buffer) => ({
      id,
      roundId: AWKWARD_ID,
      kind: 'export' as const,
      format: 'docx',
      fileName: 'Uppföljning KF 2019.docx',
      contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      requestedBy: 'samordnare@kommun.se',
      at: new Date('2019-04-02T08:00:00.000Z'),
      bytes,
    });

    it('keeps a record exactly as produced, also one far larger than an entity, and lists it without its bytes', async () => {
      const large = Buffer.alloc(2_500_000);
      for (let i = 0; i < large.length; i++) large[i] = (i * 31 + 7) % 251;
      await stores.records.save(record('x1', large));
      await stores.records.save(record('x2', Buffer.from('åäö')));
      expect((await stores.records.get(AWKWARD_ID, 'x1'))!.bytes.equals(large)).toBe(true);
      expect((await stores.records.get(AWKWARD_ID, 'x2'))!.bytes.toString()).toBe('åäö');
      expect((await stores.records.list(AWKWARD_ID)).map((r) => [r.id, r.size, r.requestedBy])).toEqual([
        ['x1', 2_500_000, 'samordnare@kommun.se'],
        ['x2', 6, 'samordnare@kommun.se'],
      ]);
      expect(await stores.records.get(AWKWARD_ID, 'nope')).toBeUndefined();
    });

    it('keeps a record whose bytes are a part of a larger buffer', async () => {
      const whole = Buffer.alloc(1_700_000);
      for (let i = 0; i < whole.length; i++) whole[i] = (i * 17 + 3) % 253;
      const part = whole.subarray(12_345, 1_612_345);
      await stores.records.save(record('x1', part));
      expect((await stores.records.get(AWKWARD_ID, 'x1'))!.bytes.equals(part)).toBe(true);
    });

    it('never replaces a record', async () => {
      await stores.records.save(record('x1', Buffer.from('first')));
      await expect(stores.records.save(record('x1', Buffer.from('second')))).rejects.toBeInstanceOf(ConcurrencyError);
      expect((await stores.records.get(AWKWARD_ID, 'x1'))!.bytes.toString()).toBe('first');
    });
  });

  describe('coordinator channel', () => {
    it('keeps the current binding and every earlier one', async () => {
      expect(await stores.channels.current()).toBeUndefined();
      const binding = (name: string, at: string) => ({
        conversationId: TEAMS_CONVERSATION,
        name,
        reference: { conversation: { id: TEAMS_CONVERSATION } },
        boundBy: 'samordnare@kommun.se',
        boundAt: new Date(at),
      });
      await stores.channels.bind(binding('Uppföljning', '2019-03-01T08:00:00.000Z'));
      await stores.channels.bind(binding('Ledning', '2019-03-02T08:00:00.000Z'));
      expect(await stores.channels.current()).toEqual(binding('Ledning', '2019-03-02T08:00:00.000Z'));
      expect((await stores.channels.history()).map((b) => b.name)).toEqual(['Uppföljning', 'Ledning']);
    });
  });

  describe('all versions of a round', () => {
    it('lists every version of every plan in one read', async () => {
      await stores.answers.append(anAnswer({ planId: 'b', version: 1 }), null);
      await stores.answers.append(anAnswer({ planId: 'a', version: 1 }), null);
      const current = await stores.answers.current('uppfoljning-kf-2019', 'a');
      await stores.answers.append(anAnswer({ planId: 'a', version: 2, state: 'submitted' }), current!.etag);
      const all = await stores.answers.listVersions('uppfoljning-kf-2019');
      expect(all.map((v) => `${v.planId}${v.version}`)).toEqual(['a1', 'a2', 'b1']);
    });
  });

  describe('officer settings', () => {
    const settings = (overrides: Partial<PlanSettings> = {}): PlanSettings => ({
      roundId: 'uppfoljning-kf-2019',
      planId: 'drogpolitiskt-program',
      snoozedUntil: new Date('2019-03-06T08:00:00.000Z'),
      updatedBy: 'anna.andersson@kommun.se',
      updatedAt: new Date('2019-03-05T10:00:00.123Z'),
      ...overrides,
    });

    it('keeps a plan\'s snooze and deputy per round, and lists a round\'s settings in one read', async () => {
      expect(await stores.settings.getPlan('uppfoljning-kf-2019', 'drogpolitiskt-program')).toBeUndefined();
      await stores.settings.savePlan(settings(), null);
      await stores.settings.savePlan(settings({ planId: 'a', snoozedUntil: undefined, deputy: 'bo.berg@kommun.se', delegatedBy: 'anna.andersson@kommun.se' }), null);
      await stores.settings.savePlan(settings({ roundId: 'other-round', planId: 'b' }), null);

      const read = await stores.settings.getPlan('uppfoljning-kf-2019', 'drogpolitiskt-program');
      expect(read?.value).toEqual(settings());
      expect(read?.value.snoozedUntil).toBeInstanceOf(Date);
      const listed = await stores.settings.listPlans('uppfoljning-kf-2019');
      expect(listed.map((s) => s.planId).sort()).toEqual(['a', 'drogpolitiskt-program']);
      expect(listed.find((s) => s.planId === 'a')).toEqual(
        settings({ planId: 'a', snoozedUntil: undefined, deputy: 'bo.berg@kommun.se', delegatedBy: 'anna.andersson@kommun.se' }),
      );
      expect('snoozedUntil' in listed.find((s) => s.planId === 'a')!).toBe(false);
      expect(await stores.settings.listPlans('no-such-round')).toEqual([]);
    });

    it('replaces a plan\'s settings only with the ETag that was read, and never creates over existing ones', async () => {
      await stores.settings.savePlan(settings(), null);
      await expect(stores.settings.savePlan(settings(), null)).rejects.toBeInstanceOf(ConcurrencyError);
      const first = (await stores.settings.getPlan('uppfoljning-kf-2019', 'drogpolitiskt-program'))!;
      await stores.settings.savePlan(settings({ snoozedUntil: undefined, deputy: 'bo.berg@kommun.se' }), first.etag);
      const second = (await stores.settings.getPlan('uppfoljning-kf-2019', 'drogpolitiskt-program'))!;
      expect(second.etag).not.toBe(first.etag);
      expect(second.value.snoozedUntil).toBeUndefined();
      expect(second.value.deputy).toBe('bo.berg@kommun.se');
      await expect(stores.settings.savePlan(settings(), first.etag)).rejects.toBeInstanceOf(ConcurrencyError);
      await expect(stores.settings.savePlan(settings({ planId: 'missing' }), first.etag)).rejects.toBeInstanceOf(ConcurrencyError);
    });

    it('lets exactly one of two simultaneous changes win', async () => {
      await stores.settings.savePlan(settings(), null);
      const { etag } = (await stores.settings.getPlan('uppfoljning-kf-2019', 'drogpolitiskt-program'))!;
      const results = await Promise.allSettled([
        stores.settings.savePlan(settings({ deputy: 'a@kommun.se' }), etag),
        stores.settings.savePlan(settings({ deputy: 'b@kommun.se' }), etag),
      ]);
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    });

    it('keys settings by awkward round and plan ids', async () => {
      await stores.settings.savePlan(settings({ roundId: AWKWARD_ID, planId: 'p/1#?' }), null);
      expect((await stores.settings.getPlan(AWKWARD_ID, 'p/1#?'))?.value.planId).toBe('p/1#?');
      expect(await stores.settings.listPlans(AWKWARD_ID)).toHaveLength(1);
    });

    it('keeps the newest absence per person', async () => {
      expect(await stores.settings.listAbsences()).toEqual([]);
      const absence = {
        address: 'anna.andersson@kommun.se',
        until: new Date('2019-03-10T22:59:59.999Z'),
        setBy: 'anna.andersson@kommun.se',
        setAt: new Date('2019-03-05T10:00:00.000Z'),
      };
      await stores.settings.saveAbsence(absence);
      await stores.settings.saveAbsence({ ...absence, address: "o'brien+x@kommun.se" });
      await stores.settings.saveAbsence({ ...absence, until: new Date('2019-03-20T22:59:59.999Z'), setAt: new Date('2019-03-06T10:00:00.000Z') });
      const listed = await stores.settings.listAbsences();
      expect(listed).toHaveLength(2);
      expect(listed.find((a) => a.address === 'anna.andersson@kommun.se')).toEqual({
        ...absence,
        until: new Date('2019-03-20T22:59:59.999Z'),
        setAt: new Date('2019-03-06T10:00:00.000Z'),
      });
    });

    it('does not let a caller change stored settings', async () => {
      const value = settings();
      await stores.settings.savePlan(value, null);
      value.snoozedUntil!.setTime(0);
      value.deputy = 'x@kommun.se';
      const read = (await stores.settings.getPlan('uppfoljning-kf-2019', 'drogpolitiskt-program'))!.value;
      expect(read).toEqual(settings());
    });
  });

  describe('leases', () => {
    const at = (iso: string) => new Date(iso);

    it('gives a lease to one holder until it expires, and lets the holder renew it', async () => {
      expect(await stores.leases.acquire('scheduler', 'a', at('2019-03-05T09:00:00Z'), 60_000)).toBe(true);
      expect(await stores.leases.acquire('scheduler', 'b', at('2019-03-05T09:00:30Z'), 60_000)).toBe(false);
      expect(await stores.leases.acquire('scheduler', 'a', at('2019-03-05T09:00:30Z'), 60_000)).toBe(true);
      expect(await stores.leases.acquire('scheduler', 'b', at('2019-03-05T09:01:00Z'), 60_000)).toBe(false);
      expect(await stores.leases.acquire('scheduler', 'b', at('2019-03-05T09:01:31Z'), 60_000)).toBe(true);
      expect(await stores.leases.acquire('other', 'a', at('2019-03-05T09:01:31Z'), 60_000)).toBe(true);
    });

    it('lets another holder take the lease at the very instant it expires, not a millisecond before', async () => {
      expect(await stores.leases.acquire('scheduler', 'a', at('2019-03-05T09:00:00Z'), 60_000)).toBe(true);
      expect(await stores.leases.acquire('scheduler', 'b', at('2019-03-05T09:00:59.999Z'), 60_000)).toBe(false);
      expect(await stores.leases.acquire('scheduler', 'b', at('2019-03-05T09:01:00Z'), 60_000)).toBe(true);
      expect(await stores.leases.acquire('scheduler', 'a', at('2019-03-05T09:01:00Z'), 60_000)).toBe(false);
    });

    it('gives a contested lease to exactly one of many simultaneous holders', async () => {
      const now = at('2019-03-05T09:00:00Z');
      const won = await Promise.all(['a', 'b', 'c', 'd', 'e'].map((h) => stores.leases.acquire('scheduler', h, now, 60_000)));
      expect(won.filter(Boolean)).toHaveLength(1);
    });
  });
});

// ---- Table Storage specifics ---------------------------------------------------------------

describe('table storage', () => {
  const connectionString = () => azuriteConnectionString();

  function rawTable(prefix: string, name: string): TableClient {
    return TableClient.fromConnectionString(connectionString(), prefix + name, tableClientOptions(connectionString()));
  }

  it('lets one of two processes (each with its own clients) take over a claim left behind', async () => {
    const prefix = uniqueTablePrefix();
    const first = await createTableStores(connectionString(), { tablePrefix: prefix });
    const second = await createTableStores(connectionString(), { tablePrefix: prefix });
    await first.deliveries.claim(aDelivery({ claimedAt: new Date('2019-03-01T07:00:00.000Z') }));
    const staleBefore = new Date('2019-03-01T07:05:00.000Z');
    for (let round = 0; round < 5; round++) {
      const id = `prompt:race-${round}`;
      await first.deliveries.claim(aDelivery({ id, claimedAt: new Date('2019-03-01T07:00:00.000Z') }));
      const results = await Promise.all(
        [first, second].map((stores, n) => stores.deliveries.claim(aDelivery({ id, recipient: `process-${n}`, claimedAt: new Date('2019-03-01T07:10:00.000Z') }), { staleBefore })),
      );
      expect(results.filter(Boolean)).toHaveLength(1);
      expect(await second.deliveries.get('uppfoljning-kf-2019', id)).toMatchObject({ recipient: `process-${results.indexOf(true)}`, attempts: 2 });
    }
  });

  it('takes over, once, a claim left behind by a version that did not count attempts yet', async () => {
    const prefix = uniqueTablePrefix();
    const stores = await createTableStores(connectionString(), { tablePrefix: prefix });
    await stores.deliveries.claim(aDelivery({ claimedAt: new Date('2019-03-01T07:00:00.000Z') }));
    const client = rawTable(prefix, 'Deliveries');
    for await (const row of client.listEntities()) {
      const { attempts: _counted, etag: _etag, timestamp: _timestamp, partitionKey, rowKey, ...uncounted } = row;
      await client.updateEntity({ ...uncounted, partitionKey: partitionKey!, rowKey: rowKey! }, 'Replace');
    }
    const staleBefore = new Date('2019-03-01T07:05:00.000Z');
    const taker = aDelivery({ recipient: 'taker', claimedAt: new Date('2019-03-01T07:10:00.000Z') });
    expect(await stores.deliveries.claim(taker, { staleBefore })).toBe(true);
    expect(await stores.deliveries.get(taker.roundId, taker.id)).toEqual({ ...taker, attempts: 2 });
    expect(await stores.deliveries.claim(aDelivery({ claimedAt: new Date('2019-03-01T08:00:00.000Z') }), { staleBefore: new Date('2019-03-02T00:00:00.000Z') })).toBe(false);
  });

  it('refuses to read a round whose stored follow-up policy breaks the rules', async () => {
    const prefix = uniqueTablePrefix();
    const stores = await createTableStores(connectionString(), { tablePrefix: prefix });
    await stores.rounds.create(aRound());
    const client = rawTable(prefix, 'Rounds');
    for await (const row of client.listEntities()) {
      const broken = { reminders: { beforeDue: [5], onDueDate: true, overdueEvery: 0, overdueMax: 3, at: '25:00' }, escalation: { afterWorkingDays: 3, every: 5, max: 2 } };
      await client.updateEntity({ partitionKey: row.partitionKey!, rowKey: row.rowKey!, policy: JSON.stringify(broken) }, 'Merge');
    }
    await expect(stores.rounds.get(aRound().id)).rejects.toThrow(/invalid follow-up policy: policy.reminders.overdueEvery.*policy.reminders.at/);
  });

  it("writes a record's rows from its bytes as they are, without a copy of them, one row per request", async () => {
    const prefix = uniqueTablePrefix();
    const stores = await createTableStores(connectionString(), { tablePrefix: prefix });
    const client = rawTable(prefix, 'Records');
    const sent: Uint8Array[] = [];
    const rowsPerRequest: number[] = [];
    const watched = new Proxy(client, {
      get(target, prop) {
        if (prop === 'submitTransaction') {
          return async (actions: Parameters<TableClient['submitTransaction']>[0]) => {
            rowsPerRequest.push(actions.length);
            for (const [, e] of actions) sent.push(...Object.values(e).filter((v): v is Uint8Array => v instanceof Uint8Array));
            return target.submitTransaction(actions);
          };
        }
        const value = Reflect.get(target, prop, target) as unknown;
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    const bytes = Buffer.alloc(3_000_000, 7);
    const record = { id: 'r1', roundId: 'uppfoljning-kf-2019', kind: 'summary' as const, format: 'teams-cards', fileName: 'r1.json', contentType: 'application/json', requestedBy: 'samordnare@kommun.se', at: new Date('2019-04-02T08:00:00.000Z'), bytes };
    await new TableRecordStore(watched).save(record);

    expect(sent.reduce((n, part) => n + part.length, 0)).toBe(bytes.length);
    expect(sent.every((part) => part.buffer === bytes.buffer)).toBe(true);
    // 3,000,000 bytes in rows of 12 × 60 KiB.
    expect(rowsPerRequest).toEqual([1, 1, 1, 1, 1]);
    expect((await stores.records.get('uppfoljning-kf-2019', 'r1'))!.bytes.equals(bytes)).toBe(true);
  });

  it('a half-written register import never becomes current, and a retry takes its number', async () => {
    const prefix = uniqueTablePrefix();
    const stores = await createTableStores(connectionString(), { tablePrefix: prefix });
    await stores.registers.saveVersion(aRegister(2), meta(1));

    // The second transaction of a 150-plan import fails, as if the process died there.
    const client = rawTable(prefix, 'Registers');
    let transactions = 0;
    const flaky = new Proxy(client, {
      get(target, prop) {
        if (prop === 'submitTransaction') {
          return async (...args: Parameters<TableClient['submitTransaction']>) => {
            transactions += 1;
            if (transactions === 2) throw new Error('connection reset');
            return target.submitTransaction(...args);
          };
        }
        const value = Reflect.get(target, prop, target) as unknown;
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    await expect(new TableRegisterStore(flaky).saveVersion(aRegister(150), meta(2))).rejects.toThrow('connection reset');

    expect((await stores.registers.current())?.version).toBe(1);
    expect(await stores.registers.version(2)).toBeUndefined();
    const retried = await stores.registers.saveVersion(aRegister(150), meta(3));
    expect(retried.version).toBe(2);
    expect((await stores.registers.current())?.plans).toHaveLength(150);
  });

  it('keeps the answers of a round in one partition, versions beside the current row', async () => {
    const prefix = uniqueTablePrefix();
    const stores = await createTableStores(connectionString(), { tablePrefix: prefix });
    await stores.answers.append(anAnswer({ roundId: AWKWARD_ID, planId: 'p/1' }), null);
    const etag = (await stores.answers.current(AWKWARD_ID, 'p/1'))!.etag;
    await stores.answers.append(anAnswer({ roundId: AWKWARD_ID, planId: 'p/1', version: 2 }), etag);

    const rows: { partitionKey?: string; rowKey?: string; a_risks?: unknown }[] = [];
    for await (const row of rawTable(prefix, 'Answers').listEntities()) rows.push(row);
    expect(new Set(rows.map((r) => r.partitionKey)).size).toBe(1);
    expect(rows.map((r) => r.rowKey)).toEqual(['current:p~2F1', 'version:p~2F1:0000000001', 'version:p~2F1:0000000002']);
    expect(rows[0].a_risks).toBe('Resurser saknas.');
  });

  it('refuses an entity beyond 1 MiB with a clear error instead of a service failure', async () => {
    const stores = await testTableStores();
    const huge = 'y'.repeat(200_000);
    const texts = { status: huge, done: huge, current: huge, risks: huge, completion: huge };
    await expect(stores.answers.append(anAnswer({ content: { texts } }), null)).rejects.toBeInstanceOf(StorageLimitError);
    expect(await stores.answers.versions('uppfoljning-kf-2019', 'drogpolitiskt-program')).toEqual([]);
  });

  it('opens existing tables without complaint', async () => {
    const prefix = uniqueTablePrefix();
    await createTableStores(connectionString(), { tablePrefix: prefix });
    await expect(createTableStores(connectionString(), { tablePrefix: prefix })).resolves.toBeDefined();
    await expect(createTableStores(connectionString(), { tablePrefix: '1bad-prefix' })).rejects.toThrow(/prefix/);
  });
});
