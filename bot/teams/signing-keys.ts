// The keys the Bot Framework signs its tokens to the bot with, read from its OpenID metadata
// (the document names the key set). Kept for a day, as botbuilder keeps its own copy; a token
// naming a key not in the set makes the set be read again, at most every few minutes, so that
// forged tokens with made-up key ids cannot make the bot hammer the key source.

import { createPublicKey, type KeyObject } from 'node:crypto';

/** The key source could not be read (down, unreachable, or answering nonsense). */
export class KeySourceUnavailable extends Error {
  constructor(reason: string) {
    super(`the signing keys could not be read: ${reason}`);
    this.name = 'KeySourceUnavailable';
  }
}

/** A published key, and the channels it may sign for (none listed: any). */
export interface SigningKey {
  key: KeyObject;
  endorsements: string[];
}

export interface SigningKeys {
  /** The public key with this id, if the source publishes one; throws KeySourceUnavailable. */
  find(keyId: string): Promise<SigningKey | undefined>;
}

const KEEP_MS = 24 * 60 * 60_000;
const UNKNOWN_KEY_REFRESH_MS = 5 * 60_000;
const FETCH_TIMEOUT_MS = 5_000;

interface Jwk {
  kid?: unknown;
  kty?: unknown;
  n?: unknown;
  e?: unknown;
  endorsements?: unknown;
}

export class PublishedSigningKeys implements SigningKeys {
  private keys?: Map<string, SigningKey>;
  private readAt = -Infinity;
  private reading?: Promise<void>;

  constructor(
    private readonly metadataUrl: string,
    private readonly nowMs: () => number,
  ) {}

  async find(keyId: string): Promise<SigningKey | undefined> {
    const age = this.nowMs() - this.readAt;
    if (!this.keys || age >= KEEP_MS || (!this.keys.has(keyId) && age >= UNKNOWN_KEY_REFRESH_MS)) await this.refresh();
    return this.keys?.get(keyId);
  }

  /** One read at a time: requests arriving meanwhile wait for the same one. */
  private refresh(): Promise<void> {
    this.reading ??= this.read().finally(() => {
      this.reading = undefined;
    });
    return this.reading;
  }

  private async read(): Promise<void> {
    const metadata = await fetchJson(this.metadataUrl);
    const jwksUri = (metadata as { jwks_uri?: unknown }).jwks_uri;
    if (typeof jwksUri !== 'string' || !URL.canParse(jwksUri)) throw new KeySourceUnavailable('the metadata names no key set');
    const keySet = (await fetchJson(jwksUri)) as { keys?: unknown };
    if (!Array.isArray(keySet.keys)) throw new KeySourceUnavailable('the key set has no keys');
    this.keys = new Map(keySet.keys.flatMap((jwk: Jwk) => rsaKey(jwk)));
    this.readAt = this.nowMs();
  }
}

async function fetchJson(url: string): Promise<unknown> {
  let response: Response;
  try {
    response = await fetch(url, { signal: AbortSignal.timeout(FETCH_TIMEOUT_MS), redirect: 'error' });
  } catch (err) {
    throw new KeySourceUnavailable(err instanceof Error ? err.message : String(err));
  }
  if (!response.ok) throw new KeySourceUnavailable(`HTTP ${response.status}`);
  try {
    return await response.json();
  } catch {
    throw new KeySourceUnavailable('the answer is not JSON');
  }
}

/** An RSA key of the set as a public key; other kinds are left out (the tokens use RSA). */
function rsaKey(jwk: Jwk): Array<[string, SigningKey]> {
  if (typeof jwk?.kid !== 'string' || jwk.kty !== 'RSA' || typeof jwk.n !== 'string' || typeof jwk.e !== 'string') return [];
  const endorsements = Array.isArray(jwk.endorsements) ? jwk.endorsements.filter((e): e is string => typeof e === 'string') : [];
  try {
    return [[jwk.kid, { key: createPublicKey({ key: { kty: 'RSA', n: jwk.n, e: jwk.e }, format: 'jwk' }), endorsements }]];
  } catch {
    return [];
  }
}
