import { Module } from '@nestjs/common';
import { BillingService } from './billing.service.js';
import { SubscriptionGuard } from './subscription.guard.js';
import { SubscriptionsRepository } from './subscriptions.repository.js';

@Module({ providers: [SubscriptionsRepository, BillingService, SubscriptionGuard], exports: [BillingService, SubscriptionGuard] })
export class BillingModule {}
