import { Injectable, Logger } from '@nestjs/common';
import type { PublicPlan, RedirectUrl, Subscription, SubscriptionSummary } from '@resolutionflow/contracts';
import type { EntityManager } from 'typeorm';
import { AuditRepository } from '../../core/audit/audit.repository.js';
import type { Principal } from '../../core/auth/principal.js';
import { AppConfig } from '../../core/config/app-config.js';
import { AppError } from '../../core/errors/app-error.js';
import { mapPublicPlan, mapSubscription } from './billing.mapper.js';
import { EntitlementsService } from './entitlements.service.js';
import { PlansRepository } from './plans.repository.js';
import { StripeGateway } from './stripe-gateway.js';
import { SubscriptionsRepository } from './subscriptions.repository.js';

export interface ProAccess {
  allowed: boolean;
  plan: string;
  status: SubscriptionSummary['status'];
  trialEndsAt: string | null;
}

export const TRIAL_PLAN = 'pro';

/** Statuses of a linked Stripe subscription that still bills: a second checkout would charge twice. */
const BILLING_STATUSES: SubscriptionSummary['status'][] = ['trialing', 'active', 'past_due', 'unpaid'];

@Injectable()
export class BillingService {
  private readonly logger = new Logger(BillingService.name);

  constructor(
    private readonly subscriptions: SubscriptionsRepository,
    private readonly plans: PlansRepository,
    private readonly entitlements: EntitlementsService,
    private readonly stripe: StripeGateway,
    private readonly audit: AuditRepository,
    private readonly config: AppConfig,
  ) {}

  /** Every self-serve account starts on a Pro trial of TRIAL_DAYS. */
  async startTrial(accountId: string, manager: EntityManager): Promise<void> {
    const trialEndsAt = new Date(Date.now() + this.config.env.TRIAL_DAYS * 86_400_000);
    await this.subscriptions.insertTrial(accountId, TRIAL_PLAN, trialEndsAt, manager);
  }

  /** Whether an account may use Pro features right now, with what the 402 answer reports. */
  async accessFor(accountId: string): Promise<ProAccess> {
    const now = await this.entitlements.forAccount(accountId);
    return { allowed: now.active, plan: now.plan, status: now.status, trialEndsAt: now.trialEndsAt?.toISOString() ?? null };
  }

  /** The caller's subscription in the shape `/auth/me` carries; an account without one is on the free plan. */
  async offeredPlans(): Promise<PublicPlan[]> {
    return (await this.plans.listOffered()).map(mapPublicPlan);
  }

  /** The caller's subscription with what it allows now (read through the entitlements cache). */
  async subscriptionOf(principal: Principal): Promise<Subscription> {
    return mapSubscription(await this.entitlements.forAccount(principal.accountId));
  }

  /**
   * A Stripe Checkout URL for `planKey`. The account's Stripe customer is created on the first
   * checkout and reused afterwards; the webhook links the resulting subscription.
   */
  async startCheckout(principal: Principal, planKey: string): Promise<RedirectUrl> {
    this.stripe.assertConfigured();
    const offered = await this.plans.findOffered(planKey);
    if (!offered) throw new AppError(400, 'unknown_plan', `There is no plan "${planKey}" to subscribe to`);
    const priceId = offered.billing?.stripePriceId;
    if (!priceId) throw new AppError(409, 'plan_not_purchasable', 'This plan cannot be bought online; contact sales');

    const current = await this.subscriptions.findCurrent();
    if (current?.stripeSubscriptionId && BILLING_STATUSES.includes(current.status)) {
      throw new AppError(409, 'already_subscribed', 'This account already has a subscription; change it in the billing portal');
    }
    const customerId = current?.stripeCustomerId ?? (await this.createCustomer(principal));
    const url = await this.stripe.createCheckoutSession({
      accountId: principal.accountId,
      customerId,
      plan: planKey,
      priceId,
      successUrl: this.appUrl('/billing?checkout=success'),
      cancelUrl: this.appUrl('/billing?checkout=canceled'),
    });
    await this.audit.record({ actorUserId: principal.userId, action: 'billing.checkout_started', data: { plan: planKey } });
    return { url };
  }

  /** A Stripe Customer Portal URL: card, invoices, plan changes and cancellation. */
  async openPortal(principal: Principal): Promise<RedirectUrl> {
    this.stripe.assertConfigured();
    const current = await this.subscriptions.findCurrent();
    if (!current?.stripeCustomerId) {
      throw new AppError(400, 'no_stripe_customer', 'This account has no billing profile yet; subscribe to a plan first');
    }
    return { url: await this.stripe.createPortalSession(current.stripeCustomerId, this.appUrl('/billing')) };
  }

  private async createCustomer(principal: Principal): Promise<string> {
    const created = await this.stripe.createCustomer({ accountId: principal.accountId, email: principal.email });
    const stored = await this.subscriptions.linkCustomer(principal.accountId, created);
    await this.entitlements.signalChange({ accountId: principal.accountId });
    this.entitlements.dropLocal({ accountId: principal.accountId });
    this.logger.log({ accountId: principal.accountId, stripeCustomerId: stored }, 'Stripe customer linked');
    return stored;
  }

  private appUrl(path: string): string {
    return `${this.config.env.APP_URL.replace(/\/+$/, '')}${path}`;
  }
}
