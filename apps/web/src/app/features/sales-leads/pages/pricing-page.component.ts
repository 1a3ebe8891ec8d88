import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { RouterLink } from '@angular/router';
import type { PublicPlan } from '@resolutionflow/contracts';

import { loadable } from '../../../core/api/loadable';
import { AuthStore } from '../../../core/auth/auth-store.service';
import { ButtonComponent } from '../../../shared/button/button.component';
import { CardComponent } from '../../../shared/card/card.component';
import { LoadStatusComponent } from '../../../shared/load-status/load-status.component';
import { BillingApi } from '../../billing/billing-api.service';
import { describeLimits } from '../../billing/plan-limits';
import { formatPrice } from '../../billing/subscription-summary';
import { TalkToSalesFormComponent } from '../components/talk-to-sales-form.component';

/** Public plans and a way to talk to a person. */
@Component({
  selector: 'app-pricing-page',
  imports: [ButtonComponent, CardComponent, LoadStatusComponent, RouterLink, TalkToSalesFormComponent],
  template: `
    <header class="intro">
      <h1>Plans for MSP teams</h1>
      <p class="lead">Every new account starts with a free Pro trial. No card needed to try it.</p>
    </header>

    <app-load-status [state]="plans.state()" loadingLabel="Loading plans…" (retry)="plans.reload()" />
    @if (plans.value(); as list) {
      @if (list.length === 0) {
        <p class="muted">Plans are arranged with our team for now. Tell us about your shop below.</p>
      } @else {
        <ul class="plans">
          @for (plan of list; track plan.plan) {
            <li>
              <app-card [heading]="plan.displayName" class="plan">
                <p class="price">{{ price(plan) }}</p>
                <ul class="limits">
                  @for (line of describeLimits(plan.limits); track line) {
                    <li>{{ line }}</li>
                  }
                </ul>
                @if (signedIn()) {
                  <a appButton routerLink="/billing">Choose in billing</a>
                } @else {
                  <a appButton routerLink="/signup">{{ plan.priceCents === 0 ? 'Get started' : 'Start free trial' }}</a>
                }
              </app-card>
            </li>
          }
        </ul>
      }
    }

    <section class="sales" id="talk-to-sales" aria-labelledby="sales-heading">
      <app-card>
        <h2 id="sales-heading">Talk to sales</h2>
        <p class="muted">Larger team, custom terms, or questions before you start? Tell us a little and we will reach out.</p>
        <app-talk-to-sales-form source="pricing_page" />
      </app-card>
    </section>
  `,
  styles: `
    .intro {
      margin-block-end: var(--space-6);
      text-align: center;
    }
    h1 {
      margin-block-end: var(--space-2);
    }
    .lead {
      margin: 0;
      color: var(--color-text-muted);
    }
    .plans {
      display: grid;
      grid-template-columns: repeat(auto-fit, minmax(16rem, 1fr));
      gap: var(--space-4);
      margin: 0;
      padding: 0;
      list-style: none;
    }
    .plan {
      block-size: 100%;
    }
    .price {
      margin: 0;
      font-size: var(--text-xl);
      font-weight: 700;
    }
    .limits {
      padding-inline-start: var(--space-4);
      color: var(--color-text-muted);
    }
    .sales {
      max-inline-size: 44rem;
      margin: var(--space-8) auto 0;
    }
    .sales h2 {
      margin-block-start: 0;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PricingPageComponent {
  private readonly billing = inject(BillingApi);
  protected readonly signedIn = inject(AuthStore).signedIn;
  protected readonly plans = loadable(() => this.billing.plans());
  protected readonly describeLimits = describeLimits;
  protected readonly price = (plan: PublicPlan) => formatPrice(plan.priceCents, plan.currency, plan.interval);
}
