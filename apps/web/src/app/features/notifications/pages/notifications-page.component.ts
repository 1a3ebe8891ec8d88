import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { Router } from '@angular/router';
import type { Notification } from '@resolutionflow/contracts';
import { firstValueFrom } from 'rxjs';

import { describeError, toApiError } from '../../../core/api/api-error';
import { LOADING, type LoadState } from '../../../core/api/load-state';
import { LiveStream } from '../../../core/live/live-stream.service';
import { ButtonComponent } from '../../../shared/button/button.component';
import { CardComponent } from '../../../shared/card/card.component';
import { injectNow } from '../../../shared/format/clock';
import { formatDateTime } from '../../../shared/format/date-format';
import { timeAgo } from '../../../shared/format/time-ago';
import { LoadStatusComponent } from '../../../shared/load-status/load-status.component';
import { PageHeaderComponent } from '../../../shared/page-header/page-header.component';
import { NotificationsApi } from '../notifications-api.service';
import { NotificationsStore } from '../notifications.store';

const PAGE_SIZE = 25;

/** Every notification, unread first, page by page; open one, mark it read, or mark all read. */
@Component({
  selector: 'app-notifications-page',
  imports: [ButtonComponent, CardComponent, LoadStatusComponent, PageHeaderComponent],
  template: `
    <app-page-header heading="Notifications" description="Escalations from your team and news about the ones you raised.">
      @if ((store.unreadCount() ?? 0) > 0) {
        <button appButton type="button" variant="secondary" [busy]="working()" (click)="markAllRead()">Mark all as read</button>
      }
    </app-page-header>
    <p class="notice" aria-live="polite">{{ notice() }}</p>
    <app-card>
      <app-load-status [state]="state()" loadingLabel="Loading notifications…" (retry)="load()" />
      @if (state().status === 'ok') {
        @if (items().length) {
          <ul class="items">
            @for (n of items(); track n.id) {
              <li class="item" [class.unread]="!n.read">
                <div class="text">
                  <p class="title">
                    @if (!n.read) {
                      <span class="dot" aria-hidden="true"></span><span class="visually-hidden">Unread: </span>
                    }
                    {{ n.title }}
                  </p>
                  <p class="muted when"><time [attr.datetime]="n.createdAt" [attr.title]="formatDateTime(n.createdAt)">{{ ago(n.createdAt) }}</time></p>
                </div>
                <div class="row actions">
                  @if (n.link) {
                    <button appButton type="button" size="small" variant="secondary" (click)="open(n)">Open<span class="visually-hidden">: {{ n.title }}</span></button>
                  }
                  @if (!n.read) {
                    <button appButton type="button" size="small" variant="ghost" (click)="markRead(n)">Mark read<span class="visually-hidden">: {{ n.title }}</span></button>
                  }
                </div>
              </li>
            }
          </ul>
          @if (nextCursor()) {
            <button appButton type="button" variant="secondary" class="more" [busy]="loadingMore()" (click)="loadMore()">Show more</button>
          }
        } @else {
          <p class="muted empty">No notifications yet. When a teammate escalates a session, you hear about it here.</p>
        }
      }
    </app-card>
  `,
  styles: `
    .notice {
      margin: 0;
    }
    .notice:not(:empty) {
      margin-block-end: var(--space-4);
      font-weight: 600;
    }
    .items {
      margin: 0;
      padding: 0;
      list-style: none;
    }
    .item {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      justify-content: space-between;
      gap: var(--space-2) var(--space-4);
      padding: var(--space-3) 0;
      border-block-end: 1px solid var(--color-border);
    }
    .item:last-child {
      border-block-end: 0;
    }
    .text {
      flex: 1;
      min-inline-size: 14rem;
    }
    .title {
      position: relative;
      margin: 0;
      overflow-wrap: anywhere;
    }
    .unread .title {
      font-weight: 700;
    }
    .dot {
      display: inline-block;
      inline-size: 6px;
      block-size: 6px;
      margin-inline-end: var(--space-2);
      border-radius: 50%;
      background: var(--color-accent);
      vertical-align: middle;
    }
    .when {
      margin: var(--space-0-5) 0 0;
      font-size: var(--text-sm);
    }
    .more {
      margin-block-start: var(--space-3);
    }
    .empty {
      margin: 0;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class NotificationsPageComponent {
  private readonly api = inject(NotificationsApi);
  private readonly router = inject(Router);
  protected readonly store = inject(NotificationsStore);
  private readonly now = injectNow();

  protected readonly state = signal<LoadState<readonly Notification[]>>(LOADING);
  protected readonly items = computed(() => {
    const state = this.state();
    return state.status === 'ok' ? state.value : [];
  });
  protected readonly nextCursor = signal<string | null>(null);
  protected readonly loadingMore = signal(false);
  protected readonly working = signal(false);
  protected readonly notice = signal('');
  protected readonly formatDateTime = formatDateTime;

  constructor() {
    void this.load();
    inject(LiveStream)
      .on('notification_created')
      .pipe(takeUntilDestroyed())
      .subscribe((notification) => this.update((items) => [notification, ...items.filter((n) => n.id !== notification.id)]));
  }

  protected async load(): Promise<void> {
    this.state.set(LOADING);
    try {
      const page = await firstValueFrom(this.api.list(PAGE_SIZE));
      this.state.set({ status: 'ok', value: page.items });
      this.nextCursor.set(page.nextCursor);
    } catch (error) {
      this.state.set({ status: 'error', error: toApiError(error) });
    }
  }

  protected async loadMore(): Promise<void> {
    const cursor = this.nextCursor();
    if (!cursor || this.loadingMore()) return;
    this.loadingMore.set(true);
    try {
      const page = await firstValueFrom(this.api.list(PAGE_SIZE, cursor));
      this.update((items) => [...items, ...page.items.filter((n) => !items.some((known) => known.id === n.id))]);
      this.nextCursor.set(page.nextCursor);
    } catch (error) {
      this.notice.set(describeError(error));
    } finally {
      this.loadingMore.set(false);
    }
  }

  protected async markRead(notification: Notification): Promise<void> {
    try {
      const read = await this.store.markRead(notification);
      this.update((items) => items.map((n) => (n.id === read.id ? read : n)));
      this.notice.set('Marked as read.');
    } catch (error) {
      this.notice.set(describeError(error));
    }
  }

  protected async open(notification: Notification): Promise<void> {
    try {
      if (!notification.read) await this.store.markRead(notification);
    } catch {
      // Opening matters more than the read mark; the next visit shows it unread again.
    }
    if (notification.link) await this.router.navigateByUrl(notification.link);
  }

  protected async markAllRead(): Promise<void> {
    if (this.working()) return;
    this.working.set(true);
    try {
      await this.store.markAllRead();
      const readAt = new Date().toISOString();
      this.update((items) => items.map((n) => (n.read ? n : { ...n, read: true, readAt })));
      this.notice.set('All notifications are marked as read.');
    } catch (error) {
      this.notice.set(describeError(error));
    } finally {
      this.working.set(false);
    }
  }

  protected ago(iso: string): string {
    return timeAgo(iso, this.now());
  }

  private update(change: (items: readonly Notification[]) => readonly Notification[]): void {
    const state = this.state();
    if (state.status === 'ok') this.state.set({ status: 'ok', value: change(state.value) });
  }
}
