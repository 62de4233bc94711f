// The journal holds what the stores wrote, exactly: replayed into empty tables it gives the same
// entities as the tables it was written beside (dates, numbers, binary chunks of a large record,
// and the delivery outcome written as a Merge, which the journal reads back). Replayed into the
// tables Azurite kept, it restores what they lost and leaves what they hold newer as it is.

import { TableClient } from '@azure/data-tables';
import type { AnswerVersion } from '../../bot/domain/answer';
import { readJournal, type JournalOp } from '../../storage/journal';
import type { Stores } from '../../storage/ports';
import { createTableStores, replayJournal, TABLE_NAMES } from '../../storage/tables';
import { azuriteConnectionString, journaledTestTableStores, testTableClient, uniqueTablePrefix } from '../support/storage';

const at = new Date('2019-03-05T10:00:00.123Z');

function anAnswer(version: number): AnswerVersion {
  return {
    roundId: 'uppfoljning-kf-2019',
    planId: 'drog',
    version,
    state: version === 1 ? 'draft' : 'submitted',
    content: { texts: { status: `Läge ${version}`, done: 'Gjort', current: 'Pågår', risks: 'Inga', completion: '2020' }, status: 'at-risk' },
    answeredBy: 'anna.andersson@kalmar.se',
    answeredByName: 'Anna Andersson',
    at,
  };
}

async function rowsOf(client: TableClient): Promise<unknown[]> {
  const rows: unknown[] = [];
  for await (const { etag: _etag, timestamp: _timestamp, ...row } of client.listEntities()) rows.push(row);
  return rows;
}

it('replays into empty tables exactly what the stores wrote beside it', async () => {
  const stores = await journaledTestTableStores();
  await stores.registers.saveVersion(
    { plans: [{ id: 'drog', title: 'Drogpolitiskt program 2016-2020', period: '2016-2020', officer: 'anna.andersson@kalmar.se' }], people: [{ id: 'anna.andersson@kalmar.se', name: 'Anna Andersson' }], coordinators: [] },
    { importedBy: 'sara@kalmar.se', importedAt: at, source: 'register.csv' },
  );
  await stores.rounds.create({
    id: 'uppfoljning-kf-2019', title: 'Uppföljning KF 2019', year: 2019, timeZone: 'Europe/Stockholm',
    opensAt: at, dueAt: new Date('2019-03-29T22:59:00.000Z'), closesAt: new Date('2019-04-28T21:59:00.000Z'),
    createdBy: 'sara@kalmar.se', createdAt: at,
  });
  await stores.answers.append(anAnswer(1), null);
  await stores.answers.append(anAnswer(2), (await stores.answers.current('uppfoljning-kf-2019', 'drog'))!.etag);
  const delivery = { roundId: 'uppfoljning-kf-2019', id: 'prompt:drog', kind: 'prompt' as const, planId: 'drog', recipient: 'anna.andersson@kalmar.se', outcome: 'claimed' as const, claimedAt: at };
  await stores.deliveries.claim(delivery);
  await stores.deliveries.complete({ ...delivery, outcome: 'sent', completedAt: at, activityId: 'activity-1', conversationId: 'a:personal', statusCode: 201 });
  const large = Buffer.alloc(300_000);
  for (let i = 0; i < large.length; i++) large[i] = (i * 31 + 7) % 251;
  await stores.records.save({ id: 'x1', roundId: 'uppfoljning-kf-2019', kind: 'export', format: 'docx', fileName: 'Uppföljning.docx', contentType: 'application/octet-stream', requestedBy: 'sara@kalmar.se', at, bytes: large });
  await stores.leases.acquire('scheduler', 'holder-1', at, 60_000);
  await stores.leases.acquire('scheduler', 'holder-1', new Date(at.getTime() + 30_000), 60_000);
  await stores.audit.record({ at, actor: 'anna', action: 'answer.submitted', subject: 'round:uppfoljning-kf-2019/plan:drog', details: { version: 2 } });
  await stores.journal.drain();

  // Same journal, other tables: every table name carries the test's prefix.
  const written = (await stores.answers.current('uppfoljning-kf-2019', 'drog'))!;
  expect(written.value.latest.version).toBe(2);
  const { ops } = await readJournal(stores.journal.file);
  const from = /^(t[0-9a-z]+?)(Answers|Registers)$/.exec((ops.find((o) => o.op !== 'table' && /Answers$/.test(o.table)) as JournalOp).table)![1];
  const to = uniqueTablePrefix();
  const client = testTableClient;
  const renamed = ops.map((op) => ({ ...op, table: op.table.replace(from, to) }));
  await replayJournal(renamed, client);

  for (const name of Object.values(TABLE_NAMES)) {
    expect({ table: name, rows: await rowsOf(client(to + name)) }).toEqual({ table: name, rows: await rowsOf(client(from + name)) });
  }
  const deliveries = await rowsOf(client(to + TABLE_NAMES.deliveries));
  expect(deliveries).toEqual([expect.objectContaining({ outcome: 'sent', activityId: 'activity-1', statusCode: 201 })]);
  // Replaying twice changes nothing.
  await replayJournal(renamed, client);
  expect(await rowsOf(client(to + TABLE_NAMES.answers))).toEqual(await rowsOf(client(from + TABLE_NAMES.answers)));
});

