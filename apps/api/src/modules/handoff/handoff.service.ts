import { Injectable } from '@nestjs/common';
import type { CreateHandoffRequest, EscalationPackage, Handoff, PsaPushResult, SessionDetail } from '@resolutionflow/contracts';
import { randomUUID } from 'node:crypto';
import type { Principal } from '../../core/auth/principal.js';
import { AppConfig } from '../../core/config/app-config.js';
import { TenantDatabase } from '../../core/database/tenant-database.js';
import { AppError } from '../../core/errors/app-error.js';
import { EventOutbox } from '../../core/events/event-outbox.js';
import { JobQueue } from '../../core/jobs/job-queue.js';
import { SessionsService } from '../sessions/sessions.service.js';
import { UsersService } from '../users/users.service.js';
import { HandoffFanout, noticeFromQueueItem } from './handoff-fanout.js';
import { HANDOFF_ASSESSMENT_QUEUE, HANDOFF_REALERT_QUEUE } from './handoff.events.js';
import { toHandoff } from './handoff.mapper.js';
import { HandoffsRepository } from './handoffs.repository.js';

export interface HandoffCreated {
  handoff: Handoff;
  documentation: EscalationPackage | null;
  psa: PsaPushResult | null;
}

const ESCALATABLE: SessionDetail['status'][] = ['active', 'parked'];

/** Escalating or parking a session: the handoff and everything it sets off, in one transaction. */
@Injectable()
export class HandoffService {
  constructor(
    private readonly tenant: TenantDatabase,
    private readonly handoffs: HandoffsRepository,
    private readonly sessions: SessionsService,
    private readonly users: UsersService,
    private readonly outbox: EventOutbox,
    private readonly jobs: JobQueue,
    private readonly fanout: HandoffFanout,
    private readonly config: AppConfig,
  ) {}

