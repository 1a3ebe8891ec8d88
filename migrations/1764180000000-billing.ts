import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Billing: what each plan allows (`plan_limits`), how it is sold (`plan_billing`), the Stripe link
 * of each account's subscription, and the ledger of applied Stripe webhook events.
 */
export class Billing1764180000000 implements MigrationInterface {
  name = 'Billing1764180000000';

  async up(q: QueryRunner): Promise<void> {
    // Platform tables: plans are the same for every tenant and change only through super-admins.
    await q.query(`
      CREATE TABLE plan_limits (
        plan text PRIMARY KEY CHECK (plan ~ '^[a-z][a-z0-9_-]{1,39}$'),
        seats integer CHECK (seats >= 1),
        monthly_sessions integer CHECK (monthly_sessions >= 0),
        standalone_script_sessions integer CHECK (standalone_script_sessions >= 0),
        pro_features boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`COMMENT ON TABLE plan_limits IS 'What a plan allows; NULL limits mean unlimited'`);
    await q.query(`
      CREATE TABLE plan_billing (
        plan text PRIMARY KEY REFERENCES plan_limits(plan) ON DELETE CASCADE,
        stripe_product_id text,
        stripe_price_id text,
        display_name text NOT NULL CHECK (length(btrim(display_name)) BETWEEN 1 AND 80),
        price_cents integer NOT NULL DEFAULT 0 CHECK (price_cents >= 0),
        currency text NOT NULL DEFAULT 'usd' CHECK (currency ~ '^[a-z]{3}$'),
        interval text NOT NULL DEFAULT 'month' CHECK (interval IN ('month', 'year')),
        public boolean NOT NULL DEFAULT false,
        archived boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    // A webhook maps a Stripe price back to exactly one plan.
    await q.query(`CREATE UNIQUE INDEX plan_billing_stripe_price_key ON plan_billing (stripe_price_id) WHERE stripe_price_id IS NOT NULL`);

    await q.query(`
      INSERT INTO plan_limits (plan, seats, monthly_sessions, standalone_script_sessions, pro_features) VALUES
        ('free', 1, 0, 0, false),
        ('pro', 10, NULL, 5, true),
        ('team', 50, NULL, 5, true)`);
    // Stripe ids are set by a super-admin once the products exist in the Stripe account; until then a plan is not purchasable.
    await q.query(`
      INSERT INTO plan_billing (plan, display_name, price_cents, currency, interval, public) VALUES
        ('free', 'Free', 0, 'usd', 'month', true),
        ('pro', 'Pro', 4900, 'usd', 'month', true),
        ('team', 'Team', 14900, 'usd', 'month', false)`);

    await q.query(`
      CREATE TABLE stripe_events (
        id text PRIMARY KEY,
        type text NOT NULL,
        account_id uuid REFERENCES accounts(id) ON DELETE SET NULL,
        outcome text NOT NULL CHECK (outcome IN ('applied', 'stale', 'unhandled', 'unmatched')),
        stripe_created_at timestamptz NOT NULL,
        received_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX stripe_events_account_idx ON stripe_events (account_id, received_at DESC)`);
    await q.query(`REVOKE ALL ON plan_limits, plan_billing, stripe_events FROM rf_app`);

    await q.query(`
      ALTER TABLE subscriptions
        ADD COLUMN stripe_customer_id text,
        ADD COLUMN stripe_subscription_id text,
        ADD COLUMN cancel_at_period_end boolean NOT NULL DEFAULT false,
        ADD COLUMN status_changed_at timestamptz NOT NULL DEFAULT now(),
        ADD COLUMN stripe_event_at timestamptz`);
    await q.query(`COMMENT ON COLUMN subscriptions.stripe_event_at IS 'Creation time of the newest Stripe event applied; older ones arriving late are ignored'`);
    await q.query(`CREATE UNIQUE INDEX subscriptions_stripe_customer_key ON subscriptions (stripe_customer_id) WHERE stripe_customer_id IS NOT NULL`);
    await q.query(`CREATE UNIQUE INDEX subscriptions_stripe_subscription_key ON subscriptions (stripe_subscription_id) WHERE stripe_subscription_id IS NOT NULL`);
    await q.query(`ALTER TABLE subscriptions ADD CONSTRAINT subscriptions_plan_fkey FOREIGN KEY (plan) REFERENCES plan_limits(plan)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE subscriptions DROP CONSTRAINT subscriptions_plan_fkey`);
    await q.query(`DROP INDEX subscriptions_stripe_subscription_key`);
    await q.query(`DROP INDEX subscriptions_stripe_customer_key`);
    await q.query(`
      ALTER TABLE subscriptions
        DROP COLUMN stripe_event_at,
        DROP COLUMN status_changed_at,
        DROP COLUMN cancel_at_period_end,
        DROP COLUMN stripe_subscription_id,
        DROP COLUMN stripe_customer_id`);
    await q.query(`DROP TABLE stripe_events`);
    await q.query(`DROP TABLE plan_billing`);
    await q.query(`DROP TABLE plan_limits`);
  }
}
