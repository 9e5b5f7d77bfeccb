import { randomBytes } from 'node:crypto';
import { chmod, link, mkdir, open, unlink } from 'node:fs/promises';
import { dirname } from 'node:path';
import { computeKeyId, KEY_BYTES } from './compute-key-id.ts';
import type { MasterKey } from './types.ts';

export interface MasterKeySource {
  /** The key from the configuration: base64 of 32 bytes. Wins over the key file when given. */
  configured?: string | undefined;
  /** Where the key lives when none is configured; created on first start. */
  keyFile: string;
}

export interface LoadedMasterKey extends MasterKey {
  /** Where it came from; `created` means a new key the operator should back up. */
  source: 'configured' | 'file' | 'created';
}

export class MasterKeyError extends Error {
  override name = 'MasterKeyError';
}

const BASE64_KEY = /^[A-Za-z0-9+/]{43}=$/;
const HOW_TO_MAKE = 'for example the output of `openssl rand -base64 32`';

/**
 * The master key: the configured one, else the one in `keyFile`, else a new random key written to
 * `keyFile` (mode 0600 in a 0700 folder when it creates the folder). The file holds the key as
 * base64 and a newline, so it can be copied into the configuration as it is.
 *
 * Refuses, with a message that says how to fix it: a configured value that is not base64 of 32
 * bytes, a key file that is not a regular file, is readable or writable by group or others, or
 * does not hold a valid key. The value of a key never appears in a message.
 *
 * @example
 *   const master = await loadOrCreateMasterKey({ configured: config.masterKey, keyFile: join(config.dataDir, 'master.key') });
 *   if (master.source === 'created') logger.warn({ keyFile }, 'new master key: back it up');
 */
export async function loadOrCreateMasterKey(source: MasterKeySource): Promise<LoadedMasterKey> {
  if (source.configured !== undefined && source.configured !== '') {
    const key = parseKey(source.configured.trim());
    if (!key) {
      throw new MasterKeyError(`The configured master key is not valid: it must be ${KEY_BYTES} random bytes in base64 (44 characters ending in "="), ${HOW_TO_MAKE}. The value given has ${source.configured.trim().length} characters.`);
    }
    return { id: computeKeyId(key), key, source: 'configured' };
  }
  const existing = await readKeyFile(source.keyFile);
  if (existing) return { id: computeKeyId(existing), key: existing, source: 'file' };
  return createKeyFile(source.keyFile);
}

/** The key in base64, or null. Round-tripping rejects the non-canonical forms Buffer.from accepts. */
function parseKey(text: string): Uint8Array | null {
  if (!BASE64_KEY.test(text)) return null;
  const key = Buffer.from(text, 'base64');
  return key.length === KEY_BYTES && key.toString('base64') === text ? new Uint8Array(key) : null;
}

/** The key in the file, or null when there is no file. */
async function readKeyFile(keyFile: string): Promise<Uint8Array | null> {
  let handle;
  try {
    handle = await open(keyFile, 'r');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new MasterKeyError(`Cannot read the master key file ${keyFile}: ${(err as Error).message}`);
  }
  try {
    // Checked on the open handle, so the file cannot be swapped between the check and the read.
    const stat = await handle.stat();
    if (!stat.isFile()) throw new MasterKeyError(`The master key file ${keyFile} is not a regular file.`);
    if (process.platform !== 'win32' && (stat.mode & 0o077) !== 0) {
      const mode = (stat.mode & 0o777).toString(8).padStart(4, '0');
      throw new MasterKeyError(`The master key file ${keyFile} has mode ${mode}: group or others can access it. Anyone who can read it can decrypt every stored ID copy. Run \`chmod 600 ${keyFile}\` (and check who may have read it) before starting again.`);
    }
    const key = parseKey((await handle.readFile('utf8')).trim());
    if (!key) throw new MasterKeyError(`The master key file ${keyFile} does not hold a valid key (${KEY_BYTES} bytes in base64, ${HOW_TO_MAKE}). Restore it from the backup; a new key cannot open existing files.`);
    return key;
  } finally {
    await handle.close();
  }
}

/**
 * Writes a new key to a temporary file, flushes it, and links it into place: `link` fails when
 * the key file already exists, so two processes starting at once never overwrite each other's
 * key (the loser reads the winner's), and a crash leaves no half-written key file.
 */
async function createKeyFile(keyFile: string): Promise<LoadedMasterKey> {
  const folder = dirname(keyFile);
  const created = await mkdir(folder, { recursive: true, mode: 0o700 });
  if (created !== undefined) await chmod(folder, 0o700);
  const key = new Uint8Array(randomBytes(KEY_BYTES));
  const temp = `${keyFile}.${randomBytes(6).toString('hex')}.tmp`;
  const handle = await open(temp, 'wx', 0o600);
  try {
    await handle.chmod(0o600);
    await handle.writeFile(`${Buffer.from(key).toString('base64')}\n`);
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await link(temp, keyFile);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    await unlink(temp);
    const theirs = await readKeyFile(keyFile);
    if (!theirs) throw new MasterKeyError(`The master key file ${keyFile} disappeared while it was being created.`);
    return { id: computeKeyId(theirs), key: theirs, source: 'file' };
  }
  await unlink(temp);
  await syncFolder(folder);
  return { id: computeKeyId(key), key, source: 'created' };
}

/** Makes the new directory entry durable: without it a power cut can lose a key already in use. */
async function syncFolder(folder: string): Promise<void> {
  const handle = await open(folder, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
