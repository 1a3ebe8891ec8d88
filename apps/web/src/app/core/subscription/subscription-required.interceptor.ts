import { HttpErrorResponse, HttpInterceptorFn } from '@angular/common/http';
import { inject } from '@angular/core';
import { Router } from '@angular/router';
import type { SubscriptionRequiredDetails, SubscriptionStatus } from '@resolutionflow/contracts';
import { catchError, throwError } from 'rxjs';

import { SubscriptionNoticeStore } from './subscription-notice.service';

export const SUBSCRIPTION_NEEDED_PATH = '/subscription-needed';

const STATUSES: readonly SubscriptionStatus[] = ['trialing', 'active', 'past_due', 'canceled', 'unpaid', 'none'];

// Structural reading instead of the contract's Zod schema keeps Zod out of the initial bundle.
function detailsOf(body: unknown): SubscriptionRequiredDetails | null {
  const details = (body as { details?: Record<string, unknown> } | null)?.details;
  if (!details) return null;
  const { plan, status, trialEndsAt } = details;
  if (typeof plan !== 'string' || !STATUSES.includes(status as SubscriptionStatus)) return null;
  return { plan, status: status as SubscriptionStatus, trialEndsAt: typeof trialEndsAt === 'string' ? trialEndsAt : null };
}

/**
 * Any 402 means the account's subscription no longer covers what was asked: the person is taken
 * to one page that says so and how to recover, whichever screen made the call.
 */
export const subscriptionRequiredInterceptor: HttpInterceptorFn = (request, next) => {
  const router = inject(Router);
  const notices = inject(SubscriptionNoticeStore);
  return next(request).pipe(
    catchError((error: unknown) => {
      if (error instanceof HttpErrorResponse && error.status === 402) {
        const from = router.currentNavigation()?.finalUrl?.toString() ?? router.url;
        if (!from.startsWith(SUBSCRIPTION_NEEDED_PATH)) {
          notices.record({ details: detailsOf(error.error), from });
          void router.navigateByUrl(SUBSCRIPTION_NEEDED_PATH);
        }
      }
      return throwError(() => error);
    }),
  );
};
