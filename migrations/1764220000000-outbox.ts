import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The transactional outbox behind the live stream: a domain event is a row written in the same
 * transaction as the change it describes; its id is the SSE event id clients resume from.
 */
export class Outbox1764220000000 implements MigrationInterface {
  name = 'Outbox1764220000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE outbox_events (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        account_id uuid NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        type text NOT NULL CHECK (type ~ '^[a-z][a-z0-9_]*$'),
        payload jsonb NOT NULL,
        -- Set for events meant for one person (their notifications); NULL reaches the whole account.
        recipient_user_id uuid REFERENCES users(id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX outbox_events_account_id_idx ON outbox_events (account_id, id)`);
    await q.query(`CREATE INDEX outbox_events_created_idx ON outbox_events (created_at)`);
    await q.query(`ALTER TABLE outbox_events ENABLE ROW LEVEL SECURITY`);
    await q.query(`ALTER TABLE outbox_events FORCE ROW LEVEL SECURITY`);
    await q.query(`
      CREATE POLICY outbox_events_tenant ON outbox_events
        USING (account_id = app_current_account_id())
        WITH CHECK (account_id = app_current_account_id())`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE outbox_events`);
  }
}
