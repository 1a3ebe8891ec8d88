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
import { statusAfterInvoice, stillBills } from './subscription-access.js';
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
  /** The Stripe subscription the event is about, kept in the ledger. */
  stripeSubscriptionId?: string | null;
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
      await this.events.recordOutcome(event.id, { outcome: result.outcome, accountId: result.accountId, stripeSubscriptionId: result.stripeSubscriptionId ?? null }, manager);
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

  /**
   * Links the Stripe customer and subscription to the account that started the checkout, unless
   * the account's linked subscription still bills: then this checkout made a second one (two tabs,
   * two admins), which is left unlinked for an operator to refund rather than orphaning the first.
   */
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
    // The session is done either way: a later Checkout has nothing to expire.
    const sessionDone = row.stripeCheckoutSessionId === session.id;
    const subscriptionId = session.subscription ?? null;
    if (subscriptionId && row.stripeSubscriptionId !== subscriptionId && stillBills(row)) {
      if (sessionDone) await this.subscriptions.applyStripeChange(accountId, { stripeCheckoutSessionId: null }, manager);
      return this.duplicate(event, row, subscriptionId);
    }

    const change: StripeSubscriptionChange = {
      ...(sessionDone ? { stripeCheckoutSessionId: null } : {}),
      stripeCustomerId: session.customer ?? row.stripeCustomerId,
      stripeSubscriptionId: subscriptionId ?? row.stripeSubscriptionId,
    };
    // Paid at checkout: open the plan now rather than waiting for the subscription event — unless a
    // subscription event newer than the checkout already said where the subscription stands.
    if (session.payment_status === 'paid' && !this.behindSubscription(row, event)) {
      const plan = session.metadata?.plan;
      if (plan && (await this.plans.findWithBilling(plan, manager))) change.plan = plan;
      Object.assign(change, this.statusChange(row, 'active'), { trialEndsAt: null });
    }
    await this.subscriptions.applyStripeChange(accountId, change, manager);
    return { outcome: 'applied', accountId, stripeSubscriptionId: subscriptionId };
  }

  /** Mirrors Stripe's view of the subscription: status, plan (from the price), period and trial. */
  private async onSubscription(event: IncomingEvent, subscription: SubscriptionPayload, manager: EntityManager): Promise<Effect> {
    const row = await this.resolve(subscription.id, subscription.customer, subscription.metadata?.accountId, manager);
    if (!row) return this.unmatched(event, 'no account has this Stripe subscription or customer');
    const status = event.type === 'customer.subscription.deleted' ? 'canceled' : statusFromStripe(subscription.status);
    // Another subscription of this customer while the linked one still bills: never relinked here.
    // A live one is a second subscription; an ended one is an old subscription's last word.
    if (row.stripeSubscriptionId !== subscription.id && stillBills(row)) {
      const live = status !== 'canceled' || (await this.events.isKnownDuplicate(row.accountId, subscription.id, manager));
      if (live) return this.duplicate(event, row, subscription.id);
      return { outcome: 'stale', accountId: row.accountId, stripeSubscriptionId: subscription.id };
    }
    if (this.behindSubscription(row, event)) return { outcome: 'stale', accountId: row.accountId, stripeSubscriptionId: subscription.id };

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
        subscriptionEventAt: event.createdAt,
      },
      manager,
    );
    return { outcome: 'applied', accountId: row.accountId, stripeSubscriptionId: subscription.id };
  }

  /**
   * A paid renewal keeps or restores access; a failed one marks an active subscription past due
   * (statusAfterInvoice). An invoice carries no subscription state, so it does not move the order
   * of subscription events; one created before the newest subscription event applied is already
   * reflected in that event's state and is skipped.
   */
  private async onInvoice(event: IncomingEvent, invoice: InvoicePayload, manager: EntityManager): Promise<Effect> {
    const subscriptionId = invoiceSubscriptionId(invoice);
    // One-off invoices do not concern the subscription.
    if (!subscriptionId) return { outcome: 'unhandled', accountId: null };
    const row = await this.resolve(subscriptionId, invoice.customer ?? null, undefined, manager);
    if (!row) return this.unmatched(event, 'no account has this Stripe subscription or customer');
    if (row.stripeSubscriptionId && row.stripeSubscriptionId !== subscriptionId) {
      if (stillBills(row) && (await this.events.isKnownDuplicate(row.accountId, subscriptionId, manager))) return this.duplicate(event, row, subscriptionId);
      return { outcome: 'stale', accountId: row.accountId, stripeSubscriptionId: subscriptionId };
    }
    if (this.behindSubscription(row, event)) return { outcome: 'stale', accountId: row.accountId, stripeSubscriptionId: subscriptionId };

    const kind = event.type === 'invoice.paid' ? 'paid' : 'payment_failed';
    const status = statusAfterInvoice(row.status, { kind, amountPaid: invoice.amount_paid ?? 0 });
    await this.subscriptions.applyStripeChange(
      row.accountId,
      { stripeSubscriptionId: subscriptionId, ...(status ? this.statusChange(row, status) : {}) },
      manager,
    );
    return { outcome: 'applied', accountId: row.accountId, stripeSubscriptionId: subscriptionId };
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

  /**
   * Stripe does not deliver in order: an event created before the newest subscription event
   * applied must not undo that event's state. Equal seconds cannot be ordered and both apply.
   */
  private behindSubscription(row: SubscriptionEntity, event: IncomingEvent): boolean {
    return row.subscriptionEventAt !== null && event.createdAt.getTime() < row.subscriptionEventAt.getTime();
  }

  private statusChange(row: SubscriptionEntity, status: SubscriptionStatus): StripeSubscriptionChange {
    return status === row.status ? { status } : { status, statusChangedAt: new Date() };
  }

  /** A second live subscription for one account: recorded and left alone, loudly, for an operator to refund or cancel. */
  private duplicate(event: IncomingEvent, row: SubscriptionEntity, duplicateSubscriptionId: string): Effect {
    this.logger.warn(
      {
        stripeEventId: event.id,
        type: event.type,
        accountId: row.accountId,
        stripeCustomerId: row.stripeCustomerId,
        linkedStripeSubscriptionId: row.stripeSubscriptionId,
        duplicateStripeSubscriptionId: duplicateSubscriptionId,
      },
      'Account has a second live Stripe subscription; it was not linked and may be charging the customer twice — cancel and refund it in Stripe',
    );
    return { outcome: 'duplicate_subscription', accountId: row.accountId, stripeSubscriptionId: duplicateSubscriptionId };
  }

  private unmatched(event: IncomingEvent, reason: string, accountId: string | null = null): Effect {
    this.logger.warn({ stripeEventId: event.id, type: event.type, accountId, reason }, 'Stripe event not applied');
    return { outcome: 'unmatched', accountId };
  }
}