  async create(principal: Principal, sessionId: string, input: CreateHandoffRequest & { acknowledgeOpenFixes: boolean }): Promise<HandoffCreated> {
    const { accountId } = principal;
    const me = this.personOf(principal);
    if (input.targetUserId === me) throw new AppError(422, 'cannot_target_self', 'You cannot hand a session to yourself');

    // The briefing is written before the transaction: the assistant may take seconds, and no row
    // should stay locked meanwhile. The transaction re-reads the session and refuses if it moved on.
    const draft = await this.tenant.run(accountId, () => this.loadOwned(sessionId, me));
    this.assertCanHandOff(draft);
    // Checked before the briefing too, so a wrong target is refused at once, not after the assistant's seconds.
    if (input.targetUserId) await this.tenant.run(accountId, () => this.assertTarget(input.targetUserId!));
    if (input.intent === 'escalate' && !input.acknowledgeOpenFixes) {
      const open = await this.tenant.run(accountId, () => this.sessions.openFixesBlockingEscalation(sessionId));
      if (open.length) {
        throw new AppError(409, 'fix_outcome_required', 'Some fixes still need an outcome before you escalate', {
          fixes: open.map((f) => ({ id: f.id, title: f.title, status: f.status })),
        });
      }
    }
    const documentation =
      input.intent === 'escalate'
        ? await this.sessions.buildEscalationPackage(draft, input.reason, {
            signal: AbortSignal.timeout(this.config.env.ESCALATION_PACKAGE_TIMEOUT_SECONDS * 1000),
          })
        : null;

    const handoffId = randomUUID();
    const created = await this.tenant.run(accountId, async (manager) => {
      const session = await this.sessions.loadForEscalation(sessionId, { lock: true });
      if (!session || session.ownerId !== me) throw AppError.notFound('Session');
      this.assertCanHandOff(session);
      if (session.stateVersion !== draft.stateVersion) {
        throw new AppError(409, 'session_changed', 'The session changed while it was being handed off; try again');
      }
      // Again inside the transaction: the target may have been removed while the briefing was written.
      if (input.targetUserId) await this.assertTarget(input.targetUserId);

      await this.handoffs
        .insert({
          id: handoffId,
          accountId,
          sessionId,
          intent: input.intent,
          reason: input.reason,
          targetUserId: input.targetUserId ?? null,
          createdBy: me,
          documentation,
          assessmentStatus: input.intent === 'escalate' ? 'pending' : 'not_applicable',
        })
        .catch((error: unknown) => {
          if ((error as { code?: string }).code === '23505') {
            throw new AppError(409, 'session_already_escalated', 'This session is already waiting to be picked up');
          }
          throw error;
        });

      if (input.intent === 'park') {
        await this.sessions.markParked(sessionId);
        return { psa: null };
      }

      await this.sessions.markEscalated(sessionId, { reason: input.reason, targetUserId: input.targetUserId ?? null, escalationPackage: documentation });
      const card = (await this.handoffs.queueItem(accountId, sessionId))!;
      await this.outbox.append(manager, { accountId, type: 'handoff_created', payload: card });
      const recipients = (await this.users.listResponders()).filter((r) => r.id !== me);
      await this.fanout.announce(manager, noticeFromQueueItem(accountId, card), recipients);
      // The assessment is an outbound AI call like any other side effect: its attempts are on record.
      await this.jobs.enqueue(HANDOFF_ASSESSMENT_QUEUE, { accountId, handoffId }, {
        manager,
        accountId,
        maxAttempts: 3,
        delivery: { channel: 'ai', purpose: 'handoff_assessment', target: this.config.env.ANTHROPIC_API_KEY ? this.config.env.AI_MODEL : 'offline' },
      });
      await this.jobs.enqueue(
        HANDOFF_REALERT_QUEUE,
        { accountId, handoffId, stage: 1 },
        { manager, accountId, runAt: new Date(Date.now() + this.realertDelayMs()) },
      );
      const psa = await this.sessions.pushToTicket(accountId, session, documentation!.document, 'escalation_note');
      return { psa };
    });

    const row = await this.tenant.run(accountId, () => this.handoffs.find(accountId, handoffId));
    return { handoff: toHandoff(row!), documentation, psa: created.psa };
  }

  /** Whoever may read the session may read its escalation (it travels with the session). */
  async current(principal: Principal, sessionId: string): Promise<Handoff> {
    await this.sessions.get(principal, sessionId);
    const row = await this.handoffs.findOpenForSession(principal.accountId, sessionId);
    if (!row) throw AppError.notFound('Handoff');
    return toHandoff(row);
  }

  realertDelayMs(): number {
    return this.config.env.ESCALATION_REALERT_MINUTES * 60_000;
  }

  private async loadOwned(sessionId: string, me: string): Promise<SessionDetail> {
    const session = await this.sessions.loadForEscalation(sessionId);
    if (!session) throw AppError.notFound('Session');
    if (session.ownerId !== me) throw new AppError(403, 'forbidden', 'Only the engineer who owns the session can hand it off');
    return session;
  }

  /** The target must be someone who takes escalations in this account: another account's user looks like no one. */
  private async assertTarget(targetUserId: string): Promise<void> {
    const responders = await this.users.listResponders();
    if (!responders.some((r) => r.id === targetUserId)) {
      throw new AppError(422, 'invalid_target', 'The target must be an active engineer, admin or owner of this account');
    }
  }

  private assertCanHandOff(session: SessionDetail): void {
    if (session.status === 'resolved') throw new AppError(409, 'session_resolved', 'This session is resolved');
    if (!ESCALATABLE.includes(session.status)) {
      throw new AppError(409, 'session_already_escalated', 'This session is already waiting to be picked up');
    }
  }

  private personOf(principal: Principal): string {
    if (principal.kind !== 'user' || !principal.userId) {
      throw new AppError(403, 'forbidden', 'Handing off a session is done by the engineer who owns it, not an API key');
    }
    return principal.userId;
  }
}
