import type { MigrationInterface, QueryRunner } from 'typeorm';

/** In-app notifications, each person's email preference, and the account's chat integrations. */
export class Notifications1764230000000 implements MigrationInterface {
  name = 'Notifications1764230000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE notifications (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        account_id uuid NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        type text NOT NULL CHECK (type ~ '^[a-z][a-z0-9_]*$'),
        title text NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
        link text,
        data jsonb NOT NULL DEFAULT '{}'::jsonb,
        read_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    // Unread first, newest first: the bell's list and count are one index range each.
    await q.query(`CREATE INDEX notifications_user_list_idx ON notifications (user_id, (read_at IS NULL) DESC, created_at DESC, id DESC)`);
    await q.query(`CREATE INDEX notifications_user_unread_idx ON notifications (user_id) WHERE read_at IS NULL`);
    await q.query(`ALTER TABLE notifications ENABLE ROW LEVEL SECURITY`);
    await q.query(`ALTER TABLE notifications FORCE ROW LEVEL SECURITY`);
    await q.query(`
      CREATE POLICY notifications_tenant ON notifications
        USING (account_id = app_current_account_id())
        WITH CHECK (account_id = app_current_account_id())`);

    await q.query(`ALTER TABLE users ADD COLUMN email_notifications boolean NOT NULL DEFAULT true`);

    await q.query(`
      CREATE TABLE account_integrations (
        account_id uuid PRIMARY KEY REFERENCES accounts(id) ON DELETE CASCADE,
        slack_webhook_url_encrypted text,
        teams_webhook_url_encrypted text,
        email_enabled boolean NOT NULL DEFAULT true,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`ALTER TABLE account_integrations ENABLE ROW LEVEL SECURITY`);
    await q.query(`ALTER TABLE account_integrations FORCE ROW LEVEL SECURITY`);
    await q.query(`
      CREATE POLICY account_integrations_tenant ON account_integrations
        USING (account_id = app_current_account_id())
        WITH CHECK (account_id = app_current_account_id())`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE account_integrations`);
    await q.query(`ALTER TABLE users DROP COLUMN email_notifications`);
    await q.query(`DROP TABLE notifications`);
  }
}
