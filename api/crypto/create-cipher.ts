/**
 * The cipher for data at rest in the database (personal data of a request, queued e-mails):
 * envelope encryption under the master key, opened with the key ring.
 *
 * @example
 *   const cipher = createCipher(master);
 *   cipher.decrypt(cipher.encrypt(Buffer.from('x'))).toString() // 'x'
 */
import type { Cipher } from '../mail/types.ts';
import { createKeyRing } from './create-key-ring.ts';
import { decryptEnvelope } from './decrypt-envelope.ts';
import { encryptEnvelope } from './encrypt-envelope.ts';
import type { KeyRing, MasterKey } from './types.ts';

export function createCipher(master: MasterKey, retired: KeyRing = new Map()): Cipher {
  const ring = new Map(retired);
  for (const [id, key] of createKeyRing([master.key])) ring.set(id, key);
  return {
    encrypt: (plain) => encryptEnvelope(plain, master),
    decrypt: (sealed) => decryptEnvelope(sealed, ring),
  };
}
