// The published signing keys are read once and kept; a token naming an unknown key makes them
// be read again, but not more often than every few minutes. While the source is down the keys
// read before are still served, and the source is tried again only every half minute.

import { KeySourceUnavailable, PublishedSigningKeys } from '../../../bot/teams/signing-keys';
import { createRecordingLogger } from '../../support/recording-logger';
import { startSigningKeyStandIn, type SigningKeyStandIn } from '../../support/signing-key-stand-in';

const DAY_MS = 24 * 60 * 60_000;

describe('published signing keys', () => {
  let source: SigningKeyStandIn;
  beforeAll(async () => {
    source = await startSigningKeyStandIn();
  });
  afterAll(() => source?.close());
  afterEach(() => source.setUnavailable(false));

  it('finds the published key, reading the source once', async () => {
    const keys = new PublishedSigningKeys(source.metadataUrl, () => 0);
    const before = source.reads.length;
    expect(await keys.find(source.keyId)).toEqual({ key: expect.objectContaining({ asymmetricKeyType: 'rsa' }), endorsements: ['msteams'] });
    expect(await keys.find(source.keyId)).toBeDefined();
    expect(source.reads.slice(before)).toEqual(['/openid', '/keys']);
  });

  it('reads again for an unknown key only after five minutes', async () => {
    let now = 0;
    const keys = new PublishedSigningKeys(source.metadataUrl, () => now);
    await keys.find(source.keyId);
    const before = source.reads.length;
    now = 4 * 60_000;
    expect(await keys.find('made-up')).toBeUndefined();
    expect(await keys.find('made-up-too')).toBeUndefined();
    expect(source.reads.length).toBe(before);
    now = 5 * 60_000;
    expect(await keys.find('made-up')).toBeUndefined();
    expect(source.reads.slice(before)).toEqual(['/openid', '/keys']);
  });

  it('keeps serving the keys it has when a day-old set cannot be read again, logging the failure', async () => {
    let now = 0;
    const log = createRecordingLogger();
    const keys = new PublishedSigningKeys(source.metadataUrl, () => now, log);
    await keys.find(source.keyId);
    source.setUnavailable(true);
    const before = source.reads.length;
    now = DAY_MS + 1;
    expect(await keys.find(source.keyId)).toEqual({ key: expect.objectContaining({ asymmetricKeyType: 'rsa' }), endorsements: ['msteams'] });
    expect(source.reads.slice(before)).toEqual(['/openid']);
    expect(log.events).toEqual([{ level: 'warn', event: 'signing-keys.read-failed', fields: { reason: 'the signing keys could not be read: HTTP 503', keptKeys: 1 } }]);

    source.setUnavailable(false);
    now = DAY_MS + 30_001;
    expect(await keys.find(source.keyId)).toBeDefined();
    expect(source.reads.slice(before)).toEqual(['/openid', '/openid', '/keys']);
  });

  it('while the source is down, tries it again only every half minute, however many tokens arrive', async () => {
    let now = DAY_MS;
    const keys = new PublishedSigningKeys(source.metadataUrl, () => now);
    source.setUnavailable(true);
    const before = source.reads.length;
    await expect(keys.find(source.keyId)).rejects.toThrow(KeySourceUnavailable);
    now += 29_999;
    for (const keyId of [source.keyId, 'made-up', 'made-up-too']) await expect(keys.find(keyId)).rejects.toThrow(KeySourceUnavailable);
    expect(source.reads.slice(before)).toEqual(['/openid']);

    now += 1;
    source.setUnavailable(false);
    expect(await keys.find(source.keyId)).toBeDefined();
    source.setUnavailable(true);
    now += 10 * 60_000; // an unknown key may make the set be read again; that read fails
    for (let i = 0; i < 5; i++) expect(await keys.find(`made-up-${i}`)).toBeUndefined();
    expect(await keys.find(source.keyId)).toBeDefined();
    expect(source.reads.slice(before)).toEqual(['/openid', '/openid', '/keys', '/openid']);
  });

  it('says the source cannot be read when it answers with an error', async () => {
    const keys = new PublishedSigningKeys(source.metadataUrl.replace('/openid', '/missing'), () => 0);
    await expect(keys.find(source.keyId)).rejects.toThrow(KeySourceUnavailable);
  });
});
