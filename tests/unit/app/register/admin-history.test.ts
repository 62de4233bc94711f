// Every change a coordinator or administrator makes is kept with who, when, before and after,
// and `historik` tells the latest in plain Swedish.

import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { adminHistoryText } from '../../../../bot/app/register/show-history';
import { describeAdminAction, type HistoryContext } from '../../../../cards/replies/history';
import { runAdmin } from '../../../../bot/cli/admin';
import { createMemoryStores } from '../../../../storage/memory';
import type { AdminAction, Stores } from '../../../../storage/ports';

const demoCsv = readFileSync(path.join(__dirname, '..', '..', '..', '..', 'demo', 'register.csv'));
const TZ = 'Europe/Stockholm';

function cli(stores: Stores, now: Date) {
  return async (...argv: string[]) => {
    const err: string[] = [];
    const code = await runAdmin([...argv, '--by', 'alexw@example.com'], { stores, clock: { now: () => now } }, TZ, {
      out: () => {},
      err: (l) => err.push(l),
    });
    expect(err).toEqual([]);
    return code;
  };
}

const context: HistoryContext = {
  locale: 'sv',
  timeZone: TZ,
  names: new Map([['sara@kommun.se', 'Sara Samordnare']]),
  rounds: new Map([['uppfoljning-kf-2026', 'Uppföljning KF 2026']]),
};

function action(partial: Partial<AdminAction>): AdminAction {
  return { at: new Date('2026-03-02T08:15:00Z'), actor: 'sara@kommun.se', action: 'other', subject: 'x:y', ...partial };
}

describe('the admin history of the command line', () => {
  it('records an import with the versions and counts before and after', async () => {
    const stores = createMemoryStores();
    await cli(stores, new Date('2026-03-01T09:00:00Z'))('import-register', path.join(__dirname, '..', '..', '..', '..', 'demo', 'register.csv'));
    const smaller = demoCsv.toString('utf8').replace(/\r\nhbtq;[^\r]*/, '').replace('revidering pågår', 'reviderad 2026');
    const file = path.join(tmpdir(), `register-${process.pid}.csv`);
    writeFileSync(file, smaller);
    await cli(stores, new Date('2026-03-02T09:00:00Z'))('import-register', file);

    const [second, first] = await stores.history.recent(10);
    expect(first).toMatchObject({ actor: 'alexw@example.com', action: 'register.imported', subject: 'register:1', after: { version: 1, plans: 7, excluded: 2, plansAdded: 9 } });
    expect(first.before).toBeUndefined();
    expect(second).toMatchObject({
      action: 'register.imported',
      subject: 'register:2',
      before: { version: 1, plans: 7, excluded: 2, people: 5, coordinators: 1 },
      after: { version: 2, plans: 6, plansAdded: 0, plansChanged: 1, plansRemoved: 1, peopleAdded: 0 },
    });
  });

  it('records a new schedule, and nothing when the schedule was already so', async () => {
    const stores = createMemoryStores();
    const run = cli(stores, new Date('2026-08-10T10:00:00Z'));
    await run('import-register', path.join(__dirname, '..', '..', '..', '..', 'demo', 'register.csv'));
    await run('set-schedule', '--cadence', 'tertial');
    await run('set-schedule', '--cadence', 'tertial');
    const actions = await stores.history.recent(10);
    expect(actions.map((a) => a.action)).toEqual(['register.schedule-set', 'register.imported']);
    expect(actions[0]).toMatchObject({
      subject: 'register:2',
      before: { version: 1 },
      after: { version: 2, cadence: 'varje tertial: öppnar 1 dag efter periodens slut, svar inom 10 arbetsdagar', plansChanged: 0 },
    });
    expect((actions[0].before as { cadence?: string }).cadence).toBeUndefined();
  });

  it('lists rounds created and opened from the command line in historik, as from a card', async () => {
    const stores = createMemoryStores();
    await cli(stores, new Date('2026-03-02T09:00:00Z'))('import-register', path.join(__dirname, '..', '..', '..', '..', 'demo', 'register.csv'));
    await cli(stores, new Date('2026-03-02T09:05:00Z'))('create-round', '--title', 'Uppföljning KF 2026', '--year', '2026', '--opens', '2026-03-16', '--due', '2026-04-15');
    await cli(stores, new Date('2026-03-03T13:00:00Z'))('open-round', 'uppfoljning-kf-2026');
    await cli(stores, new Date('2026-03-03T13:01:00Z'))('open-round', 'uppfoljning-kf-2026'); // already open: nothing changes

    const actions = await stores.history.recent(10);
    expect(actions.map((a) => [a.action, a.subject, a.actor])).toEqual([
      ['round.opened', 'round:uppfoljning-kf-2026', 'alexw@example.com'],
      ['round.created', 'round:uppfoljning-kf-2026', 'alexw@example.com'],
      ['register.imported', 'register:1', 'alexw@example.com'],
    ]);
    expect(actions[0]).toMatchObject({ before: { opensAt: '2026-03-16T07:00:00.000Z' }, after: { opensAt: '2026-03-03T13:00:00.000Z', dueAt: '2026-04-15T21:59:59.999Z' } });
    const text = await adminHistoryText({ stores }, 'sv', TZ);
    expect(text.split('\n').slice(1, 3)).toEqual([
      '- **3 mars 2026 kl. 14:00**: Alex Wilber öppnade omgången "Uppföljning KF 2026"',
      '- **2 mars 2026 kl. 10:05**: Alex Wilber skapade omgången "Uppföljning KF 2026", svar senast 15 april 2026',
    ]);
  });
});

