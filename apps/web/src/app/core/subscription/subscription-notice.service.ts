import { effect, inject, Injectable, signal, untracked } from '@angular/core';
import type { SubscriptionRequiredDetails } from '@resolutionflow/contracts';

import { AuthStore } from '../auth/auth-store.service';

export interface SubscriptionNotice {
  /** What the API said about the subscription, when it said it. */
  readonly details: SubscriptionRequiredDetails | null;
  /** The page the person was on (or going to) when the API refused. */
  readonly from: string | null;
}

const NO_NOTICE: SubscriptionNotice = { details: null, from: null };

/** The last "subscription required" answer, for the page that explains it. */
@Injectable({ providedIn: 'root' })
export class SubscriptionNoticeStore {
  private readonly state = signal<SubscriptionNotice>(NO_NOTICE);
  readonly notice = this.state.asReadonly();
  /** Whose notice this is; `undefined` until the store first sees who is signed in. */
  private owner: string | null | undefined;

  constructor() {
    const auth = inject(AuthStore);
    effect(() => {
      const who = auth.signedIn() ? (auth.me()?.id ?? null) : null;
      untracked(() => this.signedInAs(who));
    });
  }

  record(notice: SubscriptionNotice): void {
    this.state.set(notice);
  }

  private signedInAs(who: string | null): void {
    // What the API told one person about their account is not for the next one to sign in.
    if (this.owner !== undefined && who !== this.owner) this.state.set(NO_NOTICE);
    this.owner = who;
  }
}
