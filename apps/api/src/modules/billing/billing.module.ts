import { Module } from '@nestjs/common';
import { AdminPlansController } from './admin-plans.controller.js';
import { BillingController } from './billing.controller.js';
import { BillingService } from './billing.service.js';
import { EntitlementsService } from './entitlements.service.js';
import { PlansAdminService } from './plans-admin.service.js';
import { PlansRepository } from './plans.repository.js';
import { StripeEventsRepository } from './stripe-events.repository.js';
import { StripeGateway } from './stripe-gateway.js';
import { StripeWebhookController } from './stripe-webhook.controller.js';
import { StripeWebhookService } from './stripe-webhook.service.js';
import { SubscriptionGuard } from './subscription.guard.js';
import { SubscriptionsRepository } from './subscriptions.repository.js';

/**
 * Plans, subscriptions, Stripe (Checkout, Customer Portal, webhooks) and entitlements. Other
 * modules use BillingService, EntitlementsService (plan limits) and `@RequiresSubscription()`.
 */
@Module({
  controllers: [BillingController, StripeWebhookController, AdminPlansController],
  providers: [
    SubscriptionsRepository,
    PlansRepository,
    StripeEventsRepository,
    StripeGateway,
    EntitlementsService,
    BillingService,
    PlansAdminService,
    StripeWebhookService,
    SubscriptionGuard,
  ],
  exports: [BillingService, EntitlementsService, SubscriptionGuard],
})
export class BillingModule {}
