import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Handoffs (escalate or park), the race-safe claim, and an audit of every claim attempt. */
export class Handoffs1764240000000 implements MigrationInterface {
  name = 'Handoffs1764240000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE handoffs (
        id uuid PRIMARY KEY,
        account_id uuid NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        session_id uuid NOT NULL REFERENCES ai_sessions(id) ON DELETE CASCADE,
        intent text NOT NULL CHECK (intent IN ('escalate', 'park')),
        reason text NOT NULL CHECK (length(btrim(reason)) BETWEEN 1 AND 4000),
        target_user_id uuid REFERENCES users(id) ON DELETE SET NULL,
        created_by uuid NOT NULL REFERENCES users(id),
        claimed_by uuid REFERENCES users(id),
        claimed_at timestamptz,
        documentation jsonb,
        assessment_status text NOT NULL CHECK (assessment_status IN ('pending', 'ready', 'unavailable', 'not_applicable')),
        assessment jsonb,
        realert_count smallint NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((claimed_by IS NULL) = (claimed_at IS NULL)),
        CHECK (intent = 'escalate' OR claimed_by IS NULL),
        CHECK (claimed_by IS NULL OR claimed_by <> created_by)
      )`);
    // One open escalation per session: a second escalate while one waits is a conflict, not a duplicate.
    await q.query(`CREATE UNIQUE INDEX handoffs_one_open_per_session ON handoffs (session_id) WHERE intent = 'escalate' AND claimed_by IS NULL`);
    await q.query(`CREATE INDEX handoffs_session_idx ON handoffs (session_id, created_at DESC)`);
    await q.query(`CREATE INDEX handoffs_account_open_idx ON handoffs (account_id, created_at DESC) WHERE intent = 'escalate'`);
    // Analytics reads handoffs by account and claim time.
    await q.query(`CREATE INDEX handoffs_account_claimed_idx ON handoffs (account_id, claimed_at) WHERE claimed_at IS NOT NULL`);

    await q.query(`
      CREATE TABLE handoff_claim_attempts (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        account_id uuid NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        handoff_id uuid NOT NULL REFERENCES handoffs(id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        outcome text NOT NULL CHECK (outcome IN ('won', 'lost', 'repeat')),
        attempted_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX handoff_claim_attempts_handoff_idx ON handoff_claim_attempts (handoff_id, attempted_at)`);

    for (const table of ['handoffs', 'handoff_claim_attempts']) {
      await q.query(`ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY`);
      await q.query(`ALTER TABLE ${table} FORCE ROW LEVEL SECURITY`);
      await q.query(`
        CREATE POLICY ${table}_tenant ON ${table}
          USING (account_id = app_current_account_id())
          WITH CHECK (account_id = app_current_account_id())`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE handoff_claim_attempts`);
    await q.query(`DROP TABLE handoffs`);
  }
}
