import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An escalation nobody claimed is closed when its session stops waiting (resolved first): it
 * leaves the queue, is re-alerted no more, and can no longer be claimed. A claimed escalation is
 * never closed: its claim is history. Escalations already left behind by resolved sessions are
 * closed here, at the time their session was resolved.
 */
export class HandoffClosing1764260000000 implements MigrationInterface {
  name = 'HandoffClosing1764260000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE handoffs
        ADD COLUMN closed_at timestamptz,
        ADD COLUMN closed_reason text CHECK (closed_reason IN ('session_resolved')),
        ADD CONSTRAINT handoffs_closed_pair_check CHECK ((closed_at IS NULL) = (closed_reason IS NULL)),
        ADD CONSTRAINT handoffs_closed_unclaimed_check CHECK (closed_at IS NULL OR (intent = 'escalate' AND claimed_by IS NULL))`);
    await q.query(`
      UPDATE handoffs h
         SET closed_at = coalesce(s.resolved_at, s.updated_at), closed_reason = 'session_resolved'
        FROM ai_sessions s
       WHERE s.id = h.session_id AND s.status = 'resolved' AND h.intent = 'escalate' AND h.claimed_by IS NULL`);
    // A closed escalation no longer holds the session's one open slot.
    await q.query(`DROP INDEX handoffs_one_open_per_session`);
    await q.query(`
      CREATE UNIQUE INDEX handoffs_one_open_per_session ON handoffs (session_id)
        WHERE intent = 'escalate' AND claimed_by IS NULL AND closed_at IS NULL`);
    // A claim refused because the escalation was closed is on record with the others.
    await q.query(`ALTER TABLE handoff_claim_attempts DROP CONSTRAINT handoff_claim_attempts_outcome_check`);
    await q.query(`
      ALTER TABLE handoff_claim_attempts ADD CONSTRAINT handoff_claim_attempts_outcome_check
        CHECK (outcome IN ('won', 'lost', 'repeat', 'closed'))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM handoff_claim_attempts WHERE outcome = 'closed'`);
    await q.query(`ALTER TABLE handoff_claim_attempts DROP CONSTRAINT handoff_claim_attempts_outcome_check`);
    await q.query(`
      ALTER TABLE handoff_claim_attempts ADD CONSTRAINT handoff_claim_attempts_outcome_check
        CHECK (outcome IN ('won', 'lost', 'repeat'))`);
    await q.query(`DROP INDEX handoffs_one_open_per_session`);
    await q.query(`CREATE UNIQUE INDEX handoffs_one_open_per_session ON handoffs (session_id) WHERE intent = 'escalate' AND claimed_by IS NULL`);
    await q.query(`ALTER TABLE handoffs DROP COLUMN closed_reason, DROP COLUMN closed_at`);
  }
}
