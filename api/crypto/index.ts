/** Envelope encryption of stored files: see envelope-format.ts for the layout. */
export { computeKeyId, KEY_BYTES } from './compute-key-id.ts';
export { createKeyRing } from './create-key-ring.ts';
export { decryptEnvelope } from './decrypt-envelope.ts';
export { encryptEnvelope } from './encrypt-envelope.ts';
export { EnvelopeError, type EnvelopeErrorCode } from './envelope-error.ts';
export { loadOrCreateMasterKey, MasterKeyError, type LoadedMasterKey, type MasterKeySource } from './load-or-create-master-key.ts';
export type { KeyRing, MasterKey } from './types.ts';
export { createCipher } from './create-cipher.ts';
