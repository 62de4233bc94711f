// Counts what the Table clients ask of the storage account: requests made and bytes read (the
// response bodies). A pipeline policy on every client, so every call is counted where it leaves
// the process, retries included. The benchmarks and the cost tests read it; the bot does not.

import type { TableServiceClientOptions } from '@azure/data-tables';

type ClientOptions = TableServiceClientOptions;
type Policy = NonNullable<ClientOptions['additionalPolicies']>[number];

export interface StorageMeter {
  requests: number;
  bytesRead: number;
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
          meter.requests += 1;
          meter.bytesRead += Buffer.byteLength(response.bodyAsText ?? '', 'utf8');
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
