import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * PSA: each account's ConnectWise Manage connection. The private key is stored only as an
 * AES-256-GCM envelope (`v1:…`) sealed with ENCRYPTION_KEY; tickets and notes live in ConnectWise.
 */
export class Psa1764210000000 implements MigrationInterface {
  name = 'Psa1764210000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE psa_connections (
        account_id uuid PRIMARY KEY REFERENCES accounts(id) ON DELETE CASCADE,
        provider text NOT NULL DEFAULT 'connectwise' CHECK (provider IN ('connectwise')),
        site_url text NOT NULL CHECK (site_url ~ '^https?://' AND length(site_url) <= 300),
        company_id text NOT NULL CHECK (length(company_id) BETWEEN 1 AND 100),
        public_key text NOT NULL CHECK (length(public_key) BETWEEN 1 AND 100),
        private_key_encrypted text NOT NULL CHECK (private_key_encrypted LIKE 'v1:%'),
        client_id text NOT NULL CHECK (length(client_id) BETWEEN 1 AND 100),
        default_board_id integer CHECK (default_board_id > 0),
        default_status_id integer CHECK (default_status_id > 0),
        default_company_identifier text CHECK (length(default_company_identifier) BETWEEN 1 AND 100),
        last_tested_at timestamptz,
        last_test_ok boolean,
        last_test_message text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((last_tested_at IS NULL) = (last_test_ok IS NULL))
      )`);
    await q.query(`ALTER TABLE psa_connections ENABLE ROW LEVEL SECURITY`);
    await q.query(`ALTER TABLE psa_connections FORCE ROW LEVEL SECURITY`);
    await q.query(`
      CREATE POLICY psa_connections_tenant ON psa_connections
        USING (account_id = app_current_account_id())
        WITH CHECK (account_id = app_current_account_id())`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE psa_connections`);
  }
}
