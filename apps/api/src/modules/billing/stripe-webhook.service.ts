import { Injectable, Logger } from '@nestjs/common';
import type { SubscriptionStatus } from '@resolutionflow/contracts';
import type { EntityManager } from 'typeorm';
import { z } from 'zod';
import { PrivilegedDatabase } from '../../core/database/privileged-database.js';
import { AppError } from '../../core/errors/app-error.js';
import { EntitlementsService } from './entitlements.service.js';
import { PlansRepository } from './plans.repository.js';
import type { StripeEventOutcome } from './stripe-event.entity.js';
import { StripeEventsRepository } from './stripe-events.repository.js';
import { StripeGateway } from './stripe-gateway.js';
import {
  checkoutSessionSchema,
  fromUnix,
  invoicePayloadSchema,
  invoiceSubscriptionId,
  statusFromStripe,
  stripeEventEnvelopeSchema,
  subscriptionPayloadSchema,
  subscriptionPeriodEnd,
  subscriptionPriceId,
  type CheckoutSessionPayload,
  type InvoicePayload,
  type SubscriptionPayload,
} from './stripe-payloads.js';
import type { SubscriptionEntity } from './subscription.entity.js';
import { SubscriptionsRepository, type StripeSubscriptionChange } from './subscriptions.repository.js';

interface IncomingEvent {
  id: string;
  type: string;
  createdAt: Date;
  object: unknown;
}

interface Effect {
  outcome: StripeEventOutcome;
  accountId: string | null;
}

const uuid = z.uuid();
const isAccountId = (value: string | null | undefined): value is string => !!value && uuid.safeParse(value).success;

/**
 * Applies Stripe webhook events to subscriptions, each event id exactly once. Webhooks are
 * platform-level — Stripe names no tenant until we resolve one from its ids — so each event runs
 * in one transaction on the privileged connection: the event's ledger row and its effect commit
 * together or not at all, and a replay finds the id taken and changes nothing.
 */
@Injectable()
export class StripeWebhookService {
  private readonly logger = new Logger(StripeWebhookService.name);

  constructor(
    private readonly stripe: StripeGateway,
    private readonly privileged: PrivilegedDatabase,
    private readonly events: StripeEventsRepository,
    private readonly subscriptions: SubscriptionsRepository,
    private readonly plans: PlansRepository,
    private readonly entitlements: EntitlementsService,
  ) {}

  async receive(rawBody: Buffer | undefined, signature: string | undefined): Promise<void> {
    const envelope = stripeEventEnvelopeSchema.safeParse(this.stripe.verifyWebhook(rawBody, signature));
    if (!envelope.success) throw new AppError(400, 'invalid_payload', 'The webhook body is not a Stripe event');
    const event: IncomingEvent = {
      id: envelope.data.id,
      type: envelope.data.type,
      createdAt: fromUnix(envelope.data.created),
      object: envelope.data.data.object,
    };

    const effect = await this.privileged.transaction(async (manager) => {
      if (!(await this.events.claim(event, manager))) return null;
      const result = await this.apply(event, manager);
      await this.events.recordOutcome(event.id, result.outcome, result.accountId, manager);
      if (result.outcome === 'applied' && result.accountId) {
        await this.entitlements.signalChange({ accountId: result.accountId }, manager);
      }
      return result;
    });

    if (!effect) {
      this.logger.log({ stripeEventId: event.id, type: event.type }, 'Stripe event already applied; replay ignored');
      return;
    }
    if (effect.outcome === 'applied' && effect.accountId) this.entitlements.dropLocal({ accountId: effect.accountId });
    this.logger.log({ stripeEventId: event.id, type: event.type, outcome: effect.outcome, accountId: effect.accountId }, 'Stripe event received');
  }

  private apply(event: IncomingEvent, manager: EntityManager): Promise<Effect> {
    switch (event.type) {
      case 'checkout.session.completed':
        return this.parsed(event, checkoutSessionSchema, (session) => this.onCheckoutCompleted(event, session, manager));
      case 'customer.subscription.created':
      case 'customer.subscription.updated':
      case 'customer.subscription.deleted':
        return this.parsed(event, subscriptionPayloadSchema, (subscription) => this.onSubscription(event, subscription, manager));
      case 'invoice.paid':
      case 'invoice.payment_failed':
        return this.parsed(event, invoicePayloadSchema, (invoice) => this.onInvoice(event, invoice, manager));
      default:
        return Promise.resolve({ outcome: 'unhandled', accountId: null });
    }
  }

