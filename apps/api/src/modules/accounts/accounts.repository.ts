import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { PrivilegedDatabase } from '../../core/database/privileged-database.js';
import { TenantDatabase } from '../../core/database/tenant-database.js';
import { AccountEntity } from './account.entity.js';

/** Every query on `accounts`. */
@Injectable()
export class AccountsRepository {
  constructor(
    private readonly tenant: TenantDatabase,
    private readonly privileged: PrivilegedDatabase,
  ) {}

  /** The caller's own account, read through row-level security. */
  findCurrent(): Promise<AccountEntity | null> {
    const accountId = this.tenant.accountId();
    if (!accountId) return Promise.resolve(null);
    return this.tenant.manager().findOne(AccountEntity, { where: { id: accountId } });
  }

  async rename(name: string): Promise<void> {
    const accountId = this.tenant.accountId();
    if (!accountId) throw new Error('Renaming an account needs its tenant transaction');
    await this.tenant.manager().update(AccountEntity, { id: accountId }, { name });
  }

  /** A new account has no tenant yet, so it is created on the privileged connection (sign-up, seeding). */
  create(name: string, manager: EntityManager = this.privileged.manager, id?: string): Promise<AccountEntity> {
    return manager.save(AccountEntity, manager.create(AccountEntity, id ? { id, name } : { name }));
  }
}
