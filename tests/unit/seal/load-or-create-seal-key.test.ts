import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify } from 'node:crypto';
import { chmod, mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadOrCreateSealKey } from '../../../api/seal/load-or-create-seal-key.ts';
import { SealError, type SealErrorCode } from '../../../api/seal/seal-error.ts';
import { computeKeyId, exportPublicJwk, exportPublicKeyPem, publicKeysById } from '../../../api/seal/seal-key.ts';

let root: string;
let n = 0;
const fresh = () => join(root, `case-${n++}`);

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'seal-key-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

async function expectSealError(promise: Promise<unknown>, code: SealErrorCode): Promise<SealError> {
  try {
    await promise;
  } catch (e) {
    expect(e).toBeInstanceOf(SealError);
    expect((e as SealError).code).toBe(code);
    return e as SealError;
  }
  return expect.fail(`expected SealError ${code}`);
}

const ed25519Pem = () => generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();

describe('the key file', () => {
  it('is created as a PKCS#8 Ed25519 PEM, mode 0600, in new directories of mode 0700', async () => {
    const dir = fresh();
    const keyFile = join(dir, 'keys', 'nested', 'seal.pem');
    const key = await loadOrCreateSealKey({ keyFile });
    expect(key.source).toBe('created');
    expect((await stat(keyFile)).mode & 0o777).toBe(0o600);
    expect((await stat(join(dir, 'keys', 'nested'))).mode & 0o777).toBe(0o700);
    expect((await stat(join(dir, 'keys'))).mode & 0o777).toBe(0o700);
    expect((await stat(dir)).mode & 0o777).toBe(0o700);
    const pem = await readFile(keyFile, 'utf8');
    expect(pem).toMatch(/^-----BEGIN PRIVATE KEY-----\n[\s\S]+\n-----END PRIVATE KEY-----\n$/);
    expect(createPrivateKey(pem).asymmetricKeyType).toBe('ed25519');
    expect(await readdir(join(dir, 'keys', 'nested'))).toEqual(['seal.pem']); // no temporary file left
  });

  it('is read back on the next start: same key, same id', async () => {
    const keyFile = join(fresh(), 'seal.pem');
    const first = await loadOrCreateSealKey({ keyFile });
    const again = await loadOrCreateSealKey({ keyFile });
    expect(again.source).toBe('file');
    expect(again.keyId).toBe(first.keyId);
    const signature = sign(null, Buffer.from('x'), again.privateKey);
    expect(verify(null, Buffer.from('x'), first.publicKey, signature)).toBe(true);
  });

  it('is created once when several instances start at the same time', async () => {
    const dir = fresh();
    const keyFile = join(dir, 'seal.pem');
    const keys = await Promise.all(Array.from({ length: 8 }, () => loadOrCreateSealKey({ keyFile })));
    expect(new Set(keys.map((k) => k.keyId)).size).toBe(1);
    expect(keys.filter((k) => k.source === 'created')).toHaveLength(1);
    expect(await readdir(dir)).toEqual(['seal.pem']);
  });

  it('leaves an existing parent directory as it is', async () => {
    const dir = fresh();
    await mkdir(dir, { mode: 0o755 });
    await chmod(dir, 0o755);
    await loadOrCreateSealKey({ keyFile: join(dir, 'seal.pem') });
    expect((await stat(dir)).mode & 0o777).toBe(0o755);
    expect((await stat(join(dir, 'seal.pem'))).mode & 0o777).toBe(0o600);
  });

  it.each([0o644, 0o640, 0o604, 0o660, 0o602, 0o700 | 0o004])('is refused with mode %o, with the chmod that fixes it', async (mode) => {
    const keyFile = join(fresh(), 'seal.pem');
    await loadOrCreateSealKey({ keyFile });
    await chmod(keyFile, mode);
    const error = await expectSealError(loadOrCreateSealKey({ keyFile }), 'key_file_too_open');
    expect(error.message).toContain(`chmod 600 ${keyFile}`);
    expect((await stat(keyFile)).mode & 0o777).toBe(mode); // not "fixed" silently
  });

  it('is accepted with mode 0400', async () => {
    const keyFile = join(fresh(), 'seal.pem');
    const created = await loadOrCreateSealKey({ keyFile });
    await chmod(keyFile, 0o400);
    expect((await loadOrCreateSealKey({ keyFile })).keyId).toBe(created.keyId);
  });

  it('is refused, never overwritten, when it holds something else', async () => {
    const dir = fresh();
    await mkdir(dir);
    const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const cases: [string, string, SealErrorCode][] = [
      ['rsa.pem', rsa, 'key_file_not_ed25519'],
      ['garbage.pem', 'not a key', 'key_file_invalid'],
      ['empty.pem', '', 'key_file_invalid'],
    ];
    for (const [name, content, code] of cases) {
      const keyFile = join(dir, name);
      await writeFile(keyFile, content, { mode: 0o600 });
      await expectSealError(loadOrCreateSealKey({ keyFile }), code);
      expect(await readFile(keyFile, 'utf8')).toBe(content);
    }
    await expectSealError(loadOrCreateSealKey({ keyFile: dir }), 'key_file_invalid'); // a directory
  });

  it('says so when it cannot be created', async () => {
    const dir = fresh();
    await writeFile(dir, 'a file where the directory should be');
    await expectSealError(loadOrCreateSealKey({ keyFile: join(dir, 'seal.pem') }), 'key_file_uncreatable');
  });
});