  private async parsed<T extends z.ZodType>(event: IncomingEvent, schema: T, handle: (object: z.output<T>) => Promise<Effect>): Promise<Effect> {
    const object = schema.safeParse(event.object);
    if (object.success) return handle(object.data);
    this.logger.warn({ stripeEventId: event.id, type: event.type, issues: object.error.issues.slice(0, 5) }, 'Stripe event object has an unexpected shape');
    return { outcome: 'unhandled', accountId: null };
  }

  /** Links the Stripe customer and subscription to the account that started the checkout. */
  private async onCheckoutCompleted(event: IncomingEvent, session: CheckoutSessionPayload, manager: EntityManager): Promise<Effect> {
    if (session.mode !== 'subscription') return { outcome: 'unhandled', accountId: null };
    const accountId = session.client_reference_id ?? session.metadata?.accountId;
    if (!isAccountId(accountId)) return this.unmatched(event, 'no account reference on the checkout session');

    await this.subscriptions.ensureForAccount(accountId, manager);
    const row = await this.subscriptions.lockForAccount(accountId, manager);
    if (!row) return this.unmatched(event, 'the checkout names an account that does not exist');
    if (session.customer && row.stripeCustomerId && row.stripeCustomerId !== session.customer) {
      return this.unmatched(event, 'the checkout customer differs from the account’s customer', accountId);
    }
    if (await this.linkedElsewhere(accountId, session.customer ?? null, session.subscription ?? null, manager)) {
      return this.unmatched(event, 'the checkout customer or subscription belongs to another account', accountId);
    }
    if (this.isStale(row, event)) return { outcome: 'stale', accountId };

    const change: StripeSubscriptionChange = {
      stripeCustomerId: session.customer ?? row.stripeCustomerId,
      stripeSubscriptionId: session.subscription ?? row.stripeSubscriptionId,
      stripeEventAt: event.createdAt,
    };
    // Paid at checkout: open the plan now rather than waiting for the subscription event.
    if (session.payment_status === 'paid') {
      const plan = session.metadata?.plan;
      if (plan && (await this.plans.findWithBilling(plan, manager))) change.plan = plan;
      Object.assign(change, this.statusChange(row, 'active'), { trialEndsAt: null });
    }
    await this.subscriptions.applyStripeChange(accountId, change, manager);
    return { outcome: 'applied', accountId };
  }

  /** Mirrors Stripe's view of the subscription: status, plan (from the price), period and trial. */
  private async onSubscription(event: IncomingEvent, subscription: SubscriptionPayload, manager: EntityManager): Promise<Effect> {
    const row = await this.resolve(subscription.id, subscription.customer, subscription.metadata?.accountId, manager);
    if (!row) return this.unmatched(event, 'no account has this Stripe subscription or customer');
    if (row.stripeSubscriptionId && row.stripeSubscriptionId !== subscription.id && !['canceled', 'none'].includes(row.status)) {
      this.logger.warn({ stripeEventId: event.id, accountId: row.accountId }, 'Stripe event about a subscription the account no longer uses');
      return { outcome: 'stale', accountId: row.accountId };
    }
    if (this.isStale(row, event)) return { outcome: 'stale', accountId: row.accountId };

    const status = event.type === 'customer.subscription.deleted' ? 'canceled' : statusFromStripe(subscription.status);
    const priceId = subscriptionPriceId(subscription);
    const plan = priceId ? await this.plans.planForPrice(priceId, manager) : null;
    if (priceId && !plan) this.logger.warn({ stripeEventId: event.id, priceId }, 'Stripe price is not linked to any plan; plan left unchanged');

    const trialEndsAt = subscription.trial_end
      ? fromUnix(subscription.trial_end)
      : status !== null && status !== 'trialing'
        ? null
        : row.trialEndsAt;
    await this.subscriptions.applyStripeChange(
      row.accountId,
      {
        stripeCustomerId: subscription.customer,
        stripeSubscriptionId: subscription.id,
        ...(plan ? { plan } : {}),
        ...(status ? this.statusChange(row, status) : {}),
        trialEndsAt,
        currentPeriodEnd: subscriptionPeriodEnd(subscription),
        cancelAtPeriodEnd: subscription.cancel_at_period_end ?? false,
        stripeEventAt: event.createdAt,
      },
      manager,
    );
    return { outcome: 'applied', accountId: row.accountId };
  }

