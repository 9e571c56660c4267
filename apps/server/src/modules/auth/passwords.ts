// Password hashing with argon2id (OWASP's recommended parameters are @node-rs/argon2's defaults).
import { hash, verify } from '@node-rs/argon2';

// @node-rs/argon2 exports its algorithms as an ambient const enum, which isolated modules cannot import.
const ARGON2ID = 2;

export function hashPassword(password: string): Promise<string> {
  return hash(password, { algorithm: ARGON2ID });
}

export function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  return verify(passwordHash, password).catch(() => false);
}

// Verifying against this when the username is unknown keeps a wrong name as slow as a wrong password,
// so response times do not reveal which accounts exist.
let dummyHash: Promise<string> | null = null;
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hashPassword('not-a-real-password-0');
  return dummyHash;
}
