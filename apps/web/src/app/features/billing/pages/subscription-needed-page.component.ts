import { ChangeDetectionStrategy, Component, computed, inject, OnInit, signal } from '@angular/core';
import { RouterLink } from '@angular/router';

import { AuthStore } from '../../../core/auth/auth-store.service';
import { SubscriptionNoticeStore } from '../../../core/subscription/subscription-notice.service';
import { ButtonComponent } from '../../../shared/button/button.component';
import { CardComponent } from '../../../shared/card/card.component';
import { PageHeaderComponent } from '../../../shared/page-header/page-header.component';
import { StatusPillComponent } from '../../../shared/status-pill/status-pill.component';
import { describeSubscription } from '../subscription-summary';

/** Where any 402 leads: what is locked, why, and how to get it back (or whom to ask). */
@Component({
  selector: 'app-subscription-needed-page',
  imports: [ButtonComponent, CardComponent, PageHeaderComponent, RouterLink, StatusPillComponent],
  template: `
    <app-page-header heading="Your subscription needs attention" />
    <app-card>
      @if (view(); as v) {
        <p class="plan">
          <span class="plan-name">{{ v.planName }}</span>
          <app-status-pill [tone]="v.tone">{{ v.status }}</app-status-pill>
        </p>
        <p>{{ v.detail }}</p>
      }
      <p>
        Sessions, escalations, analytics and integrations need an active subscription. Your account, team and data
        are safe, and billing stays open so you can pick up where you left off.
      </p>
      @if (manager()) {
        <p class="row">
          <a appButton routerLink="/billing">Choose a plan</a>
          <a appButton variant="secondary" routerLink="/pricing" fragment="talk-to-sales">Talk to sales</a>
        </p>
      } @else {
        <p class="ask"><strong>Ask an owner or admin of {{ accountName() }} to renew the subscription.</strong></p>
      }
      <p><a routerLink="/">Back to home</a></p>
    </app-card>
  `,
  styles: `
    .plan {
      display: flex;
      align-items: center;
      gap: var(--space-2);
      margin-block-start: 0;
    }
    .plan-name {
      font-size: var(--text-xl);
      font-weight: 700;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SubscriptionNeededPageComponent implements OnInit {
  private readonly auth = inject(AuthStore);
  private readonly notices = inject(SubscriptionNoticeStore);

  protected readonly manager = computed(() => ['owner', 'admin'].includes(this.auth.me()?.role ?? ''));
  protected readonly accountName = computed(() => this.auth.me()?.account.name ?? 'your account');
  private readonly reloaded = signal(false);
  /** What `/auth/me` says once it has been read again here; until then the API's answer when it refused. */
  protected readonly view = computed(() => {
    const me = this.auth.me()?.subscription;
    const refused = this.notices.notice().details;
    const subscription = this.reloaded() ? (me ?? refused) : (refused ?? me);
    return subscription ? describeSubscription(subscription) : null;
  });

  ngOnInit(): void {
    // The subscription may have changed since sign-in or since the refusal (a plan was chosen): show the current state.
    this.auth.reloadMe().then(
      () => this.reloaded.set(true),
      () => undefined,
    );
  }
}
