// How a failed authentication is answered: a refused token is a 401; signing keys that could
// not be read (by the bot's screen or by botbuilder) a 503, after which Teams sends again.

import { AuthenticationError } from 'botframework-connector';
import { authenticationFailure } from '../../../bot/teams/adapter';
import { KeySourceUnavailable } from '../../../bot/teams/signing-keys';

function named(name: string, message = 'x'): Error {
  const err = new Error(message);
  err.name = name;
  return err;
}

describe('a failed authentication', () => {
  it.each([
    ['botbuilder refusing the token', new AuthenticationError('Unauthorized. Invalid AppId passed on token: x', 401), 401],
    ["jsonwebtoken's refusal", named('JsonWebTokenError', 'invalid signature'), 401],
    ['an expired token botbuilder found', named('TokenExpiredError'), 401],
    ['a token not valid yet', named('NotBeforeError'), 401],
    ['the key source unreadable to the screen', new KeySourceUnavailable('HTTP 502'), 503],
    ["the key source unreachable to botbuilder's fetch", named('FetchError', 'request to https://login.botframework.com failed, reason: getaddrinfo ENOTFOUND'), 503],
    ['botbuilder failing to load the keys', new AuthenticationError('Failed to load Keys: 500', 500), 503],
  ])('is answered as it should be: %s', (_name, err, status) => {
    expect(authenticationFailure(err).status).toBe(status);
  });

  it('lets anything else through as the error it is', () => {
    const bug = new TypeError('cannot read properties of undefined');
    expect(() => authenticationFailure(bug)).toThrow(bug);
  });
});
