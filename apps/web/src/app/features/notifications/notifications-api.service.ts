import { inject, Injectable } from '@angular/core';
import type { Notification, NotificationPage, UnreadCount } from '@resolutionflow/contracts';
import { Observable } from 'rxjs';

import { ApiClient } from '../../core/api/api-client.service';

@Injectable({ providedIn: 'root' })
export class NotificationsApi {
  private readonly api = inject(ApiClient);

  /** Unread first, then newest; with the unread count. */
  list(limit: number, cursor?: string | null): Observable<NotificationPage> {
    return this.api.get<NotificationPage>('/notifications', { params: { limit, ...(cursor ? { cursor } : {}) } });
  }

  unreadCount(): Observable<UnreadCount> {
    return this.api.get<UnreadCount>('/notifications/unread-count');
  }

  markRead(id: string): Observable<Notification> {
    return this.api.post<Notification>(`/notifications/${id}/read`, {});
  }

  markAllRead(): Observable<{ marked: number }> {
    return this.api.post<{ marked: number }>('/notifications/read-all', {});
  }
}
