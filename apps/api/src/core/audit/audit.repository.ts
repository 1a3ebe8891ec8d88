import { Injectable } from '@nestjs/common';
import { TenantDatabase } from '../database/tenant-database.js';
import { AuditEventEntity } from './audit-event.entity.js';

export interface AuditRecord {
  actorUserId?: string | null;
  action: string;
  targetType?: string;
  targetId?: string;
  data?: Record<string, unknown>;
}

/** The account's audit trail; written inside the caller's tenant transaction so it commits with the change. */
@Injectable()
export class AuditRepository {
  constructor(private readonly tenant: TenantDatabase) {}

  async record(event: AuditRecord): Promise<void> {
    const accountId = this.tenant.accountId();
    if (!accountId) throw new Error('Audit events are recorded inside a tenant transaction');
    await this.tenant.manager().insert(AuditEventEntity, {
      accountId,
      actorUserId: event.actorUserId ?? null,
      action: event.action,
      targetType: event.targetType ?? null,
      targetId: event.targetId ?? null,
      data: (event.data ?? {}) as never,
    });
  }

  async latest(limit: number): Promise<AuditEventEntity[]> {
    return this.tenant.manager().find(AuditEventEntity, { order: { createdAt: 'DESC', id: 'DESC' }, take: limit });
  }
}
