import Stripe from 'stripe';
import { loadConfig } from '../../core/config/app-config.js';
import { AppError } from '../../core/errors/app-error.js';
import { StripeGateway } from './stripe-gateway.js';

const SECRET = 'whsec_unit_test_secret';

function gateway(env: Record<string, string> = {}): StripeGateway {
  return new StripeGateway(loadConfig({ NODE_ENV: 'test', STRIPE_WEBHOOK_SECRET: SECRET, ...env }));
}

function errorOf(work: () => unknown): AppError {
  try {
    work();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected an AppError');
}

describe('StripeGateway', () => {
  const payload = JSON.stringify({ id: 'evt_1', object: 'event', type: 'invoice.paid', created: 1_780_000_000, data: { object: {} } });

  it('accepts an event signed with the endpoint secret over the exact bytes', () => {
    const header = Stripe.webhooks.generateTestHeaderString({ payload, secret: SECRET });
    expect(gateway().verifyWebhook(Buffer.from(payload), header)).toMatchObject({ id: 'evt_1', type: 'invoice.paid' });
  });

  it('refuses a wrong secret, altered bytes and a missing header with 400 invalid_signature', () => {
    const wrong = Stripe.webhooks.generateTestHeaderString({ payload, secret: 'whsec_other' });
    expect(errorOf(() => gateway().verifyWebhook(Buffer.from(payload), wrong))).toMatchObject({ status: 400, code: 'invalid_signature' });
    const header = Stripe.webhooks.generateTestHeaderString({ payload, secret: SECRET });
    expect(errorOf(() => gateway().verifyWebhook(Buffer.from(payload.replace('evt_1', 'evt_2')), header)).code).toBe('invalid_signature');
    expect(errorOf(() => gateway().verifyWebhook(Buffer.from(payload), undefined)).code).toBe('invalid_signature');
  });

  it('answers 503 stripe_not_configured without a webhook secret or a secret key', () => {
    const unconfigured = new StripeGateway(loadConfig({ NODE_ENV: 'test' }));
    expect(errorOf(() => unconfigured.verifyWebhook(Buffer.from(payload), 'sig'))).toMatchObject({ status: 503, code: 'stripe_not_configured' });
    expect(unconfigured.configured).toBe(false);
    expect(errorOf(() => unconfigured.assertConfigured())).toMatchObject({ status: 503, code: 'stripe_not_configured' });
    expect(gateway({ STRIPE_SECRET_KEY: 'sk_test_unit' }).configured).toBe(true);
  });
});
