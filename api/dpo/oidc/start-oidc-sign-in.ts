/**
 * The first leg of the authorization code flow: fresh state, nonce and PKCE verifier (S256),
 * and the provider's authorization URL that carries their public halves.
 *
 * @example
 *   const { url, pending } = await startOidcSignIn(config, { redirectUri: 'https://privacy.example.be/dpo/oidc/callback', lang: 'nl' });
 */
import * as client from 'openid-client';
import type { WorkspaceLang } from '../dpo-env.ts';
import type { PendingSignIn } from './pending-sign-in-cookie.ts';

export async function startOidcSignIn(config: client.Configuration, o: { redirectUri: string; lang: WorkspaceLang }): Promise<{ url: URL; pending: PendingSignIn }> {
  const pending: PendingSignIn = { state: client.randomState(), nonce: client.randomNonce(), verifier: client.randomPKCECodeVerifier(), lang: o.lang };
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: o.redirectUri,
    response_type: 'code',
    scope: 'openid',
    state: pending.state,
    nonce: pending.nonce,
    code_challenge: await client.calculatePKCECodeChallenge(pending.verifier),
    code_challenge_method: 'S256',
    ui_locales: o.lang,
  });
  return { url, pending };
}
