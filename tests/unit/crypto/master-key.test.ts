import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { computeKeyId, loadOrCreateMasterKey, MasterKeyError } from '../../../api/crypto/index.ts';

let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'master-key-'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('loadOrCreateMasterKey', () => {
  it('creates a key file with mode 0600 in a new 0700 folder, then reads the same key back', async () => {
    const keyFile = join(root, 'secrets', 'master.key');
    const created = await loadOrCreateMasterKey({ keyFile });
    expect(created.source).toBe('created');
    expect(created.key).toHaveLength(32);
    expect(created.id).toBe(computeKeyId(created.key));
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    expect(statSync(join(root, 'secrets')).mode & 0o777).toBe(0o700);
    expect(readFileSync(keyFile, 'utf8')).toBe(`${Buffer.from(created.key).toString('base64')}\n`);
    expect(readdirSync(join(root, 'secrets'))).toEqual(['master.key']); // no temporary file left

    const again = await loadOrCreateMasterKey({ keyFile });
    expect(again.source).toBe('file');
    expect(Buffer.from(again.key).equals(Buffer.from(created.key))).toBe(true);
  });

  it('gives the same key to processes starting at once (no one overwrites another)', async () => {
    const keyFile = join(root, 'master.key');
    const keys = await Promise.all(Array.from({ length: 8 }, () => loadOrCreateMasterKey({ keyFile })));
    expect(new Set(keys.map((k) => k.id)).size).toBe(1);
    expect(keys.filter((k) => k.source === 'created')).toHaveLength(1);
    expect(readdirSync(root)).toEqual(['master.key']);
  });

  it('refuses a key file readable by group or others, saying how to fix it', async () => {
    const keyFile = join(root, 'master.key');
    writeFileSync(keyFile, `${randomBytes(32).toString('base64')}\n`, { mode: 0o644 });
    chmodSync(keyFile, 0o644);
    await expect(loadOrCreateMasterKey({ keyFile })).rejects.toThrow(MasterKeyError);
    await expect(loadOrCreateMasterKey({ keyFile })).rejects.toThrow(/mode 0644.*chmod 600/s);
    chmodSync(keyFile, 0o640);
    await expect(loadOrCreateMasterKey({ keyFile })).rejects.toThrow(/mode 0640/);
    chmodSync(keyFile, 0o600);
    expect((await loadOrCreateMasterKey({ keyFile })).source).toBe('file');
  });

  it('refuses a key file that does not hold 32 bytes of base64', async () => {
    const keyFile = join(root, 'master.key');
    writeFileSync(keyFile, `${randomBytes(16).toString('base64')}\n`, { mode: 0o600 });
    await expect(loadOrCreateMasterKey({ keyFile })).rejects.toThrow(/does not hold a valid key/);
  });

  it('uses a configured key before any file, and never creates one then', async () => {
    const key = randomBytes(32);
    const keyFile = join(root, 'master.key');
    const loaded = await loadOrCreateMasterKey({ configured: ` ${key.toString('base64')}\n`, keyFile });
    expect(loaded.source).toBe('configured');
    expect(Buffer.from(loaded.key).equals(key)).toBe(true);
    expect(readdirSync(root)).toEqual([]);
  });

  it('refuses a configured key of the wrong length or alphabet with a message that does not repeat it', async () => {
    const keyFile = join(root, 'master.key');
    const short = randomBytes(16).toString('base64');
    const attempt = loadOrCreateMasterKey({ configured: short, keyFile });
    await expect(attempt).rejects.toThrow(/32 random bytes in base64.*openssl rand -base64 32/s);
    await attempt.catch((err: Error) => expect(err.message).not.toContain(short));
    await expect(loadOrCreateMasterKey({ configured: `${randomBytes(32).toString('hex')}`, keyFile })).rejects.toThrow(MasterKeyError);
    await expect(loadOrCreateMasterKey({ configured: `${randomBytes(33).toString('base64')}`, keyFile })).rejects.toThrow(MasterKeyError);
  });

  it('treats an empty configured value as not configured', async () => {
    const loaded = await loadOrCreateMasterKey({ configured: '', keyFile: join(root, 'k') });
    expect(loaded.source).toBe('created');
  });
});
