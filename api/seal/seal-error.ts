/**
 * The one error type of the seal feature. Messages tell an operator what to do and never include
 * key material.
 */
export type SealErrorCode =
  | 'configured_key_invalid'
  | 'configured_key_not_ed25519'
  | 'key_file_unreadable'
  | 'key_file_uncreatable'
  | 'key_file_invalid'
  | 'key_file_not_ed25519'
  | 'key_file_too_open'
  | 'request_not_object'
  | 'file_invalid';

export class SealError extends Error {
  override name = 'SealError';
  readonly code: SealErrorCode;
  constructor(code: SealErrorCode, message: string) {
    super(message);
    this.code = code;
  }
}
