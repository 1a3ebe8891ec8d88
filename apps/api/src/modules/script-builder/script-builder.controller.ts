import { Controller, Get, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  createScriptBuilderSessionRequestSchema,
  cursorQuerySchema,
  scriptBuilderSessionPageSchema,
  scriptBuilderSessionSchema,
  type CursorQuery,
  type Page,
  type ScriptBuilderSession,
} from '@resolutionflow/contracts';
import type { FastifyReply } from 'fastify';
import type { z } from 'zod';
import { CurrentPrincipal, Roles } from '../../core/auth/auth.decorators.js';
import type { Principal } from '../../core/auth/principal.js';
import { ApiErrors } from '../../core/openapi/api-errors.decorator.js';
import { toOpenApiSchema, ValidBody, ValidQuery } from '../../core/validation/zod-validation.js';
import { RequiresSubscription } from '../billing/subscription.guard.js';

import { ScriptBuilderService } from './script-builder.service.js';

const ROUTE_ERRORS: [number, string][] = [
  [401, 'unauthorized'],
  [403, 'forbidden'],
  [403, 'email_verification_required'],
];

@ApiTags('script-builder')
@ApiBearerAuth()
@RequiresSubscription()
@Roles('engineer', 'admin', 'owner')
@Controller('script-builder/sessions')
export class ScriptBuilderController {
  constructor(private readonly scripts: ScriptBuilderService) {}

  @Post()
  @ApiOperation({
    summary: 'Start a script builder session',
    description:
      '`standalone`: a new session, up to the plan\'s cap (409 `script_session_limit_reached`). `pilot_inline`: the caller\'s one ' +
      'inline session for `aiSessionId` (a FlowPilot session they own), created on first call (201) and returned afterwards (200); never counts against the cap.',
  })
  @ApiCreatedResponse({ description: 'Created', schema: toOpenApiSchema(scriptBuilderSessionSchema) })
  @ApiOkResponse({ description: 'The existing inline session', schema: toOpenApiSchema(scriptBuilderSessionSchema) })
  @ApiErrors([400, 'validation_failed'], ...ROUTE_ERRORS, [404, 'not_found'], [409, 'script_session_limit_reached'])
  async create(
    @CurrentPrincipal() principal: Principal,
    @ValidBody(createScriptBuilderSessionRequestSchema) body: z.output<typeof createScriptBuilderSessionRequestSchema>,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ScriptBuilderSession> {
    const { session, created } = await this.scripts.create(principal, body);
    reply.status(created ? 201 : 200);
    return session;
  }

  @Get()
  @ApiOkResponse({ description: "The caller's standalone sessions, newest first", schema: toOpenApiSchema(scriptBuilderSessionPageSchema) })
  @ApiErrors([400, 'validation_failed'], ...ROUTE_ERRORS)
  list(@CurrentPrincipal() principal: Principal, @ValidQuery(cursorQuerySchema) query: CursorQuery): Promise<Page<ScriptBuilderSession>> {
    return this.scripts.list(principal, query);
  }
}
