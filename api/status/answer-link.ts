/**
 * Download links for the answer documents on the status page: a link names the file and an
 * expiry time and carries an HMAC over the file id, the expiry and the request id, so it opens
 * that one file for a short while without the status token in the address. The key is derived
 * from the server secret under its own label, so it signs nothing else.
 *
 * @example
 *   const key = answerLinkKey(services.rateSecret);
 *   const url = answerLinkUrl(key, { fileId, requestId }, now, 'uk');
 *   // '/api/requests/answers/6f1c…?expires=1775000900000&sig=Qm9…&lang=uk'
 *   checkAnswerLink(key, { fileId, requestId }, { expires, sig }, now); // 'ok' | 'expired' | 'invalid'
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

/** How long a link works after the status page was loaded. */
export const ANSWER_LINK_TTL_MS = 15 * 60_000;

const LABEL = 'privacy-portal/answer-download-link/v1';

export interface AnswerLinkTarget {
  fileId: string;
  requestId: string;
}

/** The signing key for answer links, derived from a server secret. */
export function answerLinkKey(secret: Uint8Array): Buffer {
  return createHmac('sha256', secret).update(LABEL).digest();
}

function sign(key: Uint8Array, target: AnswerLinkTarget, expires: number): Buffer {
  return createHmac('sha256', key).update(`${target.fileId}\n${expires}\n${target.requestId}`).digest();
}

/** The link's expiry and signature, valid for ANSWER_LINK_TTL_MS from now. */
export function signAnswerLink(key: Uint8Array, target: AnswerLinkTarget, now: number): { expires: number; sig: string } {
  const expires = now + ANSWER_LINK_TTL_MS;
  return { expires, sig: sign(key, target, expires).toString('base64url') };
}

/** The path of a signed link (relative to the site's origin). */
export function answerLinkUrl(key: Uint8Array, target: AnswerLinkTarget, now: number, lang?: string): { url: string; expires: number } {
  const { expires, sig } = signAnswerLink(key, target, now);
  const langPart = lang ? `&lang=${encodeURIComponent(lang)}` : '';
  return { url: `/api/requests/answers/${encodeURIComponent(target.fileId)}?expires=${expires}&sig=${sig}${langPart}`, expires };
}

/**
 * Checks a link's query against the file it names. The signature is checked first (in constant
 * time): a changed id, expiry or signature is 'invalid', and only a genuine link can be 'expired'.
 */
export function checkAnswerLink(key: Uint8Array, target: AnswerLinkTarget, query: { expires?: string; sig?: string }, now: number): 'ok' | 'expired' | 'invalid' {
  if (!query.expires || !/^\d{1,16}$/.test(query.expires) || !query.sig || !/^[A-Za-z0-9_-]{43}$/.test(query.sig)) return 'invalid';
  const expires = Number(query.expires);
  // Compared as text: decoding would let the unused low bits of the last character vary.
  const given = Buffer.from(query.sig, 'utf8');
  const expected = Buffer.from(sign(key, target, expires).toString('base64url'), 'utf8');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return 'invalid';
  return now >= expires ? 'expired' : 'ok';
}
