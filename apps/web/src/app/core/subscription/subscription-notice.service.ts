import { Injectable, signal } from '@angular/core';
import type { SubscriptionRequiredDetails } from '@resolutionflow/contracts';

export interface SubscriptionNotice {
  /** What the API said about the subscription, when it said it. */
  readonly details: SubscriptionRequiredDetails | null;
  /** The page the person was on (or going to) when the API refused. */
  readonly from: string | null;
}

/** The last "subscription required" answer, for the page that explains it. */
@Injectable({ providedIn: 'root' })
export class SubscriptionNoticeStore {
  private readonly state = signal<SubscriptionNotice>({ details: null, from: null });
  readonly notice = this.state.asReadonly();

  record(notice: SubscriptionNotice): void {
    this.state.set(notice);
  }
}
