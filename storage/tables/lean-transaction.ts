// A Table client's transactions, written here instead of by the SDK. The SDK builds each
// operation of a transaction by running it through a request pipeline of its own (a new client
// per transaction, each row serialized, its headers and URL assembled by the generic
// serializer): about 35 KiB allocated and a tenth of a millisecond per row, which is most of
// what a burst of answers costs the bot. Here the same request is written directly, the bytes
// the SDK sends to an account with a shared key (a test compares them; with a shared access
// signature the rows' URLs carry no query at all, where the SDK keeps any parameter that is not
// the signature's), and sent through the client's own pipeline (its credential, retries and
// policies). The answer is read as the SDK reads it: each operation's status and ETag, or the
// refused operation's status and error code, as the SDK's RestError.

import { TableClient, type TableServiceClientOptions, type TableTransactionResponse, type TransactionAction } from '@azure/data-tables';
import { createDefaultHttpClient, createHttpHeaders, createPipelineRequest, RestError, type HttpClient } from '@azure/core-rest-pipeline';
import { randomUUID } from 'node:crypto';

const CRLF = '\r\n';

let sharedHttpClient: HttpClient | undefined;

interface TransactionIds {
  batch: string;
  changeset: string;
}

/**
 * The client of a table, with these transactions in place of the SDK's (sent with the HTTP client
 * of the options, if given). A Cosmos DB table endpoint, which takes a Merge otherwise, keeps the
 * SDK's.
 */
export function openTableClient(connectionString: string, table: string, options: TableServiceClientOptions = {}): TableClient {
  const client = TableClient.fromConnectionString(connectionString, table, options);
  if (/\.table\.cosmos(db)?\./i.test(new URL(client.url).hostname)) return client;
  client.submitTransaction = (actions) => submitTransaction(client, actions, options);
  return client;
}

async function submitTransaction(
  client: Pick<TableClient, 'url' | 'tableName' | 'pipeline'>,
  actions: TransactionAction[],
  { allowInsecureConnection = false, httpClient }: Pick<TableServiceClientOptions, 'allowInsecureConnection' | 'httpClient'>,
): Promise<TableTransactionResponse> {
  if (actions.length === 0) throw new Error('A transaction needs at least one action');
  const partition = actions[0][1].partitionKey;
  if (actions.some(([, entity]) => entity.partitionKey !== partition)) throw new Error('All operations in a transaction must target the same partitionKey');
  const ids: TransactionIds = { batch: randomUUID(), changeset: randomUUID() };
  // A shared access signature stays on the batch's URL and is kept out of its operations'.
  const [account, signature = ''] = client.url.split('?');
  const request = createPipelineRequest({
    url: `${account.replace(/\/$/, '')}/$batch${signature ? `?${signature}` : ''}`,
    method: 'POST',
    body: transactionBody(`${account.replace(/\/$/, '')}/${client.tableName}`, actions, ids),
    headers: createHttpHeaders({
      accept: 'application/json',
      'x-ms-version': '2019-02-02',
      DataServiceVersion: '3.0;',
      MaxDataServiceVersion: '3.0;NetFx',
      'Content-Type': `multipart/mixed; boundary=batch_${ids.batch}`,
      'Accept-Charset': 'UTF-8',
      Connection: 'Keep-Alive',
    }),
    allowInsecureConnection,
  });
  // The SDK's own default is not to be had: transactions keep connections of their own.
  sharedHttpClient ??= createDefaultHttpClient();
  const response = await client.pipeline.sendRequest(httpClient ?? sharedHttpClient, request);
  const text = response.bodyAsText ?? '';
  const fail = (json: string, status: number): never => {
    let error: { code?: string; message?: { value?: string } } | undefined;
    try {
      error = (JSON.parse(json) as { 'odata.error'?: typeof error })['odata.error'];
    } catch {
      error = undefined;
    }
    throw new RestError(error?.message?.value ?? 'Transaction Failed', { code: error?.code, statusCode: status, request, response });
  };
  if (response.status < 200 || response.status >= 300) fail(text, response.status);
  // The first part is the batch's own header and the last its closing boundary.
  const subResponses = text
    .split('--changesetresponse_')
    .slice(1, -1)
    .map((part) => {
      const status = Number(/HTTP\/1.1 ([0-9]+)/.exec(part)?.[1]);
      if (!Number.isInteger(status)) throw new Error(`No status in a transaction's answer: ${part.slice(0, 200)}`);
      const body = /\{(.*)\}/.exec(part);
      if (body) fail(body[0], status);
      const etag = /ETag: (.*)/.exec(part)?.[1]?.trim();
      const rowKey = /RowKey='(.*)'/.exec(part)?.[1];
      return { status, ...(rowKey !== undefined && { rowKey }), ...(etag !== undefined && { etag }) };
    });
  return { status: response.status, subResponses, getResponseForEntity: (rowKey) => subResponses.find((r) => r.rowKey === rowKey) };
}

