import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { queryRows } from '../../core/database/sql.js';
import { TenantDatabase } from '../../core/database/tenant-database.js';
import { NotificationEntity } from './notification.entity.js';

export interface NewNotification {
  userId: string;
  type: string;
  title: string;
  link: string | null;
  data: Record<string, unknown>;
}

const COLUMNS = `id, account_id as "accountId", user_id as "userId", type, title, link, data, read_at as "readAt", created_at as "createdAt"`;

/** Every query on `notifications`; always inside the caller's tenant transaction. */
@Injectable()
export class NotificationsRepository {
  constructor(private readonly tenant: TenantDatabase) {}

  insertMany(accountId: string, rows: NewNotification[], manager: EntityManager = this.tenant.manager()): Promise<NotificationEntity[]> {
    if (!rows.length) return Promise.resolve([]);
    return queryRows<NotificationEntity>(
      manager,
      `insert into notifications (account_id, user_id, type, title, link, data)
       select $1, r.user_id, r.type, r.title, r.link, r.data
         from jsonb_to_recordset($2::jsonb) as r(user_id uuid, type text, title text, link text, data jsonb)
       returning ${COLUMNS}`,
      [accountId, JSON.stringify(rows.map((r) => ({ user_id: r.userId, type: r.type, title: r.title, link: r.link, data: r.data })))],
    );
  }

  /** Unread first, then newest; keyset pagination on that same order. */
  listForUser(userId: string, limit: number, afterId?: string): Promise<NotificationEntity[]> {
    const params: unknown[] = [this.accountId(), userId, limit + 1];
    let after = '';
    if (afterId) {
      params.push(afterId);
      after = `and ((read_at is null), created_at, id) < (
                 select (c.read_at is null), c.created_at, c.id from notifications c where c.id = $4 and c.user_id = $2)`;
    }
    return queryRows<NotificationEntity>(
      this.tenant.manager(),
      `select ${COLUMNS} from notifications
        where account_id = $1 and user_id = $2 ${after}
        order by (read_at is null) desc, created_at desc, id desc
        limit $3`,
      params,
    );
  }

  async unreadCount(userId: string): Promise<number> {
    const [row] = await queryRows<{ count: string }>(
      this.tenant.manager(),
      `select count(*) from notifications where account_id = $1 and user_id = $2 and read_at is null`,
      [this.accountId(), userId],
    );
    return Number(row!.count);
  }

  async markRead(userId: string, id: string): Promise<NotificationEntity | null> {
    const [row] = await queryRows<NotificationEntity>(
      this.tenant.manager(),
      `update notifications set read_at = coalesce(read_at, now())
        where account_id = $1 and user_id = $2 and id = $3 returning ${COLUMNS}`,
      [this.accountId(), userId, id],
    );
    return row ?? null;
  }

  async markAllRead(userId: string): Promise<number> {
    const rows = await queryRows<{ id: string }>(
      this.tenant.manager(),
      `update notifications set read_at = now() where account_id = $1 and user_id = $2 and read_at is null returning id`,
      [this.accountId(), userId],
    );
    return rows.length;
  }

  private accountId(): string {
    const accountId = this.tenant.accountId();
    if (!accountId) throw new Error('Notifications are read inside a tenant transaction');
    return accountId;
  }
}
