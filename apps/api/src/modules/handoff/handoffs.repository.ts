import { Injectable } from '@nestjs/common';
import type { Assessment, AssessmentStatus, EscalationPackage, EscalationQueueItem, HandoffClosedReason } from '@resolutionflow/contracts';
import type { EntityManager } from 'typeorm';
import { PrivilegedDatabase } from '../../core/database/privileged-database.js';
import { queryRows } from '../../core/database/sql.js';
import { TenantDatabase } from '../../core/database/tenant-database.js';

export interface HandoffRow {
  id: string;
  accountId: string;
  sessionId: string;
  intent: 'escalate' | 'park';
  reason: string;
  targetUserId: string | null;
  createdBy: string;
  createdByName: string;
  claimedBy: string | null;
  claimedByName: string | null;
  claimedAt: Date | null;
  assessmentStatus: AssessmentStatus;
  assessment: Assessment | null;
  realertCount: number;
  closedAt: Date | null;
  closedReason: HandoffClosedReason | null;
  createdAt: Date;
}

export interface ClosedHandoff {
  id: string;
  closedAt: Date;
}

/** Session statuses of a session waiting for someone to pick it up (`requesting_escalation` is the legacy one). */
const WAITING = `('requesting_escalation', 'escalated')`;

const SELECT_HANDOFF = `
  select h.id, h.account_id as "accountId", h.session_id as "sessionId", h.intent, h.reason,
         h.target_user_id as "targetUserId", h.created_by as "createdBy", cu.name as "createdByName",
         h.claimed_by as "claimedBy", ku.name as "claimedByName", h.claimed_at as "claimedAt",
         h.assessment_status as "assessmentStatus", h.assessment, h.realert_count as "realertCount",
         h.closed_at as "closedAt", h.closed_reason as "closedReason", h.created_at as "createdAt"
    from handoffs h
    join users cu on cu.id = h.created_by
    left join users ku on ku.id = h.claimed_by`;

/**
 * The queue statement ($1 account, $2 caller, $3 limit); exported for the benchmark's bare baseline.
 * The step count is the session's own counter (every step takes its sequence number from it), not
 * a count of session_steps per row: that scan cost more than the rest of the statement.
 */
export const ESCALATION_QUEUE_SQL = `select s.id as "sessionId", h.id as "handoffId", s.status, s.problem_summary as "problemSummary",
       coalesce(h.reason, s.escalation_reason) as reason, s.psa_ticket_id as "psaTicketId",
       s.step_count as "stepCount",
       s.confidence_tier as "confidenceTier",
       json_build_object('id', eu.id, 'name', eu.name) as "escalatedBy",
       h.target_user_id as "targetUserId",
       case when ku.id is null then null else json_build_object('id', ku.id, 'name', ku.name) end as "claimedBy",
       to_char(h.claimed_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as "claimedAt",
       coalesce(h.assessment_status, 'not_applicable') as "assessmentStatus",
       to_char(coalesce(h.created_at, s.updated_at) at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as "createdAt"
  from ai_sessions s
  left join lateral (
    select * from handoffs h where h.account_id = s.account_id and h.session_id = s.id and h.intent = 'escalate'
     order by h.created_at desc limit 1) h on true
  join users eu on eu.id = coalesce(h.created_by, s.owner_id)
  left join users ku on ku.id = h.claimed_by
 where s.account_id = $1 and s.status in ${WAITING} and h.closed_at is null and coalesce(h.created_by, s.owner_id) <> $2
 order by (h.claimed_by is null) desc, coalesce(h.created_at, s.updated_at) desc
 limit $3`;

export interface NewHandoff {
  id: string;
  accountId: string;
  sessionId: string;
  intent: 'escalate' | 'park';
  reason: string;
  targetUserId: string | null;
  createdBy: string;
  documentation: EscalationPackage | null;
  assessmentStatus: AssessmentStatus;
}

/** Every query on `handoffs` and `handoff_claim_attempts`. Tenant queries also name the account. */
@Injectable()
export class HandoffsRepository {
  constructor(
    private readonly tenant: TenantDatabase,
    private readonly privileged: PrivilegedDatabase,
  ) {}

  async insert(handoff: NewHandoff): Promise<void> {
    await this.tenant.manager().query(
      `insert into handoffs (id, account_id, session_id, intent, reason, target_user_id, created_by, documentation, assessment_status)
       values ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9)`,
      [
        handoff.id,
        handoff.accountId,
        handoff.sessionId,
        handoff.intent,
        handoff.reason,
        handoff.targetUserId,
        handoff.createdBy,
        handoff.documentation === null ? null : JSON.stringify(handoff.documentation),
        handoff.assessmentStatus,
      ],
    );
  }

  async find(accountId: string, id: string, manager: EntityManager = this.tenant.manager()): Promise<HandoffRow | null> {
    const [row] = await queryRows<HandoffRow>(manager, `${SELECT_HANDOFF} where h.account_id = $1 and h.id = $2`, [accountId, id]);
    return row ?? null;
  }

  /** The latest committed state, seen from outside the caller's transaction. */
  findCommitted(accountId: string, id: string): Promise<HandoffRow | null> {
    return this.find(accountId, id, this.privileged.manager);
  }

  async findOpenForSession(accountId: string, sessionId: string): Promise<HandoffRow | null> {
    const [row] = await queryRows<HandoffRow>(
      this.tenant.manager(),
      `${SELECT_HANDOFF} where h.account_id = $1 and h.session_id = $2 and h.intent = 'escalate'
        order by (h.claimed_at is null and h.closed_at is null) desc, h.created_at desc limit 1`,
      [accountId, sessionId],
    );
    return row ?? null;
  }

