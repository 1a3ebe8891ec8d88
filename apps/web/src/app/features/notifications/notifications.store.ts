import { DestroyRef, effect, inject, Injectable, signal, untracked } from '@angular/core';
import type { Notification } from '@resolutionflow/contracts';
import { firstValueFrom } from 'rxjs';

import { toApiError } from '../../core/api/api-error';
import { LOADING, type LoadState } from '../../core/api/load-state';
import { AuthStore } from '../../core/auth/auth-store.service';
import { LiveStream } from '../../core/live/live-stream.service';
import { NotificationsApi } from './notifications-api.service';

const RECENT = 8;

/**
 * The signed-in person's notifications as the bell shows them: the unread count (kept live by
 * the stream, and read again after a reconnect) and the most recent few.
 */
@Injectable({ providedIn: 'root' })
export class NotificationsStore {
  private readonly api = inject(NotificationsApi);
  private readonly count = signal<number | null>(null);
  private readonly latest = signal<LoadState<readonly Notification[]>>(LOADING);
  private recentLoaded = false;

  readonly unreadCount = this.count.asReadonly();
  readonly recent = this.latest.asReadonly();

  constructor() {
    const auth = inject(AuthStore);
    const live = inject(LiveStream);
    effect(() => {
      const who = auth.signedIn() ? auth.me()?.id : null;
      untracked(() => {
        this.count.set(null);
        this.latest.set(LOADING);
        this.recentLoaded = false;
        if (who) void this.refreshCount();
      });
    });
    let connections = 0;
    const subscriptions = [
      live.on('notification_created').subscribe((notification) => this.arrived(notification)),
      // After a drop the replay brings what was missed, but a count read again is never wrong.
      live.on('ready').subscribe(() => {
        if (++connections > 1) void this.refreshCount();
      }),
    ];
    inject(DestroyRef).onDestroy(() => subscriptions.forEach((s) => s.unsubscribe()));
  }

  async refreshCount(): Promise<void> {
    try {
      this.count.set((await firstValueFrom(this.api.unreadCount())).unreadCount);
    } catch {
      // The bell shows no number rather than a wrong one.
    }
  }

  async loadRecent(): Promise<void> {
    if (!this.recentLoaded) this.latest.set(LOADING);
    try {
      const page = await firstValueFrom(this.api.list(RECENT));
      this.recentLoaded = true;
      this.latest.set({ status: 'ok', value: page.items });
      this.count.set(page.unreadCount);
    } catch (error) {
      if (!this.recentLoaded) this.latest.set({ status: 'error', error: toApiError(error) });
    }
  }

  async markRead(notification: Notification): Promise<Notification> {
    const read = await firstValueFrom(this.api.markRead(notification.id));
    if (!notification.read) this.count.update((n) => (n === null ? n : Math.max(0, n - 1)));
    this.replace(read);
    return read;
  }

  async markAllRead(): Promise<void> {
    await firstValueFrom(this.api.markAllRead());
    this.count.set(0);
    const state = this.latest();
    if (state.status === 'ok') {
      const readAt = new Date().toISOString();
      this.latest.set({ status: 'ok', value: state.value.map((n) => (n.read ? n : { ...n, read: true, readAt })) });
    }
  }

  private arrived(notification: Notification): void {
    if (!notification.read) this.count.update((n) => (n ?? 0) + 1);
    const state = this.latest();
    if (state.status === 'ok' && !state.value.some((n) => n.id === notification.id)) {
      this.latest.set({ status: 'ok', value: [notification, ...state.value].slice(0, RECENT) });
    }
  }

  private replace(notification: Notification): void {
    const state = this.latest();
    if (state.status === 'ok') this.latest.set({ status: 'ok', value: state.value.map((n) => (n.id === notification.id ? notification : n)) });
  }
}
