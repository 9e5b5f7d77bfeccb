/**
 * What the workspace routes share: their dependencies (read at call time, so a test can swap the
 * clock or the sleep) and the Hono variables the middlewares set.
 */
import type { Db } from '../../db/client.ts';
import type { Services } from '../services.ts';
import type { SignedInUser } from './roles.ts';

export type { WorkspaceLang } from '../../content/workspace-i18n.ts';
import type { WorkspaceLang } from '../../content/workspace-i18n.ts';

export interface DpoDeps {
  db: Db;
  publicUrl: string;
  services: Pick<Services, 'cipher' | 'now' | 'sleep' | 'blobs' | 'sealKey' | 'rateSecret'>;
  /** OpenID Connect sign-in, when configured (OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET). */
  oidc?: { issuer: string; clientId: string; clientSecret: string } | undefined;
}

export interface DpoEnv {
  Variables: {
    deps: DpoDeps;
    lang: WorkspaceLang;
    user: SignedInUser;
    csrfToken: string;
    sessionTokenHash: string;
    /** When the session last passed the second factor (ms): see RECENT_FACTOR_MS. */
    factorAt: number;
  };
}
