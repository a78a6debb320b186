import { randomInt } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';

// Algorithm.Argon2id; the const enum cannot be imported under verbatimModuleSyntax.
const ARGON2ID = 2;

// argon2id with the library defaults (19 MiB, t=2): ≈ 25–70 ms here.
export function hashPassword(password: string): Promise<string> {
  return hash(password, { algorithm: ARGON2ID });
}

export function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  return verify(passwordHash, password).catch(() => false);
}

// Verifying against this when the account does not exist keeps the timing of
// "no such user" and "wrong password" alike.
let dummyHash: Promise<string> | null = null;
export async function burnVerify(password: string): Promise<void> {
  dummyHash ??= hashPassword('timing-equaliser-not-a-password-1');
  await verifyPassword(await dummyHash, password);
}

const alphabet = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKMNPQRSTUVWXYZ23456789';
/** A one-time password an admin hands out; it always satisfies the password rule. */
export function generateTemporaryPassword(): string {
  const body = Array.from({ length: 10 }, () => alphabet[randomInt(alphabet.length)]).join('');
  return `${body}${randomInt(10)}a`;
}
