import { ChangeDetectionStrategy, Component, computed, ElementRef, inject, signal, viewChild } from '@angular/core';
import { Router, RouterLink } from '@angular/router';
import type { Notification } from '@resolutionflow/contracts';

import { describeError } from '../../../core/api/api-error';
import { injectNow } from '../../../shared/format/clock';
import { timeAgo } from '../../../shared/format/time-ago';
import { LoadStatusComponent } from '../../../shared/load-status/load-status.component';
import { NotificationsStore } from '../notifications.store';

/** The bell in the top bar: the live unread count, and a panel with the latest notifications. */
@Component({
  selector: 'app-notification-bell',
  imports: [LoadStatusComponent, RouterLink],
  templateUrl: './notification-bell.component.html',
  styleUrl: './notification-bell.component.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { '(document:click)': 'clickedAnywhere($event)', '(keydown.escape)': 'close(true)' },
})
export class NotificationBellComponent {
  private readonly store = inject(NotificationsStore);
  private readonly router = inject(Router);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly button = viewChild.required<ElementRef<HTMLButtonElement>>('bell');
  private readonly now = injectNow();

  protected readonly open = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly count = this.store.unreadCount;
  protected readonly recent = this.store.recent;
  protected readonly items = computed(() => {
    const state = this.recent();
    return state.status === 'ok' ? state.value : [];
  });
  protected readonly badge = computed(() => {
    const count = this.count() ?? 0;
    return count > 99 ? '99+' : String(count);
  });
  protected readonly label = computed(() => {
    const count = this.count() ?? 0;
    return count === 0 ? 'Notifications, none unread' : `Notifications, ${count} unread`;
  });

  protected toggle(): void {
    if (this.open()) {
      this.close(false);
      return;
    }
    this.error.set(null);
    this.open.set(true);
    void this.store.loadRecent();
  }

  protected close(returnFocus: boolean): void {
    if (!this.open()) return;
    this.open.set(false);
    if (returnFocus) this.button().nativeElement.focus();
  }

  protected clickedAnywhere(event: MouseEvent): void {
    if (this.open() && !this.host.nativeElement.contains(event.target as Node)) this.close(false);
  }

  protected async follow(notification: Notification): Promise<void> {
    this.error.set(null);
    try {
      if (!notification.read) await this.store.markRead(notification);
    } catch {
      // Opening matters more than the read mark; the next look shows it unread again.
    }
    this.close(false);
    if (notification.link) await this.router.navigateByUrl(notification.link);
  }

  protected async markAllRead(): Promise<void> {
    this.error.set(null);
    try {
      await this.store.markAllRead();
    } catch (error) {
      this.error.set(describeError(error));
    }
  }

  protected retry(): void {
    void this.store.loadRecent();
  }

  protected ago(iso: string): string {
    return timeAgo(iso, this.now());
  }
}