describe('a configured key', () => {
  it('is used as it is, and no key file is written', async () => {
    const pem = ed25519Pem();
    const keyFile = join(fresh(), 'seal.pem');
    const key = await loadOrCreateSealKey({ configured: pem, keyFile });
    expect(key.source).toBe('configured');
    expect(key.keyId).toBe(computeKeyId(createPublicKey(pem)));
    await expect(stat(keyFile)).rejects.toThrow(/ENOENT/);
  });

  it('may have its line breaks written as \\n (as in an .env file)', async () => {
    const pem = ed25519Pem();
    const key = await loadOrCreateSealKey({ configured: pem.trim().replace(/\n/g, '\\n'), keyFile: join(fresh(), 'k.pem') });
    expect(key.keyId).toBe(computeKeyId(createPublicKey(pem)));
  });

  it('counts as not configured when empty', async () => {
    const key = await loadOrCreateSealKey({ configured: '  ', keyFile: join(fresh(), 'k.pem') });
    expect(key.source).toBe('created');
  });

  const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const ed448 = generateKeyPairSync('ed448').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const publicPem = generateKeyPairSync('ed25519').publicKey.export({ type: 'spki', format: 'pem' }).toString();
  const encrypted = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: 'secret' }).toString();

  it.each([
    ['an RSA key', rsa, 'configured_key_not_ed25519', /RSA key.*Ed25519/],
    ['an EC key', ec, 'configured_key_not_ed25519', /EC key/],
    ['an Ed448 key', ed448, 'configured_key_not_ed25519', /ED448 key/],
    ['a public key', publicPem, 'configured_key_invalid', /public key/],
    ['an encrypted key', encrypted, 'configured_key_invalid', /passphrase/],
    ['not a PEM', 'MC4CAQAwBQYDK2VwBCIEI', 'configured_key_invalid', /not a PEM private key/],
  ] as const)('is refused when it is %s, without echoing it', async (_name, configured, code, message) => {
    const keyFile = join(fresh(), 'seal.pem');
    const error = await expectSealError(loadOrCreateSealKey({ configured, keyFile }), code);
    expect(error.message).toMatch(message);
    expect(error.message).toContain('openssl genpkey -algorithm ed25519');
    const body = configured.split('\n').find((l) => l.length > 20 && !l.startsWith('-----'));
    if (body) expect(error.message).not.toContain(body.slice(0, 20));
    await expect(stat(keyFile)).rejects.toThrow(/ENOENT/); // no fallback to a file key
  });
});

describe('the public key', () => {
  const key = loadOrCreateSealKey({ configured: ed25519Pem(), keyFile: '/nonexistent/unused.pem' });

  it('has an id of the first 16 hex digits of SHA-256 of the raw 32-byte public key', async () => {
    const k = await key;
    const spki = k.publicKey.export({ type: 'spki', format: 'der' });
    const raw = spki.subarray(spki.length - 32); // Ed25519 SPKI is a 12-byte header and the raw key
    expect(k.keyId).toBe(createHash('sha256').update(raw).digest('hex').slice(0, 16));
    expect(k.keyId).toMatch(/^[0-9a-f]{16}$/);
  });

  it('is published as PEM and as JWK, both giving back the same key', async () => {
    const k = await key;
    const pem = exportPublicKeyPem(k);
    expect(pem).toMatch(/^-----BEGIN PUBLIC KEY-----\n/);
    const jwk = exportPublicJwk(k);
    expect(jwk).toEqual({ kty: 'OKP', crv: 'Ed25519', x: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/), kid: k.keyId, alg: 'EdDSA', use: 'sig' });
    expect(jwk).not.toHaveProperty('d');
    expect(createPublicKey({ key: jwk, format: 'jwk' }).equals(k.publicKey)).toBe(true);
    expect(createPublicKey(pem).equals(k.publicKey)).toBe(true);
  });

  it('builds the verifier map from PEM, JWK or key objects, by recomputed id', async () => {
    const k = await key;
    const other = generateKeyPairSync('ed25519');
    const map = publicKeysById([exportPublicKeyPem(k), { ...exportPublicJwk(k), kid: 'forged' }, other.privateKey, other.publicKey]);
    expect([...map.keys()].sort()).toEqual([k.keyId, computeKeyId(other.publicKey)].sort());
    expect(map.get(k.keyId)!.type).toBe('public');
    expect(map.get(computeKeyId(other.publicKey))!.type).toBe('public');
  });
});
