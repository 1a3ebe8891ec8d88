import { Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import {
  createHandoffRequestSchema,
  escalateRequestSchema,
  escalationTargetListSchema,
  handoffParamsSchema,
  idParamsSchema,
  type EscalationQueueItem,
  type EscalationTargetList,
  type Handoff,
} from '@resolutionflow/contracts';
import { z } from 'zod';
import { CurrentPrincipal, Roles } from '../../core/auth/auth.decorators.js';
import type { Principal } from '../../core/auth/principal.js';
import { NoTenantTransaction } from '../../core/auth/tenant-transaction.interceptor.js';
import { ApiErrors } from '../../core/openapi/api-errors.decorator.js';
import { ValidParams } from '../../core/validation/valid-params.js';
import { toOpenApiSchema, ValidBody, ValidQuery } from '../../core/validation/zod-validation.js';
import { RequiresSubscription } from '../billing/subscription.guard.js';
import { EscalationQueueService } from './escalation-queue.service.js';
import { EscalationTargetsService } from './escalation-targets.service.js';
import { HandoffClaimService } from './handoff-claim.service.js';
import { HandoffService, type HandoffCreated } from './handoff.service.js';

/** Both paths run the same use case, so they answer the same refusals. */
const HANDOFF_CREATE_ERRORS: [status: number, code: string][] = [
  [400, 'validation_failed'],
  [403, 'forbidden'],
  [404, 'not_found'],
  [409, 'fix_outcome_required'],
  [409, 'session_already_escalated'],
  [409, 'session_resolved'],
  [409, 'session_changed'],
  [422, 'cannot_target_self'],
  [422, 'invalid_target'],
];

const queueQuerySchema = z.object({ limit: z.coerce.number().int().min(1).max(100).default(50) });

@ApiTags('handoffs')
@ApiBearerAuth()
@RequiresSubscription()
@Controller('ai-sessions')
export class HandoffController {
  constructor(
    private readonly handoffs: HandoffService,
    private readonly claims: HandoffClaimService,
    private readonly queue: EscalationQueueService,
    private readonly targets: EscalationTargetsService,
  ) {}

  @Get('escalations')
  @Roles('engineer', 'admin', 'owner')
  @ApiOkResponse({ description: 'Open escalations of my account that I did not raise, with reason, step count, confidence, ticket and claim state' })
  @ApiErrors([401, 'unauthorized'], [403, 'forbidden'])
  async list(
    @CurrentPrincipal() principal: Principal,
    @ValidQuery(queueQuerySchema) query: z.output<typeof queueQuerySchema>,
  ): Promise<{ items: EscalationQueueItem[] }> {
    return { items: await this.queue.list(principal, query.limit) };
  }

  @Get('escalation-targets')
  @Roles('engineer', 'admin', 'owner')
  @ApiOkResponse({
    description: 'Teammates I can send an escalation to (`targetUserId`): active engineers, admins and owners of my account, not me, by name',
    schema: toOpenApiSchema(escalationTargetListSchema),
  })
  @ApiErrors([401, 'unauthorized'], [403, 'forbidden'])
  async listTargets(@CurrentPrincipal() principal: Principal): Promise<EscalationTargetList> {
    return { items: await this.targets.list(principal) };
  }

  @Get(':id/handoff')
  @ApiOkResponse({ description: 'The escalation the session waits on (else its latest), with the assessment once it is ready' })
  @ApiErrors([400, 'validation_failed'], [401, 'unauthorized'], [404, 'not_found'])
  current(@CurrentPrincipal() principal: Principal, @ValidParams(idParamsSchema) params: { id: string }): Promise<Handoff> {
    return this.handoffs.current(principal, params.id);
  }

  @Post(':id/handoff')
  // The service opens its own short transactions: no pooled connection waits on the assistant's briefing.
  @NoTenantTransaction()
  @ApiCreatedResponse({ description: 'The handoff: escalated (everyone who takes escalations is told) or parked (nobody is)' })
  @ApiErrors(...HANDOFF_CREATE_ERRORS)
  async create(
    @CurrentPrincipal() principal: Principal,
    @ValidParams(idParamsSchema) params: { id: string },
    @ValidBody(createHandoffRequestSchema) body: z.output<typeof createHandoffRequestSchema>,
  ): Promise<Handoff> {
    return (await this.handoffs.create(principal, params.id, body)).handoff;
  }

  /** Compatibility path: escalate with a reason, answered with the documentation and the PSA result. */
  @Post(':id/escalate')
  @NoTenantTransaction()
  @ApiCreatedResponse({ description: '`{handoff, documentation, psa}`' })
  @ApiErrors(...HANDOFF_CREATE_ERRORS)
  escalate(
    @CurrentPrincipal() principal: Principal,
    @ValidParams(idParamsSchema) params: { id: string },
    @ValidBody(escalateRequestSchema) body: z.output<typeof escalateRequestSchema>,
  ): Promise<HandoffCreated> {
    return this.handoffs.create(principal, params.id, { ...body, intent: 'escalate' });
  }

  @Post(':id/handoffs/:handoffId/claim')
  @HttpCode(200)
  @Roles('engineer', 'admin', 'owner')
  @ApiOkResponse({
    description: 'Claimed by me (again, idempotently, if I already had it). An escalation whose session was resolved before anyone claimed it is closed',
  })
  @ApiErrors(
    [403, 'forbidden'],
    [403, 'cannot_claim_own_handoff'],
    [404, 'not_found'],
    [409, 'handoff_already_claimed'],
    // Its session was resolved before anyone claimed it: `details {reason, closedAt}`.
    [409, 'handoff_closed'],
  )
  claim(@CurrentPrincipal() principal: Principal, @ValidParams(handoffParamsSchema) params: { id: string; handoffId: string }): Promise<Handoff> {
    return this.claims.claim(principal, params.id, params.handoffId);
  }

  @Post(':id/pickup')
  @HttpCode(200)
  @Roles('engineer', 'admin', 'owner')
  @ApiOkResponse({ description: 'Claims whatever escalation the session waits on, including a legacy request without a handoff' })
  @ApiErrors([403, 'forbidden'], [403, 'cannot_claim_own_handoff'], [404, 'not_found'], [409, 'handoff_already_claimed'], [409, 'handoff_closed'])
  pickup(@CurrentPrincipal() principal: Principal, @ValidParams(idParamsSchema) params: { id: string }): Promise<Handoff> {
    return this.claims.pickup(principal, params.id);
  }
}
