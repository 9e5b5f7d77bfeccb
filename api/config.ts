/**
 * The configuration, read from the environment once, here and nowhere else, and validated.
 * A wrong value stops start-up with a message naming the variable and how to fix it.
 *
 * @example
 *   const config = loadConfig(process.env); // throws ConfigError on a bad value
 */
import { isAbsolute, join, resolve } from 'node:path';
import { z } from 'zod';

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'], { message: 'use true or false' })
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

/** A plain-http address on this machine: the only http issuer allowed (a test or local provider). */
export const LOOPBACK_HTTP = /^http:\/\/(127\.\d{1,3}\.\d{1,3}\.\d{1,3}|\[::1\]|localhost)(:\d+)?(\/|$)/;

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test'], { message: 'use development, production or test' }).default('development'),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: z.coerce.number({ message: 'use a port number such as 4321' }).int().min(0).max(65535, 'use a port number from 0 to 65535').default(4321),
  PUBLIC_URL: z.url({ message: 'use the full address people reach the portal at, such as https://privacy.example.be' }).optional(),
  DATA_DIR: z.string().min(1).default('data'),
  SITE_DIR: z.string().min(1).default('dist'),
  DATABASE_URL: z
    .string()
    .regex(/^(file:|libsql:|https?:|wss?:)/, 'use file:path/to/portal.db for the embedded database, or libsql://host for a libSQL server')
    .optional(),
  DATABASE_AUTH_TOKEN: z.string().min(1).optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], { message: 'use one of fatal, error, warn, info, debug, trace, silent' }).default('info'),
  HSTS: bool.default(false),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'use smtp://user:password@host:587 or smtps://host:465')
    .optional(),
  MAIL_FROM: z.string().min(3).default('Privacyportaal <no-reply@localhost>'),
  MASTER_KEY: z
    .string()
    .regex(/^[A-Za-z0-9+/]{43}=$/, 'use 32 random bytes in base64, e.g. the output of: openssl rand -base64 32')
    .optional(),
  SEAL_PRIVATE_KEY: z.string().includes('PRIVATE KEY', { message: 'use an Ed25519 private key in PEM (openssl genpkey -algorithm ed25519)' }).optional(),
  JOBS: bool.default(true),
  SUBMISSIONS_PER_HOUR: z.coerce.number({ message: 'use a whole number such as 20' }).int().min(1, 'use at least 1').default(20),
  TRUST_PROXY_HOPS: z.coerce.number({ message: 'use 0, or the number of proxies in front of the portal such as 1' }).int().min(0, 'use 0 or more').max(5, 'use at most 5').default(0),
  OIDC_ISSUER: z
    .url({ message: 'use the issuer address of the OpenID provider, such as https://login.example.be' })
    .refine((u) => u.startsWith('https://') || LOOPBACK_HTTP.test(u), 'use an https:// address (plain http only for a provider on this machine: 127.0.0.1, [::1] or localhost)')
    .optional(),
  OIDC_CLIENT_ID: z.string().min(1).optional(),
  OIDC_CLIENT_SECRET: z.string().min(1).optional(),
});

const OIDC_VARIABLES = ['OIDC_ISSUER', 'OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET'] as const;

export interface Config {
  env: 'development' | 'production' | 'test';
  host: string;
  port: number;
  publicUrl: string;
  dataDir: string;
  siteDir: string;
  databaseUrl: string;
  databaseAuthToken: string | undefined;
  logLevel: string;
  /** Send Strict-Transport-Security: only when the portal is reached over https. */
  hsts: boolean;
  /** Real SMTP when set; otherwise mail goes to the local mailbox under data/mail/. */
  smtpUrl: string | undefined;
  mailFrom: string;
  /** The master key for encryption at rest; the embedded default keeps one under data/keys/. */
  masterKey: string | undefined;
  sealPrivateKey: string | undefined;
  /** Run the scheduled jobs (mail, reminders, retention) in this process. */
  jobs: boolean;
  /** Requests one client may file per hour before getting 429. */
  submissionsPerHour: number;
  /**
   * Proxies (load balancers) in front of the portal that append the client's address to
   * X-Forwarded-For; 0 reads the address from the connection and ignores the header.
   */
  trustProxyHops: number;
  /** OpenID Connect sign-in for the workspace: all three variables set, or none (no OIDC). */
  oidc: { issuer: string; clientId: string; clientSecret: string } | undefined;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

export function loadConfig(env: Record<string, string | undefined>, cwd = process.cwd()): Config {
  // Empty strings count as unset, as in most shells' `VAR= npm start`.
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = envSchema.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${String(i.path[0])}=${JSON.stringify(cleaned[String(i.path[0])] ?? '')}: ${i.message}`);
    throw new ConfigError(`The configuration is not valid; fix these environment variables (see README, Configuration):\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const oidcSet = OIDC_VARIABLES.filter((k) => e[k] !== undefined);
  if (oidcSet.length > 0 && oidcSet.length < OIDC_VARIABLES.length) {
    const missing = OIDC_VARIABLES.filter((k) => e[k] === undefined);
    throw new ConfigError(
      `The configuration is not valid; fix these environment variables (see README, Configuration):\n${missing.map((k) => `  ${k}="": set it too, or unset ${oidcSet.join(' and ')}: OpenID Connect sign-in needs OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET together`).join('\n')}`,
    );
  }
  // Every link in an e-mail (status page, address confirmation, workspace) starts with it: in
  // production a default of localhost would send people links that lead nowhere.
  if (e.NODE_ENV === 'production' && e.PUBLIC_URL === undefined) {
    throw new ConfigError(
      'The configuration is not valid; fix these environment variables (see README, Configuration):\n  PUBLIC_URL="": set it in production to the full address people reach the portal at, such as https://privacy.example.be: the links in e-mails are built from it',
    );
  }
  const abs = (p: string) => (isAbsolute(p) ? p : resolve(cwd, p));
  const dataDir = abs(e.DATA_DIR);
  return {
    env: e.NODE_ENV,
    host: e.HOST,
    port: e.PORT,
    publicUrl: (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, ''),
    dataDir,
    siteDir: abs(e.SITE_DIR),
    databaseUrl: e.DATABASE_URL ?? `file:${join(dataDir, 'portal.db')}`,
    databaseAuthToken: e.DATABASE_AUTH_TOKEN,
    logLevel: e.LOG_LEVEL,
    hsts: e.HSTS,
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
    masterKey: e.MASTER_KEY,
    sealPrivateKey: e.SEAL_PRIVATE_KEY,
    jobs: e.JOBS,
    submissionsPerHour: e.SUBMISSIONS_PER_HOUR,
    trustProxyHops: e.TRUST_PROXY_HOPS,
    oidc: e.OIDC_ISSUER && e.OIDC_CLIENT_ID && e.OIDC_CLIENT_SECRET ? { issuer: e.OIDC_ISSUER, clientId: e.OIDC_CLIENT_ID, clientSecret: e.OIDC_CLIENT_SECRET } : undefined,
  };
}

/**
 * For the entry points (server and commands): the configuration from the environment, or the
 * message that says what to fix and exit code 78 (EX_CONFIG) — no stack trace for a typo.
 */
export function loadConfigOrExit(env: Record<string, string | undefined> = process.env): Config {
  try {
    return loadConfig(env);
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(e.message);
      process.exit(78);
    }
    throw e;
  }
}
