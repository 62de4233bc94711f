// Counts what the Table clients ask of the storage account: requests made and bytes read (the
// response bodies). A pipeline policy on every client, so every call is counted where it leaves
// the process, retries included. The benchmarks and the cost tests read it; the bot does not.

import type { TableServiceClientOptions } from '@azure/data-tables';

type ClientOptions = TableServiceClientOptions;
type Policy = NonNullable<ClientOptions['additionalPolicies']>[number];

export interface StorageMeter {
  requests: number;
  bytesRead: number;
  /** When set, each request is also named here (method, path and query), to see where a cost comes from. */
  trace?: (request: string, bytes: number) => void;
  /** The policy to give every Table client (createTableStores' `meter` option does). */
  readonly policy: Policy;
  reset(): void;
}

export function createStorageMeter(): StorageMeter {
  const meter: StorageMeter = {
    requests: 0,
    bytesRead: 0,
    policy: {
      // Per retry: a request the SDK repeats costs the account twice.
      position: 'perRetry',
      policy: {
        name: 'storage-meter',
        async sendRequest(request, next) {
          const response = await next(request);
          const bytes = Buffer.byteLength(response.bodyAsText ?? '', 'utf8');
          meter.requests += 1;
          meter.bytesRead += bytes;
          meter.trace?.(`${request.method} ${decodeURIComponent(new URL(request.url).pathname + new URL(request.url).search)}`, bytes);
          return response;
        },
      },
    },
    reset() {
      meter.requests = 0;
      meter.bytesRead = 0;
    },
  };
  return meter;
}
