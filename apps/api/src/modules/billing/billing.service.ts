import { Injectable } from '@nestjs/common';
import type { SubscriptionSummary } from '@resolutionflow/contracts';
import type { EntityManager } from 'typeorm';
import { AppConfig } from '../../core/config/app-config.js';
import { hasProAccess } from './subscription-access.js';
import { SubscriptionsRepository } from './subscriptions.repository.js';

export interface ProAccess {
  allowed: boolean;
  plan: string;
  status: SubscriptionSummary['status'];
  trialEndsAt: string | null;
}

export const TRIAL_PLAN = 'pro';

@Injectable()
export class BillingService {
  constructor(
    private readonly subscriptions: SubscriptionsRepository,
    private readonly config: AppConfig,
  ) {}

  /** Every self-serve account starts on a Pro trial of TRIAL_DAYS. */
  async startTrial(accountId: string, manager: EntityManager): Promise<void> {
    const trialEndsAt = new Date(Date.now() + this.config.env.TRIAL_DAYS * 86_400_000);
    await this.subscriptions.insertTrial(accountId, TRIAL_PLAN, trialEndsAt, manager);
  }

  /** Whether an account may use Pro features right now, with what the 402 answer reports. */
  async accessFor(accountId: string): Promise<ProAccess> {
    const subscription = await this.subscriptions.findByAccount(accountId);
    return {
      allowed: hasProAccess(subscription),
      plan: subscription?.plan ?? 'free',
      status: subscription?.status ?? 'none',
      trialEndsAt: subscription?.trialEndsAt?.toISOString() ?? null,
    };
  }

  /** The caller's subscription in the shape `/auth/me` carries; an account without one is on the free plan. */
  async currentSummary(): Promise<SubscriptionSummary> {
    const subscription = await this.subscriptions.findCurrent();
    if (!subscription) return { plan: 'free', status: 'none', trialEndsAt: null };
    return {
      plan: subscription.plan,
      status: subscription.status,
      trialEndsAt: subscription.trialEndsAt?.toISOString() ?? null,
    };
  }
}
