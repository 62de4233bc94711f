// Two bot processes on one storage account, as behind a load balancer: inbound activities may
// reach either, only one runs the scheduler tick at a time, and nothing is sent or stored twice.

import { odata } from '@azure/data-tables';
import { silentLogger } from '../../bot/app/logger';
import { loadConfig } from '../../bot/config';
import { startBot, type RunningBot } from '../../bot/main';
import { compositeKey } from '../../storage/keys';
import { createTableStores } from '../../storage/tables';
import type { Stores } from '../../storage/ports';
import { buildRound } from '../../bot/domain/round';
import { executeAction, message, personalConversationId, post } from '../support/activities';
import { startConnectorStandIn, type ConnectorStandIn, type StandInUser } from '../support/connector-stand-in';
import { azuriteConnectionString, testTableClient, uniqueTablePrefix } from '../support/storage';
import { chapters } from './support/steps';

const anna: StandInUser = {
  id: '29:anna',
  aadObjectId: '00000000-0000-0000-0000-00000000a001',
  name: 'Anna',
  email: 'anna@kalmar.se',
  userPrincipalName: 'anna@kalmar.se',
};
const ANSWERS = { status: 'Pågår.', done: 'Klart.', current: 'Arbete.', risks: 'Inga.', completion: '2020.', planStatus: 'on-track' };

describe('two bot processes on one storage account', () => {
  let standIn: ConnectorStandIn;
  let first: RunningBot;
  let second: RunningBot;
  let stores: Stores;
  let now = new Date('2019-03-01T07:00:00Z');
  const prefix = uniqueTablePrefix();

  beforeAll(async () => {
    standIn = await startConnectorStandIn([anna]);
    // Each process opens its own clients to the same tables.
    const open = () => createTableStores(azuriteConnectionString(), { tablePrefix: prefix });
    stores = await open();
    await stores.registers.saveVersion(
      {
        plans: [
          { id: 'drog', title: 'Drogpolitiskt program', officer: 'anna@kalmar.se' },
          { id: 'vald', title: 'Våld i nära relationer', officer: 'anna@kalmar.se' },
        ],
        people: [{ id: 'anna@kalmar.se', name: 'Anna' }],
        coordinators: ['anna@kalmar.se'],
      },
      { importedBy: 'test', importedAt: now, source: 'test' },
    );
    const { round } = buildRound(
      { title: 'Uppföljning KF 2019', year: '2019', opensDate: '2019-03-01', dueDate: '2019-04-01' },
      { timeZone: 'Europe/Stockholm', createdBy: 'test', createdAt: now },
    );
    await stores.rounds.create(round!);
    const config = loadConfig({ PORT: '0', DEMO_REGISTER: 'false', SCHEDULER_INTERVAL_SECONDS: '30' });
    const options = async () => ({ clock: { now: () => now }, log: silentLogger, scheduler: false, stores: await open() });
    first = await startBot(config, await options());
    second = await startBot(config, await options());
  });

  afterAll(async () => {
    await first?.stop();
    await second?.stop();
    await standIn?.close();
  });

  const cardsSent = () => standIn.sentTo(personalConversationId(anna)).filter((a) => a.attachments?.length);

  // Each test builds on the ones before it, and when run alone tells them first (see support/steps.ts).
  const chapter = chapters();

  chapter('serves an officer through either process', async () => {
    await post(first.url, message(standIn.url, anna, 'hjälp'));
    await post(second.url, message(standIn.url, anna, 'help', { locale: 'en-US' }));
    expect(standIn.sentTo(personalConversationId(anna)).map((a) => a.text.slice(0, 12))).toEqual(['Jag samlar i', 'I collect th']);
  });

  chapter('answers a message reaching both processes at once once, claimed by the minute Teams sent it', async () => {
    const before = standIn.sentTo(personalConversationId(anna)).length;
    const help = message(standIn.url, anna, 'hjälp');
    await Promise.all([post(first.url, help), post(second.url, help)]);
    expect(standIn.sentTo(personalConversationId(anna))).toHaveLength(before + 1);
    const partitions: string[] = [];
    const filter = odata`RowKey eq ${compositeKey(help.conversation.id, help.id)}`;
    for await (const claim of testTableClient(`${prefix}Inbox`).listEntities({ queryOptions: { filter } })) partitions.push(claim.partitionKey!);
    expect(partitions).toEqual([compositeKey('sent', help.timestamp.slice(0, 16))]);
  });

  chapter('runs the opening tick in one process only, and sends each prompt once', async () => {
    const [a, b] = await Promise.all([first.tick(), second.tick()]);
    expect([a.length, b.length].sort()).toEqual([0, 1]);
    expect(cardsSent()).toHaveLength(2);
    await Promise.all([first.tick(), second.tick()]);
    expect(cardsSent()).toHaveLength(2);
  });

  chapter('stores an answer given to one process and shows it through the other', async () => {
    const submit = executeAction(standIn.url, anna, 'answer.submit', { roundId: 'uppfoljning-kf-2019', planId: 'drog', baseVersion: 0, ...ANSWERS });
    // The same activity reaching both processes (a retry through the load balancer) has one effect.
    await Promise.all([post(first.url, submit), post(second.url, submit)]);
    expect(await stores.answers.versions('uppfoljning-kf-2019', 'drog')).toHaveLength(1);
    await post(first.url, message(standIn.url, anna, 'mina planer'));
    expect(standIn.sentTo(personalConversationId(anna)).at(-1).text).toContain('Drogpolitiskt program: inskickad');
  });

  chapter('lets the other process take over the scheduler when the lease holder stops', async () => {
    const openRound = async (title: string) => {
      const { round } = buildRound(
        { title, year: '2019', opensDate: '2019-03-01', opensTime: '08:00', dueDate: '2019-04-01' },
        { timeZone: 'Europe/Stockholm', createdBy: 'test', createdAt: now },
      );
      await stores.rounds.create(round!);
      return round!.id;
    };
    const roundA = await openRound('Tertial 1 2019');
    const [a, b] = await Promise.all([first.tick(), second.tick()]);
    const [holder, survivor] = a.length > 0 ? [first, second] : [second, first];
    expect([...a, ...b].map((r) => r.roundId)).toEqual([roundA]);

    await holder.stop();
    const roundB = await openRound('Tertial 2 2019');
    expect(await survivor.tick()).toEqual([]); // the stopped holder's lease has not expired yet
    now = new Date(now.getTime() + 61_000); // two scheduler intervals later
    expect((await survivor.tick()).map((r) => r.roundId)).toEqual([roundB]);
  });
});
