import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Stripe webhook ordering and duplicate subscriptions. Only `customer.subscription.*` events carry
 * the whole subscription, so only they order one another: the column that held the newest event of
 * any type now holds the newest applied subscription event, recomputed from the ledger (an invoice
 * or checkout stamp there made earlier subscription events stale forever). The ledger names the
 * subscription an event is about and records events of a second live subscription as
 * `duplicate_subscription`; the account's latest Checkout session is kept so a new one expires it.
 */
export class StripeWebhookOrdering1764270000000 implements MigrationInterface {
  name = 'StripeWebhookOrdering1764270000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE subscriptions RENAME COLUMN stripe_event_at TO stripe_subscription_event_at`);
    await q.query(`
      UPDATE subscriptions s
         SET stripe_subscription_event_at = (
           SELECT max(e.stripe_created_at) FROM stripe_events e
            WHERE e.account_id = s.account_id AND e.outcome = 'applied' AND e.type LIKE 'customer.subscription.%')
       WHERE s.stripe_subscription_event_at IS NOT NULL`);
    await q.query(`
      COMMENT ON COLUMN subscriptions.stripe_subscription_event_at
        IS 'Creation time of the newest customer.subscription.* event applied; older ones arriving late are ignored'`);
    await q.query(`ALTER TABLE subscriptions ADD COLUMN stripe_checkout_session_id text`);

    await q.query(`ALTER TABLE stripe_events ADD COLUMN stripe_subscription_id text`);
    await q.query(`ALTER TABLE stripe_events DROP CONSTRAINT stripe_events_outcome_check`);
    await q.query(`
      ALTER TABLE stripe_events ADD CONSTRAINT stripe_events_outcome_check
        CHECK (outcome IN ('applied', 'stale', 'unhandled', 'unmatched', 'duplicate_subscription'))`);
  }

  async down(q: QueryRunner): Promise<void> {
    // Ledger rows stay (they keep replays out); their outcome falls back to the nearest old one.
    await q.query(`UPDATE stripe_events SET outcome = 'stale' WHERE outcome = 'duplicate_subscription'`);
    await q.query(`ALTER TABLE stripe_events DROP CONSTRAINT stripe_events_outcome_check`);
    await q.query(`
      ALTER TABLE stripe_events ADD CONSTRAINT stripe_events_outcome_check
        CHECK (outcome IN ('applied', 'stale', 'unhandled', 'unmatched'))`);
    await q.query(`ALTER TABLE stripe_events DROP COLUMN stripe_subscription_id`);
    await q.query(`ALTER TABLE subscriptions DROP COLUMN stripe_checkout_session_id`);
    await q.query(`ALTER TABLE subscriptions RENAME COLUMN stripe_subscription_event_at TO stripe_event_at`);
    await q.query(`COMMENT ON COLUMN subscriptions.stripe_event_at IS 'Creation time of the newest Stripe event applied; older ones arriving late are ignored'`);
  }
}
