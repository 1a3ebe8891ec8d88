import { Injectable } from '@nestjs/common';
import type { Notification, NotificationPage } from '@resolutionflow/contracts';
import type { EntityManager } from 'typeorm';
import type { Principal } from '../../core/auth/principal.js';
import { decodeCursor, encodeCursor } from '../../core/database/keyset-page.js';
import { AppError } from '../../core/errors/app-error.js';
import { EventOutbox } from '../../core/events/event-outbox.js';
import { toNotification } from './notification.mapper.js';
import { NotificationsRepository } from './notifications.repository.js';

export const NOTIFICATION_CREATED = 'notification_created';

export interface NotificationContent {
  type: string;
  title: string;
  link: string | null;
  data?: Record<string, unknown>;
}

@Injectable()
export class NotificationsService {
  constructor(
    private readonly notifications: NotificationsRepository,
    private readonly outbox: EventOutbox,
  ) {}

  /**
   * Creates one notification per recipient inside `manager`'s transaction, each announced to
   * its recipient on the live stream when that transaction commits.
   */
  async notify(manager: EntityManager, accountId: string, userIds: string[], content: NotificationContent): Promise<Notification[]> {
    const rows = await this.notifications.insertMany(
      accountId,
      userIds.map((userId) => ({ userId, type: content.type, title: content.title, link: content.link, data: content.data ?? {} })),
      manager,
    );
    const created = rows.map(toNotification);
    // One batch for every recipient: a per-recipient append cost three round trips each.
    await this.outbox.appendMany(
      manager,
      rows.map((row, i) => ({ accountId, type: NOTIFICATION_CREATED, payload: created[i], recipientUserId: row.userId })),
    );
    return created;
  }

  async list(principal: Principal, limit: number, cursor?: string): Promise<NotificationPage> {
    const userId = this.personOf(principal);
    const rows = await this.notifications.listForUser(userId, limit, decodeCursor(cursor));
    const items = rows.slice(0, limit).map(toNotification);
    return {
      items,
      nextCursor: rows.length > limit ? encodeCursor(items.at(-1)!.id) : null,
      unreadCount: await this.notifications.unreadCount(userId),
    };
  }

  async unreadCount(principal: Principal): Promise<number> {
    return this.notifications.unreadCount(this.personOf(principal));
  }

  async markRead(principal: Principal, id: string): Promise<Notification> {
    const row = await this.notifications.markRead(this.personOf(principal), id);
    if (!row) throw AppError.notFound('Notification');
    return toNotification(row);
  }

  async markAllRead(principal: Principal): Promise<number> {
    return this.notifications.markAllRead(this.personOf(principal));
  }

  private personOf(principal: Principal): string {
    if (principal.kind !== 'user' || !principal.userId) {
      throw new AppError(403, 'forbidden', 'Notifications belong to people; use a user token');
    }
    return principal.userId;
  }
}
