import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { toPage } from '../../../core/database/keyset-page.js';
import { PrivilegedDatabase } from '../../../core/database/privileged-database.js';
import { queryRows } from '../../../core/database/sql.js';
import { PlatformInviteCodeEntity } from './platform-invite-code.entity.js';

/** Platform invite codes: not tenant data, so every query runs on the privileged connection. */
@Injectable()
export class PlatformInviteCodesRepository {
  constructor(private readonly db: PrivilegedDatabase) {}

  /** Takes one use of a live code atomically; false for unknown, revoked, expired or used-up codes. */
  async consume(code: string, manager: EntityManager): Promise<boolean> {
    const rows = await queryRows<{ id: string }>(
      manager,
      `update platform_invite_codes set use_count = use_count + 1
        where code = $1 and revoked_at is null and (expires_at is null or expires_at > now()) and use_count < max_uses
        returning id`,
      [code],
    );
    return rows.length === 1;
  }

  create(fields: Pick<PlatformInviteCodeEntity, 'code' | 'note' | 'maxUses' | 'expiresAt' | 'createdBy'>): Promise<PlatformInviteCodeEntity> {
    return this.db.manager.save(PlatformInviteCodeEntity, this.db.manager.create(PlatformInviteCodeEntity, { ...fields, useCount: 0 }));
  }

  /** Newest first, `limit` per page after the code `afterId`. */
  async page(limit: number, afterId?: string) {
    const query = this.db.manager.createQueryBuilder(PlatformInviteCodeEntity, 'c');
    if (afterId) {
      query.where('(c.created_at, c.id) < (select created_at, id from platform_invite_codes where id = :afterId)', { afterId });
    }
    const rows = await query.orderBy('c.createdAt', 'DESC').addOrderBy('c.id', 'DESC').limit(limit + 1).getMany();
    return toPage(rows, limit);
  }

  findById(id: string): Promise<PlatformInviteCodeEntity | null> {
    return this.db.manager.findOne(PlatformInviteCodeEntity, { where: { id } });
  }

  async revoke(id: string): Promise<boolean> {
    const rows = await queryRows<{ id: string }>(
      this.db.manager,
      `update platform_invite_codes set revoked_at = coalesce(revoked_at, now()) where id = $1 returning id`,
      [id],
    );
    return rows.length === 1;
  }
}
