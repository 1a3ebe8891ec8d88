import { Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '../config/app-config.js';
import { DEVELOPMENT_ENCRYPTION_KEY, open, parseEncryptionKey, seal } from './encryption.js';

/**
 * Encrypts secrets the product must be able to read back (PSA keys, webhook URLs) before they
 * are stored, with the key from ENCRYPTION_KEY. Pass a `context` naming where the value lives
 * (e.g. `psa_connections.private_key:<accountId>`) so a sealed value only opens in that place.
 */
@Injectable()
export class SecretBox {
  private readonly key: Buffer;

  constructor(config: AppConfig) {
    const configured = config.env.ENCRYPTION_KEY;
    if (configured) {
      this.key = parseEncryptionKey(configured);
    } else {
      // The config schema already refuses this in production; this guards any other way in.
      if (config.isProduction) throw new Error('ENCRYPTION_KEY must be set in production');
      new Logger('SecretBox').warn(
        'ENCRYPTION_KEY is not set: stored secrets are encrypted with the public development key. Set it before holding real credentials.',
      );
      this.key = DEVELOPMENT_ENCRYPTION_KEY;
    }
  }

  seal(plaintext: string, context = ''): string {
    return seal(this.key, plaintext, context);
  }

  /** Throws DecryptionError when the value was sealed with another key or context, or was altered. */
  open(envelope: string, context = ''): string {
    return open(this.key, envelope, context);
  }
}
