import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Escalation analytics. "The claimer's first step after the escalation" is one probe per claimed
 * handoff on this index, however long the escalator and the assistant kept talking in between.
 * Engineer steps only: assistant and system steps have no author and never answer that question.
 * `account_id` rides along so the row-level-security check is answered from the index, not the heap.
 */
export class AnalyticsIndexes1764250000000 implements MigrationInterface {
  name = 'AnalyticsIndexes1764250000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE INDEX session_steps_engineer_author_idx ON session_steps (session_id, author_id, created_at)
        INCLUDE (account_id) WHERE role = 'engineer'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX session_steps_engineer_author_idx`);
  }
}
