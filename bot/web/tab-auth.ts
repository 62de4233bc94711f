// Who is asking the tab's API. In Teams the page sends a Teams SSO token, an Entra ID access
// token for the app's exposed API: its signature is checked against the tenant's published
// signing keys (read once and cached by jose, refreshed when a token names an unknown key), its
// issuer (v2 or v1, of the token's own tenant), audience (`api://{host}/{app id}` or the app id),
// lifetime, and tenant (the allow-list). The person is then matched to the register by the
// token's addresses, as the bot matches people. In local mode there are no tokens: the page
// names a person of the register (`X-Sign-In-As`), which is refused anywhere else.

import { createRemoteJWKSet, decodeJwt, errors, jwtVerify, type JWTPayload } from 'jose';
import type { Actor } from '../domain/permissions';
import { normalizeAddress } from '../domain/register';

/** Why a request was not signed in: each is a 401, except `keys-unavailable` (503, try again). */
export type SignInProblem =
  | 'no-token'
  | 'malformed'
  | 'wrong-tenant'
  | 'wrong-issuer'
  | 'wrong-audience'
  | 'expired'
  | 'bad-signature'
  | 'unknown-key'
  | 'no-user'
  | 'sign-in-as-refused'
  | 'token-in-local-mode'
  | 'unknown-person'
  | 'keys-unavailable';

export type SignIn = { kind: 'signed-in'; actor: Actor } | { kind: 'refused'; problem: SignInProblem; who?: string };

export interface TokenSettings {
  appId: string;
  /** Where Teams reaches the bot: its host is in the API's identifier, `api://{host}/{app id}`. */
  publicBaseUrl: string;
  allowedTenants: string[];
  /** The JWKS address of the signing keys. */
  keysUrl: string;
  /** The wall clock tokens are checked against (they carry real time, whatever the bot's clock says). */
  now: () => Date;
}

/** The request headers that sign in. */
export interface SignInHeaders {
  authorization?: string;
  signInAs?: string;
}

/** Checks Teams SSO tokens; `X-Sign-In-As` is refused. */
export function tokenSignIn(settings: TokenSettings): (headers: SignInHeaders) => Promise<SignIn> {
  const keys = createRemoteJWKSet(new URL(settings.keysUrl));
  const audience = [`api://${new URL(settings.publicBaseUrl).host}/${settings.appId}`, settings.appId];
  const tenants = new Set(settings.allowedTenants.map((t) => t.toLowerCase()));
  return async ({ authorization, signInAs }) => {
    if (signInAs !== undefined) return { kind: 'refused', problem: 'sign-in-as-refused' };
    const token = /^Bearer ([\w-]+\.[\w-]+\.[\w-]+)$/.exec(authorization ?? '')?.[1];
    if (!authorization) return { kind: 'refused', problem: 'no-token' };
    if (!token) return { kind: 'refused', problem: 'malformed' };
    let claims: JWTPayload;
    try {
      claims = decodeJwt(token);
    } catch {
      return { kind: 'refused', problem: 'malformed' };
    }
    const who = typeof claims.oid === 'string' ? claims.oid : undefined;
    const tid = typeof claims.tid === 'string' ? claims.tid.toLowerCase() : '';
    if (!tenants.has(tid)) return { kind: 'refused', problem: 'wrong-tenant', who };
    try {
      const { payload } = await jwtVerify(token, keys, {
        algorithms: ['RS256'],
        issuer: [`https://login.microsoftonline.com/${tid}/v2.0`, `https://sts.windows.net/${tid}/`],
        audience,
        currentDate: settings.now(),
        requiredClaims: ['exp'],
      });
      const actor = actorOf(payload);
      return actor ? { kind: 'signed-in', actor } : { kind: 'refused', problem: 'no-user', who };
    } catch (err) {
      return { kind: 'refused', problem: problemOf(err), who };
    }
  };
}

/** What a failed check means, in the words the log and the audit trail use. */
function problemOf(err: unknown): SignInProblem {
  if (err instanceof errors.JWTExpired) return 'expired';
  if (err instanceof errors.JWTClaimValidationFailed) return err.claim === 'iss' ? 'wrong-issuer' : err.claim === 'aud' ? 'wrong-audience' : 'malformed';
  if (err instanceof errors.JWSSignatureVerificationFailed) return 'bad-signature';
  if (err instanceof errors.JWKSNoMatchingKey || err instanceof errors.JWKSMultipleMatchingKeys) return 'unknown-key';
  if (
    err instanceof errors.JWTInvalid ||
    err instanceof errors.JWSInvalid ||
    err instanceof errors.JOSEAlgNotAllowed ||
    err instanceof errors.JOSENotSupported ||
    err instanceof errors.JWKInvalid
  ) {
    return 'malformed';
  }
  // The key set could not be read (refused, network, timeout, not a key set): nothing is known of the token.
  return 'keys-unavailable';
}

/** The person a verified token stands for: their directory id and every address it names. */
function actorOf(claims: JWTPayload): Actor | undefined {
  const oid = typeof claims.oid === 'string' ? claims.oid : undefined;
  const addresses = [claims.preferred_username, claims.upn, claims.email]
    .filter((a): a is string => typeof a === 'string' && a.includes('@'))
    .map(normalizeAddress);
  if (!oid || addresses.length === 0) return undefined;
  return { aadObjectId: oid, name: typeof claims.name === 'string' ? claims.name : addresses[0], addresses: [...new Set(addresses)] };
}

/** Local mode: the person named by `X-Sign-In-As`, looked up by `find`; a token is refused. */
export function localSignIn(find: (personId: string) => Promise<Actor | undefined>): (headers: SignInHeaders) => Promise<SignIn> {
  return async ({ authorization, signInAs }) => {
    if (authorization !== undefined) return { kind: 'refused', problem: 'token-in-local-mode' };
    if (!signInAs) return { kind: 'refused', problem: 'no-token' };
    const actor = await find(signInAs);
    return actor ? { kind: 'signed-in', actor } : { kind: 'refused', problem: 'unknown-person' };
  };
}
