// How the Table clients read a response body: as the SDK's own reading would (the same text),
// but a piece at a time, so that a page of Swedish answers is held on the JavaScript heap and
// not, as Node 24 decodes a large non-ASCII body in one go, as a string twice its size in native
// memory.

import { Readable } from 'node:stream';
import { responseTextPolicy, textOf } from '../../../storage/tables/response-text';

type SendRequest = Parameters<typeof responseTextPolicy.policy.sendRequest>[1];
type PipelineRequest = Parameters<SendRequest>[0];
type PipelineResponse = Awaited<ReturnType<SendRequest>>;

const MiB = 1024 * 1024;

/** What the SDK's HTTP client makes of a body: its chunks joined, then decoded. */
const sdkText = (chunks: Buffer[]) => Buffer.concat(chunks).toString('utf8');

/** Bytes split at fixed places, wherever the characters fall. */
function chunksOf(bytes: Buffer, size: number): Buffer[] {
  const out: Buffer[] = [];
  for (let at = 0; at < bytes.length; at += size) out.push(bytes.subarray(at, at + size));
  return out;
}

/** The native memory held by strings (and other non-buffer externals), in bytes. */
const externalStrings = () => {
  const { external, arrayBuffers } = process.memoryUsage();
  return external - arrayBuffers;
};

describe('the text of a Table response body', () => {
  const swedish = Buffer.from('Åtgärderna följs upp – “enligt plan” 🌊 i år. '.repeat(300), 'utf8');

  it('is the text the SDK would decode, with characters split across chunks', async () => {
    for (const size of [1, 2, 3, 7, 64 * 1024]) {
      const chunks = chunksOf(swedish, size);
      expect(await textOf(Readable.from(chunks))).toBe(sdkText(chunks));
    }
  });

  it('is the text the SDK would decode when the body is not valid UTF-8 or starts with a BOM', async () => {
    const chunks = [Buffer.from([0xef, 0xbb, 0xbf, 0x7b]), Buffer.from([0xc3]), Buffer.from([0x28, 0xf0, 0x9f]), Buffer.from([0x7d, 0xe2, 0x82])];
    expect(await textOf(Readable.from(chunks))).toBe(sdkText(chunks));
    expect(await textOf(Readable.from([]))).toBe('');
  });

  it('holds a body of several megabytes of Swedish text on the heap, even when it comes as one chunk', async () => {
    const body = Buffer.from('{"value":"' + 'Planen fortlöper enligt tidplanen, åtgärderna följs upp. '.repeat(80_000) + '"}', 'utf8');
    expect(body.length).toBeGreaterThan(4 * MiB);
    // On Node 24, Buffer#toString of this body makes an external string of twice its length
    // (about 9 MiB outside the heap); decoded in pieces, the text stays on the heap.
    const before = externalStrings();
    const text = await textOf(Readable.from([body]));
    const held = externalStrings() - before;

    expect(text === body.toString('utf8')).toBe(true);
    expect(held).toBeLessThan(MiB);
  });
});

describe('the response text policy of the Table clients', () => {
  const request = (streamResponseStatusCodes?: Set<number>) => ({ method: 'GET', url: 'http://127.0.0.1/t', streamResponseStatusCodes }) as PipelineRequest;
  const streamed = (req: PipelineRequest, status: number, body: string): PipelineResponse =>
    ({ request: req, status, headers: new Map(), readableStreamBody: Readable.from([Buffer.from(body)]) }) as unknown as PipelineResponse;

  it('asks for the body as a stream of any status and hands it on as text', async () => {
    const req = request();
    let askedWhileSent: Set<number> | undefined;
    const next: SendRequest = async (sent) => {
      askedWhileSent = sent.streamResponseStatusCodes;
      return streamed(sent, 404, '{"odata.error":{"code":"ResourceNotFound"}}');
    };

    const response = await responseTextPolicy.policy.sendRequest(req, next);

    expect([...(askedWhileSent ?? [])]).toEqual([Number.POSITIVE_INFINITY]);
    expect(req.streamResponseStatusCodes).toBeUndefined();
    expect(response.status).toBe(404);
    expect(response.bodyAsText).toBe('{"odata.error":{"code":"ResourceNotFound"}}');
    expect(response.readableStreamBody).toBeUndefined();
  });

  it('leaves a stream the SDK asked for as a stream', async () => {
    const wanted = new Set([200]);
    const req = request(wanted);
    const response = await responseTextPolicy.policy.sendRequest(req, async (sent) => streamed(sent, 200, 'bytes'));

    expect(req.streamResponseStatusCodes).toBe(wanted);
    expect(response.bodyAsText).toBeUndefined();
    expect(response.readableStreamBody).toBeDefined();
  });

  it('puts back what the SDK asked for when the request fails', async () => {
    const wanted = new Set<number>();
    const req = request(wanted);
    const failing: SendRequest = async () => {
      throw new Error('ECONNRESET');
    };

    await expect(responseTextPolicy.policy.sendRequest(req, failing)).rejects.toThrow('ECONNRESET');
    expect(req.streamResponseStatusCodes).toBe(wanted);
  });
});
