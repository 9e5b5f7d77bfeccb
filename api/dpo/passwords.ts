/**
 * Password and recovery-code hashing: Argon2id with the @node-rs/argon2 defaults (19 MiB, t=2, p=1,
 * the OWASP baseline). A fixed dummy hash lets an unknown e-mail cost as much time as a known one.
 *
 * @example
 *   const h = await hashSecret('correct horse battery'); await verifySecret(h, 'correct horse battery') // true
 */
import { hash, verify } from '@node-rs/argon2';

const ARGON2ID = 2; // Algorithm.Argon2id (a const enum, not importable under verbatimModuleSyntax)

export function hashSecret(secret: string): Promise<string> {
  return hash(secret, { algorithm: ARGON2ID });
}

export async function verifySecret(hashed: string, secret: string): Promise<boolean> {
  try {
    return await verify(hashed, secret);
  } catch {
    return false;
  }
}

let dummy: Promise<string> | undefined;
/** Spends the time of one verification against nothing (for unknown or disabled accounts). */
export async function verifyNothing(secret: string): Promise<false> {
  dummy ??= hashSecret('not a password of anyone');
  await verifySecret(await dummy, secret);
  return false;
}
