import { Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  createSessionRequestSchema,
  cursorQuerySchema,
  idParamsSchema,
  resolvedSessionSchema,
  resolveSessionRequestSchema,
  sessionDetailSchema,
  sessionSummaryPageSchema,
  type CursorQuery,
  type Page,
  type ResolvedSession,
  type SessionDetail,
  type SessionSummary,
} from '@resolutionflow/contracts';
import type { z } from 'zod';
import { CurrentPrincipal, Roles } from '../../core/auth/auth.decorators.js';
import type { Principal } from '../../core/auth/principal.js';
import { NoTenantTransaction } from '../../core/auth/tenant-transaction.interceptor.js';
import { ApiErrors } from '../../core/openapi/api-errors.decorator.js';
import { ValidParams } from '../../core/validation/valid-params.js';
import { toOpenApiSchema, ValidBody, ValidQuery } from '../../core/validation/zod-validation.js';
import { RequiresSubscription } from '../billing/subscription.guard.js';
import { SESSION_ROUTE_ERRORS } from './session-errors.js';
import { SessionsService } from './sessions.service.js';

/** Viewers read (their sidebar, open escalations); everything that changes a session needs an engineer, admin or owner. */
const WORKERS = ['engineer', 'admin', 'owner'] as const;

@ApiTags('sessions')
@ApiBearerAuth()
@RequiresSubscription()
@Controller('ai-sessions')
export class SessionsController {
  constructor(private readonly sessions: SessionsService) {}

  @Post()
  @Roles(...WORKERS)
  @ApiCreatedResponse({ description: 'The new session, owned by the caller', schema: toOpenApiSchema(sessionDetailSchema) })
  @ApiErrors([400, 'validation_failed'], ...SESSION_ROUTE_ERRORS, [409, 'monthly_session_limit_reached'])
  create(
    @CurrentPrincipal() principal: Principal,
    @ValidBody(createSessionRequestSchema) body: z.output<typeof createSessionRequestSchema>,
  ): Promise<SessionDetail> {
    return this.sessions.create(principal, body);
  }

  @Get()
  @ApiOkResponse({
    description: 'The sidebar: sessions the caller owns and those escalated to or claimed by them, latest activity first',
    schema: toOpenApiSchema(sessionSummaryPageSchema),
  })
  @ApiErrors([400, 'validation_failed'], ...SESSION_ROUTE_ERRORS)
  list(@CurrentPrincipal() principal: Principal, @ValidQuery(cursorQuerySchema) query: CursorQuery): Promise<Page<SessionSummary>> {
    return this.sessions.list(principal, query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'A session with its steps and fixes: for its owner, its claimer, and any member while it is escalated' })
  @ApiOkResponse({ schema: toOpenApiSchema(sessionDetailSchema) })
  @ApiErrors([400, 'validation_failed'], ...SESSION_ROUTE_ERRORS, [404, 'not_found'])
  get(@CurrentPrincipal() principal: Principal, @ValidParams(idParamsSchema) { id }: z.output<typeof idParamsSchema>): Promise<SessionDetail> {
    return this.sessions.get(principal, id);
  }

  @Post(':id/resolve')
  @HttpCode(200)
  @Roles(...WORKERS)
  // The resolution note is written by the assistant between two short transactions, not inside the request's.
  @NoTenantTransaction()
  @ApiOperation({
    summary: 'Resolve (owner or claimer): pending fixes become verified successes, the resolution note is written and pushed to the linked ticket',
  })
  @ApiOkResponse({ schema: toOpenApiSchema(resolvedSessionSchema) })
  @ApiErrors([400, 'validation_failed'], ...SESSION_ROUTE_ERRORS, [404, 'not_found'], [409, 'session_resolved'], [409, 'session_changed'])
  resolve(
    @CurrentPrincipal() principal: Principal,
    @ValidParams(idParamsSchema) { id }: z.output<typeof idParamsSchema>,
    @ValidBody(resolveSessionRequestSchema.optional()) body: z.output<typeof resolveSessionRequestSchema> | undefined,
  ): Promise<ResolvedSession> {
    return this.sessions.resolve(principal, id, body ?? {});
  }

  @Post(':id/park')
  @HttpCode(200)
  @Roles(...WORKERS)
  @ApiOperation({ summary: "Park (owner only): set the session aside; writing in it again makes it active" })
  @ApiOkResponse({ schema: toOpenApiSchema(sessionDetailSchema) })
  @ApiErrors([400, 'validation_failed'], ...SESSION_ROUTE_ERRORS, [404, 'not_found'], [409, 'session_resolved'], [409, 'session_escalated'])
  park(@CurrentPrincipal() principal: Principal, @ValidParams(idParamsSchema) { id }: z.output<typeof idParamsSchema>): Promise<SessionDetail> {
    return this.sessions.park(principal, id);
  }
}