it('keeps a transaction whole that Azurite applied but the journal never confirmed: the next submit goes through', async () => {
  // The crash window: Azurite answered a submit (version 3 and the `current` row, one
  // transaction) and saved it, but the bot was killed before the journal line was synced.
  const tablePrefix = uniqueTablePrefix();
  const journaled = await journaledTestTableStores(tablePrefix);
  const { journal } = journaled;
  try {
    const unjournaled = await createTableStores(azuriteConnectionString(), { tablePrefix });
    await submitOn(journaled, 1);
    await submitOn(journaled, 2);
    await submitOn(unjournaled, 3);

    const { ops } = await readJournal(journal.file);
    await replayJournal(ops, testTableClient);

    // The officer's next submit, on the version the bot now shows, is recorded.
    const shown = (await journaled.answers.current('uppfoljning-kf-2019', 'drog'))!;
    expect(shown.value.latest.version).toBe(3);
    await journaled.answers.append(anAnswer(4), shown.etag);
    expect((await journaled.answers.versions('uppfoljning-kf-2019', 'drog')).map((v) => v.version)).toEqual([1, 2, 3, 4]);
    expect((await journaled.answers.current('uppfoljning-kf-2019', 'drog'))!.value.latest.version).toBe(4);
  } finally {
    await journal.close();
  }
});

it('writes back a confirmed state that Azurite lost', async () => {
  const tablePrefix = uniqueTablePrefix();
  const journaled = await journaledTestTableStores(tablePrefix);
  const { journal } = journaled;
  try {
    await submitOn(journaled, 1);
    await journaled.audit.record({ at, actor: 'anna', action: 'answer.submitted', subject: 'round:uppfoljning-kf-2019/plan:drog', details: { version: 1 } });
    // Azurite saved its tables before the audit row came: it has the answer, not the audit row.
    const auditTable = testTableClient(tablePrefix + TABLE_NAMES.audit);
    for await (const row of auditTable.listEntities()) await auditTable.deleteEntity(row.partitionKey!, row.rowKey!);

    await replayJournal((await readJournal(journal.file)).ops, testTableClient);
    expect((await journaled.audit.listDay('2019-03-05')).map((e) => e.details)).toEqual([{ version: 1 }]);
    expect((await journaled.answers.versions('uppfoljning-kf-2019', 'drog')).map((v) => v.version)).toEqual([1]);
  } finally {
    await journal.close();
  }
});

async function submitOn(stores: Stores, version: number): Promise<void> {
  const current = await stores.answers.current('uppfoljning-kf-2019', 'drog');
  await stores.answers.append(anAnswer(version), current?.etag ?? null);
}
