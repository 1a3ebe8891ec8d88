import { createCipheriv, randomBytes } from 'node:crypto';
import { loadConfig } from '../config/app-config.js';
import {
  DecryptionError,
  DEVELOPMENT_ENCRYPTION_KEY,
  EncryptionKeyring,
  encryptionKeyId,
  encryptionKeyProblem,
  open,
  parseEncryptionKey,
  seal,
  UnknownEncryptionKeyError,
} from './encryption.js';
import { SecretBox } from './secret-box.js';

const key = randomBytes(32);

/** Flips one bit of the decoded part `index` (2 iv, 3 tag, 4 ciphertext) of an envelope. */
function tamper(envelope: string, index: 2 | 3 | 4): string {
  const parts = envelope.split(':');
  const bytes = Buffer.from(parts[index]!, 'base64url');
  bytes[0] = bytes[0]! ^ 0x01;
  parts[index] = bytes.toString('base64url');
  return parts.join(':');
}

/** A value as sealed before key ids were stored (`v1:<iv>:<tag>:<ciphertext>`), written independently of the code under test. */
function legacySeal(legacyKey: Buffer, plaintext: string, context = ''): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', legacyKey, iv, { authTagLength: 16 });
  cipher.setAAD(Buffer.from(`v1|${context}`, 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return ['v1', iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), ciphertext.toString('base64url')].join(':');
}

describe('seal / open', () => {
  it('round-trips text, including unicode and the empty string, naming the key that sealed it', () => {
    for (const plaintext of ['pk_live_0123456789abcdef', 'ünïcödé 🔐 key', '']) {
      const sealed = seal(key, plaintext, 'ctx');
      expect(sealed).toMatch(/^v1:[0-9a-f]{8}:[\w-]+:[\w-]+:[\w-]*$/);
      expect(sealed.split(':')[1]).toBe(encryptionKeyId(key));
      expect(sealed).not.toContain(plaintext || '\u0000');
      expect(open(key, sealed, 'ctx')).toBe(plaintext);
    }
  });

  it('uses a fresh IV every time, so equal secrets do not look equal', () => {
    const envelopes = Array.from({ length: 50 }, () => seal(key, 'same secret'));
    expect(new Set(envelopes).size).toBe(50);
    expect(new Set(envelopes.map((e) => e.split(':')[2])).size).toBe(50);
  });

  it('detects tampering with the IV, the tag or the ciphertext', () => {
    const sealed = seal(key, 'private key value');
    for (const part of [2, 3, 4] as const) {
      expect(() => open(key, tamper(sealed, part))).toThrow(DecryptionError);
    }
  });

  it('refuses a wrong key', () => {
    const sealed = seal(key, 'private key value');
    expect(() => open(randomBytes(32), sealed)).toThrow(DecryptionError);
  });

  it('binds the value to its context', () => {
    const sealed = seal(key, 'private key value', 'psa:account-a');
    expect(() => open(key, sealed, 'psa:account-b')).toThrow(DecryptionError);
    expect(() => open(key, sealed)).toThrow(DecryptionError);
  });

  it('refuses malformed or unknown-version envelopes', () => {
    const sealed = seal(key, 'x');
    const parts = sealed.split(':');
    for (const bad of [
      '',
      'plaintext',
      sealed.replace(/^v1/, 'v2'),
      parts.slice(0, 4).join(':'),
      [...parts, 'extra'].join(':'),
      ['v1', 'not-hex!', ...parts.slice(2)].join(':'),
      'v1:AA:AA:AA',
    ]) {
      expect(() => open(key, bad)).toThrow(DecryptionError);
    }
  });

  it('still opens values sealed before key ids were stored, bound to their context', () => {
    const legacy = legacySeal(key, 'stored last year', 'psa:account-a');
    expect(open(key, legacy, 'psa:account-a')).toBe('stored last year');
    expect(() => open(key, legacy, 'psa:account-b')).toThrow(DecryptionError);
    expect(() => open(randomBytes(32), legacy, 'psa:account-a')).toThrow(DecryptionError);
    expect(() => open(key, `v1:${encryptionKeyId(key)}:${legacy.slice(3)}`, 'psa:account-a')).toThrow(DecryptionError);
  });
});

describe('encryptionKeyId', () => {
  it('is a short, stable fingerprint that tells keys apart and shows nothing of the key', () => {
    const id = encryptionKeyId(key);
    expect(id).toMatch(/^[0-9a-f]{8}$/);
    expect(encryptionKeyId(Buffer.from(key))).toBe(id);
    expect(encryptionKeyId(randomBytes(32))).not.toBe(id);
    expect(key.toString('hex')).not.toContain(id);
  });
});

