import { Injectable } from '@nestjs/common';
import type { FixStatus } from '@resolutionflow/contracts';
import { In, type QueryDeepPartialEntity } from 'typeorm';
import { TenantDatabase } from '../../core/database/tenant-database.js';
import { SuggestedFixEntity } from './suggested-fix.entity.js';

export type NewSuggestedFix = Pick<SuggestedFixEntity, 'sessionId' | 'title' | 'description' | 'source' | 'createdBy'>;
export type FixPatch = Partial<
  Pick<SuggestedFixEntity, 'status' | 'pendingReason' | 'notes' | 'appliedAt' | 'verifiedAt' | 'draftScript' | 'draftParameters'>
>;

/** Every query on `suggested_fixes`. */
@Injectable()
export class SuggestedFixesRepository {
  constructor(private readonly tenant: TenantDatabase) {}

  async insert(fix: NewSuggestedFix): Promise<SuggestedFixEntity> {
    const manager = this.tenant.manager();
    const { identifiers } = await manager.insert(SuggestedFixEntity, { ...fix, status: 'proposed', accountId: this.requireAccount() });
    return manager.findOneByOrFail(SuggestedFixEntity, { id: identifiers[0]!.id as string });
  }

  /** A fix of this session only: a fix id from another session is not found here. */
  findInSession(sessionId: string, fixId: string): Promise<SuggestedFixEntity | null> {
    return this.tenant.manager().findOne(SuggestedFixEntity, { where: { id: fixId, sessionId, accountId: this.requireAccount() } });
  }

  listBySession(sessionId: string, statuses?: readonly FixStatus[]): Promise<SuggestedFixEntity[]> {
    return this.tenant.manager().find(SuggestedFixEntity, {
      where: { sessionId, accountId: this.requireAccount(), ...(statuses ? { status: In([...statuses]) } : {}) },
      order: { createdAt: 'ASC', id: 'ASC' },
    });
  }

  async update(id: string, patch: FixPatch): Promise<SuggestedFixEntity> {
    const manager = this.tenant.manager();
    // TypeORM's deep-partial type cannot see that a jsonb column takes a plain object as a whole value.
    await manager.update(SuggestedFixEntity, { id, accountId: this.requireAccount() }, patch as QueryDeepPartialEntity<SuggestedFixEntity>);
    return manager.findOneByOrFail(SuggestedFixEntity, { id, accountId: this.requireAccount() });
  }

  private requireAccount(): string {
    const accountId = this.tenant.accountId();
    if (!accountId) throw new Error('This suggested fixes query needs a tenant transaction');
    return accountId;
  }
}
