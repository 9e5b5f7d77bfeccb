/**
 * What the callback needs to check the provider's answer (state, nonce, PKCE verifier) and the
 * language to answer in, kept between /dpo/oidc/start and /dpo/oidc/callback in the browser:
 * a `__Host-` cookie, HMAC-signed with a key derived from the master key, valid 10 minutes.
 * SameSite=Lax, not Strict: the callback is a top-level navigation coming from the provider.
 *
 * @example
 *   const value = sealPendingSignIn(secret, { state, nonce, verifier, lang: 'nl' }, now);
 *   openPendingSignIn(secret, value, now); // the same fields, or null (tampered, expired, absent)
 */
import { createHmac } from 'node:crypto';
import { z } from 'zod';
import type { WorkspaceLang } from '../dpo-env.ts';
import { sameSecret } from '../tokens.ts';

export const PENDING_COOKIE = '__Host-dpo_oidc';
export const PENDING_MS = 10 * 60_000;

export interface PendingSignIn {
  state: string;
  nonce: string;
  verifier: string;
  lang: WorkspaceLang;
}

const b64 = z.string().regex(/^[A-Za-z0-9_-]{20,128}$/);
const payloadSchema = z.strictObject({ state: b64, nonce: b64, verifier: b64, lang: z.enum(['nl', 'en']), expiresAt: z.number().int() });

function mac(secret: Uint8Array, body: string): string {
  const key = createHmac('sha256', secret).update('dpo-oidc-pending\0').digest();
  return createHmac('sha256', key).update(body).digest('base64url');
}

export function sealPendingSignIn(secret: Uint8Array, p: PendingSignIn, now: number): string {
  const body = Buffer.from(JSON.stringify({ ...p, expiresAt: now + PENDING_MS })).toString('base64url');
  return `${body}.${mac(secret, body)}`;
}

export function openPendingSignIn(secret: Uint8Array, value: string | undefined, now: number): PendingSignIn | null {
  if (!value || value.length > 1000) return null;
  const [body, sig, extra] = value.split('.');
  if (!body || !sig || extra !== undefined || !sameSecret(sig, mac(secret, body))) return null;
  let parsed;
  try {
    parsed = payloadSchema.safeParse(JSON.parse(Buffer.from(body, 'base64url').toString('utf8')));
  } catch {
    return null;
  }
  if (!parsed.success || now >= parsed.data.expiresAt) return null;
  const { expiresAt: _, ...pending } = parsed.data;
  return pending;
}
