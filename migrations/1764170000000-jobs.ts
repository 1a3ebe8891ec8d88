import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The durable job queue and the delivery record of every outbound side effect (email, chat
 * messages, PSA notes, AI calls, analytics), so a failure is retried, visible and never lost.
 */
export class Jobs1764170000000 implements MigrationInterface {
  name = 'Jobs1764170000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE jobs (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        queue text NOT NULL,
        payload jsonb NOT NULL,
        account_id uuid REFERENCES accounts(id) ON DELETE CASCADE,
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'running', 'completed', 'dead')),
        attempts integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
        max_attempts integer NOT NULL CHECK (max_attempts >= 1),
        run_at timestamptz NOT NULL DEFAULT now(),
        locked_until timestamptz,
        last_error text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        completed_at timestamptz
      )`);
    await q.query(`CREATE INDEX jobs_due_idx ON jobs (run_at, id) WHERE status = 'pending'`);
    await q.query(`CREATE INDEX jobs_stale_idx ON jobs (locked_until) WHERE status = 'running'`);
    // Workers run across tenants on the owner connection (the table owner, not subject to RLS).
    // The runtime role only adds jobs for its own account, inside the request's transaction, so a
    // job exists exactly when the change that caused it commits.
    await q.query(`REVOKE UPDATE, DELETE ON jobs FROM rf_app`);
    await q.query(`ALTER TABLE jobs ENABLE ROW LEVEL SECURITY`);
    await q.query(`
      CREATE POLICY jobs_tenant ON jobs
        USING (account_id = app_current_account_id())
        WITH CHECK (account_id = app_current_account_id())`);

    await q.query(`
      CREATE TABLE deliveries (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        account_id uuid REFERENCES accounts(id) ON DELETE CASCADE,
        job_id bigint REFERENCES jobs(id) ON DELETE SET NULL,
        channel text NOT NULL CHECK (channel IN ('email', 'slack', 'teams', 'psa', 'ai', 'analytics', 'stripe')),
        purpose text NOT NULL,
        target text NOT NULL,
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'dead')),
        attempts integer NOT NULL DEFAULT 0,
        last_error text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        delivered_at timestamptz
      )`);
    await q.query(`CREATE INDEX deliveries_account_created_idx ON deliveries (account_id, created_at DESC)`);
    await q.query(`CREATE INDEX deliveries_job_idx ON deliveries (job_id)`);
    await q.query(`ALTER TABLE deliveries ENABLE ROW LEVEL SECURITY`);
    await q.query(`ALTER TABLE deliveries FORCE ROW LEVEL SECURITY`);
    // Platform deliveries (account_id NULL, e.g. sales-lead mail) are invisible to every tenant.
    await q.query(`
      CREATE POLICY deliveries_tenant ON deliveries
        USING (account_id = app_current_account_id())
        WITH CHECK (account_id = app_current_account_id())`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE deliveries`);
    await q.query(`DROP TABLE jobs`);
  }
}
