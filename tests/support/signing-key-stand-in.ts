// A local stand-in for where the Bot Framework (and Entra ID, for the tab's SSO tokens) publishes
// the keys it signs tokens with: an OpenID metadata document naming a key set of one RSA key, on
// loopback. Tests sign tokens with that key (as Teams' tokens are signed) or with any other, so
// that authentication runs for real without a call to Microsoft.

import { generateKeyPairSync, randomUUID, sign, type KeyObject } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export const CHANNEL_ISSUER = 'https://api.botframework.com';

export interface SigningKeyStandIn {
  /** The OpenID metadata document's address (what the bot is given). */
  metadataUrl: string;
  /** The key set's own address (a JWKS), for token checks that read keys directly (the tab's sign-in). */
  keysUrl: string;
  /** The id of the published key. */
  keyId: string;
  /** Paths read, in order. */
  reads: string[];
  /** While true, every read is answered 503, as when the key source is down. */
  setUnavailable(unavailable: boolean): void;
  /** A JWT signed with the published key, or with `key` and `keyId` when given. */
  token(claims: Record<string, unknown>, options?: { key?: KeyObject; keyId?: string; alg?: string }): string;
  close(): Promise<void>;
}

export function randomSigningKey(): KeyObject {
  return generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
}

/** Claims of a channel token for the app, valid for an hour from now (wall clock, as botbuilder checks). */
export function channelClaims(appId: string, serviceUrl: string, overrides: Record<string, unknown> = {}) {
  const now = Math.floor(Date.now() / 1000);
  return { iss: CHANNEL_ISSUER, aud: appId, serviceurl: serviceUrl, nbf: now - 60, exp: now + 3600, ...overrides };
}

export function signToken(claims: Record<string, unknown>, key: KeyObject, keyId: string, alg = 'RS256'): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const unsigned = `${part({ alg, kid: keyId, typ: 'JWT' })}.${part(claims)}`;
  const hash = { RS256: 'sha256', RS384: 'sha384', RS512: 'sha512' }[alg];
  const signature = hash ? sign(hash, Buffer.from(unsigned), key).toString('base64url') : '';
  return `${unsigned}.${signature}`;
}

export async function startSigningKeyStandIn(): Promise<SigningKeyStandIn> {
  const key = randomSigningKey();
  const keyId = randomUUID();
  const { n, e } = key.export({ format: 'jwk' });
  const reads: string[] = [];
  let base = '';
  let unavailable = false;
  const server = http.createServer((req, res) => {
    reads.push(req.url ?? '');
    if (unavailable) {
      res.writeHead(503, { 'content-type': 'application/json' });
      res.end('{"error":"unavailable"}');
      return;
    }
    const body =
      req.url === '/openid'
        ? { issuer: CHANNEL_ISSUER, jwks_uri: `${base}/keys`, id_token_signing_alg_values_supported: ['RS256'] }
        : req.url === '/keys'
          ? { keys: [{ kty: 'RSA', use: 'sig', kid: keyId, n, e, endorsements: ['msteams'] }] }
          : undefined;
    res.writeHead(body ? 200 : 404, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body ?? { error: 'not found' }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    metadataUrl: `${base}/openid`,
    keysUrl: `${base}/keys`,
    keyId,
    reads,
    setUnavailable: (value) => {
      unavailable = value;
    },
    token: (claims, options = {}) => signToken(claims, options.key ?? key, options.keyId ?? keyId, options.alg),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
