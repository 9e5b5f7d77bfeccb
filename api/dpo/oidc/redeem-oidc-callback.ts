/**
 * The second leg: the provider's answer on the callback URL is checked (state, issuer), the code
 * redeemed at the token endpoint with the PKCE verifier, and the ID token verified (signature,
 * issuer, audience, expiry, nonce) by openid-client. Returns the ID token's subject. Throws on
 * anything else: a provider error (`?error=access_denied`), a foreign state, a code used twice.
 *
 * @example
 *   const subject = await redeemOidcCallback(config, new URL('https://privacy.example.be/dpo/oidc/callback?code=…&state=…'), pending);
 */
import * as client from 'openid-client';
import type { PendingSignIn } from './pending-sign-in-cookie.ts';

export async function redeemOidcCallback(config: client.Configuration, callbackUrl: URL, pending: PendingSignIn): Promise<string> {
  const tokens = await client.authorizationCodeGrant(config, callbackUrl, {
    pkceCodeVerifier: pending.verifier,
    expectedState: pending.state,
    expectedNonce: pending.nonce,
    idTokenExpected: true,
  });
  const sub = tokens.claims()?.sub;
  if (!sub) throw new Error('the ID token has no subject');
  return sub;
}
