// The keys the Bot Framework signs its tokens to the bot with, read from its OpenID metadata
// (the document names the key set). Read again after a day, as botbuilder keeps its own copy; a
// token naming a key not in the set makes the set be read again, at most every few minutes, so
// that forged tokens with made-up key ids cannot make the bot hammer the key source. When a read
// fails, the keys read before are kept and served (they do not stop being valid because the
// source is down), and the next read waits a little too, so that while the source is down the
// requests arriving do not each try it.

import { createPublicKey, type KeyObject } from 'node:crypto';
import type { Logger } from '../app/logger';
import { errorMessage } from '../domain/errors';

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
  /**
   * The public key with this id, if the source publishes one (or published it when last read);
   * throws KeySourceUnavailable when no keys could be read yet.
   */
  find(keyId: string): Promise<SigningKey | undefined>;
}

const KEEP_MS = 24 * 60 * 60_000;
const UNKNOWN_KEY_REFRESH_MS = 5 * 60_000;
/** After a failed read, the next is tried no sooner than this. */
const RETRY_AFTER_FAILURE_MS = 30_000;
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
  /** When the keys were last read; -Infinity before the first read. */
  private readAt = -Infinity;
  /** The last read that failed, and when; cleared by a read that succeeds. */
  private failure?: { at: number; error: KeySourceUnavailable };
  private reading?: Promise<void>;

  constructor(
    private readonly metadataUrl: string,
    private readonly nowMs: () => number,
    private readonly log?: Logger,
  ) {}

  async find(keyId: string): Promise<SigningKey | undefined> {
    if (this.mayRead(keyId)) await this.refresh();
    if (!this.keys && this.failure) throw this.failure.error;
    return this.keys?.get(keyId);
  }

  /** Whether to read the keys now: none yet, a day old, or an unknown id; never soon after a failure. */
  private mayRead(keyId: string): boolean {
    const now = this.nowMs();
    if (this.failure && now - this.failure.at < RETRY_AFTER_FAILURE_MS) return false;
    const age = now - this.readAt;
    return !this.keys || age >= KEEP_MS || (!this.keys.has(keyId) && age >= UNKNOWN_KEY_REFRESH_MS);
  }

  /** One read at a time: requests arriving meanwhile wait for the same one. */
  private refresh(): Promise<void> {
    this.reading ??= this.read()
      .then(
        () => {
          this.failure = undefined;
        },
        (err: unknown) => this.failed(err),
      )
      .finally(() => {
        this.reading = undefined;
      });
    return this.reading;
  }

  private failed(err: unknown): void {
    const error = err instanceof KeySourceUnavailable ? err : new KeySourceUnavailable(errorMessage(err));
    this.failure = { at: this.nowMs(), error };
    // Without keys the request fails and says why in its own log line; with them it goes on.
    if (this.keys) this.log?.warn('signing-keys.read-failed', { reason: error.message, keptKeys: this.keys.size });
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
    throw new KeySourceUnavailable(errorMessage(err));
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
