/**
 * Why an envelope could not be opened. `tampered` covers every authentication failure: a changed
 * byte anywhere, a truncated file, or a key ring entry that is not the key the id names (AES-GCM
 * cannot tell these apart, and an attacker should not learn which it was).
 */
export type EnvelopeErrorCode = 'malformed' | 'unsupported_version' | 'unknown_key' | 'tampered';

export class EnvelopeError extends Error {
  override name = 'EnvelopeError';
  constructor(
    readonly code: EnvelopeErrorCode,
    message: string,
  ) {
    super(message);
  }
}
