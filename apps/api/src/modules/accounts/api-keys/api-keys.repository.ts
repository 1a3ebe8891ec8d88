import { Injectable } from '@nestjs/common';
import { IsNull } from 'typeorm';
import { toPage } from '../../../core/database/keyset-page.js';
import { PrivilegedDatabase } from '../../../core/database/privileged-database.js';
import { queryRows } from '../../../core/database/sql.js';
import { TenantDatabase } from '../../../core/database/tenant-database.js';
import { ApiKeyEntity } from './api-key.entity.js';

export interface ActiveApiKey {
  id: string;
  accountId: string;
  name: string;
  role: 'admin' | 'engineer' | 'viewer';
  createdBy: string | null;
  createdAt: Date;
}

export type NewApiKey = Pick<ApiKeyEntity, 'name' | 'role' | 'prefix' | 'keyHash' | 'createdBy'>;

/** Every query on `api_keys`. */
@Injectable()
export class ApiKeysRepository {
  constructor(
    private readonly privileged: PrivilegedDatabase,
    private readonly tenant: TenantDatabase,
  ) {}

  /**
   * The key presented by an integrator, found by digest before its account is known; stamps
   * `last_used_at` at most once a minute so busy keys do not write on every call.
   */
  async findActiveByHashAndTouch(keyHash: string): Promise<ActiveApiKey | null> {
    const rows = await queryRows<ActiveApiKey>(
      this.privileged.manager,
      `with key as (
         select id, account_id, name, role, created_by, created_at, last_used_at
           from api_keys where key_hash = $1 and revoked_at is null
       ), touched as (
         update api_keys set last_used_at = now()
          where id = (select id from key) and (last_used_at is null or last_used_at < now() - interval '1 minute')
       )
       select id, account_id as "accountId", name, role, created_by as "createdBy", created_at as "createdAt" from key`,
      [keyHash],
    );
    return rows[0] ?? null;
  }

  // Tenant-scoped below: the caller's account, with row-level security underneath.

  insert(key: NewApiKey): Promise<ApiKeyEntity> {
    const manager = this.tenant.manager();
    return manager.save(ApiKeyEntity, manager.create(ApiKeyEntity, { ...key, accountId: this.requireAccount() }));
  }

  findInAccount(id: string): Promise<ApiKeyEntity | null> {
    return this.tenant.manager().findOne(ApiKeyEntity, { where: { id, accountId: this.requireAccount() } });
  }

  /** Every key of the account, revoked ones included, newest first. */
  async page(limit: number, afterId?: string) {
    const accountId = this.requireAccount();
    const query = this.tenant.manager().createQueryBuilder(ApiKeyEntity, 'k').where('k.account_id = :accountId', { accountId });
    if (afterId) {
      query.andWhere('(k.created_at, k.id) < (select created_at, id from api_keys where id = :afterId and account_id = :accountId)', {
        afterId,
      });
    }
    const rows = await query.orderBy('k.createdAt', 'DESC').addOrderBy('k.id', 'DESC').limit(limit + 1).getMany();
    return toPage(rows, limit);
  }

  async revoke(id: string): Promise<void> {
    await this.tenant.manager().update(ApiKeyEntity, { id, accountId: this.requireAccount(), revokedAt: IsNull() }, { revokedAt: new Date() });
  }

  private requireAccount(): string {
    const accountId = this.tenant.accountId();
    if (!accountId) throw new Error('This API keys query needs a tenant transaction');
    return accountId;
  }
}
