import { Injectable } from '@nestjs/common';
import { AppConfig } from '../../core/config/app-config.js';
import { DecryptionError } from '../../core/security/encryption.js';
import { SecretBox } from '../../core/security/secret-box.js';
import { ConnectWiseClient } from './connectwise-client.js';
import type { PsaConnectionEntity } from './psa-connection.entity.js';
import { psaPrivateKeyContext } from './psa-connections.repository.js';

/** The stored private key no longer opens (ENCRYPTION_KEY changed or the row was altered). */
export class UnreadableCredentialsError extends Error {
  constructor(options?: { cause?: unknown }) {
    super('The saved PSA private key cannot be decrypted; save the connection again with the key', options);
    this.name = 'UnreadableCredentialsError';
  }
}

/** Seals private keys for storage and builds a ConnectWise client from a stored connection. */
@Injectable()
export class ConnectWiseClients {
  constructor(
    private readonly box: SecretBox,
    private readonly config: AppConfig,
  ) {}

  sealPrivateKey(accountId: string, privateKey: string): string {
    return this.box.seal(privateKey, psaPrivateKeyContext(accountId));
  }

  /** Throws UnreadableCredentialsError when the stored key does not decrypt. */
  forConnection(connection: PsaConnectionEntity): ConnectWiseClient {
    let privateKey: string;
    try {
      privateKey = this.box.open(connection.privateKeyEncrypted, psaPrivateKeyContext(connection.accountId));
    } catch (error) {
      if (error instanceof DecryptionError) throw new UnreadableCredentialsError({ cause: error });
      throw error;
    }
    return new ConnectWiseClient(
      {
        siteUrl: connection.siteUrl,
        companyId: connection.companyId,
        publicKey: connection.publicKey,
        privateKey,
        clientId: connection.clientId,
      },
      this.config.env.PSA_REQUEST_TIMEOUT_MS,
    );
  }
}
