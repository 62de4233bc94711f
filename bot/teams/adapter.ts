// Builds botbuilder's CloudAdapter with the app's credentials and exposes what the server and
// the composition root need: an HTTP handler for /api/messages, a Messenger and a Directory.
// Without an app id inbound authentication is off: that is local mode, loopback only.

import {
  AuthenticationConstants,
  AuthenticationError,
  CertificateServiceClientCredentialsFactory,
  type AuthenticateRequestResult,
  type ServiceClientCredentialsFactory,
} from 'botframework-connector';
import { readFileSync } from 'node:fs';
import {
  ActivityTypes,
  CallerIdConstants,
  CloudAdapter,
  ConfigurationServiceClientCredentialFactory,
  INVOKE_RESPONSE_KEY,
  type Activity,
  type TurnContext,
} from 'botbuilder';
/** restify's request and response, as far as the channel uses them. */
export type HttpRequest = { body?: unknown; headers: Record<string, string | string[] | undefined>; method?: string };
export type HttpResponse = { status(code: number): unknown; send(body?: unknown): unknown; end(): unknown };
import type { PacingTime } from '../app/clock';
import type { AppDeps } from '../app/deps';
import type { Config } from '../config';
import type { Logger } from '../app/logger';
import { localeFrom } from '../domain/locale';
import { t } from '../../cards/messages/index';
import { SendPacing } from '../app/sending/pacer';
import { DEFAULT_RETRY, SendPolicy } from '../app/sending/send-policy';
import type { Directory, Messenger } from '../app/ports';
import { messageBody, sendInvokeResponse } from './replies';
import { TeamsDirectory } from './teams-directory';
import { TeamsMessenger } from './teams-messenger';
import { RetrylessBotFrameworkAuthentication } from './connector-without-retries';
import { KeySourceUnavailable, PublishedSigningKeys } from './signing-keys';
import { screenToken } from './token-screen';
import type { CoordinatorOptions } from './coordinator-commands';
import { createTurnHandler } from './turn-handler';
import { errorMessage } from '../domain/errors';

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

/**
 * botbuilder's public-cloud endpoints, with the channel's signing keys read from another
 * OpenID metadata document when one is given (the tests serve their own keys on loopback).
 */
function botFrameworkEndpoints(openIdMetadataUrl: string | undefined): Record<string, string> {
  if (!openIdMetadataUrl) return {};
  // Once one endpoint is given botbuilder expects them all.
  return {
    ToChannelFromBotLoginUrl: AuthenticationConstants.ToChannelFromBotLoginUrl,
    ToChannelFromBotOAuthScope: AuthenticationConstants.ToChannelFromBotOAuthScope,
    ToBotFromChannelTokenIssuer: AuthenticationConstants.ToBotFromChannelTokenIssuer,
    OAuthUrl: AuthenticationConstants.OAuthUrl,
    ToBotFromChannelOpenIdMetadataUrl: openIdMetadataUrl,
    ToBotFromEmulatorOpenIdMetadataUrl: openIdMetadataUrl,
    CallerId: CallerIdConstants.PublicAzureChannel,
  };
}

/** CloudAdapter running the turn of an activity whose request the channel authenticated itself. */
class AuthenticatedCloudAdapter extends CloudAdapter {
  runTurn(authenticated: AuthenticateRequestResult, activity: Activity, logic: (context: TurnContext) => Promise<void>) {
    // What CloudAdapter.process does to a parsed body before its turn: times become Dates.
    const times = activity as unknown as Record<string, unknown>;
    for (const key of ['timestamp', 'localTimestamp', 'expiration']) {
      const raw = times[key];
      if (typeof raw !== 'string') continue;
      times[`raw${key[0].toUpperCase()}${key.slice(1)}`] = raw;
      times[key] = new Date(raw);
    }
    return this.processActivity(authenticated, activity, logic);
  }
}

/** How a request that could not be authenticated is answered. */
export type AuthenticationFailure = { status: 401 | 503; reason: string };

/** jsonwebtoken's refusals, which botbuilder lets through as they are. */
const TOKEN_ERRORS = new Set(['JsonWebTokenError', 'TokenExpiredError', 'NotBeforeError']);

/**
 * A failed authentication as an answer: the token refused (401), or the signing keys unreadable
 * (503: a server-side condition, after which Teams sends the activity again, where a 401 would
 * make it drop a genuine one). Anything else is not an authentication failure and is thrown on.
 */
export function authenticationFailure(err: unknown): AuthenticationFailure {
  const name = (err as { name?: unknown })?.name;
  // node-fetch's FetchError and botbuilder's "Failed to load Keys" (an AuthenticationError with 500).
  if (err instanceof KeySourceUnavailable || name === 'FetchError') return { status: 503, reason: 'signing-keys-unavailable' };
  if (err instanceof AuthenticationError) {
    return err.statusCode >= 500 ? { status: 503, reason: 'signing-keys-unavailable' } : { status: 401, reason: 'refused-by-botbuilder' };
  }
  if (typeof name === 'string' && TOKEN_ERRORS.has(name)) return { status: 401, reason: 'refused-by-botbuilder' };
  throw err;
}

