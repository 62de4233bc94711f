// Reminders and escalation performed on in-memory stores: each message once, to the right
// person, inside office hours, and a recipient who cannot be reached recorded once.

import { bindChannel } from '../../../../bot/app/coordinator/channel';
import { runReminders } from '../../../../bot/app/reminders/run-reminders';
import { parseOfficeHours } from '../../../../bot/domain/office-hours';
import { actor, appFixture, contact } from '../../../support/app-fixture';

// Uppföljning KF 2019 in the fixture: due by the end of Monday 1 April 2019 (Stockholm).
const D1 = '2019-03-29T08:00:00Z'; // Friday 09:00, one working day before
const ESCALATION = '2019-04-04T07:00:00Z'; // Thursday 09:00, three working days overdue

const everyone = [contact('anna@kalmar.se'), contact('bo@kalmar.se'), contact('chef@kalmar.se'), contact('samordnare@kalmar.se', { locale: 'en-GB' })];

async function prompted(options: { now?: string; officeHours?: ReturnType<typeof parseOfficeHours> } = {}) {
  const f = await appFixture({ now: options.now ?? D1, directory: everyone, officeHours: options.officeHours });
  const stored = await f.stores.rounds.get(f.round.id);
  await f.stores.rounds.update({ ...stored!.value, promptedAt: new Date('2019-03-01T07:00:00Z') }, stored!.etag);
  return f;
}

async function submit(f: Awaited<ReturnType<typeof appFixture>>, planId: string) {
  const texts = { status: 'Pågår.', done: 'Tillsyn.', current: 'Ny undersökning.', risks: 'Inga.', completion: '2020.' };
  await f.stores.answers.append(
    { roundId: f.round.id, planId, version: 1, state: 'submitted', content: { texts, status: 'on-track' }, answeredBy: 'x', answeredByName: 'X', at: f.deps.clock.now() },
    null,
  );
}

const textOf = (card: unknown) => JSON.stringify(card);

