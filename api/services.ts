/**
 * The stateful parts the API works with, built once from the configuration: the master key and
 * the cipher for data at rest, the encrypted file store, the seal key, the mail transport, the
 * clock. The server builds them at start; tests build the same ones in a temporary folder.
 *
 * @example
 *   const services = await createServices(config);
 */
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { createBlobStore, type BlobStore } from './blobs/index.ts';
import type { Config } from './config.ts';
import { createCipher, loadOrCreateMasterKey, type LoadedMasterKey } from './crypto/index.ts';
import { createMailTransport } from './mail/create-transport.ts';
import type { Cipher, MailTransport } from './mail/types.ts';
import { loadOrCreateSealKey } from './seal/load-or-create-seal-key.ts';
import type { SealKey } from './seal/types.ts';

export interface Services {
  master: LoadedMasterKey;
  cipher: Cipher;
  blobs: BlobStore;
  sealKey: SealKey;
  mail: MailTransport;
  now: () => number;
  /** Waits (the sign-in's progressive delay); tests replace it to record the waits instead. */
  sleep: (ms: number) => Promise<void>;
  /** The secret that keys client hashes for rate limits (derived from the master key). */
  rateSecret: Uint8Array;
}

export async function createServices(config: Config, now: () => number = Date.now): Promise<Services> {
  const master = await loadOrCreateMasterKey({ configured: config.masterKey, keyFile: join(config.dataDir, 'keys', 'master.key') });
  const sealKey = await loadOrCreateSealKey({ configured: config.sealPrivateKey, keyFile: join(config.dataDir, 'keys', 'seal-ed25519.pem') });
  return {
    master,
    cipher: createCipher(master),
    blobs: createBlobStore({ dir: join(config.dataDir, 'blobs'), masterKey: master, now }),
    sealKey,
    mail: createMailTransport({ smtpUrl: config.smtpUrl, mailDir: join(config.dataDir, 'mail') }),
    now,
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    rateSecret: createHash('sha256').update('rate-limit\0').update(master.key).digest(),
  };
}
