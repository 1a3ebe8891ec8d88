import { Module } from '@nestjs/common';
import { BillingService } from './billing.service.js';
import { SubscriptionsRepository } from './subscriptions.repository.js';

@Module({ providers: [SubscriptionsRepository, BillingService], exports: [BillingService] })
export class BillingModule {}
