import { randomBytes } from 'node:crypto';
import Stripe from 'stripe';
import type { HttpClient, HttpResult } from './http-client.js';
import { HttpStandIn, type RecordedRequest } from './http-stand-in.js';

export const STRIPE_TEST_KEY = 'sk_test_stand_in_key';
export const STRIPE_WEBHOOK_SECRET = 'whsec_stand_in_secret';

function stripeId(prefix: string): string {
  return `${prefix}_${randomBytes(8).toString('hex')}`;
}

interface StandInCheckoutSession {
  id: string;
  object: 'checkout.session';
  created: number;
  mode: string;
  customer: string;
  client_reference_id: string;
  status: 'open' | 'complete' | 'expired';
  subscription: string | null;
  url: string;
  metadata: Record<string, string>;
}

/**
 * An HttpStandIn answering the Stripe API calls billing makes with the JSON shapes the real SDK
 * parses; anything else gets Stripe's 404 error shape. Checkout sessions are remembered, so they
 * can be read back, expired, and completed by a test (as a customer paying would).
 */
export class StripeStandIn extends HttpStandIn {
  private readonly sessions = new Map<string, StandInCheckoutSession>();

  constructor() {
    super();
    this.respondWith((request) => this.answer(request));
  }

  /** The app environment that points the real SDK at this stand-in. */
  env(): Record<string, string> {
    return { STRIPE_SECRET_KEY: STRIPE_TEST_KEY, STRIPE_WEBHOOK_SECRET, STRIPE_API_URL: this.url, STRIPE_TIMEOUT_MS: '1000' };
  }

  calls(method: string, path: string): RecordedRequest[] {
    return this.requests.filter((r) => r.method === method && r.path === path);
  }

  /** A Checkout session as Stripe holds it now (its id is the last segment of the URL billing answered). */
  session(id: string): StandInCheckoutSession | undefined {
    return this.sessions.get(id);
  }

  /** The customer pays on the Checkout page: the session completes with `subscription`. */
  completeSession(id: string, subscription: string): void {
    const session = this.sessions.get(id);
    if (!session) throw new Error(`no Checkout session ${id}`);
    Object.assign(session, { status: 'complete', subscription });
  }

  private answer(request: RecordedRequest) {
    const form = (request.body ?? {}) as Record<string, string>;
    const created = Math.floor(Date.now() / 1000);
    if (request.method === 'POST' && request.path === '/v1/customers') {
      return { body: { id: stripeId('cus'), object: 'customer', created, email: form.email ?? null, metadata: metadataOf(form), livemode: false } };
    }
    if (request.method === 'POST' && request.path === '/v1/checkout/sessions') {
      const id = stripeId('cs_test');
      const session: StandInCheckoutSession = {
        id,
        object: 'checkout.session',
        created,
        mode: form.mode!,
        customer: form.customer!,
        client_reference_id: form.client_reference_id!,
        status: 'open',
        subscription: null,
        url: `https://checkout.stripe.test/c/pay/${id}`,
        metadata: metadataOf(form),
      };
      this.sessions.set(id, session);
      return { body: session };
    }
    const sessionPath = /^\/v1\/checkout\/sessions\/([^/]+)(\/expire)?$/.exec(request.path);
    if (sessionPath) {
      const session = this.sessions.get(sessionPath[1]!);
      if (!session) return { status: 404, body: { error: { type: 'invalid_request_error', code: 'resource_missing', message: `No such checkout.session: '${sessionPath[1]}'` } } };
      if (request.method === 'GET' && !sessionPath[2]) return { body: session };
      if (request.method === 'POST' && sessionPath[2]) {
        if (session.status !== 'open') {
          return { status: 400, body: { error: { type: 'invalid_request_error', message: `Only Checkout Sessions with a status in ["open"] can be expired.` } } };
        }
        session.status = 'expired';
        return { body: session };
      }
    }
    if (request.method === 'POST' && request.path === '/v1/billing_portal/sessions') {
      const id = stripeId('bps');
      return { body: { id, object: 'billing_portal.session', created, customer: form.customer, return_url: form.return_url, url: `https://billing.stripe.test/p/session/${id}` } };
    }
    return { status: 404, body: { error: { type: 'invalid_request_error', message: `Unrecognized request URL (${request.method}: ${request.path})` } } };
  }
}