  /** A paid renewal keeps or restores access; a failed one marks the subscription past due. */
  private async onInvoice(event: IncomingEvent, invoice: InvoicePayload, manager: EntityManager): Promise<Effect> {
    const subscriptionId = invoiceSubscriptionId(invoice);
    // One-off invoices do not concern the subscription.
    if (!subscriptionId) return { outcome: 'unhandled', accountId: null };
    const row = await this.resolve(subscriptionId, invoice.customer ?? null, undefined, manager);
    if (!row) return this.unmatched(event, 'no account has this Stripe subscription or customer');
    if (row.stripeSubscriptionId && row.stripeSubscriptionId !== subscriptionId) return { outcome: 'stale', accountId: row.accountId };
    if (this.isStale(row, event)) return { outcome: 'stale', accountId: row.accountId };

    const change: StripeSubscriptionChange = { stripeSubscriptionId: subscriptionId, stripeEventAt: event.createdAt };
    // A canceled subscription's last invoice settles a debt; it does not reopen anything.
    if (row.status !== 'canceled') {
      // The zero invoice that opens a Stripe trial is "paid" too; only real money makes a subscription active.
      if (event.type === 'invoice.paid' && (invoice.amount_paid ?? 0) > 0) Object.assign(change, this.statusChange(row, 'active'));
      if (event.type === 'invoice.payment_failed') Object.assign(change, this.statusChange(row, 'past_due'));
    }
    await this.subscriptions.applyStripeChange(row.accountId, change, manager);
    return { outcome: 'applied', accountId: row.accountId };
  }

  /**
   * The subscription row an event is about: by Stripe subscription, then by customer (both stored
   * by us), then by the account id we put in the metadata — the last only for an account not yet
   * tied to another customer, so one customer's events can never reach another account.
   */
  private async resolve(subscriptionId: string, customerId: string | null, accountHint: string | undefined, manager: EntityManager): Promise<SubscriptionEntity | null> {
    const bySubscription = await this.subscriptions.lockByStripeSubscription(subscriptionId, manager);
    if (bySubscription) return bySubscription;
    if (customerId) {
      const byCustomer = await this.subscriptions.lockByStripeCustomer(customerId, manager);
      if (byCustomer) return byCustomer;
    }
    if (!isAccountId(accountHint)) return null;
    await this.subscriptions.ensureForAccount(accountHint, manager);
    const byHint = await this.subscriptions.lockForAccount(accountHint, manager);
    return byHint && byHint.stripeCustomerId === null ? byHint : null;
  }

  private async linkedElsewhere(accountId: string, customerId: string | null, subscriptionId: string | null, manager: EntityManager): Promise<boolean> {
    const byCustomer = customerId ? await this.subscriptions.lockByStripeCustomer(customerId, manager) : null;
    const bySubscription = subscriptionId ? await this.subscriptions.lockByStripeSubscription(subscriptionId, manager) : null;
    return [byCustomer, bySubscription].some((row) => row !== null && row.accountId !== accountId);
  }

  /** Stripe does not deliver in order: an event older than the last one applied must not undo it. */
  private isStale(row: SubscriptionEntity, event: IncomingEvent): boolean {
    return row.stripeEventAt !== null && event.createdAt.getTime() < row.stripeEventAt.getTime();
  }

  private statusChange(row: SubscriptionEntity, status: SubscriptionStatus): StripeSubscriptionChange {
    return status === row.status ? { status } : { status, statusChangedAt: new Date() };
  }

  private unmatched(event: IncomingEvent, reason: string, accountId: string | null = null): Effect {
    this.logger.warn({ stripeEventId: event.id, type: event.type, accountId, reason }, 'Stripe event not applied');
    return { outcome: 'unmatched', accountId };
  }
}
