import { randomBytes } from 'node:crypto';
import { loadConfig } from '../config/app-config.js';
import { DecryptionError, DEVELOPMENT_ENCRYPTION_KEY, encryptionKeyProblem, open, parseEncryptionKey, seal } from './encryption.js';
import { SecretBox } from './secret-box.js';

const key = randomBytes(32);

/** Flips one bit of the decoded part `index` (1 iv, 2 tag, 3 ciphertext) of an envelope. */
function tamper(envelope: string, index: 1 | 2 | 3): string {
  const parts = envelope.split(':');
  const bytes = Buffer.from(parts[index]!, 'base64url');
  bytes[0] = bytes[0]! ^ 0x01;
  parts[index] = bytes.toString('base64url');
  return parts.join(':');
}

describe('seal / open', () => {
  it('round-trips text, including unicode and the empty string', () => {
    for (const plaintext of ['pk_live_0123456789abcdef', 'ünïcödé 🔐 key', '']) {
      const sealed = seal(key, plaintext, 'ctx');
      expect(sealed).toMatch(/^v1:[\w-]+:[\w-]+:[\w-]*$/);
      expect(sealed).not.toContain(plaintext || '\u0000');
      expect(open(key, sealed, 'ctx')).toBe(plaintext);
    }
  });

  it('uses a fresh IV every time, so equal secrets do not look equal', () => {
    const envelopes = Array.from({ length: 50 }, () => seal(key, 'same secret'));
    expect(new Set(envelopes).size).toBe(50);
    expect(new Set(envelopes.map((e) => e.split(':')[1])).size).toBe(50);
  });

  it('detects tampering with the IV, the tag or the ciphertext', () => {
    const sealed = seal(key, 'private key value');
    for (const part of [1, 2, 3] as const) {
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
    for (const bad of ['', 'plaintext', sealed.replace(/^v1/, 'v2'), sealed.split(':').slice(0, 3).join(':'), 'v1:AA:AA:AA']) {
      expect(() => open(key, bad)).toThrow(DecryptionError);
    }
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

  it('is required in production by the configuration', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(40) })).toThrow(/ENCRYPTION_KEY: must be set in production/);
    expect(() => loadConfig({ ENCRYPTION_KEY: 'short' })).toThrow(/ENCRYPTION_KEY/);
  });
});