describe('running the follow-ups', () => {
  it('reminds each officer of each unsubmitted plan once, with the reminder line and the due date', async () => {
    const f = await prompted();
    await submit(f, 'vald');
    const [report] = await runReminders(f.deps);
    expect(report.sent).toEqual(['reminder:drog:d-1', 'reminder:vatten:d-1']);
    expect(f.messenger.sent.map((s) => s.to.upn)).toEqual(['anna@kalmar.se', 'bo@kalmar.se']);
    expect(textOf(f.messenger.sent[0].card)).toContain('Påminnelse: svaret ska vara inskickat senast 1 april 2019.');
    expect(await runReminders(f.deps)).toEqual([]);
    expect(f.messenger.sent).toHaveLength(2);
    const audit = await f.stores.audit.listDay('2019-03-29');
    expect(audit.filter((e) => e.action === 'reminder.sent').map((e) => e.subject)).toEqual([
      'round:uppfoljning-kf-2019/delivery:reminder:drog:d-1',
      'round:uppfoljning-kf-2019/delivery:reminder:vatten:d-1',
    ]);
  });

  it('says a reminder after the due date is late', async () => {
    const f = await prompted({ now: '2019-04-03T07:00:00Z' });
    await runReminders(f.deps);
    expect(textOf(f.messenger.sent[0].card)).toContain('Påminnelse: svaret skulle ha skickats in senast 1 april 2019.');
  });

  it('sends nothing outside office hours, and the latest slot once they open', async () => {
    const f = await prompted({ now: '2019-03-30T09:00:00Z', officeHours: parseOfficeHours('08:00-17:00') }); // Saturday
    expect(await runReminders(f.deps)).toEqual([]);
    f.setNow('2019-04-01T06:30:00Z'); // Monday 08:30, before the due-date slot
    await runReminders(f.deps);
    // Recipients are served concurrently; each officer's own reminders in order.
    expect(f.messenger.sent.map((s) => s.to.upn).sort()).toEqual(['anna@kalmar.se', 'anna@kalmar.se', 'bo@kalmar.se']);
    expect((await f.stores.deliveries.list(f.round.id)).map((d) => d.id).sort()).toEqual(['reminder:drog:d-1', 'reminder:vald:d-1', 'reminder:vatten:d-1']);
  });

  it('records an officer who cannot be reached once, and does not try again every tick', async () => {
    const f = await prompted();
    f.deps.directory = { findUsers: async () => [] };
    const [report] = await runReminders(f.deps);
    expect(report.unreachable.sort()).toEqual(['reminder:drog:d-1', 'reminder:vald:d-1', 'reminder:vatten:d-1']);
    expect(await runReminders(f.deps)).toEqual([]);
    expect((await f.stores.deliveries.get(f.round.id, 'reminder:drog:d-1'))?.outcome).toBe('unreachable');
  });

  it('records a blocked officer as failed with the status, once', async () => {
    const f = await prompted();
    f.messenger.failFor.add('aad-bo');
    const [report] = await runReminders(f.deps);
    expect(report.failed).toEqual(['reminder:vatten:d-1']);
    expect(await runReminders(f.deps)).toEqual([]);
    expect(await f.stores.deliveries.get(f.round.id, 'reminder:vatten:d-1')).toMatchObject({ outcome: 'failed', statusCode: 403 });
  });

  it('reminds the deputy instead of the officer', async () => {
    const f = await prompted({ now: D1 });
    f.directory.members.push(contact('dan@kalmar.se'));
    await f.stores.settings.savePlan({ roundId: f.round.id, planId: 'vatten', deputy: 'dan@kalmar.se', updatedBy: 'bo@kalmar.se', updatedAt: f.deps.clock.now() }, null);
    await submit(f, 'drog');
    await submit(f, 'vald');
    await runReminders(f.deps);
    expect(f.messenger.sent.map((s) => s.to.upn)).toEqual(['dan@kalmar.se']);
  });

  it('sends the manager one digest of both their people, and the coordinators the list in their channel', async () => {
    const f = await prompted({ now: ESCALATION });
    await bindChannel(f.deps, actor('samordnare@kalmar.se'), { conversationId: '19:kanal@thread.tacv2', reference: { channel: 'kanal' } });
    await f.stores.settings.saveAbsence({ address: 'bo@kalmar.se', until: new Date('2019-04-05T21:59:59.999Z'), setBy: 'bo@kalmar.se', setAt: f.deps.clock.now() });
    const [report] = await runReminders(f.deps);
    expect(report.sent.sort()).toEqual(['escalation:chef@kalmar.se:1', 'overdue:1', 'reminder:drog:o1', 'reminder:vald:o1']);
    const digests = f.messenger.sent.filter((s) => s.to.upn === 'chef@kalmar.se');
    expect(digests).toHaveLength(1);
    const digest = textOf(digests[0].card);
    for (const expected of ['Försenade uppföljningar', 'Anna Andersson', 'Bo Berg', '• Drogpolitiskt program 2016-2020', '• God vattenstatus – handlingsplan', 'frånvarande till och med 5 april 2019']) {
      expect(digest).toContain(expected);
    }
    expect(f.messenger.posted).toHaveLength(1);
    expect(textOf(f.messenger.posted[0].message.card)).toContain('Planer som ännu inte är inskickade: 3.');
    expect(await runReminders(f.deps)).toEqual([]);
  });

  it('sends the overdue list 1:1 to each coordinator, in their language, when no channel is bound', async () => {
    const f = await prompted({ now: ESCALATION });
    await runReminders(f.deps);
    const toSara = f.messenger.sent.filter((s) => s.to.upn === 'samordnare@kalmar.se');
    expect(toSara).toHaveLength(1);
    expect(textOf(toSara[0].card)).toContain('Overdue follow-ups');
    expect(textOf(toSara[0].card)).toContain('manager chef');
    expect((await f.stores.deliveries.get(f.round.id, 'overdue:1'))?.outcome).toBe('sent');
    expect((await f.stores.deliveries.get(f.round.id, 'overdue:1:samordnare@kalmar.se'))?.outcome).toBe('sent');
    await runReminders(f.deps);
    expect(f.messenger.sent.filter((s) => s.to.upn === 'samordnare@kalmar.se')).toHaveLength(1);
  });

  it('sends nothing more for a submitted plan', async () => {
    const f = await prompted({ now: ESCALATION });
    for (const plan of ['drog', 'vald', 'vatten']) await submit(f, plan);
    expect(await runReminders(f.deps)).toEqual([]);
    expect(f.messenger.sent).toEqual([]);
  });
});