  /**
   * The claim itself: one conditional UPDATE. It first locks the session while it still waits for
   * help (sessions before handoffs, the order resolving takes too, so the two never deadlock):
   * concurrent claimers and a concurrent resolve queue on that lock. After the first commits, the
   * rest re-check — the session no longer waiting, or the escalation claimed or closed — and
   * update nothing.
   */
  async claim(accountId: string, sessionId: string, handoffId: string, userId: string): Promise<boolean> {
    const rows = await queryRows<{ id: string }>(
      this.tenant.manager(),
      `with waiting as materialized (
         select id from ai_sessions where account_id = $1 and id = $2 and status in ${WAITING} for no key update)
       update handoffs h set claimed_by = $4, claimed_at = now()
         from waiting
        where h.account_id = $1 and h.session_id = waiting.id and h.id = $3 and h.intent = 'escalate'
          and h.claimed_by is null and h.closed_at is null
        returning h.id`,
      [accountId, sessionId, handoffId, userId],
    );
    return rows.length === 1;
  }

  /**
   * Closes the session's escalation if nobody claimed it, in the caller's transaction (which has
   * the session locked); a claimed one keeps its claim. Answers what it closed.
   */
  closeUnclaimed(accountId: string, sessionId: string, reason: HandoffClosedReason): Promise<ClosedHandoff[]> {
    return queryRows<ClosedHandoff>(
      this.tenant.manager(),
      `update handoffs set closed_at = now(), closed_reason = $3
        where account_id = $1 and session_id = $2 and intent = 'escalate' and claimed_by is null and closed_at is null
        returning id, closed_at as "closedAt"`,
      [accountId, sessionId, reason],
    );
  }

  /**
   * Records a claim attempt. A lost or closed attempt is answered with an error, which rolls the
   * request's transaction back, so it is written on its own connection; the others commit with the claim.
   */
  async recordAttempt(accountId: string, handoffId: string, userId: string, outcome: 'won' | 'lost' | 'repeat' | 'closed'): Promise<void> {
    const manager = outcome === 'lost' || outcome === 'closed' ? this.privileged.manager : this.tenant.manager();
    await manager.query(
      `insert into handoff_claim_attempts (account_id, handoff_id, user_id, outcome) values ($1, $2, $3, $4)`,
      [accountId, handoffId, userId, outcome],
    );
  }

  async claimAttempts(accountId: string, handoffId: string): Promise<{ userId: string; outcome: string; attemptedAt: Date }[]> {
    return queryRows(
      this.tenant.manager(),
      `select user_id as "userId", outcome, attempted_at as "attemptedAt" from handoff_claim_attempts
        where account_id = $1 and handoff_id = $2 order by attempted_at, id`,
      [accountId, handoffId],
    );
  }

  async storeAssessment(accountId: string, id: string, status: 'ready' | 'unavailable', assessment: Assessment | null): Promise<boolean> {
    const rows = await queryRows<{ id: string }>(
      this.tenant.manager(),
      `update handoffs set assessment_status = $3, assessment = $4::jsonb
        where account_id = $1 and id = $2 and assessment_status = 'pending' returning id`,
      [accountId, id, status, assessment === null ? null : JSON.stringify(assessment)],
    );
    return rows.length === 1;
  }

  /**
   * Counts a re-alert of an escalation still waiting: unclaimed and not closed. Answers false,
   * counting nothing, otherwise. The row stays locked until the caller's transaction ends, so a
   * claim or a close that commits first is seen here, and one that comes later waits for the alert.
   */
  async countRealert(accountId: string, id: string): Promise<boolean> {
    const rows = await queryRows<{ id: string }>(
      this.tenant.manager(),
      `update handoffs set realert_count = realert_count + 1
        where account_id = $1 and id = $2 and intent = 'escalate' and claimed_by is null and closed_at is null
        returning id`,
      [accountId, id],
    );
    return rows.length === 1;
  }

  /**
   * The queue: sessions waiting for help in the account (either escalation status), with their
   * latest escalation, step count, confidence and ticket — open ones first. Sessions the caller
   * escalated and closed escalations are left out; legacy requests without a handoff row still appear.
   */
  queue(accountId: string, userId: string, limit: number): Promise<EscalationQueueItem[]> {
    return queryRows<EscalationQueueItem>(this.tenant.manager(), ESCALATION_QUEUE_SQL, [accountId, userId, limit]);
  }

  /** The session's open escalation as a queue card, while the session still waits for help; null otherwise. */
  async queueItem(accountId: string, sessionId: string): Promise<EscalationQueueItem | null> {
    // The same shape as a queue card, for the live `handoff_created` event (no caller to exclude).
    const [row] = await queryRows<EscalationQueueItem>(
      this.tenant.manager(),
      `select s.id as "sessionId", h.id as "handoffId", s.status, s.problem_summary as "problemSummary", h.reason,
              s.psa_ticket_id as "psaTicketId",
              s.step_count as "stepCount",
              s.confidence_tier as "confidenceTier", json_build_object('id', eu.id, 'name', eu.name) as "escalatedBy",
              h.target_user_id as "targetUserId", null as "claimedBy", null as "claimedAt",
              h.assessment_status as "assessmentStatus",
              to_char(h.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as "createdAt"
         from handoffs h join ai_sessions s on s.id = h.session_id join users eu on eu.id = h.created_by
        where h.account_id = $1 and h.session_id = $2 and h.intent = 'escalate' and h.claimed_by is null and h.closed_at is null
          and s.status in ${WAITING}`,
      [accountId, sessionId],
    );
    return row ?? null;
  }
}