describe('historik', () => {
  it('lists the latest actions newest first, with local time, who by name and what in plain Swedish', async () => {
    const stores = createMemoryStores();
    const run = cli(stores, new Date('2026-03-01T09:00:00Z'));
    await run('import-register', path.join(__dirname, '..', '..', '..', '..', 'demo', 'register.csv'));
    await stores.history.record(action({
      at: new Date('2026-03-02T08:15:00Z'),
      actor: 'alexw@example.com',
      action: 'round.postponed',
      subject: 'round:uppfoljning-kf-2026',
      before: { title: 'Uppföljning KF 2026', dueAt: '2026-04-01T21:59:00.000Z' },
      after: { title: 'Uppföljning KF 2026', dueAt: '2026-04-08T21:59:00.000Z' },
    }));
    const text = await adminHistoryText({ stores }, 'sv', TZ);
    expect(text.split('\n')).toEqual([
      '**Senaste ändringarna** (de 2 senaste, nyast först):',
      '- **2 mars 2026 kl. 09:15**: Alex Wilber flyttade sista svarsdag för "Uppföljning KF 2026" från 1 april 2026 till 8 april 2026',
      '- **1 mars 2026 kl. 10:00**: Alex Wilber läste in ett nytt register från kommandoraden (version 1: 9 planer tillagda, 5 nya personer, 1 ny samordnare)',
    ]);
  });

  it('says so when nothing has been recorded', async () => {
    expect(await adminHistoryText({ stores: createMemoryStores() }, 'sv', TZ)).toBe('Inga ändringar av registret, planerna eller omgångarna är registrerade ännu.');
  });

  it('tells a new register in Teams by its changes', () => {
    const text = describeAdminAction(action({
      action: 'register.applied',
      subject: 'register:3',
      actorName: 'Sara Samordnare',
      after: { version: 3, plans: 8, excluded: 1, people: 6, coordinators: 2, plansAdded: 2, plansChanged: 1, plansRemoved: 0, peopleAdded: 0 },
    }), context);
    expect(text).toBe('Sara Samordnare använde ett nytt register (version 3: 2 planer tillagda, 1 plan ändrad)');
  });

  it('writes a due date kept as a calendar day in words, as the day itself', () => {
    const text = describeAdminAction(action({
      action: 'round.created',
      subject: 'round:uppfoljning-kf-2026',
      actorName: 'Sara Samordnare',
      after: { title: 'Uppföljning KF 2026', dueAt: '2026-05-15' },
    }), { ...context, timeZone: 'Pacific/Kiritimati' });
    expect(text).toBe('Sara Samordnare skapade omgången "Uppföljning KF 2026", svar senast 15 maj 2026');
  });

  it('names the fields of a changed plan with their old and new values', () => {
    const text = describeAdminAction(action({
      action: 'plan.changed',
      subject: 'plan:drog',
      before: { id: 'drog', title: 'Drogpolitiskt program', officer: 'meganb@example.com' },
      after: { id: 'drog', title: 'Drogpolitiskt program', officer: 'adelev@example.com', note: 'revideras', registerVersion: 4 },
    }), context);
    expect(text).toBe('Sara Samordnare ändrade planen "Drogpolitiskt program": noteringen från tomt till "revideras", ansvarig från "meganb@example.com" till "adelev@example.com"');
  });

  it('escapes what people wrote, so a title cannot add links or formatting', () => {
    const text = describeAdminAction(action({
      action: 'plan.created',
      subject: 'plan:x',
      actorName: '*Sara*',
      after: { id: 'x', title: '[klicka](https://evil.example) **fet**' },
    }), context);
    expect(text).toBe('\\*Sara\\* lade till planen "\\[klicka\\]\\(https://evil.example\\) \\*\\*fet\\*\\*"');
  });

  it('names a round by its title, also when the action holds only its id, and tells a round created, opened and closed', () => {
    expect(describeAdminAction(action({ action: 'round.closed', subject: 'round:uppfoljning-kf-2026' }), context)).toBe(
      'Sara Samordnare stängde omgången "Uppföljning KF 2026"',
    );
    expect(describeAdminAction(action({ action: 'round.opened', subject: 'round:uppfoljning-kf-2026' }), context)).toBe(
      'Sara Samordnare öppnade omgången "Uppföljning KF 2026"',
    );
    expect(describeAdminAction(action({ action: 'round.created', subject: 'round:t', after: { title: 'Tertial 1 2026', dueAt: '2026-05-15' } }), context)).toBe(
      'Sara Samordnare skapade omgången "Tertial 1 2026", svar senast 15 maj 2026',
    );
  });

  it('keeps the message under Teams’ 28 KB however long the titles are', async () => {
    const stores = createMemoryStores();
    const long = 'Å'.repeat(300);
    for (let i = 0; i < 20; i++) {
      await stores.history.record(action({
        at: new Date(Date.UTC(2026, 2, 1, 8, i)),
        action: 'plan.changed',
        subject: `plan:p${i}`,
        before: { id: `p${i}`, title: long, period: long, note: long, excludedReason: long, officer: `${'a'.repeat(60)}@example.com` },
        after: { id: `p${i}`, title: `${long}x`, period: `${long}x`, note: `${long}x`, excludedReason: `${long}x`, officer: `${'b'.repeat(60)}@example.com` },
      }));
    }
    const text = await adminHistoryText({ stores }, 'sv', TZ);
    expect(Buffer.byteLength(text, 'utf8')).toBeLessThanOrEqual(28 * 1024);
    expect(text.split('\n').length).toBeGreaterThan(5);
  });
});
