import { createDecipheriv } from 'node:crypto';
import { EnvelopeError } from './envelope-error.ts';
import { ENVELOPE_VERSION, HEADER_BYTES, IV_BYTES, MIN_ENVELOPE_BYTES, OFFSET, TAG_BYTES } from './envelope-format.ts';
import type { KeyRing } from './types.ts';

/**
 * Opens an envelope made by `encryptEnvelope`, with the master key its header names.
 * Throws an `EnvelopeError`: `malformed` (too short), `unsupported_version`, `unknown_key` (no
 * key with that id in the ring), or `tampered` (any byte changed; nothing is returned then).
 *
 * @example
 *   decryptEnvelope(envelope, createKeyRing([current.key, retired.key]))
 */
export function decryptEnvelope(envelope: Uint8Array, keys: KeyRing): Buffer {
  const buf = Buffer.from(envelope.buffer, envelope.byteOffset, envelope.byteLength);
  if (buf.length < MIN_ENVELOPE_BYTES) throw new EnvelopeError('malformed', `An envelope has at least ${MIN_ENVELOPE_BYTES} bytes; this one has ${buf.length}.`);
  if (buf[OFFSET.version] !== ENVELOPE_VERSION) throw new EnvelopeError('unsupported_version', `Envelope version ${buf[OFFSET.version]} is not supported (expected ${ENVELOPE_VERSION}).`);
  const keyId = buf.toString('hex', OFFSET.keyId, OFFSET.wrapIv);
  const masterKey = keys.get(keyId);
  if (!masterKey) throw new EnvelopeError('unknown_key', `No master key with id ${keyId} is configured; was the key rotated without keeping the old one?`);

  const header = buf.subarray(0, HEADER_BYTES);
  let dataKey: Buffer | undefined;
  try {
    const unwrap = createDecipheriv('aes-256-gcm', masterKey, header.subarray(OFFSET.wrapIv, OFFSET.wrapIv + IV_BYTES));
    unwrap.setAAD(header.subarray(0, OFFSET.wrapIv));
    unwrap.setAuthTag(header.subarray(OFFSET.wrapTag, OFFSET.wrapTag + TAG_BYTES));
    dataKey = Buffer.concat([unwrap.update(header.subarray(OFFSET.wrappedKey, OFFSET.wrapTag)), unwrap.final()]);

    const open = createDecipheriv('aes-256-gcm', dataKey, header.subarray(OFFSET.dataIv, OFFSET.dataIv + IV_BYTES));
    open.setAAD(header);
    open.setAuthTag(buf.subarray(buf.length - TAG_BYTES));
    // GCM releases plaintext before the tag is checked; it is only returned after final() passes.
    return Buffer.concat([open.update(buf.subarray(HEADER_BYTES, buf.length - TAG_BYTES)), open.final()]);
  } catch {
    throw new EnvelopeError('tampered', `The envelope (key ${keyId}) failed authentication: it was changed, truncated, or the key is wrong.`);
  } finally {
    dataKey?.fill(0);
  }
}
