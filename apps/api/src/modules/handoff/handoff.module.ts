import { Module } from '@nestjs/common';
import { BillingModule } from '../billing/billing.module.js';
import { NotificationsModule } from '../notifications/notifications.module.js';
import { SessionsModule } from '../sessions/sessions.module.js';
import { UsersModule } from '../users/users.module.js';
import { EscalationQueueService } from './escalation-queue.service.js';
import { EscalationStreamAccess } from './escalation-stream-access.js';
import { EscalationTargetsService } from './escalation-targets.service.js';
import { HandoffClaimService } from './handoff-claim.service.js';
import { HandoffClosingService } from './handoff-closing.service.js';
import { HandoffFanout } from './handoff-fanout.js';
import { HandoffJobs } from './handoff-jobs.js';
import { HandoffStreamController } from './handoff-stream.controller.js';
import { HandoffController } from './handoff.controller.js';
import { HandoffService } from './handoff.service.js';
import { HandoffsRepository } from './handoffs.repository.js';
import { StreamHoldersRepository } from './stream-holders.repository.js';

/** Escalation and handoff: create, claim, close, the queue, whom to send to, the live stream, and what follows an escalation. */
@Module({
  imports: [BillingModule, NotificationsModule, SessionsModule, UsersModule],
  controllers: [HandoffStreamController, HandoffController],
  providers: [
    HandoffsRepository,
    HandoffService,
    HandoffClaimService,
    HandoffClosingService,
    EscalationQueueService,
    EscalationTargetsService,
    HandoffFanout,
    HandoffJobs,
    StreamHoldersRepository,
    EscalationStreamAccess,
  ],
})
export class HandoffModule {}
