import { createCipheriv, createDecipheriv, createHash, createPrivateKey, createPublicKey, generateKeyPairSync, randomBytes, scrypt, sign, verify } from 'node:crypto';
import { canonicalJson } from '../../shared/review/canonical';

/**
 * Each account holds an Ed25519 key pair; the private key is stored only encrypted with a key
 * derived from the account's password (scrypt, AES-256-GCM). A sign-off is sealed with it, so a
 * signature record cannot be rewritten after the figures were changed, not even with every hash
 * recomputed: only the supervisor's password opens the key that seals.
 */

const SCRYPT = { N: 1 << 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };

interface EncryptedKey {
  salt: string;
  iv: string;
  tag: string;
  data: string;
}

function derive(password: string, salt: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) => scrypt(password.normalize('NFC'), salt, 32, SCRYPT, (err, key) => (err ? reject(err) : resolve(key))));
}

export interface AccountKeys {
  publicKey: string;
  /** JSON of the encrypted PKCS#8 private key. */
  privateKeyEnc: string;
}

async function encryptKey(der: Buffer, password: string): Promise<string> {
  const salt = randomBytes(16);
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', await derive(password, salt), iv);
  const data = Buffer.concat([cipher.update(der), cipher.final()]);
  const enc: EncryptedKey = { salt: salt.toString('base64'), iv: iv.toString('base64'), tag: cipher.getAuthTag().toString('base64'), data: data.toString('base64') };
  return JSON.stringify(enc);
}

/** The PKCS#8 DER of an encrypted private key, or null when the password does not open it. */
async function decryptKey(privateKeyEnc: string, password: string): Promise<Buffer | null> {
  try {
    const enc = JSON.parse(privateKeyEnc) as EncryptedKey;
    const decipher = createDecipheriv('aes-256-gcm', await derive(password, Buffer.from(enc.salt, 'base64')), Buffer.from(enc.iv, 'base64'));
    decipher.setAuthTag(Buffer.from(enc.tag, 'base64'));
    return Buffer.concat([decipher.update(Buffer.from(enc.data, 'base64')), decipher.final()]);
  } catch {
    return null;
  }
}

export async function createAccountKeys(password: string): Promise<AccountKeys> {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const der = privateKey.export({ type: 'pkcs8', format: 'der' });
  return { publicKey: publicKey.export({ type: 'spki', format: 'pem' }).toString(), privateKeyEnc: await encryptKey(der, password) };
}

/** The same private key under a new password; null when the old password does not open it. */
export async function reencryptKey(privateKeyEnc: string, oldPassword: string, newPassword: string): Promise<string | null> {
  const der = await decryptKey(privateKeyEnc, oldPassword);
  return der ? encryptKey(der, newPassword) : null;
}

/** Seal a message with the account's private key; null when the password does not open it. */
export async function sealWith(privateKeyEnc: string, password: string, message: string): Promise<string | null> {
  const der = await decryptKey(privateKeyEnc, password);
  if (!der) return null;
  const key = createPrivateKey({ key: der, format: 'der', type: 'pkcs8' });
  return sign(null, Buffer.from(message, 'utf8'), key).toString('base64');
}

export function verifySeal(publicKey: string, message: string, seal: string): boolean {
  try {
    return verify(null, Buffer.from(message, 'utf8'), createPublicKey(publicKey), Buffer.from(seal, 'base64'));
  } catch {
    return false;
  }
}

/** Short id of a public key for people to compare (16 hex digits of its SHA-256). */
export function keyId(publicKey: string): string {
  return createHash('sha256').update(publicKey.trim()).digest('hex').slice(0, 16);
}

/** What a seal covers: the fingerprints, the annex (prior year, explanations, comments) and who signed when. */
export interface SealedFacts {
  fingerprint: string;
  contentHash: string;
  signerId: string;
  signer: string;
  signedAt: string;
  /** SHA-256 of the annex (annexHashOf); absent only in seals made before it was covered (v1). */
  annexHash?: string;
}

export function sealMessage(s: SealedFacts): string {
  return canonicalJson({
    format: s.annexHash === undefined ? 'budget-desk/seal/v1' : 'budget-desk/seal/v2',
    fingerprint: s.fingerprint,
    contentHash: s.contentHash,
    signerId: s.signerId,
    signer: s.signer,
    signedAt: s.signedAt,
    ...(s.annexHash === undefined ? {} : { annexHash: s.annexHash }),
  });
}

/**
 * Whether a signature record is sealed by its key over these facts. A seal names its format in
 * what it signs, so a v2 seal never passes as v1: the v1 form is accepted only for seals made
 * before the annex was covered, and such a seal never covered it.
 */
export function sealHolds(s: Omit<SealedFacts, 'annexHash'> & { publicKey: string | null; seal: string | null }, annexHash: string): boolean {
  if (!s.publicKey || !s.seal) return false;
  return verifySeal(s.publicKey, sealMessage({ ...s, annexHash }), s.seal) || verifySeal(s.publicKey, sealMessage(s), s.seal);
}
