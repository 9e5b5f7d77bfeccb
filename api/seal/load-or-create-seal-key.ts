/**
 * The server's Ed25519 seal key: from the configuration if one is given, else from the key file,
 * else a new key written to that file. The key file is the only copy of the private key: it is
 * created once, atomically, owner-only, and never overwritten.
 */
import { createPrivateKey, generateKeyPairSync, randomBytes, type KeyObject } from 'node:crypto';
import { chmod, link, mkdir, open, unlink } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { SealError } from './seal-error.ts';
import { sealKeyFromPrivateKey } from './seal-key.ts';
import type { SealKey } from './types.ts';

export interface SealKeySource {
  /** A PKCS#8 PEM private key from the configuration; empty or missing means "use the key file". */
  configured?: string | undefined;
  /** Where the key is kept when none is configured, such as data/keys/seal-ed25519.pem. */
  keyFile: string;
}

const FIX_CONFIGURED = 'create one with `openssl genpkey -algorithm ed25519`, or leave it unset to let the portal create its key file';
const FIX_FILE = 'put the right key back, or move this file away to let the portal create a new key (keep publishing the old public key: earlier seals need it)';

function errorCode(e: unknown): string | undefined {
  return (e as { code?: string } | null)?.code;
}

/** Parses a PEM private key and insists on Ed25519; the message names where it came from. */
function readEd25519(pem: string, source: 'configured' | { file: string }): KeyObject {
  const where = source === 'configured' ? 'The configured seal key' : `The seal key file ${source.file}`;
  const fix = source === 'configured' ? FIX_CONFIGURED : FIX_FILE;
  const codes = source === 'configured' ? ({ invalid: 'configured_key_invalid', notEd25519: 'configured_key_not_ed25519' } as const) : ({ invalid: 'key_file_invalid', notEd25519: 'key_file_not_ed25519' } as const);
  let key: KeyObject;
  try {
    key = createPrivateKey(pem);
  } catch (e) {
    // Say what is wrong without ever echoing the key text.
    const why = /PUBLIC KEY-----/.test(pem)
      ? 'is a public key; the seal needs the private key (-----BEGIN PRIVATE KEY-----)'
      : /ENCRYPTED/.test(pem) || errorCode(e) === 'ERR_MISSING_PASSPHRASE'
        ? 'is encrypted with a passphrase; give it unencrypted (PKCS#8 PEM)'
        : 'is not a PEM private key';
    throw new SealError(codes.invalid, `${where} ${why}: ${fix}`);
  }
  if (key.asymmetricKeyType !== 'ed25519') {
    throw new SealError(codes.notEd25519, `${where} is an ${String(key.asymmetricKeyType).toUpperCase()} key, but the seal needs an Ed25519 key: ${fix}`);
  }
  return key;
}

/** The key in `file`, or null when there is no such file. Refuses a file others may read. */
async function readKeyFile(file: string): Promise<KeyObject | null> {
  let handle;
  try {
    handle = await open(file, 'r');
  } catch (e) {
    // ENOTDIR: a parent is a file; creating the key will fail and say so.
    if (errorCode(e) === 'ENOENT' || errorCode(e) === 'ENOTDIR') return null;
    throw new SealError('key_file_unreadable', `The seal key file ${file} cannot be read (${errorCode(e) ?? String(e)}): check its owner and permissions`);
  }
  try {
    // fstat on the open file, not stat on the path: what is checked is what is read.
    const stat = await handle.stat();
    if (!stat.isFile()) throw new SealError('key_file_invalid', `The seal key file ${file} is not a regular file`);
    if ((stat.mode & 0o077) !== 0) {
      const mode = (stat.mode & 0o777).toString(8).padStart(4, '0');
      throw new SealError('key_file_too_open', `The seal key file ${file} is open to group or others (mode ${mode}): run \`chmod 600 ${file}\``);
    }
    const pem = await handle.readFile('utf8');
    return readEd25519(pem, { file });
  } finally {
    await handle.close();
  }
}

/** mkdir -p with mode 0700 for every directory it creates (chmod too: the umask may narrow mkdir's mode). */
async function makePrivateDirs(dir: string): Promise<void> {
  const target = resolve(dir);
  const first = await mkdir(target, { recursive: true, mode: 0o700 });
  if (first === undefined) return;
  // Only the directories made just now: from the target up to the first one created, never above.
  for (let d = target; d.startsWith(first); d = dirname(d)) {
    await chmod(d, 0o700);
    if (d === first) break;
  }
}

/** Makes a directory entry durable; not every platform can open a directory, which is harmless. */
async function syncDir(dir: string): Promise<void> {
  try {
    const h = await open(dir, 'r');
    try {
      await h.sync();
    } finally {
      await h.close();
    }
  } catch {
    // best effort
  }
}

/**
 * Writes a new key to `file` unless one appears there first. The key goes to a temporary file
 * (0600, synced) which is then hard-linked to its name: link() never replaces an existing file, so
 * when two instances start at once exactly one key wins and both use it.
 */
async function createKeyFile(file: string): Promise<{ key: KeyObject; created: boolean }> {
  const dir = dirname(file);
  const { privateKey } = generateKeyPairSync('ed25519');
  const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const tmp = join(dir, `.${basename(file)}.${randomBytes(6).toString('hex')}.tmp`);
  let created = false;
  try {
    await makePrivateDirs(dir);
    const handle = await open(tmp, 'wx', 0o600);
    try {
      await handle.chmod(0o600);
      await handle.writeFile(pem);
      await handle.sync();
    } finally {
      await handle.close();
    }
    try {
      await link(tmp, file);
      created = true;
    } catch (e) {
      // Another instance linked its key first: use that one.
      if (errorCode(e) !== 'EEXIST') throw e;
    }
  } catch (e) {
    throw new SealError('key_file_uncreatable', `Cannot create the seal key file ${file} (${errorCode(e) ?? String(e)}): check that its directory exists or can be created, and is writable`);
  } finally {
    await unlink(tmp).catch(() => undefined);
  }
  await syncDir(dir);
  if (created) return { key: privateKey, created };
  const winner = await readKeyFile(file);
  if (!winner) throw new SealError('key_file_unreadable', `The seal key file ${file} disappeared while it was being created`);
  return { key: winner, created: false };
}

/**
 * The seal key. A configured PEM wins (a clear SealError if it is not an Ed25519 private key);
 * otherwise the key file is read, or created (PKCS#8 PEM, mode 0600, new parent directories 0700)
 * when it does not exist. A key file open to group or others is refused, never fixed silently.
 *
 * A configured PEM may have its line breaks written as `\n` (as .env files and container
 * secrets often carry it): those are turned into line breaks.
 *
 * @example
 *   const key = await loadOrCreateSealKey({ configured: config.sealKey, keyFile: join(config.dataDir, 'keys/seal-ed25519.pem') });
 *   key.keyId // '9c1f0e2a7b3d4c5e'
 */
export async function loadOrCreateSealKey(source: SealKeySource): Promise<SealKey> {
  const configured = source.configured?.trim();
  if (configured) {
    const pem = configured.includes('\n') ? configured : configured.replace(/\\n/g, '\n');
    return sealKeyFromPrivateKey(readEd25519(pem, 'configured'), 'configured');
  }
  const existing = await readKeyFile(source.keyFile);
  if (existing) return sealKeyFromPrivateKey(existing, 'file');
  const { key, created } = await createKeyFile(source.keyFile);
  return sealKeyFromPrivateKey(key, created ? 'created' : 'file');
}
