// The connector clients botbuilder's CloudAdapter sends with: made once per app, service URL and
// audience and used again for every message (each carries an HTTP pipeline of its own), and
// always without botbuilder's own retries, which the app's send policy replaces.

import { ConfigurationServiceClientCredentialFactory } from 'botbuilder';
import { AuthenticationConstants, ClaimsIdentity } from 'botframework-connector';
import { RetrylessBotFrameworkAuthentication, removeRetries } from '../../../bot/teams/connector-without-retries';

const EMEA = 'https://smba.trafficmanager.net/emea/';
const AMER = 'https://smba.trafficmanager.net/amer/';
const AUDIENCE = 'https://api.botframework.com';

/** The identity CloudAdapter makes for a proactive message of the app. */
function appIdentity(appId: string): ClaimsIdentity {
  return new ClaimsIdentity(
    [
      { type: AuthenticationConstants.AudienceClaim, value: appId },
      { type: AuthenticationConstants.AppIdClaim, value: appId },
    ],
    true,
  );
}

describe('connector clients for sending', () => {
  const warnings: string[] = [];
  const authentication = new RetrylessBotFrameworkAuthentication(new ConfigurationServiceClientCredentialFactory({}), (event) => warnings.push(event));

  it('are made once per app, service URL and audience, and used again for every message', async () => {
    const first = await authentication.createConnectorFactory(appIdentity('app-1')).create(EMEA, AUDIENCE);
    const second = await authentication.createConnectorFactory(appIdentity('app-1')).create(EMEA, AUDIENCE);

    expect(second).toBe(first);
    expect(await authentication.createConnectorFactory(appIdentity('app-1')).create(AMER, AUDIENCE)).not.toBe(first);
    expect(await authentication.createConnectorFactory(appIdentity('app-2')).create(EMEA, AUDIENCE)).not.toBe(first);
    expect(await authentication.createConnectorFactory(appIdentity('app-1')).create(EMEA, 'https://api.botframework.us')).not.toBe(first);
  });

  it('never retry by themselves, also when used again', async () => {
    const client = await authentication.createConnectorFactory(appIdentity('app-3')).create(EMEA, AUDIENCE);
    const again = await authentication.createConnectorFactory(appIdentity('app-3')).create(EMEA, AUDIENCE);
    const pipeline = (again as unknown as { client: { pipeline: { getOrderedPolicies(): Array<{ name: string }> } } }).client.pipeline;

    expect(pipeline.getOrderedPolicies().map((p) => p.name).filter((name) => /retry/i.test(name))).toEqual([]);
    expect(removeRetries(client)).toBe(true);
    expect(warnings).toEqual([]);
  });

  it('keep one user token client per app', async () => {
    const first = await authentication.createUserTokenClient(appIdentity('app-1'));

    expect(await authentication.createUserTokenClient(appIdentity('app-1'))).toBe(first);
    expect(await authentication.createUserTokenClient(appIdentity('app-2'))).not.toBe(first);
  });
});
