import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes, scryptSync } from 'node:crypto';

// Values name the key that sealed them as an extra field (`v1:<keyId>:…`); the version stays v1 because
// the stored columns are constrained to `v1:…`, and four-part values from before key ids still open.
const VERSION = 'v1';
const KEY_ID = /^[0-9a-f]{8}$/;
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

/** A value sealed with a key that is configured neither as ENCRYPTION_KEY nor in ENCRYPTION_KEYS_PREVIOUS. */
export class UnknownEncryptionKeyError extends DecryptionError {
  constructor(readonly keyId: string) {
    super(`The encrypted value was sealed with encryption key ${keyId}, which is neither ENCRYPTION_KEY nor in ENCRYPTION_KEYS_PREVIOUS`);
    this.name = 'UnknownEncryptionKeyError';
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
export function parseEncryptionKey(value: string, variable = 'ENCRYPTION_KEY'): Buffer {
  if (HEX_KEY.test(value)) return Buffer.from(value, 'hex');
  if (BASE64_KEY.test(value)) {
    const key = Buffer.from(value.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
    if (key.length === KEY_BYTES) return key;
  }
  const problem = encryptionKeyProblem(value);
  if (problem) throw new Error(`${variable} ${problem}`);
  return scryptSync(value.normalize('NFKC'), PASSPHRASE_SALT, KEY_BYTES, SCRYPT);
}

function assertKey(key: Buffer): void {
  if (key.length !== KEY_BYTES) throw new Error(`An encryption key is ${KEY_BYTES} bytes, got ${key.length}`);
}

/**
 * The id stored with every value the key seals: 8 hex characters of an HMAC under the key, so it
 * tells keys apart without revealing anything about them.
 */
export function encryptionKeyId(key: Buffer): string {
  assertKey(key);
  return createHmac('sha256', key).update('resolutionflow/encryption-key-id').digest('hex').slice(0, 8);
}

interface Envelope {
  /** Undefined for values sealed before key ids were stored. */
  keyId: string | undefined;
  iv: Buffer;
  tag: Buffer;
  ciphertext: Buffer;
}

function parseEnvelope(envelope: string): Envelope {
  const parts = envelope.split(':');
  if ((parts.length !== 4 && parts.length !== 5) || parts[0] !== VERSION) throw new DecryptionError('Not an encrypted value of a known version');
  const keyId = parts.length === 5 ? parts[1]! : undefined;
  const [ivText, tagText, ciphertextText] = parts.slice(-3) as [string, string, string];
  const iv = Buffer.from(ivText, 'base64url');
  const tag = Buffer.from(tagText, 'base64url');
  if ((keyId !== undefined && !KEY_ID.test(keyId)) || iv.length !== IV_BYTES || tag.length !== TAG_BYTES) {
    throw new DecryptionError('Malformed encrypted value');
  }
  return { keyId, iv, tag, ciphertext: Buffer.from(ciphertextText, 'base64url') };
}

// The context is authenticated, not stored: a value copied to another row or account fails to open.
// The key id is authenticated too, so it cannot be stripped or swapped to steer which key opens a value.
function additionalData(keyId: string | undefined, context: string): Buffer {
  return Buffer.from(keyId === undefined ? `${VERSION}|${context}` : `${VERSION}|${keyId}|${context}`, 'utf8');
}

/** The plaintext, or undefined when `key` and `context` do not authenticate the envelope. */
function decrypt(key: Buffer, envelope: Envelope, context: string): string | undefined {
  try {
    const decipher = createDecipheriv(ALGORITHM, key, envelope.iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(additionalData(envelope.keyId, context));
    decipher.setAuthTag(envelope.tag);
    return Buffer.concat([decipher.update(envelope.ciphertext), decipher.final()]).toString('utf8');
  } catch {
    return undefined;
  }
}

/**
 * The key that seals (ENCRYPTION_KEY) and older keys that still open values during a rotation
 * (ENCRYPTION_KEYS_PREVIOUS), each found by the key id a value carries.
 */
export class EncryptionKeyring {
  readonly currentKeyId: string;
  private readonly keys = new Map<string, Buffer>();

  constructor(
    private readonly current: Buffer,
    previous: readonly Buffer[] = [],
  ) {
    this.currentKeyId = encryptionKeyId(current);
    // The current key first: values without a key id are tried against the keys in this order.
    for (const key of [current, ...previous]) {
      const id = encryptionKeyId(key);
      if (!this.keys.has(id)) this.keys.set(id, key);
    }
  }

  /** Encrypts `plaintext` with the current key as `v1:<keyId>:<iv>:<tag>:<ciphertext>` (base64url), bound to `context`. */
  seal(plaintext: string, context = ''): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv(ALGORITHM, this.current, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(additionalData(this.currentKeyId, context));
    const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    const tag = cipher.getAuthTag();
    return [VERSION, this.currentKeyId, iv.toString('base64url'), tag.toString('base64url'), ciphertext.toString('base64url')].join(':');
  }

  /**
   * Decrypts a value sealed with any key of the ring under the same context. Throws
   * UnknownEncryptionKeyError when its key is not in the ring, DecryptionError for anything else.
   */
  open(envelope: string, context = ''): string {
    const parsed = parseEnvelope(envelope);
    if (parsed.keyId === undefined) {
      // Sealed before key ids were stored: whichever configured key authenticates it sealed it.
      for (const key of this.keys.values()) {
        const plaintext = decrypt(key, parsed, context);
        if (plaintext !== undefined) return plaintext;
      }
      throw new DecryptionError();
    }
    const key = this.keys.get(parsed.keyId);
    if (!key) throw new UnknownEncryptionKeyError(parsed.keyId);
    const plaintext = decrypt(key, parsed, context);
    if (plaintext === undefined) throw new DecryptionError();
    return plaintext;
  }

  /** Whether the value names the current key, so a rotation can leave it as it is (it is not decrypted here). */
  isCurrent(envelope: string): boolean {
    const parts = envelope.split(':');
    return parts.length === 5 && parts[0] === VERSION && parts[1] === this.currentKeyId;
  }
}

/** Seals with `key` alone; see EncryptionKeyring.seal. */
export function seal(key: Buffer, plaintext: string, context = ''): string {
  return new EncryptionKeyring(key).seal(plaintext, context);
}

/** Opens a value sealed with `key`, with or without a key id; throws DecryptionError otherwise. */
export function open(key: Buffer, envelope: string, context = ''): string {
  return new EncryptionKeyring(key).open(envelope, context);
}
