import { Injectable } from '@nestjs/common';
import type { EntityManager, FindOptionsWhere } from 'typeorm';
import { PrivilegedDatabase } from '../../core/database/privileged-database.js';
import { queryRows } from '../../core/database/sql.js';
import { TenantDatabase } from '../../core/database/tenant-database.js';
import { SubscriptionEntity } from './subscription.entity.js';

/** The Stripe-driven columns a webhook may change. */
export type StripeSubscriptionChange = Partial<
  Pick<
    SubscriptionEntity,
    | 'plan'
    | 'status'
    | 'trialEndsAt'
    | 'currentPeriodEnd'
    | 'cancelAtPeriodEnd'
    | 'stripeCustomerId'
    | 'stripeSubscriptionId'
    | 'statusChangedAt'
    | 'subscriptionEventAt'
    | 'stripeCheckoutSessionId'
  >
>;

@Injectable()
export class SubscriptionsRepository {
  constructor(
    private readonly tenant: TenantDatabase,
    private readonly privileged: PrivilegedDatabase,
  ) {}

  /**
   * One account's subscription. Inside that account's tenant transaction it reads through it (and
   * sees the transaction's own changes). Otherwise — the subscription guard, which runs while the
   * auth guard holds the request's connection — on the privileged pool: taking a second connection
   * of the request pool there would let a burst of requests each hold one and wait for another.
   */
  findByAccount(accountId: string): Promise<SubscriptionEntity | null> {
    const manager = this.tenant.managerFor(accountId) ?? this.privileged.manager;
    return manager.findOne(SubscriptionEntity, { where: { accountId } });
  }

  async insertTrial(accountId: string, plan: string, trialEndsAt: Date, manager: EntityManager): Promise<void> {
    await manager.insert(SubscriptionEntity, { accountId, plan, status: 'trialing', trialEndsAt });
  }

  findCurrent(): Promise<SubscriptionEntity | null> {
    const accountId = this.tenant.accountId();
    if (!accountId) return Promise.resolve(null);
    return this.tenant.manager().findOne(SubscriptionEntity, { where: { accountId } });
  }

  /**
   * Stores the account's Stripe customer unless one is already stored, and answers the stored one.
   * Deliberately on the privileged connection, committed at once: the customer exists in Stripe
   * from now on even if the rest of the request (the Checkout call) fails and rolls back.
   */
  async linkCustomer(accountId: string, customerId: string): Promise<string> {
    const [row] = await queryRows<{ stripe_customer_id: string }>(
      this.privileged.manager,
      `insert into subscriptions (account_id, plan, status, stripe_customer_id)
       values ($1, 'free', 'none', $2)
       on conflict (account_id) do update
         set stripe_customer_id = coalesce(subscriptions.stripe_customer_id, excluded.stripe_customer_id), updated_at = now()
       returning stripe_customer_id`,
      [accountId, customerId],
    );
    return row!.stripe_customer_id;
  }

  /**
   * Stores the account's newest Checkout session and answers the one it replaces, atomically, so
   * of two Checkouts started at once each sees the other. Privileged and committed at once, like
   * the customer: the session exists in Stripe whatever happens to the rest of the request.
   */
  async replaceCheckoutSession(accountId: string, sessionId: string): Promise<string | null> {
    const [row] = await queryRows<{ replaced: string | null }>(
      this.privileged.manager,
      `with previous as (select account_id, stripe_checkout_session_id from subscriptions where account_id = $1 for update)
       update subscriptions s set stripe_checkout_session_id = $2, updated_at = now()
         from previous where s.account_id = previous.account_id
       returning previous.stripe_checkout_session_id as replaced`,
      [accountId, sessionId],
    );
    return row?.replaced ?? null;
  }

  // Webhooks are platform-level (Stripe names no tenant until we resolve one), so the methods
  // below run in the webhook's privileged transaction and lock the row they will change.

  lockForAccount(accountId: string, manager: EntityManager): Promise<SubscriptionEntity | null> {
    return this.lockOne({ accountId }, manager);
  }

  lockByStripeSubscription(stripeSubscriptionId: string, manager: EntityManager): Promise<SubscriptionEntity | null> {
    return this.lockOne({ stripeSubscriptionId }, manager);
  }

  lockByStripeCustomer(stripeCustomerId: string, manager: EntityManager): Promise<SubscriptionEntity | null> {
    return this.lockOne({ stripeCustomerId }, manager);
  }

  /** Gives an existing account without a subscription row a free one, so Stripe state has a place to land. */
  async ensureForAccount(accountId: string, manager: EntityManager): Promise<void> {
    await manager.query(
      `insert into subscriptions (account_id, plan, status)
       select id, 'free', 'none' from accounts where id = $1
       on conflict (account_id) do nothing`,
      [accountId],
    );
  }

  async applyStripeChange(accountId: string, change: StripeSubscriptionChange, manager: EntityManager): Promise<void> {
    await manager.update(SubscriptionEntity, { accountId }, change);
  }

  private lockOne(where: FindOptionsWhere<SubscriptionEntity>, manager: EntityManager): Promise<SubscriptionEntity | null> {
    return manager.findOne(SubscriptionEntity, { where, lock: { mode: 'pessimistic_write' } });
  }
}
