import { Injectable } from '@nestjs/common';
import { IsNull, type EntityManager } from 'typeorm';
import { PrivilegedDatabase } from '../../core/database/privileged-database.js';
import { queryRows } from '../../core/database/sql.js';
import { OneTimeTokenEntity, type OneTimeTokenPurpose } from './one-time-token.entity.js';
import { RefreshTokenEntity } from './refresh-token.entity.js';

/**
 * Refresh tokens and one-time tokens. They are presented before any tenant is known, so they
 * live behind the privileged connection and are found only by the digest of their secret.
 */
@Injectable()
export class AuthTokensRepository {
  constructor(private readonly db: PrivilegedDatabase) {}

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.db.transaction(work);
  }

  async insertRefresh(token: Omit<RefreshTokenEntity, 'id' | 'createdAt' | 'rotatedAt' | 'revokedAt'>, manager = this.db.manager) {
    await manager.insert(RefreshTokenEntity, token);
  }

  findRefreshByHash(tokenHash: string): Promise<RefreshTokenEntity | null> {
    return this.db.manager.findOne(RefreshTokenEntity, { where: { tokenHash } });
  }

  /** Inside a transaction: holds the row so two concurrent refreshes of one token serialize. */
  findRefreshByHashForUpdate(tokenHash: string, manager: EntityManager): Promise<RefreshTokenEntity | null> {
    return manager.findOne(RefreshTokenEntity, { where: { tokenHash }, lock: { mode: 'pessimistic_write' } });
  }

  /** Marks a live token rotated; false when another request rotated or revoked it first. */
  async markRotated(id: string, manager: EntityManager): Promise<boolean> {
    const result = await manager.update(RefreshTokenEntity, { id, rotatedAt: IsNull(), revokedAt: IsNull() }, { rotatedAt: new Date() });
    return (result.affected ?? 0) === 1;
  }

  async revokeFamily(familyId: string, manager = this.db.manager): Promise<void> {
    await manager.update(RefreshTokenEntity, { familyId, revokedAt: IsNull() }, { revokedAt: new Date() });
  }

  async revokeAllForUser(userId: string, manager = this.db.manager): Promise<void> {
    await manager.update(RefreshTokenEntity, { userId, revokedAt: IsNull() }, { revokedAt: new Date() });
  }

  async insertOneTime(token: Pick<OneTimeTokenEntity, 'accountId' | 'userId' | 'purpose' | 'tokenHash' | 'expiresAt'>, manager = this.db.manager) {
    await manager.insert(OneTimeTokenEntity, token);
  }

  /** Spends a one-time token atomically: returns it once, then never again. */
  async consumeOneTime(purpose: OneTimeTokenPurpose, tokenHash: string, manager = this.db.manager): Promise<OneTimeTokenEntity | null> {
    const rows = await queryRows<OneTimeTokenEntity>(
      manager,
      `update one_time_tokens set used_at = now()
        where token_hash = $1 and purpose = $2 and used_at is null and expires_at > now()
        returning id, account_id as "accountId", user_id as "userId", purpose, expires_at as "expiresAt"`,
      [tokenHash, purpose],
    );
    return rows[0] ?? null;
  }

  /** A newer link replaces older ones of the same purpose. */
  async invalidateOpen(userId: string, purpose: OneTimeTokenPurpose, manager = this.db.manager): Promise<void> {
    await manager.update(OneTimeTokenEntity, { userId, purpose, usedAt: IsNull() }, { usedAt: new Date() });
  }
}