/** The multipart body of a transaction on the table at `tableUrl`, as the SDK writes it. */
function transactionBody(tableUrl: string, actions: TransactionAction[], ids: TransactionIds): string {
  const parts = [`--batch_${ids.batch}${CRLF}content-type: multipart/mixed; boundary=changeset_${ids.changeset}${CRLF}${CRLF}`];
  for (const [action, entity, mode = 'Merge', options] of actions) {
    const row = `${tableUrl}(PartitionKey='${keyInUrl(entity.partitionKey)}',RowKey='${keyInUrl(entity.rowKey)}')`;
    const lines = [`--changeset_${ids.changeset}`, 'content-type: application/http', 'content-transfer-encoding: binary', ''];
    switch (action) {
      case 'create':
        lines.push(`POST ${tableUrl} HTTP/1.1`, 'Content-Type: application/json;odata=nometadata', 'Accept: application/json;odata=minimalmetadata', 'DataServiceVersion: 3.0', 'Prefer: return-no-content');
        break;
      case 'delete':
        lines.push(`DELETE ${row} HTTP/1.1`, 'Accept: application/json;odata=minimalmetadata', 'DataServiceVersion: 3.0', 'If-Match: *');
        break;
      case 'update':
      case 'upsert':
        if (mode !== 'Merge' && mode !== 'Replace') throw new Error(`Unexpected value for update mode: ${String(mode)}`);
        lines.push(`${mode === 'Replace' ? 'PUT' : 'PATCH'} ${row} HTTP/1.1`, 'Content-Type: application/json', 'DataServiceVersion: 3.0', 'Accept: application/json');
        if (action === 'update') lines.push(`If-Match: ${(options as { etag?: string } | undefined)?.etag ?? '*'}`);
        break;
      default:
        throw new Error(`Unknown transaction action ${String(action)}`);
    }
    lines.push(CRLF);
    if (action !== 'delete') lines.push(entityJson(entity));
    parts.push(lines.join(CRLF));
  }
  return `${parts.join(CRLF)}${CRLF}--changeset_${ids.changeset}--${CRLF}--batch_${ids.batch}--${CRLF}`;
}

/** A key in an operation's URL: quotes doubled (OData), then URL-encoded. */
function keyInUrl(key: string | undefined): string {
  return encodeURIComponent(String(key ?? '').replace(/'/g, "''"));
}

const PROPERTY_NAMES: Record<string, string> = { partitionKey: 'PartitionKey', rowKey: 'RowKey', etag: 'odata.etag', timestamp: 'Timestamp' };
const EDM_TYPES = new Set(['Boolean', 'DateTime', 'Double', 'Guid', 'Int32', 'Int64', 'String', 'Binary']);

/** An entity as the service reads it: the SDK's own names and Edm type annotations. */
function entityJson(entity: Record<string, unknown>): string {
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(entity)) {
    const property = PROPERTY_NAMES[name] ?? name;
    const typed = (type: string, v: unknown) => {
      out[property] = v;
      out[`${property}@odata.type`] = `Edm.${type}`;
    };
    if (value === undefined || value === null || typeof value === 'boolean' || typeof value === 'string' || typeof value === 'number') out[property] = value;
    else if (typeof value === 'bigint') typed('Int64', value.toString());
    else if (value instanceof Date) typed('DateTime', value);
    // A view of a larger buffer (the record chunks) is encoded where it lies, not copied.
    else if (value instanceof Uint8Array) typed('Binary', Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('base64'));
    else if (typeof value === 'object' && 'value' in value && 'type' in value && value.value !== undefined && EDM_TYPES.has(String(value.type))) typed(String(value.type), value.value);
    else throw new Error(`Unknown EDM type ${typeof value}`);
  }
  return JSON.stringify(out);
}
