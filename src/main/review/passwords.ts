import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/** Passwords are stored only as scrypt hashes with a random salt per account. */

const KEY_LENGTH = 64;
// N = 2^15 (≈ 32 MiB, ≈ 50–100 ms): slow for a guesser, fine for a login.
const OPTIONS: ScryptOptions = { N: 1 << 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };

function derive(password: string, salt: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFC'), salt, KEY_LENGTH, OPTIONS, (err, key) => (err ? reject(err) : resolve(key)));
  });
}

export interface PasswordHash {
  hash: string;
  salt: string;
}

export async function hashPassword(password: string): Promise<PasswordHash> {
  const salt = randomBytes(16);
  const key = await derive(password, salt);
  return { hash: key.toString('base64'), salt: salt.toString('base64') };
}

export async function verifyPassword(password: string, stored: PasswordHash): Promise<boolean> {
  const expected = Buffer.from(stored.hash, 'base64');
  const key = await derive(password, Buffer.from(stored.salt, 'base64'));
  return key.length === expected.length && timingSafeEqual(key, expected);
}

/** Minimum rules for a local account password, in the words the form shows. */
export function passwordProblem(password: string): string | null {
  if (password.length < 6) return '密码至少 6 位';
  if (password.length > 200) return '密码过长';
  return null;
}
