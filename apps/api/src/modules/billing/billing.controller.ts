import { Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import {
  checkoutSessionRequestSchema,
  publicPlansSchema,
  redirectUrlSchema,
  subscriptionSchema,
  type RedirectUrl,
  type Subscription,
} from '@resolutionflow/contracts';
import type { z } from 'zod';
import { AllowUnverifiedEmail, CurrentPrincipal, Roles } from '../../core/auth/auth.decorators.js';
import type { Principal } from '../../core/auth/principal.js';
import { Public } from '../../core/http/public.decorator.js';
import { ApiErrors } from '../../core/openapi/api-errors.decorator.js';
import { RateLimit } from '../../core/rate-limit/rate-limit.decorator.js';
import { toOpenApiSchema, ValidBody } from '../../core/validation/zod-validation.js';
import { BillingService } from './billing.service.js';

const MEMBER_ERRORS: [number, string][] = [[401, 'unauthorized']];
const BILLING_ADMIN_ERRORS: [number, string][] = [
  [401, 'unauthorized'],
  [403, 'forbidden'],
  [429, 'rate_limited'],
  [502, 'stripe_unavailable'],
  [503, 'stripe_not_configured'],
];
// Each call creates objects in Stripe; a generous budget still stops a runaway client.
const STRIPE_SESSION_LIMIT = RateLimit({ name: 'billing-stripe-session', limit: 30, windowSeconds: 3600, by: 'principal' });

/**
 * Plans, the account's subscription, Checkout and the Customer Portal. Every route stays open to
 * unverified and lapsed accounts, so a customer can always pay their way back in.
 */
@ApiTags('billing')
@AllowUnverifiedEmail()
@Controller('billing')
export class BillingController {
  constructor(private readonly billing: BillingService) {}

  @Get('plans')
  @Public()
  @ApiOkResponse({ description: 'Public, non-archived plans with their limits, cheapest first', schema: toOpenApiSchema(publicPlansSchema) })
  async plans(): Promise<z.output<typeof publicPlansSchema>> {
    return { items: await this.billing.offeredPlans() };
  }

  @Get('subscription')
  @ApiBearerAuth()
  @ApiOkResponse({ description: "The account's subscription, whether Pro features are open now, and its limits", schema: toOpenApiSchema(subscriptionSchema) })
  @ApiErrors(...MEMBER_ERRORS)
  subscription(@CurrentPrincipal() principal: Principal): Promise<Subscription> {
    return this.billing.subscriptionOf(principal);
  }

  @Post('checkout-session')
  @HttpCode(200)
  @ApiBearerAuth()
  @Roles('owner', 'admin')
  @STRIPE_SESSION_LIMIT
  @ApiOkResponse({ description: 'The Stripe Checkout page to send the browser to', schema: toOpenApiSchema(redirectUrlSchema) })
  @ApiErrors(
    [400, 'validation_failed'],
    [400, 'unknown_plan'],
    ...BILLING_ADMIN_ERRORS,
    [409, 'plan_not_purchasable'],
    [409, 'already_subscribed'],
  )
  checkout(
    @CurrentPrincipal() principal: Principal,
    @ValidBody(checkoutSessionRequestSchema) body: z.output<typeof checkoutSessionRequestSchema>,
  ): Promise<RedirectUrl> {
    return this.billing.startCheckout(principal, body.plan);
  }

  @Get('portal-session')
  @ApiBearerAuth()
  @Roles('owner', 'admin')
  @STRIPE_SESSION_LIMIT
  @ApiOkResponse({ description: 'The Stripe Customer Portal page to send the browser to', schema: toOpenApiSchema(redirectUrlSchema) })
  @ApiErrors([400, 'no_stripe_customer'], ...BILLING_ADMIN_ERRORS)
  portal(@CurrentPrincipal() principal: Principal): Promise<RedirectUrl> {
    return this.billing.openPortal(principal);
  }
}
