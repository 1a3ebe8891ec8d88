import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import type { Assessment, HandoffAssessmentReadyEvent } from '@resolutionflow/contracts';
import { AppConfig } from '../../core/config/app-config.js';
import { TenantDatabase } from '../../core/database/tenant-database.js';
import { EventOutbox } from '../../core/events/event-outbox.js';
import { JobQueue } from '../../core/jobs/job-queue.js';
import { AiTimeoutError } from '../ai/ai-provider.js';
import { SessionsService } from '../sessions/sessions.service.js';
import { UsersService } from '../users/users.service.js';
import { HandoffFanout, noticeFromQueueItem } from './handoff-fanout.js';
import { HANDOFF_ASSESSMENT_QUEUE, HANDOFF_REALERT_QUEUE } from './handoff.events.js';
import { HandoffsRepository } from './handoffs.repository.js';

interface AssessmentJob {
  accountId: string;
  handoffId: string;
}

interface RealertJob {
  accountId: string;
  handoffId: string;
  /** 1: everyone who takes escalations again; 2: owners and admins, once more. */
  stage: 1 | 2;
}

/**
 * The work an escalation sets off after it commits, as durable jobs that survive a restart:
 * the AI assessment for the pick-up screen, and the re-alerts while nobody has claimed it.
 */
@Injectable()
export class HandoffJobs implements OnModuleInit {
  private readonly logger = new Logger('HandoffJobs');

  constructor(
    private readonly jobs: JobQueue,
    private readonly tenant: TenantDatabase,
    private readonly handoffs: HandoffsRepository,
    private readonly sessions: SessionsService,
    private readonly users: UsersService,
    private readonly outbox: EventOutbox,
    private readonly fanout: HandoffFanout,
    private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.jobs.register<AssessmentJob>({
      queue: HANDOFF_ASSESSMENT_QUEUE,
      maxAttempts: 3,
      handle: (job, ctx) => this.assess(job, ctx.attempt >= ctx.maxAttempts),
    });
    this.jobs.register<RealertJob>({ queue: HANDOFF_REALERT_QUEUE, maxAttempts: 5, handle: (job) => this.realert(job) });
  }

  /** Stores the assessment and announces it; a timeout or the last failed attempt records it as unavailable. */
  private async assess(job: AssessmentJob, lastAttempt: boolean): Promise<void> {
    const { accountId, handoffId } = job;
    const handoff = await this.tenant.run(accountId, () => this.handoffs.find(accountId, handoffId));
    if (!handoff || handoff.assessmentStatus !== 'pending') return;
    const session = await this.tenant.run(accountId, () => this.sessions.loadForEscalation(handoff.sessionId));
    if (!session) return;

    let assessment: Assessment | null = null;
    try {
      const timeout = AbortSignal.timeout(this.config.env.ESCALATION_AI_ASSESSMENT_TIMEOUT_SECONDS * 1000);
      const result = await this.sessions.assessForEscalation(session, { signal: timeout });
      assessment = { ...result, generatedAt: new Date().toISOString() };
    } catch (error) {
      const timedOut = error instanceof AiTimeoutError;
      this.logger.warn({ handoffId, err: (error as Error).message, timedOut }, 'Escalation assessment failed');
      if (!timedOut && !lastAttempt) throw error;
    }

    await this.tenant.run(accountId, async (manager) => {
      const status = assessment ? 'ready' : 'unavailable';
      // The session's lock before the handoff's, the order claim and resolve take too.
      if (!(await this.sessions.lock(handoff.sessionId))) return;
      if (!(await this.handoffs.storeAssessment(accountId, handoffId, status, assessment))) return;
      if (assessment) await this.sessions.setConfidenceTier(handoff.sessionId, assessment.confidenceTier);
      const event: HandoffAssessmentReadyEvent = { handoffId, sessionId: handoff.sessionId, assessmentStatus: status, assessment };
      await this.outbox.append(manager, { accountId, type: 'handoff_assessment_ready', payload: event });
    });
  }

  /**
   * Re-alerts an escalation still waiting: nobody claimed it and its session was not resolved.
   * A claimed or closed one is left alone, so the alerts stop there.
   */
  private async realert(job: RealertJob): Promise<void> {
    const { accountId, handoffId, stage } = job;
    await this.tenant.run(accountId, async (manager) => {
      const handoff = await this.handoffs.find(accountId, handoffId);
      if (!handoff) return;
      const card = await this.handoffs.queueItem(accountId, handoff.sessionId);
      if (!card || card.handoffId !== handoffId) return;
      // The conditional count decides: it sees a claim or close that committed since the read above,
      // and holds the row while the alert goes out, so one committing later comes after it.
      if (!(await this.handoffs.countRealert(accountId, handoffId))) return;
      const responders = (await this.users.listResponders()).filter((r) => r.id !== handoff.createdBy);
      const recipients = stage === 1 ? responders : responders.filter((r) => r.role === 'owner' || r.role === 'admin');
      await this.fanout.announce(manager, noticeFromQueueItem(accountId, card), recipients, { realert: true });
      if (stage === 1) {
        await this.jobs.enqueue<RealertJob>(
          HANDOFF_REALERT_QUEUE,
          { accountId, handoffId, stage: 2 },
          { manager, accountId, runAt: new Date(Date.now() + this.config.env.ESCALATION_REALERT_MINUTES * 60_000) },
        );
      }
    });
  }
}
