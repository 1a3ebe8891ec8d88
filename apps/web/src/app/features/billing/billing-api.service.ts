import { inject, Injectable } from '@angular/core';
import type { PublicPlan, RedirectUrl, Subscription } from '@resolutionflow/contracts';
import { map, Observable } from 'rxjs';

import { ApiClient } from '../../core/api/api-client.service';

@Injectable({ providedIn: 'root' })
export class BillingApi {
  private readonly api = inject(ApiClient);

  /** Public, non-archived plans, for the pricing and billing pages. */
  plans(): Observable<PublicPlan[]> {
    return this.api.get<{ items: PublicPlan[] }>('/billing/plans').pipe(map((answer) => answer.items));
  }

  subscription(): Observable<Subscription> {
    return this.api.get<Subscription>('/billing/subscription');
  }

  checkout(plan: string): Observable<RedirectUrl> {
    return this.api.post<RedirectUrl>('/billing/checkout-session', { plan });
  }

  portal(): Observable<RedirectUrl> {
    return this.api.get<RedirectUrl>('/billing/portal-session');
  }
}
