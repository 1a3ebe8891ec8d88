import { Controller, Patch, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  createFixRequestSchema,
  draftScriptRequestSchema,
  fixChangeSchema,
  idParamsSchema,
  recordFixOutcomeRequestSchema,
  sessionFixParamsSchema,
  type FixChange,
  type SessionFixParams,
} from '@resolutionflow/contracts';
import type { z } from 'zod';
import { CurrentPrincipal, Roles } from '../../core/auth/auth.decorators.js';
import type { Principal } from '../../core/auth/principal.js';
import { ApiErrors } from '../../core/openapi/api-errors.decorator.js';
import { ValidParams } from '../../core/validation/valid-params.js';
import { toOpenApiSchema, ValidBody } from '../../core/validation/zod-validation.js';
import { RequiresSubscription } from '../billing/subscription.guard.js';
import { FixesService } from './fixes.service.js';
import { SESSION_ROUTE_ERRORS } from './session-errors.js';

/** Suggested fixes of a session: its owner and its claimer record them and their outcomes. */
@ApiTags('sessions')
@ApiBearerAuth()
@RequiresSubscription()
@Roles('engineer', 'admin', 'owner')
@Controller('ai-sessions/:id/fixes')
export class FixesController {
  constructor(private readonly fixes: FixesService) {}

  @Post()
  @ApiOperation({ summary: 'Record a fix by hand (status proposed); the assistant proposes fixes through the same path' })
  @ApiCreatedResponse({ description: "The fix, with the session's new state version", schema: toOpenApiSchema(fixChangeSchema) })
  @ApiErrors([400, 'validation_failed'], ...SESSION_ROUTE_ERRORS, [404, 'not_found'], [409, 'session_resolved'])
  create(
    @CurrentPrincipal() principal: Principal,
    @ValidParams(idParamsSchema) { id }: z.output<typeof idParamsSchema>,
    @ValidBody(createFixRequestSchema) body: z.output<typeof createFixRequestSchema>,
  ): Promise<FixChange> {
    return this.fixes.create(principal, id, body);
  }

  @Patch(':fixId/outcome')
  @ApiOperation({
    summary: 'Record the outcome of a fix',
    description:
      '`applied_pending` needs `reason` (what you are waiting on) and stamps `appliedAt` only; `applied_partial` needs `notes`; ' +
      '`applied_success`/`applied_failed` stamp `verifiedAt`. Success, failed and dismissed are final (409 `fix_terminal`); ' +
      'a fix already applied cannot go back to `verifying` (409 `fix_transition_not_allowed`).',
  })
  @ApiOkResponse({ description: "The fix, with the session's new state version", schema: toOpenApiSchema(fixChangeSchema) })
  @ApiErrors(
    [400, 'validation_failed'],
    ...SESSION_ROUTE_ERRORS,
    [404, 'not_found'],
    [409, 'fix_terminal'],
    [409, 'fix_transition_not_allowed'],
    [409, 'session_resolved'],
  )
  recordOutcome(
    @CurrentPrincipal() principal: Principal,
    @ValidParams(sessionFixParamsSchema) { id, fixId }: SessionFixParams,
    @ValidBody(recordFixOutcomeRequestSchema) body: z.output<typeof recordFixOutcomeRequestSchema>,
  ): Promise<FixChange> {
    return this.fixes.recordOutcome(principal, id, fixId, body);
  }

  @Put(':fixId/draft-script')
  @ApiOperation({ summary: 'Store the script drafted for a fix; a draft does not mark the fix applied' })
  @ApiOkResponse({ description: "The fix, with the session's new state version", schema: toOpenApiSchema(fixChangeSchema) })
  @ApiErrors(
    [400, 'validation_failed'],
    ...SESSION_ROUTE_ERRORS,
    [404, 'not_found'],
    [409, 'fix_terminal'],
    [409, 'session_resolved'],
    [422, 'script_empty'],
  )
  saveDraftScript(
    @CurrentPrincipal() principal: Principal,
    @ValidParams(sessionFixParamsSchema) { id, fixId }: SessionFixParams,
    @ValidBody(draftScriptRequestSchema) body: z.output<typeof draftScriptRequestSchema>,
  ): Promise<FixChange> {
    return this.fixes.saveDraftScript(principal, id, fixId, body);
  }
}
