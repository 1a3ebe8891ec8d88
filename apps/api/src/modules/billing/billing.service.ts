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
import { stillBills } from './subscription-access.js';
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
   * checkout and reused afterwards; the webhook links the resulting subscription. One account has
   * one payable Checkout at a time: a new one expires the previous, so two tabs or two admins cannot
   * both pay and start two subscriptions (the webhook still refuses to link a second one).
   */
  async startCheckout(principal: Principal, planKey: string): Promise<RedirectUrl> {
    this.stripe.assertConfigured();
    const offered = await this.plans.findOffered(planKey);
    if (!offered) throw new AppError(400, 'unknown_plan', `There is no plan "${planKey}" to subscribe to`);
    const priceId = offered.billing?.stripePriceId;
    if (!priceId) throw new AppError(409, 'plan_not_purchasable', 'This plan cannot be bought online; contact sales');

    const current = await this.subscriptions.findCurrent();
    if (current && stillBills(current)) throw alreadySubscribed();
    const linked = current?.stripeSubscriptionId ?? null;
    const previous = current?.stripeCheckoutSessionId ?? null;
    if (previous) await this.closeCheckout(previous, linked);
    const customerId = current?.stripeCustomerId ?? (await this.createCustomer(principal));
    const session = await this.stripe.createCheckoutSession({
      accountId: principal.accountId,
      customerId,
      plan: planKey,
      priceId,
      successUrl: this.appUrl('/billing?checkout=success'),
      cancelUrl: this.appUrl('/billing?checkout=canceled'),
    });
    // Another Checkout started meanwhile (a second tab) is the one that loses.
    const replaced = await this.subscriptions.replaceCheckoutSession(principal.accountId, session.id);
    if (replaced && replaced !== previous) await this.closeCheckout(replaced, linked);
    await this.audit.record({ actorUserId: principal.userId, action: 'billing.checkout_started', data: { plan: planKey } });
    return { url: session.url };
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

  /**
   * Expires an earlier Checkout that can still be paid. One already paid whose subscription is not
   * linked yet (its webhook is on the way) means the account is subscribed: 409, not a second one.
   */
  private async closeCheckout(sessionId: string, linkedSubscriptionId: string | null): Promise<void> {
    let earlier = await this.stripe.checkoutSessionState(sessionId);
    // Paid or expired by another tab between the two calls: look again.
    if (earlier?.status === 'open' && !(await this.stripe.expireCheckoutSession(sessionId))) earlier = await this.stripe.checkoutSessionState(sessionId);
    if (earlier?.status === 'complete' && earlier.subscriptionId !== null && earlier.subscriptionId !== linkedSubscriptionId) throw alreadySubscribed();
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

function alreadySubscribed(): AppError {
  return new AppError(409, 'already_subscribed', 'This account already has a subscription; change it in the billing portal');
}
