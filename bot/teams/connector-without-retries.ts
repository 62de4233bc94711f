// botbuilder's connector client retries on its own: a 429 after exactly Retry-After (so throttled
// senders come back in lockstep) and a 502 with backoff (which duplicates a message that was in
// fact delivered). The app's send policy (bot/app/send-policy.ts) decides instead, so every
// connector client the adapter creates has the retry phase of its HTTP pipeline removed.

import { ConfigurationBotFrameworkAuthentication, type Activity } from 'botbuilder';
import type { AuthenticateRequestResult, ClaimsIdentity, ConnectorClient, ConnectorFactory } from 'botframework-connector';

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

class RetrylessConnectorFactory implements ConnectorFactory {
  constructor(
    private readonly inner: ConnectorFactory,
    private readonly onUnremovable: () => void,
  ) {}

  async create(serviceUrl: string, audience?: string): Promise<ConnectorClient> {
    const client = await this.inner.create(serviceUrl, audience);
    if (!removeRetries(client)) this.onUnremovable();
    return client;
  }
}

/** The adapter's authentication, handing out connector clients that never retry by themselves. */
export class RetrylessBotFrameworkAuthentication extends ConfigurationBotFrameworkAuthentication {
  private warned = false;

  constructor(
    credentialFactory: ConstructorParameters<typeof ConfigurationBotFrameworkAuthentication>[1],
    private readonly warn: (event: string) => void,
  ) {
    super({}, credentialFactory);
  }

  private wrap(factory: ConnectorFactory): ConnectorFactory {
    return new RetrylessConnectorFactory(factory, () => {
      if (this.warned) return;
      this.warned = true;
      this.warn('connector.retries-not-removed');
    });
  }

  override createConnectorFactory(claimsIdentity: ClaimsIdentity): ConnectorFactory {
    return this.wrap(super.createConnectorFactory(claimsIdentity));
  }

  override async authenticateRequest(activity: Activity, authHeader: string): Promise<AuthenticateRequestResult> {
    const result = await super.authenticateRequest(activity, authHeader);
    return result.connectorFactory ? { ...result, connectorFactory: this.wrap(result.connectorFactory) } : result;
  }

  override async authenticateStreamingRequest(authHeader: string, channelIdHeader: string): Promise<AuthenticateRequestResult> {
    const result = await super.authenticateStreamingRequest(authHeader, channelIdHeader);
    return result.connectorFactory ? { ...result, connectorFactory: this.wrap(result.connectorFactory) } : result;
  }
}
