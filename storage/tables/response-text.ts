// How the Table clients read a response body. The SDK's HTTP client collects the body's chunks,
// joins them into one Buffer and decodes that with Buffer#toString. On Node 24 that makes any
// body over about a megabyte which is not pure ASCII (every Swedish answer: å, ä, ö) an external
// two-byte string, twice the body's size in native memory outside the JavaScript heap: a page of
// a round's answers (a thousand rows, 12 MB) left its chunks, the joined Buffer and a 24 MB
// string in the allocator, which keeps much of it after they are freed. Here the body is decoded
// as it arrives (a stream's own UTF-8 decoding, which makes ordinary heap strings, one byte a
// character where it can), so a page is held once, as its text on the heap, as on Node 20. The
// text is the same as the SDK's own.

import type { TableServiceClientOptions } from '@azure/data-tables';

type Policy = NonNullable<TableServiceClientOptions['additionalPolicies']>[number];

/** Any status: the body comes back as a stream, whatever the service answered. */
const EVERY_STATUS = new Set([Number.POSITIVE_INFINITY]);

/**
 * The policy to give every Table client, after any other: it asks for the body as a stream
 * and hands the response on with the body as text, as the SDK's own reading would.
 */
export const responseTextPolicy: Policy = {
  position: 'perRetry',
  policy: {
    name: 'response-text',
    async sendRequest(request, next) {
      const asked = request.streamResponseStatusCodes;
      request.streamResponseStatusCodes = EVERY_STATUS;
      let response;
      try {
        response = await next(request);
      } finally {
        request.streamResponseStatusCodes = asked;
      }
      const stream = response.readableStreamBody;
      const streamWanted = asked?.has(Number.POSITIVE_INFINITY) || asked?.has(response.status);
      if (!stream || streamWanted) return response;
      return { ...response, readableStreamBody: undefined, bodyAsText: await textOf(stream) };
    },
  },
};

/** The body as UTF-8 text, as `Buffer.concat(chunks).toString('utf8')` decodes it. */
export async function textOf(stream: NodeJS.ReadableStream): Promise<string> {
  stream.setEncoding('utf8');
  let text = '';
  for await (const piece of stream) text += piece;
  return text;
}
