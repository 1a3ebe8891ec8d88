import { Injectable } from '@nestjs/common';
import { digest } from '../../../core/security/secrets.js';
import { ApiKeysRepository, type ActiveApiKey } from './api-keys.repository.js';

export const API_KEY_PREFIX = 'rfk_';

@Injectable()
export class ApiKeysService {
  constructor(private readonly keys: ApiKeysRepository) {}

  /** The active key for a presented secret, or null. */
  authenticate(secret: string): Promise<ActiveApiKey | null> {
    if (!secret.startsWith(API_KEY_PREFIX)) return Promise.resolve(null);
    return this.keys.findActiveByHashAndTouch(digest(secret));
  }
}
