import type { ApiKey, CreatedApiKey } from '@resolutionflow/contracts';
import type { ApiKeyEntity } from './api-key.entity.js';

export function mapApiKey(key: ApiKeyEntity): ApiKey {
  return {
    id: key.id,
    name: key.name,
    role: key.role,
    prefix: key.prefix,
    createdBy: key.createdBy,
    lastUsedAt: key.lastUsedAt?.toISOString() ?? null,
    revokedAt: key.revokedAt?.toISOString() ?? null,
    createdAt: key.createdAt.toISOString(),
  };
}

export function mapCreatedApiKey(key: ApiKeyEntity, secret: string): CreatedApiKey {
  return { ...mapApiKey(key), secret };
}
