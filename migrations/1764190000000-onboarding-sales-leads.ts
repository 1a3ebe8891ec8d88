import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Welcome-wizard answers and sales leads: the person's job role on `users`, the account-wide
 * answers (team size, the tools the team means to connect) in `account_onboarding`, and the
 * platform-level `sales_leads` submitted from the public site.
 */
export class OnboardingSalesLeads1764190000000 implements MigrationInterface {
  name = 'OnboardingSalesLeads1764190000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE users ADD COLUMN job_role text CHECK (job_role IN ('owner', 'lead_tech', 'tech', 'other'))`);

    await q.query(`
      CREATE TABLE account_onboarding (
        account_id uuid PRIMARY KEY REFERENCES accounts(id) ON DELETE CASCADE,
        team_size text CHECK (team_size IN ('1-2', '3-5', '6-10', '11-25', '26+')),
        psa text CHECK (psa IN ('connectwise', 'none', 'other')),
        chat text[] NOT NULL DEFAULT '{}' CHECK (chat <@ ARRAY['slack', 'teams']::text[]),
        updated_by uuid REFERENCES users(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`ALTER TABLE account_onboarding ENABLE ROW LEVEL SECURITY`);
    await q.query(`ALTER TABLE account_onboarding FORCE ROW LEVEL SECURITY`);
    await q.query(`
      CREATE POLICY account_onboarding_tenant ON account_onboarding
        USING (account_id = app_current_account_id())
        WITH CHECK (account_id = app_current_account_id())`);

    // Submitted by anonymous visitors: platform data, written and read only on the privileged connection.
    await q.query(`
      CREATE TABLE sales_leads (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 120),
        email text NOT NULL CHECK (email = lower(btrim(email)) AND position('@' in email) > 1),
        company text NOT NULL CHECK (length(btrim(company)) BETWEEN 1 AND 200),
        team_size text CHECK (team_size IN ('1-2', '3-5', '6-10', '11-25', '26+')),
        message text CHECK (length(message) <= 4000),
        source text NOT NULL CHECK (source IN ('pricing_page', 'welcome_wizard', 'contact_page', 'billing_page')),
        -- As the proxy reported it: kept as text so an odd forwarded value never loses the lead.
        ip text,
        user_agent text,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX sales_leads_created_idx ON sales_leads (created_at DESC)`);
    await q.query(`REVOKE ALL ON sales_leads FROM rf_app`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE sales_leads`);
    await q.query(`DROP TABLE account_onboarding`);
    await q.query(`ALTER TABLE users DROP COLUMN job_role`);
  }
}