function metadataOf(form: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(form)
      .filter(([key]) => key.startsWith('metadata['))
      .map(([key, value]) => [key.slice('metadata['.length, -1), value]),
  );
}

export interface StripeTestEvent {
  id: string;
  object: 'event';
  type: string;
  created: number;
  api_version: string;
  livemode: false;
  data: { object: Record<string, unknown> };
}

let clock = Math.floor(Date.now() / 1000);

/** A Stripe event; `created` (seconds) defaults to one second after the latest one made, so order is explicit. */
export function stripeEvent(type: string, object: Record<string, unknown>, created?: number): StripeTestEvent {
  const at = created ?? clock + 1;
  clock = Math.max(clock, at);
  return { id: stripeId('evt'), object: 'event', type, created: at, api_version: Stripe.API_VERSION, livemode: false, data: { object } };
}

export function checkoutCompleted(
  input: { accountId: string; customer: string; subscription: string; plan?: string; paid?: boolean; session?: string },
  created?: number,
) {
  return stripeEvent(
    'checkout.session.completed',
    {
      id: input.session ?? stripeId('cs_test'),
      object: 'checkout.session',
      mode: 'subscription',
      client_reference_id: input.accountId,
      customer: input.customer,
      subscription: input.subscription,
      payment_status: input.paid === false ? 'unpaid' : 'paid',
      metadata: { accountId: input.accountId, plan: input.plan ?? 'pro' },
    },
    created,
  );
}

export interface SubscriptionFields {
  id: string;
  customer: string;
  status: string;
  price?: string;
  periodEnd?: number;
  cancelAtPeriodEnd?: boolean;
  trialEnd?: number | null;
  metadata?: Record<string, string>;
}

export function subscriptionEvent(type: 'created' | 'updated' | 'deleted', s: SubscriptionFields, created?: number) {
  return stripeEvent(
    `customer.subscription.${type}`,
    {
      id: s.id,
      object: 'subscription',
      customer: s.customer,
      status: s.status,
      cancel_at_period_end: s.cancelAtPeriodEnd ?? false,
      trial_end: s.trialEnd ?? null,
      metadata: s.metadata ?? {},
      items: {
        object: 'list',
        data: [{ id: stripeId('si'), object: 'subscription_item', price: { id: s.price ?? 'price_pro_test', object: 'price' }, current_period_end: s.periodEnd ?? null }],
      },
    },
    created,
  );
}

export function invoiceEvent(type: 'paid' | 'payment_failed', input: { subscription: string; customer: string; amountPaid?: number }, created?: number) {
  return stripeEvent(
    `invoice.${type}`,
    {
      id: stripeId('in'),
      object: 'invoice',
      customer: input.customer,
      amount_paid: input.amountPaid ?? (type === 'paid' ? 4900 : 0),
      parent: { type: 'subscription_details', subscription_details: { subscription: input.subscription } },
    },
    created,
  );
}

/** Delivers an event to the webhook as Stripe does: exact bytes, signed with the endpoint secret. */
export function deliver(http: HttpClient, event: StripeTestEvent | string, secret = STRIPE_WEBHOOK_SECRET): Promise<HttpResult> {
  const payload = typeof event === 'string' ? event : JSON.stringify(event);
  const signature = Stripe.webhooks.generateTestHeaderString({ payload, secret });
  return http.post('/api/v1/billing/webhook', undefined, {
    rawBody: payload,
    headers: { 'content-type': 'application/json; charset=utf-8', 'stripe-signature': signature },
  });
}
