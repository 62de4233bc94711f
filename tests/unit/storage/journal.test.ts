// The journal of the embedded storage: what it keeps, how it groups syncs, and what it makes of
// a torn line.

import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { finalStates, readJournal, WriteJournal, type JournalOp } from '../../../storage/journal';

async function tempFile(): Promise<string> {
  return path.join(await mkdtemp(path.join(os.tmpdir(), 'journal-unit-')), 'journal.jsonl');
}

const put = (rowKey: string, extra: Record<string, unknown> = {}): JournalOp => ({
  op: 'put',
  table: 'Answers',
  entity: { partitionKey: 'kf-2019', rowKey, ...extra },
});

describe('the storage journal', () => {
  it('keeps dates, 64-bit numbers, binary and text as they were written', async () => {
    const file = await tempFile();
    const journal = await WriteJournal.open(file);
    const at = new Date('2019-03-05T10:00:00.123Z');
    await journal.append([
      put('version:drog:1', { at, big: BigInt('9007199254740993'), bytes: new Uint8Array([0, 255, 7]), text: 'Åtgärder “klara”', n: 2.5, ok: true, etag: 'W/"x"' }),
    ]);
    await journal.close();

    const [op] = (await readJournal(file)).ops;
    expect(op).toEqual(put('version:drog:1', { at, big: { value: '9007199254740993', type: 'Int64' }, bytes: new Uint8Array([0, 255, 7]), text: 'Åtgärder “klara”', n: 2.5, ok: true }));
  });

  it('writes the appends that wait for a sync together, with one sync for all of them', async () => {
    const file = await tempFile();
    const journal = await WriteJournal.open(file);
    await Promise.all(Array.from({ length: 50 }, (_, i) => journal.append([put(`row-${i}`)])));
    expect(journal.stats.appends).toBe(50);
    // The first append is synced alone; the 49 that arrived meanwhile share the next sync.
    expect(journal.stats.syncs).toBeLessThanOrEqual(3);
    expect((await readJournal(file)).ops).toHaveLength(50);
    await journal.close();
  });

  it('reports an append that could not be written, so the write is not confirmed', async () => {
    const journal = await WriteJournal.open(await tempFile());
    await journal.close();
    await expect(journal.append([put('row')])).rejects.toThrow('closed');
  });

  it('ignores a torn last line, which was never confirmed', async () => {
    const file = await tempFile();
    const journal = await WriteJournal.open(file);
    await journal.append([put('a')]);
    await journal.close();
    const torn = '{"ops":[{"op":"put"';
    await writeFile(file, torn, { flag: 'a' });
    const read = await readJournal(file);
    expect(read.ops).toEqual([put('a')]);
    expect(read.completeBytes).toBe((await readFile(file)).length - torn.length);
  });

  it('skips and counts a line torn in the middle by a write that failed partway, and starts the next append on a line of its own', async () => {
    // A write that failed partway (a full disk) left a fragment; the next append comes after it.
    const file = await tempFile();
    const first = await WriteJournal.open(file);
    await first.append([put('a')]);
    await first.close();
    await writeFile(file, '{"ops":[{"op":"put","table":"Ans', { flag: 'a' });
    const second = await WriteJournal.open(file);
    await second.append([put('b')]);
    await second.close();
    await writeFile(file, 'not json at all\n', { flag: 'a' });

    const read = await readJournal(file);
    expect(read.ops).toEqual([put('a'), put('b')]);
    expect(read.skippedLines).toBe(2);
  });

  it('replays each entity once, as it was last left, a delete included', () => {
    const ops: JournalOp[] = [
      { op: 'table', table: 'Answers' },
      put('a', { v: 1 }),
      put('b', { v: 1 }),
      put('a', { v: 2 }),
      { op: 'delete', table: 'Answers', partitionKey: 'kf-2019', rowKey: 'b' },
    ];
    expect(finalStates(ops)).toEqual({
      tables: ['Answers'],
      entities: [put('a', { v: 2 }), { op: 'delete', table: 'Answers', partitionKey: 'kf-2019', rowKey: 'b' }],
    });
  });
});
