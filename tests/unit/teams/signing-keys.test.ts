// The published signing keys are read once and kept; a token naming an unknown key makes them
// be read again, but not more often than every few minutes.

import { KeySourceUnavailable, PublishedSigningKeys } from '../../../bot/teams/signing-keys';
import { startSigningKeyStandIn, type SigningKeyStandIn } from '../../support/signing-key-stand-in';

describe('published signing keys', () => {
  let source: SigningKeyStandIn;
  beforeAll(async () => {
    source = await startSigningKeyStandIn();
  });
  afterAll(() => source?.close());

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

  it('says the source cannot be read when it answers with an error', async () => {
    const keys = new PublishedSigningKeys(source.metadataUrl.replace('/openid', '/missing'), () => 0);
    await expect(keys.find(source.keyId)).rejects.toThrow(KeySourceUnavailable);
  });
});
