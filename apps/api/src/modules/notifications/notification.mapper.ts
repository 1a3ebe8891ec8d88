import type { Notification } from '@resolutionflow/contracts';
import type { NotificationEntity } from './notification.entity.js';

export function toNotification(entity: NotificationEntity): Notification {
  return {
    id: entity.id,
    type: entity.type,
    title: entity.title,
    link: entity.link,
    data: entity.data,
    read: entity.readAt !== null,
    readAt: entity.readAt?.toISOString() ?? null,
    createdAt: entity.createdAt.toISOString(),
  };
}
