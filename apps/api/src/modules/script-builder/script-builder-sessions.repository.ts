import { Injectable } from '@nestjs/common';
import type { Page } from '@resolutionflow/contracts';
import { toPage } from '../../core/database/keyset-page.js';
import { queryRows } from '../../core/database/sql.js';
import { TenantDatabase } from '../../core/database/tenant-database.js';
import { ScriptBuilderSessionEntity } from './script-builder-session.entity.js';

/** Every query on `script_builder_sessions`. Lists and counts see `standalone` sessions only. */
@Injectable()
export class ScriptBuilderSessionsRepository {
  constructor(private readonly tenant: TenantDatabase) {}

  /**
   * Serialises standalone creations of one user until the transaction ends, so two concurrent
   * requests cannot both pass the plan's cap.
   */
  async lockStandaloneQuota(ownerId: string): Promise<void> {
    await this.tenant.manager().query(`select pg_advisory_xact_lock(hashtextextended('script_builder_standalone:' || $1, 0))`, [ownerId]);
  }

  async countStandalone(ownerId: string): Promise<number> {
    return this.tenant.manager().count(ScriptBuilderSessionEntity, {
      where: { ownerId, origin: 'standalone', accountId: this.requireAccount() },
    });
  }

  async insertStandalone(ownerId: string): Promise<ScriptBuilderSessionEntity> {
    const manager = this.tenant.manager();
    const { identifiers } = await manager.insert(ScriptBuilderSessionEntity, {
      ownerId,
      origin: 'standalone',
      aiSessionId: null,
      accountId: this.requireAccount(),
    });
    return manager.findOneByOrFail(ScriptBuilderSessionEntity, { id: identifiers[0]!.id as string });
  }

  /**
   * The one inline session of (user, FlowPilot session), created if missing. Concurrent callers
   * meet at the partial unique index: the losers' inserts do nothing and they read the winner's row.
   */
  async getOrCreateInline(ownerId: string, aiSessionId: string): Promise<{ session: ScriptBuilderSessionEntity; created: boolean }> {
    const manager = this.tenant.manager();
    const inserted = await queryRows<{ id: string }>(
      manager,
      `insert into script_builder_sessions (account_id, owner_id, origin, ai_session_id)
       values ($1, $2, 'pilot_inline', $3)
       on conflict (owner_id, ai_session_id) where origin = 'pilot_inline' do nothing
       returning id`,
      [this.requireAccount(), ownerId, aiSessionId],
    );
    const session = await manager.findOneOrFail(ScriptBuilderSessionEntity, {
      where: { ownerId, aiSessionId, origin: 'pilot_inline', accountId: this.requireAccount() },
    });
    return { session, created: inserted.length === 1 };
  }

  async pageStandalone(ownerId: string, limit: number, afterId?: string): Promise<Page<ScriptBuilderSessionEntity>> {
    const accountId = this.requireAccount();
    const query = this.tenant
      .manager()
      .createQueryBuilder(ScriptBuilderSessionEntity, 's')
      .where(`s.account_id = :accountId and s.owner_id = :ownerId and s.origin = 'standalone'`, { accountId, ownerId });
    if (afterId) {
      query.andWhere('(s.created_at, s.id) < (select created_at, id from script_builder_sessions where id = :afterId and account_id = :accountId)', {
        afterId,
      });
    }
    const rows = await query.orderBy('s.createdAt', 'DESC').addOrderBy('s.id', 'DESC').limit(limit + 1).getMany();
    return toPage(rows, limit);
  }

  private requireAccount(): string {
    const accountId = this.tenant.accountId();
    if (!accountId) throw new Error('This script builder query needs a tenant transaction');
    return accountId;
  }
}
