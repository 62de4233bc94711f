// Builds botbuilder's CloudAdapter with the app's credentials and exposes what the server and
// the composition root need: an HTTP handler for /api/messages, a Messenger and a Directory.
// Without an app id inbound authentication is off: that is local mode, loopback only.

import {
  CertificateServiceClientCredentialsFactory,
  type ServiceClientCredentialsFactory,
} from 'botframework-connector';
import { readFileSync } from 'node:fs';
import { ActivityTypes, CloudAdapter, ConfigurationServiceClientCredentialFactory, INVOKE_RESPONSE_KEY, type TurnContext } from 'botbuilder';
/** restify's request and response, which have the status/send methods CloudAdapter calls. */
export type HttpRequest = { body?: unknown; headers: Record<string, string | string[] | undefined>; method?: string };
export type HttpResponse = { status(code: number): unknown; send(body?: unknown): unknown; end(): unknown };
import type { AppDeps } from '../app/deps';
import type { Config } from '../config';
import type { Logger } from '../app/logger';
import { localeFrom } from '../domain/locale';
import { t } from '../domain/messages';
import { SendPacing } from '../app/pacer';
import { DEFAULT_RETRY, SendPolicy } from '../app/send-policy';
import type { Directory, Messenger } from '../app/ports';
import type { InstallationStore } from '../../storage/ports';
import { TeamsDirectory, TeamsMessenger } from './teams-messenger';
import { RetrylessBotFrameworkAuthentication } from './connector-without-retries';
import type { CoordinatorOptions } from './coordinator-commands';
import { createTurnHandler } from './turn-handler';

export type TeamsCredentials = NonNullable<Config['credentials']>;

/** Outgoing calls are signed with the app's client secret or its certificate. */
function credentialFactory(credentials: TeamsCredentials | undefined): ServiceClientCredentialsFactory {
  if (!credentials) return new ConfigurationServiceClientCredentialFactory({});
  const { appId, secret, appType, appTenantId } = credentials;
  if (secret.kind === 'certificate') {
    return new CertificateServiceClientCredentialsFactory(appId, secret.thumbprint, readFileSync(secret.privateKeyFile, 'utf8'), appTenantId);
  }
  return new ConfigurationServiceClientCredentialFactory({
    MicrosoftAppId: appId,
    MicrosoftAppPassword: secret.password,
    MicrosoftAppType: appType,
    MicrosoftAppTenantId: appTenantId,
  });
}

export interface TeamsChannel {
  messenger: Messenger;
  directory: Directory;
  /** Handles POST /api/messages once the body has been parsed and checked. */
  handleActivity(req: HttpRequest, res: HttpResponse): Promise<void>;
  /** Wires the turn logic; called once the use cases' dependencies exist. */
  attach(deps: AppDeps, allowedTenants: string[] | 'any', coordinator: CoordinatorOptions): void;
}

export function createTeamsChannel(options: {
  credentials?: TeamsCredentials;
  installations: InstallationStore;
  log: Logger;
  now: () => Date;
  rateLimits: Config['rateLimits'];
  /** Attempts per request to the Bot Connector (the send policy retries, botbuilder does not). */
  maxAttempts?: number;
}): TeamsChannel {
  const { credentials, log } = options;
  const adapter = new CloudAdapter(
    new RetrylessBotFrameworkAuthentication(credentialFactory(credentials), (event) =>
      log.error(event, { reason: 'the connector client of this botbuilder version keeps its own retries' }),
    ),
  );
  adapter.onTurnError = async (context, error) => {
    log.error('turn.unhandled', { error: error instanceof Error ? error.message : String(error) });
    // An invoke left without an answer would make CloudAdapter answer 501: say it failed instead.
    if (context.activity.type === ActivityTypes.Invoke && !context.turnState.get(INVOKE_RESPONSE_KEY)) {
      const body = { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: t(localeFrom(context.activity.locale), 'failed') };
      await context.sendActivity({ type: ActivityTypes.InvokeResponse, value: { status: 200, body } });
    }
  };
  const appId = credentials?.appId ?? '';
  const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
  const pacing = new SendPacing(options.rateLimits, () => performance.now(), wait);
  const policy = new SendPolicy(pacing, { ...DEFAULT_RETRY, maxAttempts: options.maxAttempts ?? DEFAULT_RETRY.maxAttempts }, wait);
  let logic: ((context: TurnContext) => Promise<void>) | undefined;

  return {
    messenger: new TeamsMessenger(adapter, appId, policy, options.now),
    directory: new TeamsDirectory(adapter, appId, options.installations, log, options.now),
    attach(deps, allowedTenants, coordinator) {
      logic = createTurnHandler({ deps, allowedTenants, coordinator });
    },
    async handleActivity(req, res) {
      if (!logic) throw new Error('Teams channel used before attach()');
      if (credentials && !req.headers.authorization) {
        // Refused here rather than inside CloudAdapter, which would also print a stack trace.
        log.warn('activity.unauthenticated', {});
        res.status(401);
        res.end();
        return;
      }
      // CloudAdapter's types describe a generic request/response; Node's objects fit them.
      await adapter.process(req as never, res as never, logic);
    },
  };
}
