import { Injectable } from '@nestjs/common';
import type { ApiKey, CreateApiKeyRequest, CreatedApiKey, CursorQuery, Page } from '@resolutionflow/contracts';
import { AuditRepository } from '../../../core/audit/audit.repository.js';
import type { Principal } from '../../../core/auth/principal.js';
import { decodeCursor, mapPage } from '../../../core/database/keyset-page.js';
import { AppError } from '../../../core/errors/app-error.js';
import { DomainEvents } from '../../../core/events/domain-events.js';
import { digest, newSecret } from '../../../core/security/secrets.js';
import { auditEntry } from '../audit-entry.js';
import { mapApiKey, mapCreatedApiKey } from './api-key.mapper.js';
import { ApiKeysRepository, type ActiveApiKey } from './api-keys.repository.js';

export const API_KEY_PREFIX = 'rfk_';
/** `rfk_` and the first eight characters of the secret: enough to tell keys apart, useless to an attacker. */
const DISPLAY_PREFIX_LENGTH = API_KEY_PREFIX.length + 8;

@Injectable()
export class ApiKeysService {
  constructor(
    private readonly keys: ApiKeysRepository,
    private readonly audit: AuditRepository,
    private readonly events: DomainEvents,
  ) {}

  /** The active key for a presented secret, or null. */
  authenticate(secret: string): Promise<ActiveApiKey | null> {
    if (!secret.startsWith(API_KEY_PREFIX)) return Promise.resolve(null);
    return this.keys.findActiveByHashAndTouch(digest(secret));
  }

  /** The secret is answered here once and stored only as a digest. */
  async create(actor: Principal, input: CreateApiKeyRequest): Promise<CreatedApiKey> {
    // A leaked key must not be able to mint its own successors and outlive its revocation.
    if (actor.kind !== 'user') throw AppError.forbidden('API keys are created by a signed-in user, not by another key');
    const secret = `${API_KEY_PREFIX}${newSecret()}`;
    const key = await this.keys.insert({
      name: input.name,
      role: input.role,
      prefix: secret.slice(0, DISPLAY_PREFIX_LENGTH),
      keyHash: digest(secret),
      createdBy: actor.userId,
    });
    await this.audit.record(auditEntry(actor, 'api_key.created', { type: 'api_key', id: key.id }, { name: key.name, role: key.role }));
    return mapCreatedApiKey(key, secret);
  }

  async list(query: CursorQuery): Promise<Page<ApiKey>> {
    return mapPage(await this.keys.page(query.limit, decodeCursor(query.cursor)), mapApiKey);
  }

  /** Takes effect on the key's next request, and the `api_key.revoked` listeners end its open streams; revoking twice is harmless. */
  async revoke(actor: Principal, id: string): Promise<void> {
    const key = await this.keys.findInAccount(id);
    if (!key) throw AppError.notFound('API key');
    if (key.revokedAt) return;
    await this.keys.revoke(id);
    await this.audit.record(auditEntry(actor, 'api_key.revoked', { type: 'api_key', id }, { name: key.name }));
    await this.events.emit('api_key.revoked', { apiKeyId: id, accountId: key.accountId });
  }
}
