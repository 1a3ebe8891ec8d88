import { applyDecorators, CanActivate, ExecutionContext, Injectable, SetMetadata, UseGuards } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';
import type { AuthenticatedRequest } from '../../core/auth/principal.js';
import { AppError } from '../../core/errors/app-error.js';
import { BillingService } from './billing.service.js';

export const REQUIRES_SUBSCRIPTION = 'rf:requiresSubscription';

/**
 * Checks the caller's account may use Pro features. Runs after authentication (route guards
 * follow the global ones); a locked account gets 402 `subscription_required`.
 */
@Injectable()
export class SubscriptionGuard implements CanActivate {
  constructor(private readonly billing: BillingService) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const principal = ctx.switchToHttp().getRequest<AuthenticatedRequest>().principal;
    if (!principal) throw AppError.unauthorized();
    const access = await this.billing.accessFor(principal.accountId);
    if (access.allowed) return true;
    throw new AppError(402, 'subscription_required', 'This feature needs an active subscription', {
      plan: access.plan,
      status: access.status,
      trialEndsAt: access.trialEndsAt,
    });
  }
}

/** Marks a Pro route: sessions, handoffs, script builder, analytics, PSA. */
export const RequiresSubscription = () =>
  applyDecorators(
    SetMetadata(REQUIRES_SUBSCRIPTION, true),
    UseGuards(SubscriptionGuard),
    ApiResponse({
      status: 402,
      description: '`subscription_required` (details: plan, status, trialEndsAt)',
      schema: { $ref: '#/components/schemas/ErrorEnvelope' },
    }),
  );
