import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Tenancy groundwork: the runtime role's privileges, the account-id function every RLS policy
 * uses, the accounts table and the audit trail.
 */
export class Foundation1764150000000 implements MigrationInterface {
  name = 'Foundation1764150000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`GRANT USAGE ON SCHEMA public TO rf_app`);
    await q.query(`ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO rf_app`);
    await q.query(`ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO rf_app`);

    // A missing or blank setting yields NULL, which matches no row.
    await q.query(`
      CREATE FUNCTION app_current_account_id() RETURNS uuid
        LANGUAGE sql STABLE PARALLEL SAFE
        AS $$ SELECT nullif(current_setting('app.account_id', true), '')::uuid $$`);

    await q.query(`
      CREATE TABLE accounts (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 200),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`ALTER TABLE accounts ENABLE ROW LEVEL SECURITY`);
    await q.query(`ALTER TABLE accounts FORCE ROW LEVEL SECURITY`);
    await q.query(`
      CREATE POLICY accounts_tenant ON accounts
        USING (id = app_current_account_id())
        WITH CHECK (id = app_current_account_id())`);

    await q.query(`
      CREATE TABLE audit_events (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        account_id uuid NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        actor_user_id uuid,
        action text NOT NULL CHECK (action ~ '^[a-z][a-z0-9_.]*$'),
        target_type text,
        target_id uuid,
        data jsonb NOT NULL DEFAULT '{}'::jsonb,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX audit_events_account_created_idx ON audit_events (account_id, created_at DESC)`);
    await q.query(`ALTER TABLE audit_events ENABLE ROW LEVEL SECURITY`);
    await q.query(`ALTER TABLE audit_events FORCE ROW LEVEL SECURITY`);
    await q.query(`
      CREATE POLICY audit_events_tenant ON audit_events
        USING (account_id = app_current_account_id())
        WITH CHECK (account_id = app_current_account_id())`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE audit_events`);
    await q.query(`DROP TABLE accounts`);
    await q.query(`DROP FUNCTION app_current_account_id()`);
    await q.query(`ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE USAGE, SELECT ON SEQUENCES FROM rf_app`);
    await q.query(`ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE SELECT, INSERT, UPDATE, DELETE ON TABLES FROM rf_app`);
    await q.query(`REVOKE USAGE ON SCHEMA public FROM rf_app`);
  }
}
