// botbuilder's connector client retries on its own: a 429 after exactly Retry-After (so throttled
// senders come back in lockstep) and a 502 with backoff (which duplicates a message that was in
// fact delivered). The app's send policy (bot/app/sending/send-policy.ts) decides instead, so every
// connector client the adapter creates has the retry phase of its HTTP pipeline removed.
//
// CloudAdapter also builds a new connector client and user token client, each with its own HTTP
// pipeline of a dozen policies, for every proactive message; at 30 messages a second that is the
// largest block of what a round's opening allocates after the cards. They depend only on the app
// id, the service URL and the audience (tokens are fetched and renewed per request by the
// credentials), so one of each is kept and used again, as botbuilder's older
// BotFrameworkAdapter did with its connector clients.

import { ConfigurationBotFrameworkAuthentication, type Activity } from 'botbuilder';
import {
  AuthenticationConstants,
  type AuthenticateRequestResult,
  type ClaimsIdentity,
  type ConnectorClient,
  type ConnectorFactory,
  type UserTokenClient,
} from 'botframework-connector';

/** The HTTP pipeline of @azure/core-rest-pipeline, as far as it is used here. */
interface Pipeline {
  removePolicy(options: { name?: string; phase?: 'Serialize' | 'Retry' | 'Sign' | 'Deserialize' }): unknown[];
  getOrderedPolicies(): Array<{ name: string }>;
}

/**
 * Removes the retry policies from a connector client. The pipeline is not part of botbuilder's
 * typed surface (ServiceClientContext keeps it in a private field), hence the checks: when it is
 * not where botbuilder 4.23 keeps it, the caller is told rather than left with silent retries.
 */
export function removeRetries(client: ConnectorClient): boolean {
  const pipeline = (client as unknown as { client?: { pipeline?: Pipeline } }).client?.pipeline;
  if (!pipeline || typeof pipeline.removePolicy !== 'function') return false;
  pipeline.removePolicy({ phase: 'Retry' });
  return !pipeline.getOrderedPolicies().some((p) => /retry/i.test(p.name));
}

/** Service URLs are one per region in practice; the bound only keeps a misuse from growing. */
const MAX_KEPT_CLIENTS = 64;

/** Kept clients by key, the oldest dropped first once there are too many. */
class KeptClients<T> {
  private readonly clients = new Map<string, Promise<T>>();

  get(key: string, create: () => Promise<T>): Promise<T> {
    let client = this.clients.get(key);
    if (!client) {
      client = create();
      // A client that could not be made is not kept: the next call tries again.
      client.catch(() => this.clients.delete(key));
      this.clients.set(key, client);
      if (this.clients.size > MAX_KEPT_CLIENTS) this.clients.delete(this.clients.keys().next().value!);
    }
    return client;
  }
}

/** The app id a connector or user token client acts for, as botbuilder reads it from the claims. */
function appIdOf(claimsIdentity: ClaimsIdentity): string {
  return (
    claimsIdentity.getClaimValue(AuthenticationConstants.AudienceClaim) ??
    claimsIdentity.getClaimValue(AuthenticationConstants.AppIdClaim) ??
    ''
  );
}

class RetrylessConnectorFactory implements ConnectorFactory {
  constructor(
    private readonly inner: ConnectorFactory,
    private readonly appId: string,
    private readonly kept: KeptClients<ConnectorClient>,
    private readonly onUnremovable: () => void,
  ) {}

  create(serviceUrl: string, audience?: string): Promise<ConnectorClient> {
    return this.kept.get(JSON.stringify([this.appId, serviceUrl, audience ?? null]), async () => {
      const client = await this.inner.create(serviceUrl, audience);
      if (!removeRetries(client)) this.onUnremovable();
      return client;
    });
  }
}

/** The adapter's authentication, handing out connector clients that never retry by themselves. */
export class RetrylessBotFrameworkAuthentication extends ConfigurationBotFrameworkAuthentication {
  private warned = false;
  private readonly connectorClients = new KeptClients<ConnectorClient>();
  private readonly userTokenClients = new KeptClients<UserTokenClient>();

  constructor(
    credentialFactory: ConstructorParameters<typeof ConfigurationBotFrameworkAuthentication>[1],
    private readonly warn: (event: string) => void,
    endpoints: ConstructorParameters<typeof ConfigurationBotFrameworkAuthentication>[0] = {},
  ) {
    super(endpoints, credentialFactory);
  }

  private wrap(factory: ConnectorFactory, claimsIdentity: ClaimsIdentity): ConnectorFactory {
    return new RetrylessConnectorFactory(factory, appIdOf(claimsIdentity), this.connectorClients, () => {
      if (this.warned) return;
      this.warned = true;
      this.warn('connector.retries-not-removed');
    });
  }

  override createConnectorFactory(claimsIdentity: ClaimsIdentity): ConnectorFactory {
    return this.wrap(super.createConnectorFactory(claimsIdentity), claimsIdentity);
  }

  override createUserTokenClient(claimsIdentity: ClaimsIdentity): Promise<UserTokenClient> {
    return this.userTokenClients.get(appIdOf(claimsIdentity), () => super.createUserTokenClient(claimsIdentity));
  }

  override async authenticateRequest(activity: Activity, authHeader: string): Promise<AuthenticateRequestResult> {
    const result = await super.authenticateRequest(activity, authHeader);
    return result.connectorFactory ? { ...result, connectorFactory: this.wrap(result.connectorFactory, result.claimsIdentity) } : result;
  }

  override async authenticateStreamingRequest(authHeader: string, channelIdHeader: string): Promise<AuthenticateRequestResult> {
    const result = await super.authenticateStreamingRequest(authHeader, channelIdHeader);
    return result.connectorFactory ? { ...result, connectorFactory: this.wrap(result.connectorFactory, result.claimsIdentity) } : result;
  }
}