describe('EncryptionKeyring', () => {
  const previous = randomBytes(32);
  const current = randomBytes(32);
  const ring = new EncryptionKeyring(current, [previous]);

  it('seals with the current key only', () => {
    const sealed = ring.seal('secret', 'c');
    expect(sealed.split(':')[1]).toBe(encryptionKeyId(current));
    expect(ring.currentKeyId).toBe(encryptionKeyId(current));
    expect(open(current, sealed, 'c')).toBe('secret');
    expect(() => open(previous, sealed, 'c')).toThrow(DecryptionError);
  });

  it('opens values sealed with a previous key, with or without a key id', () => {
    expect(ring.open(seal(previous, 'old secret', 'c'), 'c')).toBe('old secret');
    expect(ring.open(legacySeal(previous, 'older secret', 'c'), 'c')).toBe('older secret');
    expect(ring.open(legacySeal(current, 'legacy, current key', 'c'), 'c')).toBe('legacy, current key');
  });

  it('names the key id of a value whose key is not configured', () => {
    const stranger = randomBytes(32);
    const sealed = seal(stranger, 'secret', 'c');
    let error: unknown;
    try {
      ring.open(sealed, 'c');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(UnknownEncryptionKeyError);
    expect(error).toBeInstanceOf(DecryptionError);
    expect((error as UnknownEncryptionKeyError).keyId).toBe(encryptionKeyId(stranger));
    expect((error as Error).message).toContain(encryptionKeyId(stranger));
    expect((error as Error).message).toMatch(/ENCRYPTION_KEYS_PREVIOUS/);
    expect(() => ring.open(legacySeal(stranger, 'secret', 'c'), 'c')).toThrow(DecryptionError);
  });

  it('refuses a tampered value, a swapped key id and a stripped key id instead of returning garbage', () => {
    const sealed = ring.seal('secret', 'c');
    for (const part of [2, 3, 4] as const) expect(() => ring.open(tamper(sealed, part), 'c')).toThrow(DecryptionError);
    const swapped = sealed.replace(`:${encryptionKeyId(current)}:`, `:${encryptionKeyId(previous)}:`);
    expect(() => ring.open(swapped, 'c')).toThrow(DecryptionError);
    const stripped = sealed.replace(`:${encryptionKeyId(current)}:`, ':');
    expect(() => ring.open(stripped, 'c')).toThrow(DecryptionError);
  });

  it('knows which values are sealed with the current key', () => {
    expect(ring.isCurrent(ring.seal('secret'))).toBe(true);
    expect(ring.isCurrent(seal(previous, 'secret'))).toBe(false);
    expect(ring.isCurrent(legacySeal(current, 'secret'))).toBe(false);
  });
});

describe('parseEncryptionKey', () => {
  it('takes 32 bytes as hex, base64 or base64url as they are', () => {
    const raw = randomBytes(32);
    expect(parseEncryptionKey(raw.toString('hex')).equals(raw)).toBe(true);
    expect(parseEncryptionKey(raw.toString('base64')).equals(raw)).toBe(true);
    expect(parseEncryptionKey(raw.toString('base64url')).equals(raw)).toBe(true);
  });

  it('stretches a long passphrase into a stable 32-byte key', () => {
    const passphrase = 'correct horse battery staple, long enough to count';
    const derived = parseEncryptionKey(passphrase);
    expect(derived).toHaveLength(32);
    expect(parseEncryptionKey(passphrase).equals(derived)).toBe(true);
    expect(parseEncryptionKey(`${passphrase}!`).equals(derived)).toBe(false);
  });

  it('refuses short values', () => {
    expect(encryptionKeyProblem('too-short')).toMatch(/at least 32 characters/);
    expect(() => parseEncryptionKey('too-short')).toThrow(/ENCRYPTION_KEY/);
  });
});

describe('SecretBox', () => {
  it('uses ENCRYPTION_KEY when set', () => {
    const raw = randomBytes(32);
    const box = new SecretBox(loadConfig({ ENCRYPTION_KEY: raw.toString('hex') }));
    expect(open(raw, box.seal('secret', 'c'), 'c')).toBe('secret');
    expect(box.open(seal(raw, 'secret', 'c'), 'c')).toBe('secret');
  });

  it('falls back to the development key outside production', () => {
    const box = new SecretBox(loadConfig({ NODE_ENV: 'test' }));
    expect(open(DEVELOPMENT_ENCRYPTION_KEY, box.seal('secret'))).toBe('secret');
  });

  it('opens values sealed with ENCRYPTION_KEYS_PREVIOUS and re-seals them with ENCRYPTION_KEY', () => {
    const [oldKey, newKey] = [randomBytes(32), randomBytes(32)];
    const box = new SecretBox(loadConfig({ ENCRYPTION_KEY: newKey.toString('hex'), ENCRYPTION_KEYS_PREVIOUS: ` ${oldKey.toString('base64')} ` }));
    expect(box.currentKeyId).toBe(encryptionKeyId(newKey));
    const old = seal(oldKey, 'secret', 'c');
    expect(box.open(old, 'c')).toBe('secret');
    const resealed = box.reseal(old, 'c')!;
    expect(open(newKey, resealed, 'c')).toBe('secret');
    expect(box.reseal(resealed, 'c')).toBeNull();
    expect(open(newKey, box.reseal(legacySeal(newKey, 'secret', 'c'), 'c')!, 'c')).toBe('secret');
    expect(() => box.reseal(seal(randomBytes(32), 'secret', 'c'), 'c')).toThrow(UnknownEncryptionKeyError);
    expect(() => box.reseal(tamper(resealed, 4), 'c')).toThrow(DecryptionError);
  });

  it('is required in production by the configuration', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(40) })).toThrow(/ENCRYPTION_KEY: must be set in production/);
    expect(() => loadConfig({ ENCRYPTION_KEY: 'short' })).toThrow(/ENCRYPTION_KEY/);
  });
});
