import { createCipheriv, randomBytes } from 'node:crypto';
import { KEY_BYTES, KEY_ID_PATTERN } from './compute-key-id.ts';
import { ENVELOPE_VERSION, HEADER_BYTES, IV_BYTES, OFFSET } from './envelope-format.ts';
import type { MasterKey } from './types.ts';

/**
 * Encrypts one item: a fresh random data key encrypts the content, and the master key wraps the
 * data key (format in envelope-format.ts).
 *
 * @example
 *   const envelope = encryptEnvelope(new TextEncoder().encode('hello'), master);
 *   decryptEnvelope(envelope, createKeyRing([master.key])).toString() // 'hello'
 */
export function encryptEnvelope(plain: Uint8Array, master: MasterKey): Buffer {
  if (master.key.length !== KEY_BYTES) throw new RangeError(`The master key must be ${KEY_BYTES} bytes; got ${master.key.length}.`);
  if (!KEY_ID_PATTERN.test(master.id)) throw new RangeError(`A key id is 8 lowercase hex characters; got "${master.id}".`);
  const dataKey = randomBytes(KEY_BYTES);
  const header = Buffer.alloc(HEADER_BYTES);
  header[OFFSET.version] = ENVELOPE_VERSION;
  header.write(master.id, OFFSET.keyId, 'hex');
  randomBytes(IV_BYTES).copy(header, OFFSET.wrapIv);
  randomBytes(IV_BYTES).copy(header, OFFSET.dataIv);

  const wrap = createCipheriv('aes-256-gcm', master.key, header.subarray(OFFSET.wrapIv, OFFSET.wrapIv + IV_BYTES));
  wrap.setAAD(header.subarray(0, OFFSET.wrapIv));
  wrap.update(dataKey).copy(header, OFFSET.wrappedKey);
  wrap.final();
  wrap.getAuthTag().copy(header, OFFSET.wrapTag);

  const seal = createCipheriv('aes-256-gcm', dataKey, header.subarray(OFFSET.dataIv, OFFSET.dataIv + IV_BYTES));
  seal.setAAD(header);
  const body = seal.update(plain);
  seal.final();
  dataKey.fill(0);
  return Buffer.concat([header, body, seal.getAuthTag()]);
}
