// The stores' transactions are written by storage/tables/lean-transaction.ts, not by the SDK:
// the request is the one the SDK sends, byte for byte, and the answers (each row's status and ETag,
// or the refused row's status and code) are the SDK's, in Azurite.

import { TableClient, type TableServiceClientOptions, type TransactionAction } from '@azure/data-tables';
import { createHttpHeaders, type HttpClient, type PipelineRequest } from '@azure/core-rest-pipeline';
import { tableClientOptions } from '../../storage/azurite';
import { ensureTable } from '../../storage/tables/entity';
import { openTableClient } from '../../storage/tables/lean-transaction';
import { azuriteConnectionString, uniqueTablePrefix } from '../support/storage';

const PK = 'round~3Ai:1';

/** Every kind of action and value the SDK writes, keys with characters a URL must encode or quote. */
function allKinds(etag: string): TransactionAction[] {
  return [
    ['create', { partitionKey: PK, rowKey: "plan'1", text: 'Arbetet pågår – "enligt plan"\r\n', n: 3, half: 1.5, yes: true, at: new Date('2026-03-10T09:00:00.123Z'), big: 2n ** 60n, bytes: new Uint8Array([0, 255, 7]), typed: { value: '12', type: 'Int64' }, none: undefined }],
    ['update', { partitionKey: PK, rowKey: 'current:1', text: 'b' }, 'Replace', { etag }],
    ['update', { partitionKey: PK, rowKey: 'current:2', text: 'c' }, 'Merge'],
    ['upsert', { partitionKey: PK, rowKey: 'current:3', text: 'd' }, 'Replace'],
    ['upsert', { partitionKey: PK, rowKey: 'current:4', text: 'e' }],
    ['delete', { partitionKey: PK, rowKey: 'current:5' }],
  ];
}