const UNAUTHORIZED_BODY = { error: 'unauthorized' };
const UNAVAILABLE_BODY = { error: 'the request cannot be authenticated now; try again later' };

function answer(res: HttpResponse, status: number, body?: unknown): void {
  res.status(status);
  if (body !== undefined) res.send(body);
  res.end();
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

const PROCESS_TIME: PacingTime = {
  now: () => performance.now(),
  wait: (ms) => new Promise<void>((resolve) => setTimeout(resolve, ms)),
};

export function createTeamsChannel(options: {
  credentials?: TeamsCredentials;
  installations: AppDeps['stores']['installations'];
  log: Logger;
  now: () => Date;
  /** The wall clock: botbuilder checks a token's times against it, so the token screen does too. */
  wallClock: () => Date;
  rateLimits: Config['rateLimits'];
  /** Attempts per request to the Bot Connector (the send policy retries, botbuilder does not). */
  maxAttempts?: number;
  /** Where the channel's signing keys are published; the Bot Framework's own document unless given. */
  openIdMetadataUrl?: string;
  /** What sends are paced and retried by; the process's own time unless given. */
  pacingTime?: PacingTime;
}): TeamsChannel {
  const { credentials, log } = options;
  const authentication = new RetrylessBotFrameworkAuthentication(
    credentialFactory(credentials),
    (event) => log.error(event, { reason: 'the connector client of this botbuilder version keeps its own retries' }),
    botFrameworkEndpoints(options.openIdMetadataUrl),
  );
  const adapter = new AuthenticatedCloudAdapter(authentication);
  const keys = new PublishedSigningKeys(
    options.openIdMetadataUrl ?? AuthenticationConstants.ToBotFromChannelOpenIdMetadataUrl,
    () => options.wallClock().getTime(),
    log,
  );
  adapter.onTurnError = async (context, error) => {
    log.error('turn.unhandled', { error: errorMessage(error) });
    // An invoke left without an answer would make CloudAdapter answer 501: say it failed instead.
    if (context.activity.type === ActivityTypes.Invoke && !context.turnState.get(INVOKE_RESPONSE_KEY)) {
      await sendInvokeResponse(context, 200, messageBody(t(localeFrom(context.activity.locale), 'failed')));
    }
  };
  const appId = credentials?.appId ?? '';
  const time = options.pacingTime ?? PROCESS_TIME;
  const wait = (ms: number) => time.wait(ms);
  const pacing = new SendPacing(options.rateLimits, () => time.now(), wait);
  const policy = new SendPolicy(pacing, { ...DEFAULT_RETRY, maxAttempts: options.maxAttempts ?? DEFAULT_RETRY.maxAttempts }, wait);
  let logic: ((context: TurnContext) => Promise<void>) | undefined;

  /**
   * Who sent the request, or undefined once it has been refused (401, or 503 when the signing
   * keys cannot be read). In local mode botbuilder vouches for nobody and lets every request in.
   */
  async function authenticate(activity: Activity, authorization: string | undefined, res: HttpResponse): Promise<AuthenticateRequestResult | undefined> {
    let failure: AuthenticationFailure;
    let detail: string | undefined;
    try {
      const refusal = credentials
        ? await screenToken(authorization, {
            issuer: AuthenticationConstants.ToBotFromChannelTokenIssuer,
            keys,
            nowMs: options.wallClock().getTime(),
            channelId: activity.channelId,
          })
        : undefined;
      if (!refusal) return await authentication.authenticateRequest(activity, authorization ?? '');
      failure = { status: 401, reason: refusal };
    } catch (err) {
      failure = authenticationFailure(err);
      detail = errorMessage(err);
    }
    refuse(res, failure, detail);
    return undefined;
  }

  /** One log line, and an answer that says nothing of the keys, the token or the network. */
  function refuse(res: HttpResponse, failure: AuthenticationFailure, detail: string | undefined): void {
    if (failure.status === 503) log.error('activity.authentication-unavailable', { error: detail });
    else log.warn('activity.unauthenticated', { reason: failure.reason, detail });
    answer(res, failure.status, failure.status === 503 ? UNAVAILABLE_BODY : UNAUTHORIZED_BODY);
  }

  return {
    messenger: new TeamsMessenger(adapter, appId, policy, options.now),
    directory: new TeamsDirectory(adapter, appId, options.installations, log, options.now),
    attach(deps, allowedTenants, coordinator) {
      logic = createTurnHandler({ deps, allowedTenants, coordinator });
    },
    async handleActivity(req, res) {
      if (!logic) throw new Error('Teams channel used before attach()');
      const activity = req.body as Activity;
      const authenticated = await authenticate(activity, headerValue(req.headers.authorization), res);
      if (!authenticated) return;
      const invokeResponse = await adapter.runTurn(authenticated, activity, logic);
      answer(res, invokeResponse?.status ?? 200, invokeResponse?.body);
    },
  };
}
