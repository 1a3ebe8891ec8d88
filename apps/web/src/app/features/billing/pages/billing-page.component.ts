import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { ActivatedRoute, RouterLink } from '@angular/router';
import type { PublicPlan } from '@resolutionflow/contracts';
import { firstValueFrom } from 'rxjs';

import { describeError, toApiError } from '../../../core/api/api-error';
import { loadable } from '../../../core/api/loadable';
import { ExternalNavigation } from '../../../core/external-navigation.service';
import { AlertComponent } from '../../../shared/alert/alert.component';
import { ButtonComponent } from '../../../shared/button/button.component';
import { CardComponent } from '../../../shared/card/card.component';
import { formatDate } from '../../../shared/format/date-format';
import { LoadStatusComponent } from '../../../shared/load-status/load-status.component';
import { PageHeaderComponent } from '../../../shared/page-header/page-header.component';
import { StatusPillComponent } from '../../../shared/status-pill/status-pill.component';
import { BillingApi } from '../billing-api.service';
import { describeLimits } from '../plan-limits';
import { describeSubscription, formatPrice } from '../subscription-summary';

type Problem = { readonly kind: 'not-configured' } | { readonly kind: 'error'; readonly message: string };

/** The account's plan, trial and renewal; plan checkout and the card/cancel portal, both hosted by Stripe. */
@Component({
  selector: 'app-billing-page',
  imports: [AlertComponent, ButtonComponent, CardComponent, LoadStatusComponent, PageHeaderComponent, RouterLink, StatusPillComponent],
  templateUrl: './billing-page.component.html',
  styleUrl: './billing-page.component.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class BillingPageComponent {
  private readonly billing = inject(BillingApi);
  private readonly external = inject(ExternalNavigation);

  protected readonly subscription = loadable(() => this.billing.subscription());
  protected readonly plans = loadable(() => this.billing.plans());
  protected readonly view = computed(() => {
    const subscription = this.subscription.value();
    return subscription ? describeSubscription(subscription) : null;
  });
  protected readonly describeLimits = describeLimits;
  protected readonly formatDate = formatDate;
  protected readonly price = (plan: PublicPlan) => formatPrice(plan.priceCents, plan.currency, plan.interval);

  /** Back from Stripe Checkout: `success` or `canceled` (Stripe's return URLs carry it). */
  protected readonly checkoutOutcome = inject(ActivatedRoute).snapshot.queryParamMap.get('checkout');

  /** Which button is waiting for Stripe: a plan key, or 'portal'. */
  protected readonly redirecting = signal<string | null>(null);
  protected readonly problem = signal<Problem | null>(null);

  protected isCurrent(plan: PublicPlan): boolean {
    const subscription = this.subscription.value();
    return !!subscription && subscription.active && subscription.plan === plan.plan && subscription.status !== 'trialing';
  }

  protected checkout(plan: PublicPlan): Promise<void> {
    return this.redirect(plan.plan, () => firstValueFrom(this.billing.checkout(plan.plan)));
  }

  protected portal(): Promise<void> {
    return this.redirect('portal', () => firstValueFrom(this.billing.portal()));
  }

  private async redirect(what: string, call: () => Promise<{ url: string }>): Promise<void> {
    if (this.redirecting()) return;
    this.redirecting.set(what);
    this.problem.set(null);
    try {
      const { url } = await call();
      this.external.go(url);
      // The button keeps its progress while the browser leaves for Stripe.
    } catch (error) {
      this.redirecting.set(null);
      this.problem.set(
        toApiError(error).code === 'stripe_not_configured'
          ? { kind: 'not-configured' }
          : { kind: 'error', message: describeError(error) },
      );
    }
  }
}
