import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { RouterLink, RouterLinkActive } from '@angular/router';

import { AuthStore } from '../../../core/auth/auth-store.service';
import { injectNow } from '../../../shared/format/clock';
import { timeAgo } from '../../../shared/format/time-ago';
import { LoadStatusComponent } from '../../../shared/load-status/load-status.component';
import { StatusPillComponent } from '../../../shared/status-pill/status-pill.component';
import { isInEscalation } from '../session-status';
import { SessionListStore } from '../session-list.store';

/** The sessions list beside the conversation: latest first, each with its problem, ticket and state. */
@Component({
  selector: 'app-session-sidebar',
  imports: [LoadStatusComponent, RouterLink, RouterLinkActive, StatusPillComponent],
  template: `
    <nav class="sidebar" aria-labelledby="sessions-nav-heading">
      <div class="sidebar-head">
        <h2 id="sessions-nav-heading" class="heading">Sessions</h2>
        @if (canStart()) {
          <a class="new" routerLink="/pilot" [routerLinkActiveOptions]="{ exact: true }" routerLinkActive="new--active">New session</a>
        }
      </div>
      <app-load-status [state]="list.state()" loadingLabel="Loading sessions…" (retry)="list.refresh(false)" />
      @if (list.state().status === 'ok') {
        @if (list.sessions().length) {
          <ul class="items">
            @for (session of list.sessions(); track session.id) {
              <li>
                <a class="item" [routerLink]="['/pilot', session.id]" routerLinkActive="item--active" ariaCurrentWhenActive="page">
                  <span class="line-1">
                    <span class="when">{{ ago(session.updatedAt) }}</span>
                    @if (session.psaTicketId) {
                      <span class="ticket">#{{ session.psaTicketId }}</span>
                    }
                    @if (escalated(session)) {
                      <app-status-pill tone="warning">Escalated</app-status-pill>
                    } @else if (session.status === 'resolved') {
                      <app-status-pill tone="ok">Resolved</app-status-pill>
                    } @else if (session.status === 'parked') {
                      <app-status-pill>Parked</app-status-pill>
                    }
                  </span>
                  <span class="line-2">{{ session.problemSummary }}</span>
                </a>
              </li>
            }
          </ul>
        } @else {
          <p class="muted empty">No sessions yet.</p>
        }
      }
    </nav>
  `,
  styles: `
    .sidebar {
      display: grid;
      gap: var(--space-3);
    }
    .sidebar-head {
      display: flex;
      align-items: center;
      justify-content: space-between;
      gap: var(--space-2);
    }
    .heading {
      margin: 0;
      font-size: var(--text-lg);
    }
    .new {
      font-weight: 600;
      font-size: var(--text-sm);
    }
    .items {
      display: grid;
      gap: var(--space-1);
      margin: 0;
      padding: 0;
      list-style: none;
    }
    .item {
      display: grid;
      gap: var(--space-1);
      padding: var(--space-2) var(--space-3);
      border: 1px solid transparent;
      border-radius: var(--radius-md);
      color: var(--color-text);
      text-decoration: none;
    }
    .item:hover {
      background: var(--color-hover);
      color: var(--color-text);
    }
    .item--active {
      border-color: var(--color-accent);
      background: var(--color-accent-subtle);
    }
    .line-1 {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: var(--space-1) var(--space-2);
      font-size: var(--text-xs);
    }
    .line-1 app-status-pill {
      font-size: var(--text-xs);
    }
    .when {
      color: var(--color-text-muted);
    }
    .ticket {
      padding: 0 var(--space-1);
      border: 1px solid var(--color-border-strong);
      border-radius: var(--radius-sm);
      font-family: var(--font-mono);
    }
    .line-2 {
      display: -webkit-box;
      overflow: hidden;
      font-size: var(--text-sm);
      -webkit-box-orient: vertical;
      -webkit-line-clamp: 2;
      line-clamp: 2;
    }
    .empty {
      margin: 0;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SessionSidebarComponent {
  protected readonly list = inject(SessionListStore);
  private readonly auth = inject(AuthStore);
  private readonly now = injectNow();

  protected readonly canStart = computed(() => this.auth.me()?.role !== 'viewer');
  protected readonly escalated = isInEscalation;

  constructor() {
    this.list.ensureLoaded();
  }

  protected ago(iso: string): string {
    return timeAgo(iso, this.now());
  }
}
