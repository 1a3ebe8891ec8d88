import { createCipheriv, createDecipheriv, createHash, randomBytes, scryptSync } from 'node:crypto';

const VERSION = 'v1';
const ALGORITHM = 'aes-256-gcm';
const KEY_BYTES = 32;
// 96-bit nonces are what GCM is specified for; random ones are safe far beyond our write volume.
const IV_BYTES = 12;
const TAG_BYTES = 16;
export const PASSPHRASE_MIN_LENGTH = 32;
// A fixed, application-specific salt: every process must derive the same key from the same passphrase.
const PASSPHRASE_SALT = 'resolutionflow/encryption-key/v1';
const SCRYPT = { N: 2 ** 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 } as const;

const HEX_KEY = /^[0-9a-f]{64}$/i;
const BASE64_KEY = /^[A-Za-z0-9+/_-]{43}=?$/;

/**
 * Used when ENCRYPTION_KEY is unset outside production, so a fresh checkout runs; it is public,
 * so data sealed with it is only obscured. Production refuses to boot without a real key.
 */
export const DEVELOPMENT_ENCRYPTION_KEY: Buffer = createHash('sha256').update('resolutionflow development-only encryption key').digest();

/** A sealed value that cannot be opened: wrong key, wrong context, tampered or malformed. */
export class DecryptionError extends Error {
  constructor(message = 'The encrypted value cannot be decrypted with this key') {
    super(message);
    this.name = 'DecryptionError';
  }
}

/** Why `value` is not a usable ENCRYPTION_KEY, or undefined when it is. */
export function encryptionKeyProblem(value: string): string | undefined {
  if (HEX_KEY.test(value) || BASE64_KEY.test(value) || value.length >= PASSPHRASE_MIN_LENGTH) return undefined;
  return `must be 32 bytes as 64 hex characters or base64, or a passphrase of at least ${PASSPHRASE_MIN_LENGTH} characters`;
}

/**
 * The 256-bit key described by ENCRYPTION_KEY: 64 hex characters or base64/base64url of 32 bytes
 * are used as they are; anything else of at least 32 characters is a passphrase stretched with
 * scrypt, so a memorable value is still expensive to brute-force from a stolen table.
 */
export function parseEncryptionKey(value: string): Buffer {
  if (HEX_KEY.test(value)) return Buffer.from(value, 'hex');
  if (BASE64_KEY.test(value)) {
    const key = Buffer.from(value.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
    if (key.length === KEY_BYTES) return key;
  }
  const problem = encryptionKeyProblem(value);
  if (problem) throw new Error(`ENCRYPTION_KEY ${problem}`);
  return scryptSync(value.normalize('NFKC'), PASSPHRASE_SALT, KEY_BYTES, SCRYPT);
}

function assertKey(key: Buffer): void {
  if (key.length !== KEY_BYTES) throw new Error(`An encryption key is ${KEY_BYTES} bytes, got ${key.length}`);
}

// The context is authenticated, not stored: a value copied to another row or account fails to open.
function additionalData(context: string): Buffer {
  return Buffer.from(`${VERSION}|${context}`, 'utf8');
}

/** Encrypts `plaintext` as `v1:<iv>:<tag>:<ciphertext>` (base64url), bound to `context`. */
export function seal(key: Buffer, plaintext: string, context = ''): string {
  assertKey(key);
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv(ALGORITHM, key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(additionalData(context));
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  const tag = cipher.getAuthTag();
  return [VERSION, iv.toString('base64url'), tag.toString('base64url'), ciphertext.toString('base64url')].join(':');
}

/** Decrypts an envelope made by `seal` with the same key and context; throws DecryptionError otherwise. */
export function open(key: Buffer, envelope: string, context = ''): string {
  assertKey(key);
  const parts = envelope.split(':');
  if (parts.length !== 4 || parts[0] !== VERSION) throw new DecryptionError('Not an encrypted value of a known version');
  const [, ivText, tagText, ciphertextText] = parts as [string, string, string, string];
  const iv = Buffer.from(ivText, 'base64url');
  const tag = Buffer.from(tagText, 'base64url');
  if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) throw new DecryptionError('Malformed encrypted value');
  try {
    const decipher = createDecipheriv(ALGORITHM, key, iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(additionalData(context));
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(Buffer.from(ciphertextText, 'base64url')), decipher.final()]).toString('utf8');
  } catch {
    throw new DecryptionError();
  }
}
