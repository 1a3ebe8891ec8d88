import { Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '../config/app-config.js';
import { DEVELOPMENT_ENCRYPTION_KEY, EncryptionKeyring, parseEncryptionKey } from './encryption.js';

/**
 * Encrypts secrets the product must be able to read back (PSA keys, webhook URLs) before they
 * are stored, with the key from ENCRYPTION_KEY; keys in ENCRYPTION_KEYS_PREVIOUS only open values
 * sealed before a rotation. Pass a `context` naming where the value lives
 * (e.g. `psa_connections.private_key:<accountId>`) so a sealed value only opens in that place.
 */
@Injectable()
export class SecretBox {
  private readonly keyring: EncryptionKeyring;

  constructor(config: AppConfig) {
    const configured = config.env.ENCRYPTION_KEY;
    let current: Buffer;
    if (configured) {
      current = parseEncryptionKey(configured);
    } else {
      // The config schema already refuses this in production; this guards any other way in.
      if (config.isProduction) throw new Error('ENCRYPTION_KEY must be set in production');
      new Logger('SecretBox').warn(
        'ENCRYPTION_KEY is not set: stored secrets are encrypted with the public development key. Set it before holding real credentials.',
      );
      current = DEVELOPMENT_ENCRYPTION_KEY;
    }
    const previous = config.env.ENCRYPTION_KEYS_PREVIOUS.map((value) => parseEncryptionKey(value, 'ENCRYPTION_KEYS_PREVIOUS'));
    this.keyring = new EncryptionKeyring(current, previous);
  }

  /** The id of ENCRYPTION_KEY, which every newly sealed value carries. */
  get currentKeyId(): string {
    return this.keyring.currentKeyId;
  }

  seal(plaintext: string, context = ''): string {
    return this.keyring.seal(plaintext, context);
  }

  /**
   * Throws DecryptionError when the value was sealed with another context or was altered, and
   * UnknownEncryptionKeyError (a DecryptionError naming the key id) when its key is not configured.
   */
  open(envelope: string, context = ''): string {
    return this.keyring.open(envelope, context);
  }

  /**
   * The value sealed again with the current key, or null when it already is. It is opened either
   * way, so a value that would not open throws here instead of counting as current.
   */
  reseal(envelope: string, context = ''): string | null {
    const plaintext = this.keyring.open(envelope, context);
    return this.keyring.isCurrent(envelope) ? null : this.keyring.seal(plaintext, context);
  }
}
