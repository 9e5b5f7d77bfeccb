/**
 * A real OpenID provider for tests: oidc-provider on 127.0.0.1 with a random port, one static
 * confidential client, development login and consent pages, and any login name accepted as an
 * account whose `sub` is that name.
 *
 * @example
 *   const op = await startOidcProvider({ redirectUris: ['https://privacy.test/dpo/oidc/callback'] });
 *   // OIDC_ISSUER: op.issuer, OIDC_CLIENT_ID: OIDC_CLIENT_ID, OIDC_CLIENT_SECRET: OIDC_CLIENT_SECRET
 *   await op.close();
 */
import { generateKeyPairSync } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
// @ts-expect-error -- oidc-provider ships no type declarations
import Provider from 'oidc-provider';

export const OIDC_CLIENT_ID = 'privacy-portal';
export const OIDC_CLIENT_SECRET = 'a-long-enough-client-secret-for-the-test-provider';

export interface RunningOidcProvider {
  /** http://127.0.0.1:PORT */
  issuer: string;
  close(): Promise<void>;
}

export async function startOidcProvider(o: { redirectUris: string[] }): Promise<RunningOidcProvider> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: OIDC_CLIENT_ID,
        client_secret: OIDC_CLIENT_SECRET,
        redirect_uris: o.redirectUris,
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_basic',
      },
    ],
    // Any login name is an account: the sub is what the test types into the login form.
    findAccount: (_ctx: unknown, sub: string) => ({ accountId: sub, claims: () => ({ sub }) }),
    jwks: { keys: [{ ...privateKey.export({ format: 'jwk' }), kid: 'test', use: 'sig', alg: 'RS256' }] },
    cookies: { keys: ['oidc-test-cookie-key'] },
    features: { devInteractions: { enabled: true } },
    ttl: { Interaction: 600, Session: 600, Grant: 600, AccessToken: 600, IdToken: 600, AuthorizationCode: 60 },
  });
  server.on('request', provider.callback());
  return {
    issuer,
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
