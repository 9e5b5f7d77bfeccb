/**
 * The document a request's seal signs: what was asked, by whom, of whom, and when. One function
 * for the three places that need it — the intake and the workspace's registration build it to
 * seal, the request page rebuilds it from the stored row to check the seal — so they cannot drift
 * apart. Canonical JSON (RFC 8785) of this object is what is hashed (api/seal/hash-request.ts).
 *
 * @example
 *   sealedRequestDocument({ reference: 'PR-…', receivedAt: Date.now(), channel: 'web', statement: 'crt', rights: ['access'], lang: 'uk', controller: 'ingent', personal })
 *   // { reference, receivedAt: '2026-…Z', statement, rights, lang, controller, personal } (no channel for the web form)
 */
export interface SealedRequestFields {
  reference: string;
  /** The instant of receipt, epoch ms. */
  receivedAt: number;
  /** How it came in; a web request's document leaves it out (as the first sealed requests did). */
  channel: 'web' | 'post' | 'email' | 'desk';
  statement: string;
  rights: readonly string[];
  lang: string;
  /** The controller the request first reached (transfers come later and are not sealed). */
  controller: string;
  /** The requester's personal data as stored (requests.personal, decrypted). */
  personal: unknown;
}

export function sealedRequestDocument(f: SealedRequestFields): object {
  // Through JSON once: undefined members drop out exactly as they would when stored and read back.
  return JSON.parse(
    JSON.stringify({
      reference: f.reference,
      receivedAt: new Date(f.receivedAt).toISOString(),
      ...(f.channel === 'web' ? {} : { channel: f.channel }),
      statement: f.statement,
      rights: f.rights,
      lang: f.lang,
      controller: f.controller,
      personal: f.personal,
    }),
  ) as object;
}
