import type { MigrationInterface, QueryRunner } from 'typeorm';

const TENANT_TABLES = ['ai_sessions', 'session_steps', 'suggested_fixes', 'script_builder_sessions'];

/**
 * Sessions (FlowPilot): the session, its conversation, the fixes tried in it, and script builder
 * sessions. The fix rules that a row can express are CHECK constraints, so no code path can
 * store a pending fix without a reason or a verified fix without its timestamps.
 */
export class Sessions1764200000000 implements MigrationInterface {
  name = 'Sessions1764200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE ai_sessions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        account_id uuid NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        owner_id uuid NOT NULL REFERENCES users(id),
        problem_summary text NOT NULL CHECK (length(btrim(problem_summary)) BETWEEN 1 AND 2000),
        psa_ticket_id text CHECK (psa_ticket_id IS NULL OR length(btrim(psa_ticket_id)) BETWEEN 1 AND 64),
        status text NOT NULL DEFAULT 'active'
          CHECK (status IN ('active', 'requesting_escalation', 'escalated', 'parked', 'resolved')),
        escalated_to_id uuid REFERENCES users(id),
        escalation_reason text,
        escalation_package jsonb,
        resolution_note text,
        state_version integer NOT NULL DEFAULT 1 CHECK (state_version >= 1),
        step_count integer NOT NULL DEFAULT 0 CHECK (step_count >= 0),
        confidence_tier text CHECK (confidence_tier IN ('low', 'medium', 'high')),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        resolved_at timestamptz,
        CONSTRAINT ai_sessions_resolved_at CHECK ((status = 'resolved') = (resolved_at IS NOT NULL))
      )`);
    // The sidebar: my sessions and the ones escalated to me, most recently touched first.
    await q.query(`CREATE INDEX ai_sessions_owner_idx ON ai_sessions (owner_id, updated_at DESC, id DESC)`);
    await q.query(`CREATE INDEX ai_sessions_escalated_to_idx ON ai_sessions (escalated_to_id, updated_at DESC, id DESC) WHERE escalated_to_id IS NOT NULL`);
    await q.query(`
      CREATE INDEX ai_sessions_open_escalations_idx ON ai_sessions (account_id, updated_at DESC)
        WHERE status IN ('requesting_escalation', 'escalated')`);

    await q.query(`
      CREATE TABLE session_steps (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        account_id uuid NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        session_id uuid NOT NULL REFERENCES ai_sessions(id) ON DELETE CASCADE,
        sequence integer NOT NULL CHECK (sequence >= 1),
        role text NOT NULL CHECK (role IN ('engineer', 'assistant', 'system')),
        author_id uuid REFERENCES users(id),
        content text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        CONSTRAINT session_steps_sequence_key UNIQUE (session_id, sequence),
        CONSTRAINT session_steps_author CHECK ((role = 'engineer') = (author_id IS NOT NULL))
      )`);
    // "First step after the claim" (analytics) is a range scan on this index.
    await q.query(`CREATE INDEX session_steps_session_created_idx ON session_steps (session_id, created_at)`);

    await q.query(`
      CREATE TABLE suggested_fixes (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        account_id uuid NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        session_id uuid NOT NULL REFERENCES ai_sessions(id) ON DELETE CASCADE,
        title text NOT NULL CHECK (length(btrim(title)) BETWEEN 1 AND 200),
        description text NOT NULL CHECK (length(btrim(description)) >= 1),
        status text NOT NULL DEFAULT 'proposed' CHECK (status IN (
          'proposed', 'verifying', 'applied_success', 'applied_failed', 'applied_partial', 'applied_pending', 'dismissed')),
        source text NOT NULL CHECK (source IN ('engineer', 'assistant')),
        pending_reason text,
        notes text,
        draft_script text CHECK (draft_script IS NULL OR length(btrim(draft_script)) >= 1),
        draft_parameters jsonb,
        applied_at timestamptz,
        verified_at timestamptz,
        created_by uuid REFERENCES users(id),
        -- clock_timestamp, not now(): fixes proposed in one reply keep the order they were written in.
        created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        -- Waiting to verify: says on what, was applied, is not verified.
        CONSTRAINT suggested_fixes_pending CHECK (status <> 'applied_pending' OR (
          length(btrim(coalesce(pending_reason, ''))) > 0 AND applied_at IS NOT NULL AND verified_at IS NULL)),
        -- Partly worked: says what did and did not.
        CONSTRAINT suggested_fixes_partial CHECK (status <> 'applied_partial' OR (
          length(btrim(coalesce(notes, ''))) > 0 AND applied_at IS NOT NULL)),
        -- A verdict of worked / did not work is an applied, verified fix.
        CONSTRAINT suggested_fixes_verified CHECK (status NOT IN ('applied_success', 'applied_failed') OR (
          applied_at IS NOT NULL AND verified_at IS NOT NULL)),
        -- Nothing is verified before it has been applied.
        CONSTRAINT suggested_fixes_not_yet_verified CHECK (status NOT IN ('proposed', 'verifying') OR verified_at IS NULL),
        CONSTRAINT suggested_fixes_verified_after_applied CHECK (verified_at IS NULL OR applied_at IS NOT NULL),
        CONSTRAINT suggested_fixes_draft_parameters CHECK (draft_parameters IS NULL OR jsonb_typeof(draft_parameters) = 'object')
      )`);
    await q.query(`CREATE INDEX suggested_fixes_session_idx ON suggested_fixes (session_id, created_at)`);

    await q.query(`
      CREATE TABLE script_builder_sessions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        account_id uuid NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        owner_id uuid NOT NULL REFERENCES users(id),
        origin text NOT NULL CHECK (origin IN ('standalone', 'pilot_inline')),
        ai_session_id uuid REFERENCES ai_sessions(id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT script_builder_sessions_origin CHECK ((origin = 'pilot_inline') = (ai_session_id IS NOT NULL))
      )`);
    // One inline script session per user and FlowPilot session: concurrent get-or-create races resolve here.
    await q.query(`
      CREATE UNIQUE INDEX script_builder_sessions_inline_key ON script_builder_sessions (owner_id, ai_session_id)
        WHERE origin = 'pilot_inline'`);
    await q.query(`
      CREATE INDEX script_builder_sessions_standalone_idx ON script_builder_sessions (owner_id, created_at DESC, id DESC)
        WHERE origin = 'standalone'`);

    for (const table of TENANT_TABLES) {
      await q.query(`ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY`);
      await q.query(`ALTER TABLE ${table} FORCE ROW LEVEL SECURITY`);
      await q.query(`
        CREATE POLICY ${table}_tenant ON ${table}
          USING (account_id = app_current_account_id())
          WITH CHECK (account_id = app_current_account_id())`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [...TENANT_TABLES].reverse()) await q.query(`DROP TABLE ${table}`);
  }
}
