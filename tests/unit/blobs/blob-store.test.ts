import { createHash, randomBytes } from 'node:crypto';
import { accessSync, constants, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BlobIntegrityError, BlobNotFoundError, BlobStoreUnavailableError, createBlobStore, InvalidBlobIdError, type BlobStore } from '../../../api/blobs/index.ts';
import { computeKeyId, createKeyRing, type MasterKey } from '../../../api/crypto/index.ts';

const NOW = Date.UTC(2025, 2, 14, 12, 0, 0);
const HOUR = 60 * 60 * 1000;

function newMaster(): MasterKey {
  const key = new Uint8Array(randomBytes(32));
  return { id: computeKeyId(key), key };
}

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Sets a file's modification time: the sweep judges age by it, against the injected clock. */
function age(path: string, ms: number): void {
  const t = (NOW - ms) / 1000;
  utimesSync(path, t, t);
}

let root: string;
let dir: string;
let master: MasterKey;
let store: BlobStore;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'blobs-'));
  dir = join(root, 'blobs');
  master = newMaster();
  store = createBlobStore({ dir, masterKey: master, now: () => NOW });
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('blob store', () => {
  it('round-trips bytes, with the SHA-256 and size of the plaintext and a random 128-bit id', async () => {
    const plain = randomBytes(5000);
    const stored = await store.put(plain);
    expect(stored.id).toMatch(/^[0-9a-f]{32}$/);
    expect(stored.sha256).toBe(sha256(plain));
    expect(stored.size).toBe(5000);
    expect((await store.get(stored.id, stored.sha256)).equals(plain)).toBe(true);
    expect(await store.has(stored.id)).toBe(true);
    const again = await store.put(plain);
    expect(again.id).not.toBe(stored.id);
  });

  it('stores ciphertext: the file differs from the plaintext and does not contain it, and is private', async () => {
    const plain = Buffer.from('JANSSENS Olena Maria 85.07.30-033.28 '.repeat(50));
    const { id } = await store.put(plain);
    const [name, ...others] = readdirSync(dir);
    expect(name).toBe(`${id}.enc`);
    expect(others).toEqual([]); // the temporary file was renamed, not left behind
    const onDisk = readFileSync(join(dir, name!));
    expect(onDisk.equals(plain)).toBe(false);
    expect(onDisk.includes(Buffer.from('JANSSENS'))).toBe(false);
    expect(onDisk.includes(plain.subarray(0, 16))).toBe(false);
  });

  it('refuses content whose SHA-256 is not the recorded one (a swapped file)', async () => {
    const a = await store.put(Buffer.from('first person'));
    const b = await store.put(Buffer.from('second person'));
    await expect(store.get(a.id, b.sha256)).rejects.toThrow(BlobIntegrityError);
    await expect(store.get(a.id, b.sha256)).rejects.toMatchObject({ reason: 'sha256_mismatch' });
  });

  it('refuses a file changed on disk', async () => {
    const { id, sha256: hash } = await store.put(randomBytes(300));
    const path = join(dir, `${id}.enc`);
    const bytes = readFileSync(path);
    bytes[bytes.length - 40]! ^= 1;
    writeFileSync(path, bytes);
    await expect(store.get(id, hash)).rejects.toMatchObject({ name: 'BlobIntegrityError', reason: 'tampered' });
  });

  it('opens blobs written with a retired key when it is in the key ring, and not otherwise', async () => {
    const { id, sha256: hash } = await store.put(Buffer.from('old'));
    const rotated = createBlobStore({ dir, masterKey: newMaster(), keys: createKeyRing([master.key]) });
    expect((await rotated.get(id, hash)).toString()).toBe('old');
    const forgotten = createBlobStore({ dir, masterKey: newMaster() });
    await expect(forgotten.get(id, hash)).rejects.toMatchObject({ reason: 'unknown_key' });
  });

  it('deletes idempotently, and reports a missing blob as not found', async () => {
    const { id, sha256: hash } = await store.put(Buffer.from('x'));
    expect(await store.delete(id)).toBe(true);
    expect(await store.delete(id)).toBe(false);
    expect(await store.has(id)).toBe(false);
    await expect(store.get(id, hash)).rejects.toThrow(BlobNotFoundError);
  });

  it('refuses ids that are not its own before touching the file system (no path traversal)', async () => {
    writeFileSync(join(root, 'secret.enc'), 'not yours');
    const bad = ['../secret', '..%2Fsecret', '/etc/passwd', 'A'.repeat(32), `${'a'.repeat(31)}/`, `${'a'.repeat(32)}\0`, `../${'a'.repeat(29)}`, '', 'a'.repeat(33)];
    for (const id of bad) {
      await expect(store.get(id, 'a'.repeat(64)), id).rejects.toThrow(InvalidBlobIdError);
      await expect(store.delete(id), id).rejects.toThrow(InvalidBlobIdError);
      await expect(store.has(id), id).rejects.toThrow(InvalidBlobIdError);
    }
    expect(readFileSync(join(root, 'secret.enc'), 'utf8')).toBe('not yours');
  });

  it('sweeps only unknown blobs and temporary files older than the given age', async () => {
    const known = await store.put(Buffer.from('known, old'));
    const orphan = await store.put(Buffer.from('orphan, old'));
    const fresh = await store.put(Buffer.from('orphan, but a submission may still be committing'));
    age(join(dir, `${known.id}.enc`), 3 * HOUR);
    age(join(dir, `${orphan.id}.enc`), 3 * HOUR);
    age(join(dir, `${fresh.id}.enc`), 5 * 60 * 1000);
    const oldTemp = 'b'.repeat(32);
    const freshTemp = 'c'.repeat(32);
    writeFileSync(join(dir, `${oldTemp}.enc.tmp`), 'half written');
    writeFileSync(join(dir, `${freshTemp}.enc.tmp`), 'being written');
    age(join(dir, `${oldTemp}.enc.tmp`), 3 * HOUR);
    age(join(dir, `${freshTemp}.enc.tmp`), 1000);
    writeFileSync(join(dir, 'README.txt'), 'not ours');
    age(join(dir, 'README.txt'), 100 * HOUR);

    const removed = await store.sweepOrphans(new Set([known.id]), HOUR);
    expect(removed).toEqual({ blobs: [orphan.id], temps: [oldTemp] });
    expect(readdirSync(dir).sort()).toEqual([`${known.id}.enc`, `${fresh.id}.enc`, `${freshTemp}.enc.tmp`, 'README.txt'].sort());
    expect(await store.sweepOrphans(new Set([known.id]), HOUR)).toEqual({ blobs: [], temps: [] });
  });

  it('refuses a master key whose id is not the id of the key', () => {
    expect(() => createBlobStore({ dir, masterKey: { id: '00000000', key: master.key } })).toThrow(/does not match/);
  });

  it('sweeps nothing when the folder does not exist yet', async () => {
    expect(await store.sweepOrphans(new Set(), 0)).toEqual({ blobs: [], temps: [] });
  });

  it('throws BlobStoreUnavailableError when the folder cannot be written, and leaves no file', async () => {
    // Tests may run as root, for whom chmod 0500 does not stop writes. Check whether it does; if
    // not, put the store under a regular file, where mkdir and open fail with ENOTDIR for anyone.
    const locked = join(root, 'locked');
    mkdirSync(locked, { mode: 0o500 });
    let unwritable = locked;
    try {
      accessSync(locked, constants.W_OK);
      writeFileSync(join(root, 'a-file'), '');
      unwritable = join(root, 'a-file', 'blobs');
    } catch {
      // Not root: the 0500 folder is unwritable as it is.
    }
    const broken = createBlobStore({ dir: unwritable, masterKey: master });
    await expect(broken.put(Buffer.from('x'))).rejects.toThrow(BlobStoreUnavailableError);
    await expect(broken.put(Buffer.from('x'))).rejects.toMatchObject({ code: 'blob_store_unavailable' });
    expect(readdirSync(locked)).toEqual([]);
    expect(existsSync(join(root, 'blobs'))).toBe(false);
  });
});
