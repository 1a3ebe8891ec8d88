import { DOCUMENT, inject, Injectable } from '@angular/core';

/** Leaves the app for another site (Stripe Checkout, the billing portal); a seam tests can replace. */
@Injectable({ providedIn: 'root' })
export class ExternalNavigation {
  private readonly document = inject(DOCUMENT);

  go(url: string): void {
    this.document.location.assign(url);
  }
}
