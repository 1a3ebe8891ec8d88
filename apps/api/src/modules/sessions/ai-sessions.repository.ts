import { Injectable } from '@nestjs/common';
import type { Page } from '@resolutionflow/contracts';
import { MoreThanOrEqual } from 'typeorm';
import { toPage } from '../../core/database/keyset-page.js';
import { queryRows } from '../../core/database/sql.js';
import { TenantDatabase } from '../../core/database/tenant-database.js';
import { AiSessionEntity } from './ai-session.entity.js';

export type NewAiSession = Pick<AiSessionEntity, 'ownerId' | 'problemSummary' | 'psaTicketId'>;

/** What may change on a session besides its version, which every change bumps. */
export type SessionPatch = Partial<
  Pick<
    AiSessionEntity,
    | 'status'
    | 'psaTicketId'
    | 'escalatedToId'
    | 'escalationReason'
    | 'escalationPackage'
    | 'resolutionNote'
    | 'confidenceTier'
    | 'resolvedAt'
  >
>;

const COLUMNS: Record<keyof SessionPatch, string> = {
  status: 'status',
  psaTicketId: 'psa_ticket_id',
  escalatedToId: 'escalated_to_id',
  escalationReason: 'escalation_reason',
  escalationPackage: 'escalation_package',
  resolutionNote: 'resolution_note',
  confidenceTier: 'confidence_tier',
  resolvedAt: 'resolved_at',
};

/** Every query on `ai_sessions`, in the caller's tenant transaction. */
@Injectable()
export class AiSessionsRepository {
  constructor(private readonly tenant: TenantDatabase) {}

  /** Inserts and reads the row back, so database defaults (version, counters, timestamps) are in the entity. */
  async insert(session: NewAiSession): Promise<AiSessionEntity> {
    const manager = this.tenant.manager();
    const { identifiers } = await manager.insert(AiSessionEntity, { ...session, accountId: this.requireAccount(), status: 'active' });
    return manager.findOneByOrFail(AiSessionEntity, { id: identifiers[0]!.id as string });
  }

  /**
   * Serialises session creation in the caller's account until the transaction ends, so two
   * concurrent requests cannot both pass the plan's monthly cap.
   */
  async lockMonthlyQuota(): Promise<void> {
    await this.tenant
      .manager()
      .query(`select pg_advisory_xact_lock(hashtextextended('ai_sessions_monthly:' || $1, 0))`, [this.requireAccount()]);
  }

  /** Sessions the caller's account started at or after `since`. */
  countCreatedSince(since: Date): Promise<number> {
    return this.tenant.manager().count(AiSessionEntity, { where: { accountId: this.requireAccount(), createdAt: MoreThanOrEqual(since) } });
  }

  findById(id: string): Promise<AiSessionEntity | null> {
    return this.tenant.manager().findOne(AiSessionEntity, { where: { id, accountId: this.requireAccount() } });
  }

  /** The session, locked until the transaction ends: every change to a session and its fixes goes through this lock. */
  lockById(id: string): Promise<AiSessionEntity | null> {
    return this.tenant
      .manager()
      .createQueryBuilder(AiSessionEntity, 's')
      .where('s.id = :id and s.account_id = :accountId', { id, accountId: this.requireAccount() })
      .setLock('pessimistic_write')
      .getOne();
  }

  /** The sidebar: sessions the user owns or that are escalated to / claimed by them, latest activity first. */
  async pageForUser(userId: string, limit: number, afterId?: string): Promise<Page<AiSessionEntity>> {
    const accountId = this.requireAccount();
    const query = this.tenant
      .manager()
      .createQueryBuilder(AiSessionEntity, 's')
      .where('s.account_id = :accountId', { accountId })
      .andWhere('(s.owner_id = :userId or s.escalated_to_id = :userId)', { userId });
    if (afterId) {
      query.andWhere('(s.updated_at, s.id) < (select updated_at, id from ai_sessions where id = :afterId and account_id = :accountId)', {
        afterId,
      });
    }
    const rows = await query.orderBy('s.updatedAt', 'DESC').addOrderBy('s.id', 'DESC').limit(limit + 1).getMany();
    return toPage(rows, limit);
  }

  /** Applies `patch` and bumps the state version; answers the new version. */
  async update(id: string, patch: SessionPatch = {}): Promise<number> {
    const sets = ['state_version = state_version + 1', 'updated_at = now()'];
    const params: unknown[] = [id, this.requireAccount()];
    for (const [key, value] of Object.entries(patch) as [keyof SessionPatch, unknown][]) {
      if (value === undefined) continue;
      params.push(key === 'escalationPackage' && value !== null ? JSON.stringify(value) : value);
      sets.push(`${COLUMNS[key]} = $${params.length}`);
    }
    const rows = await queryRows<{ state_version: number }>(
      this.tenant.manager(),
      `update ai_sessions set ${sets.join(', ')} where id = $1 and account_id = $2 returning state_version`,
      params,
    );
    if (rows.length !== 1) throw new Error(`Session ${id} vanished while it was being changed`);
    return rows[0]!.state_version;
  }

  /** The next step number of a (locked) session. */
  async nextStepSequence(id: string): Promise<number> {
    const rows = await queryRows<{ step_count: number }>(
      this.tenant.manager(),
      `update ai_sessions set step_count = step_count + 1 where id = $1 and account_id = $2 returning step_count`,
      [id, this.requireAccount()],
    );
    if (rows.length !== 1) throw new Error(`Session ${id} vanished while a step was being added`);
    return rows[0]!.step_count;
  }

  private requireAccount(): string {
    const accountId = this.tenant.accountId();
    if (!accountId) throw new Error('This sessions query needs a tenant transaction');
    return accountId;
  }
}
