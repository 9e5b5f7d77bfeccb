/**
 * The OpenID provider as openid-client sees it: discovered (`/.well-known/openid-configuration`)
 * on first use, not at start-up, so a provider that is down does not stop the portal; kept for an
 * hour, and a failed discovery is not kept, so the next sign-in tries again.
 *
 * @example
 *   const provider = createProviderCache();
 *   const config = await provider({ issuer, clientId, clientSecret }, Date.now()); // throws OidcUnavailableError
 */
import * as client from 'openid-client';
import { LOOPBACK_HTTP } from '../../config.ts';

export interface OidcSettings {
  issuer: string;
  clientId: string;
  clientSecret: string;
}

/** The provider could not be reached or did not answer as a provider: the sign-in says 503. */
export class OidcUnavailableError extends Error {
  override name = 'OidcUnavailableError';
}

const KEEP_MS = 3_600_000;

export type ProviderCache = (settings: OidcSettings, now: number) => Promise<client.Configuration>;

export function createProviderCache(): ProviderCache {
  let kept: { key: string; at: number; config: Promise<client.Configuration> } | undefined;
  return (s, now) => {
    const key = JSON.stringify([s.issuer, s.clientId, s.clientSecret]);
    if (kept && kept.key === key && now - kept.at < KEEP_MS) return kept.config;
    const entry = { key, at: now, config: discoverProvider(s) };
    entry.config.catch(() => {
      if (kept === entry) kept = undefined;
    });
    kept = entry;
    return entry.config;
  };
}

async function discoverProvider(s: OidcSettings): Promise<client.Configuration> {
  // openid-client refuses plain http; the configuration allows it only for a provider on this
  // machine (a test or local provider), so it is allowed here exactly then and never otherwise.
  const execute = LOOPBACK_HTTP.test(s.issuer) ? [client.allowInsecureRequests] : [];
  try {
    return await client.discovery(new URL(s.issuer), s.clientId, { client_secret: s.clientSecret }, client.ClientSecretBasic(s.clientSecret), { execute, timeout: 10 });
  } catch (e) {
    throw new OidcUnavailableError(`OpenID provider ${s.issuer} could not be discovered`, { cause: e });
  }
}

/** Whether an error of a provider call means "not reachable now" rather than "refused". */
export function isUnavailable(e: unknown): boolean {
  if (e instanceof OidcUnavailableError) return true;
  if (e instanceof TypeError && e.message === 'fetch failed') return true;
  if (e instanceof Error && (e.name === 'TimeoutError' || e.name === 'AbortError')) return true;
  return e instanceof client.ClientError && e.code === 'OAUTH_RESPONSE_IS_NOT_CONFORM' && e.cause instanceof Response && e.cause.status >= 500;
}

/** The name on the sign-in button: the provider's host name (login.vlaanderen.be). */
export function providerName(issuer: string): string {
  return new URL(issuer).hostname;
}