describe('a transaction written by the stores', () => {
  it('is the request the SDK sends for the same actions', async () => {
    /** The request a client sends for the actions, its transaction's ids as B and C (they are random). */
    const sentBy = async (open: (options: TableServiceClientOptions) => TableClient) => {
      let sent: PipelineRequest | undefined;
      const capture: HttpClient = {
        sendRequest: async (request) => {
          sent = request;
          return { request, status: 202, headers: createHttpHeaders(), bodyAsText: '' };
        },
      };
      const connectionString = azuriteConnectionString();
      await open({ ...tableClientOptions(connectionString), httpClient: capture }).submitTransaction(allKinds('W/"datetime\'2026-03-10T09%3A00%3A00.1Z\'"'));
      const body = String(sent!.body);
      const [batch, changeset] = [/^--batch_([0-9a-f-]+)\r\n/.exec(body)![1], /boundary=changeset_([0-9a-f-]+)/.exec(body)![1]];
      const ids = (text: string) => text.replaceAll(batch, 'B').replaceAll(changeset, 'C');
      // What differs from one request to the next: the request's id, its time and its signature of that time.
      const { 'x-ms-client-request-id': _id, 'x-ms-date': _date, authorization: _signature, ...headers } = sent!.headers.toJSON();
      return { url: sent!.url, method: sent!.method, headers: JSON.parse(ids(JSON.stringify(headers))), body: ids(body) };
    };
    const connectionString = azuriteConnectionString();
    const lean = await sentBy((options) => openTableClient(connectionString, 'Answers', options));
    const sdk = await sentBy((options) => TableClient.fromConnectionString(connectionString, 'Answers', options));
    expect(lean.body).toContain('PATCH ');
    expect(lean).toEqual(sdk);
  });

  describe('in Azurite, beside the SDK', () => {
    let lean: TableClient;
    let sdk: TableClient;

    beforeEach(async () => {
      const connectionString = azuriteConnectionString();
      const table = `${uniqueTablePrefix()}Lean`;
      lean = openTableClient(connectionString, table, tableClientOptions(connectionString));
      sdk = TableClient.fromConnectionString(connectionString, `${table}Sdk`, tableClientOptions(connectionString));
      await Promise.all([ensureTable(lean), ensureTable(sdk)]);
    });

    /** What each client answers to the same actions: the response's shape, or the error's status and code. */
    const bothAnswer = async (actions: (client: TableClient) => Promise<TransactionAction[]>) => {
      const answer = async (client: TableClient) => {
        try {
          const response = await client.submitTransaction(await actions(client));
          return { status: response.status, rows: response.subResponses.map((r) => ({ status: r.status, etag: /^W\/"datetime'.+'"$/.test(r.etag ?? '') })) };
        } catch (err) {
          const { statusCode, code } = err as { statusCode?: number; code?: string };
          return { statusCode, code };
        }
      };
      return { lean: await answer(lean), sdk: await answer(sdk) };
    };
    const rows = async (client: TableClient) => {
      const all: Record<string, unknown>[] = [];
      for await (const e of client.listEntities()) all.push(e);
      return all.map(({ etag: _e, timestamp: _t, ...e }) => e);
    };

    it('writes every kind of action and value as the SDK does, and answers with each row\'s ETag', async () => {
      const seed = async (client: TableClient) => {
        for (const i of [1, 2, 5]) await client.createEntity({ partitionKey: PK, rowKey: `current:${i}`, text: 'a' });
        return (await client.getEntity(PK, 'current:1')).etag;
      };
      const answers = await bothAnswer(async (client) => allKinds(await seed(client)));
      // Every row written answers with its ETag; the deleted one has none.
      expect(answers.lean).toEqual({ status: 202, rows: [true, true, true, true, true, false].map((etag) => ({ status: 204, etag })) });
      expect(answers.lean).toEqual(answers.sdk);
      expect(await rows(lean)).toEqual(await rows(sdk));
      expect(await rows(lean)).toHaveLength(5);
    });

    it('refuses as the SDK does: a row that exists (409), a stale ETag (412), a row twice (400), and writes nothing of it', async () => {
      const existing = async (client: TableClient) => {
        await client.createEntity({ partitionKey: PK, rowKey: 'current:1', text: 'a' });
        return (await client.getEntity(PK, 'current:1')).etag;
      };
      const exists = await bothAnswer(async (client) => {
        await existing(client);
        return [['create', { partitionKey: PK, rowKey: 'version:1' }], ['create', { partitionKey: PK, rowKey: 'current:1' }]];
      });
      expect(exists.lean).toEqual({ statusCode: 409, code: 'EntityAlreadyExists' });
      expect(exists.lean).toEqual(exists.sdk);
      const stale = await bothAnswer(async (client) => {
        const etag = (await client.getEntity(PK, 'current:1')).etag;
        await client.updateEntity({ partitionKey: PK, rowKey: 'current:1', text: 'b' }, 'Replace');
        return [['create', { partitionKey: PK, rowKey: 'version:2' }], ['update', { partitionKey: PK, rowKey: 'current:1', text: 'c' }, 'Replace', { etag }]];
      });
      expect(stale.lean).toEqual({ statusCode: 412, code: 'UpdateConditionNotSatisfied' });
      expect(stale.lean).toEqual(stale.sdk);
      const twice = await bothAnswer(async () => [['create', { partitionKey: PK, rowKey: 'version:3' }], ['upsert', { partitionKey: PK, rowKey: 'version:3' }]]);
      expect(twice.lean).toEqual({ statusCode: 400, code: 'InvalidDuplicateRow' });
      expect(twice.lean).toEqual(twice.sdk);
      expect((await rows(lean)).map((e) => e.rowKey)).toEqual(['current:1']);
      expect(await rows(lean)).toEqual(await rows(sdk));
    });

    it('refuses actions of two partitions before sending anything', async () => {
      await expect(lean.submitTransaction([['create', { partitionKey: 'a', rowKey: '1' }], ['create', { partitionKey: 'b', rowKey: '1' }]])).rejects.toThrow('same partitionKey');
      expect(await rows(lean)).toEqual([]);
    });
  });
});
