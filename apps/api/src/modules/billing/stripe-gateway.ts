import { Injectable, Logger } from '@nestjs/common';
import Stripe from 'stripe';
import { AppConfig } from '../../core/config/app-config.js';
import { AppError } from '../../core/errors/app-error.js';
import { stripeConnectionOptions } from './stripe-options.js';

export interface NewCustomer {
  accountId: string;
  email: string | null;
}

export interface CheckoutSession {
  id: string;
  url: string;
}

/** What billing needs of an earlier Checkout session: whether it can still be paid, and what it created. */
export interface CheckoutSessionState {
  status: 'open' | 'complete' | 'expired';
  subscriptionId: string | null;
}

export interface NewCheckout {
  accountId: string;
  customerId: string;
  plan: string;
  priceId: string;
  successUrl: string;
  cancelUrl: string;
}

/** Any failure talking to Stripe: the caller sees a retryable 502, never a 500. */
function unavailable(): AppError {
  return new AppError(502, 'stripe_unavailable', 'The payment provider could not be reached; try again shortly');
}

/**
 * The Stripe SDK behind the few calls billing makes. Without `STRIPE_SECRET_KEY` every call
 * answers 503 `stripe_not_configured`; `STRIPE_API_URL` points the real SDK at another host.
 */
@Injectable()
export class StripeGateway {
  private readonly logger = new Logger(StripeGateway.name);
  private readonly client: Stripe | null;

  constructor(private readonly config: AppConfig) {
    const key = config.env.STRIPE_SECRET_KEY;
    this.client = key
      ? new Stripe(key, {
          ...stripeConnectionOptions(config.env.STRIPE_API_URL),
          timeout: config.env.STRIPE_TIMEOUT_MS,
          // One retry: the SDK adds idempotency keys to POSTs, so a retried create never doubles.
          maxNetworkRetries: 1,
          telemetry: false,
          appInfo: { name: 'ResolutionFlow' },
        })
      : null;
  }

  get configured(): boolean {
    return this.client !== null;
  }

  /** 503 `stripe_not_configured` unless a secret key is set. */
  assertConfigured(): void {
    this.stripe();
  }

  /** The customer that stands for an account in Stripe; its metadata names the account. */
  async createCustomer(input: NewCustomer): Promise<string> {
    const customer = await this.call('customers.create', (stripe) =>
      stripe.customers.create(
        { ...(input.email ? { email: input.email } : {}), metadata: { accountId: input.accountId } },
        // Two concurrent first checkouts of one account get the same customer back from Stripe.
        { idempotencyKey: `rf-customer-${input.accountId}` },
      ),
    );
    return customer.id;
  }

  /** A hosted Checkout page that starts a subscription to `priceId`. */
  async createCheckoutSession(input: NewCheckout): Promise<CheckoutSession> {
    const session = await this.call('checkout.sessions.create', (stripe) =>
      stripe.checkout.sessions.create({
        mode: 'subscription',
        customer: input.customerId,
        client_reference_id: input.accountId,
        line_items: [{ price: input.priceId, quantity: 1 }],
        success_url: input.successUrl,
        cancel_url: input.cancelUrl,
        metadata: { accountId: input.accountId, plan: input.plan },
        subscription_data: { metadata: { accountId: input.accountId, plan: input.plan } },
      }),
    );
    return { id: session.id, url: this.urlOf(session.url, 'checkout.sessions.create') };
  }

  /** An earlier Checkout session's state; null when Stripe no longer knows it (another account or mode). */
  async checkoutSessionState(sessionId: string): Promise<CheckoutSessionState | null> {
    const session = await this.call('checkout.sessions.retrieve', (stripe) =>
      stripe.checkout.sessions.retrieve(sessionId).catch((error: unknown) => {
        if (error instanceof Stripe.errors.StripeInvalidRequestError && error.code === 'resource_missing') return null;
        throw error;
      }),
    );
    if (!session) return null;
    const subscription = session.subscription;
    // Anything but open or complete can no longer start a subscription.
    const status = session.status === 'open' ? 'open' : session.status === 'complete' ? 'complete' : 'expired';
    return {
      status,
      subscriptionId: typeof subscription === 'string' ? subscription : (subscription?.id ?? null),
    };
  }

  /** Closes an open Checkout session so it can no longer start a subscription; false when it was no longer open. */
  async expireCheckoutSession(sessionId: string): Promise<boolean> {
    return this.call('checkout.sessions.expire', (stripe) =>
      stripe.checkout.sessions.expire(sessionId).then(
        () => true,
        (error: unknown) => {
          if (error instanceof Stripe.errors.StripeInvalidRequestError && error.statusCode === 400) return false;
          throw error;
        },
      ),
    );
  }

  /** A Customer Portal session (card updates, cancellation); answers its URL. */
  async createPortalSession(customerId: string, returnUrl: string): Promise<string> {
    const session = await this.call('billingPortal.sessions.create', (stripe) =>
      stripe.billingPortal.sessions.create({ customer: customerId, return_url: returnUrl }),
    );
    return this.urlOf(session.url, 'billingPortal.sessions.create');
  }

  /**
   * The event Stripe signed, checked against `STRIPE_WEBHOOK_SECRET` over the exact request bytes.
   * 503 without a secret, 400 `invalid_signature` for a missing or wrong signature or a stale timestamp.
   */
  verifyWebhook(rawBody: Buffer | undefined, signature: string | undefined): Stripe.Event {
    const secret = this.config.env.STRIPE_WEBHOOK_SECRET;
    if (!secret) throw new AppError(503, 'stripe_not_configured', 'Stripe webhooks are not configured on this server');
    if (!rawBody || !signature) throw new AppError(400, 'invalid_signature', 'The Stripe-Signature header and a JSON body are required');
    try {
      return Stripe.webhooks.constructEvent(rawBody, signature, secret);
    } catch (error) {
      if (error instanceof Stripe.errors.StripeSignatureVerificationError) {
        throw new AppError(400, 'invalid_signature', 'The Stripe-Signature header does not match the body');
      }
      throw new AppError(400, 'invalid_payload', 'The webhook body is not a Stripe event');
    }
  }

  private stripe(): Stripe {
    if (!this.client) throw new AppError(503, 'stripe_not_configured', 'Billing is not configured on this server');
    return this.client;
  }

  private async call<T>(operation: string, work: (stripe: Stripe) => Promise<T>): Promise<T> {
    const stripe = this.stripe();
    try {
      return await work(stripe);
    } catch (error) {
      const e = error as { type?: string; statusCode?: number; code?: string; message?: string };
      this.logger.warn({ operation, type: e.type, statusCode: e.statusCode, code: e.code, err: e.message }, 'Stripe call failed');
      throw unavailable();
    }
  }

  private urlOf(url: string | null | undefined, operation: string): string {
    if (url) return url;
    this.logger.warn({ operation }, 'Stripe answered a session without a URL');
    throw unavailable();
  }
}
