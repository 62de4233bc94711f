// The Table stores read response bodies as they arrive (storage/tables/response-text.ts): a page
// of a round's answers of several megabytes of Swedish text reads back exactly as written and
// exactly as the SDK alone reads it, and the storage meter still counts the bytes it read.

import type { AnswerVersion } from '../../bot/domain/answer';
import { QUESTION_IDS } from '../../bot/domain/questions';
import { createStorageMeter, createTableStores } from '../../storage/tables';
import { encodeKey } from '../../storage/keys';
import { azuriteConnectionString, testTableClient, uniqueTablePrefix } from '../support/storage';

const at = new Date('2026-03-10T09:00:00Z');
const PLANS = 120;

/** 2,000 characters of Swedish, with a dash, quotes and an emoji (not Latin-1) in some. */
function text(plan: number, question: number): string {
  const words = (plan + question) % 3 === 0 ? 'Åtgärden – ”enligt plan” 🌱 följs upp. ' : 'Arbetet fortlöper enligt tidplanen, åtgärderna följs upp. ';
  return `${plan}/${question}: ${words.repeat(60)}`.slice(0, 2000);
}

function answer(roundId: string, plan: number): AnswerVersion {
  return {
    roundId,
    planId: `plan-${plan}`,
    version: 1,
    state: 'submitted',
    content: { texts: Object.fromEntries(QUESTION_IDS.map((id, q) => [id, text(plan, q)])) as AnswerVersion['content']['texts'], status: 'on-track' },
    answeredBy: `officer${plan}@kalmar.se`,
    answeredByName: `Tjänsteperson ${plan}`,
    at,
  };
}

const byPlan = (a: AnswerVersion, b: AnswerVersion) => (a.planId < b.planId ? -1 : a.planId > b.planId ? 1 : 0);

describe('response bodies of the Table stores', () => {
  it('read a page of several megabytes of answers as written, as the SDK reads it, and counted by the meter', async () => {
    const tablePrefix = uniqueTablePrefix();
    const meter = createStorageMeter();
    const stores = await createTableStores(azuriteConnectionString(), { tablePrefix, meter });
    const written = Array.from({ length: PLANS }, (_, plan) => answer('kf-2026', plan));
    for (const version of written) await stores.answers.append(version, null);

    meter.reset();
    const read = await stores.answers.listVersions('kf-2026');

    expect([...read].sort(byPlan)).toEqual([...written].sort(byPlan));
    expect(meter.requests).toBe(1);
    expect(meter.bytesRead).toBeGreaterThan(PLANS * QUESTION_IDS.length * 2000);
    const bySdk = [];
    for await (const row of testTableClient(`${tablePrefix}Answers`).listEntities({ queryOptions: { filter: `PartitionKey eq '${encodeKey('kf-2026')}'` } })) {
      if (String(row.rowKey).startsWith('version:')) bySdk.push(QUESTION_IDS.map((id) => row[`a_${id}`]));
    }
    expect(read.map((v) => QUESTION_IDS.map((id) => v.content.texts[id]))).toEqual(bySdk);
  });
});
