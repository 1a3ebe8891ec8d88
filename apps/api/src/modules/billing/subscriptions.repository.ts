import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { PrivilegedDatabase } from '../../core/database/privileged-database.js';
import { TenantDatabase } from '../../core/database/tenant-database.js';
import { SubscriptionEntity } from './subscription.entity.js';

@Injectable()
export class SubscriptionsRepository {
  constructor(
    private readonly tenant: TenantDatabase,
    private readonly privileged: PrivilegedDatabase,
  ) {}

  /** Read by the subscription guard, which runs before the request's tenant transaction opens. */
  findByAccount(accountId: string): Promise<SubscriptionEntity | null> {
    return this.privileged.manager.findOne(SubscriptionEntity, { where: { accountId } });
  }

  async insertTrial(accountId: string, plan: string, trialEndsAt: Date, manager: EntityManager): Promise<void> {
    await manager.insert(SubscriptionEntity, { accountId, plan, status: 'trialing', trialEndsAt });
  }

  findCurrent(): Promise<SubscriptionEntity | null> {
    const accountId = this.tenant.accountId();
    if (!accountId) return Promise.resolve(null);
    return this.tenant.manager().findOne(SubscriptionEntity, { where: { accountId } });
  }
}
