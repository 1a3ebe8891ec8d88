import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The plan's monthly session cap counts an account's sessions started since the first of the
 * month on every creation; this index answers that count without reading the account's history.
 */
export class MonthlySessionsIndex1764290000000 implements MigrationInterface {
  name = 'MonthlySessionsIndex1764290000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX ai_sessions_account_created_idx ON ai_sessions (account_id, created_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX ai_sessions_account_created_idx`);
  }
}
