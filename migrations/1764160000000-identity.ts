import type { MigrationInterface, QueryRunner } from 'typeorm';

const TENANT_TABLES = ['users', 'refresh_tokens', 'one_time_tokens', 'account_invites', 'api_keys', 'subscriptions'];

/**
 * Identity: users (one account each), refresh-token families, one-time tokens (email verification,
 * password reset, OAuth code exchange), account invites, API keys, the subscription summary,
 * platform invite codes and the shared rate-limit counters.
 */
export class Identity1764160000000 implements MigrationInterface {
  name = 'Identity1764160000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE users (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        account_id uuid NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        email text NOT NULL CHECK (email = lower(btrim(email)) AND position('@' in email) > 1),
        name text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 120),
        password_hash text,
        role text NOT NULL CHECK (role IN ('owner', 'admin', 'engineer', 'viewer')),
        super_admin boolean NOT NULL DEFAULT false,
        email_verified_at timestamptz,
        onboarding_step_completed smallint CHECK (onboarding_step_completed BETWEEN 0 AND 3),
        onboarding_dismissed boolean NOT NULL DEFAULT false,
        google_subject text,
        microsoft_subject text,
        removed_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    // One person, one login: emails are unique across the platform.
    await q.query(`CREATE UNIQUE INDEX users_email_key ON users (email)`);
    await q.query(`CREATE UNIQUE INDEX users_google_subject_key ON users (google_subject) WHERE google_subject IS NOT NULL`);
    await q.query(`CREATE UNIQUE INDEX users_microsoft_subject_key ON users (microsoft_subject) WHERE microsoft_subject IS NOT NULL`);
    await q.query(`CREATE INDEX users_account_idx ON users (account_id) WHERE removed_at IS NULL`);

    await q.query(`
      CREATE TABLE refresh_tokens (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        account_id uuid NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        family_id uuid NOT NULL,
        token_hash text NOT NULL UNIQUE,
        expires_at timestamptz NOT NULL,
        rotated_at timestamptz,
        revoked_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX refresh_tokens_family_idx ON refresh_tokens (family_id)`);
    await q.query(`CREATE INDEX refresh_tokens_user_idx ON refresh_tokens (user_id) WHERE revoked_at IS NULL`);

    await q.query(`
      CREATE TABLE one_time_tokens (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        account_id uuid NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        purpose text NOT NULL CHECK (purpose IN ('verify_email', 'reset_password', 'oauth_exchange')),
        token_hash text NOT NULL UNIQUE,
        expires_at timestamptz NOT NULL,
        used_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX one_time_tokens_user_idx ON one_time_tokens (user_id, purpose) WHERE used_at IS NULL`);

    await q.query(`
      CREATE TABLE account_invites (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        account_id uuid NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        email text NOT NULL CHECK (email = lower(btrim(email))),
        role text NOT NULL CHECK (role IN ('admin', 'engineer', 'viewer')),
        code_hash text NOT NULL UNIQUE,
        invited_by uuid REFERENCES users(id) ON DELETE SET NULL,
        expires_at timestamptz NOT NULL,
        revoked_at timestamptz,
        used_at timestamptz,
        used_by uuid REFERENCES users(id) ON DELETE SET NULL,
        last_sent_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    // At most one open invite per address in an account.
    await q.query(`
      CREATE UNIQUE INDEX account_invites_open_email_key ON account_invites (account_id, email)
        WHERE revoked_at IS NULL AND used_at IS NULL`);

    await q.query(`
      CREATE TABLE api_keys (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        account_id uuid NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        name text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 100),
        role text NOT NULL CHECK (role IN ('admin', 'engineer', 'viewer')),
        prefix text NOT NULL,
        key_hash text NOT NULL UNIQUE,
        created_by uuid REFERENCES users(id) ON DELETE SET NULL,
        last_used_at timestamptz,
        revoked_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX api_keys_account_idx ON api_keys (account_id, created_at DESC)`);

    await q.query(`
      CREATE TABLE subscriptions (
        account_id uuid PRIMARY KEY REFERENCES accounts(id) ON DELETE CASCADE,
        plan text NOT NULL,
        status text NOT NULL CHECK (status IN ('trialing', 'active', 'past_due', 'canceled', 'unpaid', 'none')),
        trial_ends_at timestamptz,
        current_period_end timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);

    for (const table of TENANT_TABLES) {
      await q.query(`ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY`);
      await q.query(`ALTER TABLE ${table} FORCE ROW LEVEL SECURITY`);
      await q.query(`
        CREATE POLICY ${table}_tenant ON ${table}
          USING (account_id = app_current_account_id())
          WITH CHECK (account_id = app_current_account_id())`);
    }

    // Platform-level tables: not tenant data, reached only through the privileged connection.
    await q.query(`
      CREATE TABLE platform_invite_codes (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        code text NOT NULL UNIQUE CHECK (length(code) BETWEEN 6 AND 64),
        note text,
        max_uses integer NOT NULL DEFAULT 1 CHECK (max_uses >= 1),
        use_count integer NOT NULL DEFAULT 0 CHECK (use_count >= 0 AND use_count <= max_uses),
        expires_at timestamptz,
        revoked_at timestamptz,
        created_by uuid REFERENCES users(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE rate_limit_hits (
        key text PRIMARY KEY,
        hits integer NOT NULL,
        window_ends_at timestamptz NOT NULL,
        blocked_until timestamptz
      )`);
    await q.query(`REVOKE ALL ON platform_invite_codes, rate_limit_hits FROM rf_app`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE rate_limit_hits`);
    await q.query(`DROP TABLE platform_invite_codes`);
    for (const table of [...TENANT_TABLES].reverse()) await q.query(`DROP TABLE ${table}`);
  }
}
