// What the bearer token of an inbound request must be before botbuilder validates it: a JWT
// from the Bot Framework's channel issuer, within its lifetime, signed by an algorithm
// botbuilder allows with one of the keys the Bot Framework publishes, endorsed for the
// activity's channel. botbuilder checks all of this again (and the audience and service URL),
// but prints stack traces and key material to the console for several of these refusals and
// answers a key-fetch failure with a 500; screened here, a forged token is refused quietly,
// with one log line.

import { verify } from 'node:crypto';
import type { SigningKeys } from './signing-keys';

export type TokenRefusal =
  | 'no-token'
  | 'malformed'
  | 'unsupported-algorithm'
  | 'untrusted-issuer'
  | 'expired'
  | 'not-yet-valid'
  | 'unknown-key'
  | 'bad-signature'
  | 'unendorsed-channel';

/** The algorithms botbuilder allows (AuthenticationConstants.AllowedSigningAlgorithms), by hash. */
const HASH_OF_ALGORITHM: Record<string, string> = { RS256: 'sha256', RS384: 'sha384', RS512: 'sha512' };
/** botbuilder's tolerance for clock skew on a channel token's times, in seconds. */
const CLOCK_TOLERANCE_S = 5 * 60;
/** Bot Framework tokens are about 1.5 KB; a header near Node's limit is not one. */
const MAX_TOKEN_LENGTH = 8 * 1024;
const BASE64URL = /^[A-Za-z0-9_-]+$/;

export interface TokenRules {
  /** The only issuer a Teams activity's token has (the Bot Framework channel). */
  issuer: string;
  keys: SigningKeys;
  /** The wall clock in milliseconds: botbuilder checks the same times against it. */
  nowMs: number;
  /** The activity's channel, which the signing key must be endorsed for when it lists any. */
  channelId: string;
}

type Claims = Record<string, unknown>;

/**
 * Why the Authorization header is refused, or undefined when it may go on to botbuilder.
 * Throws KeySourceUnavailable when the signing keys cannot be read.
 */
export async function screenToken(authorization: string | undefined, rules: TokenRules): Promise<TokenRefusal | undefined> {
  if (!authorization) return 'no-token';
  const [scheme, token, ...rest] = authorization.split(' ');
  if (scheme !== 'Bearer' || !token || rest.length > 0 || token.length > MAX_TOKEN_LENGTH) return 'malformed';
  const parts = token.split('.');
  if (parts.length !== 3 || !parts.every((p) => BASE64URL.test(p))) return 'malformed';
  const [headerPart, payloadPart, signaturePart] = parts;
  const header = decodePart(headerPart);
  const payload = decodePart(payloadPart);
  if (!header || !payload) return 'malformed';

  const hash = typeof header.alg === 'string' ? HASH_OF_ALGORITHM[header.alg] : undefined;
  if (!hash || typeof header.kid !== 'string') return 'unsupported-algorithm';
  if (payload.iss !== rules.issuer) return 'untrusted-issuer';
  const now = rules.nowMs / 1000;
  if (typeof payload.exp !== 'number' || now >= payload.exp + CLOCK_TOLERANCE_S) return 'expired';
  if (payload.nbf !== undefined && (typeof payload.nbf !== 'number' || payload.nbf > now + CLOCK_TOLERANCE_S)) return 'not-yet-valid';

  const found = await rules.keys.find(header.kid);
  if (!found) return 'unknown-key';
  const signed = Buffer.from(`${headerPart}.${payloadPart}`, 'ascii');
  if (!verify(hash, signed, found.key, Buffer.from(signaturePart, 'base64url'))) return 'bad-signature';
  if (found.endorsements.length > 0 && !found.endorsements.includes(rules.channelId)) return 'unendorsed-channel';
  return undefined;
}

function decodePart(part: string): Claims | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Claims) : undefined;
  } catch {
    return undefined;
  }
}
