import { Controller, Delete, HttpCode, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  idParamsSchema,
  linkPsaTicketRequestSchema,
  psaTicketLinkSchema,
  sessionSummarySchema,
  type PsaTicketLink,
  type SessionSummary,
} from '@resolutionflow/contracts';
import type { z } from 'zod';
import { CurrentPrincipal, Roles } from '../../core/auth/auth.decorators.js';
import type { Principal } from '../../core/auth/principal.js';
import { NoTenantTransaction } from '../../core/auth/tenant-transaction.interceptor.js';
import { ApiErrors } from '../../core/openapi/api-errors.decorator.js';
import { ValidParams } from '../../core/validation/valid-params.js';
import { toOpenApiSchema, ValidBody } from '../../core/validation/zod-validation.js';
import { RequiresSubscription } from '../billing/subscription.guard.js';
import { SESSION_ROUTE_ERRORS } from './session-errors.js';
import { SessionPsaService } from './session-psa.service.js';

/** The session's PSA ticket: link one, unlink it, or open a new one from the session (owner or claimer). */
@ApiTags('sessions')
@ApiBearerAuth()
@RequiresSubscription()
@Roles('engineer', 'admin', 'owner')
@Controller('ai-sessions/:id/psa-ticket')
export class SessionPsaController {
  constructor(private readonly psa: SessionPsaService) {}

  @Put()
  // ConnectWise is asked between two short transactions, never inside one.
  @NoTenantTransaction()
  @ApiOperation({
    summary: 'Link a ticket',
    description:
      'With a PSA connection the ticket must exist (404 `psa_ticket_not_found`). Without one, or while the PSA cannot be reached, ' +
      'the number is linked as given with `verified: false`, so the workflow never waits on the PSA.',
  })
  @ApiOkResponse({ schema: toOpenApiSchema(psaTicketLinkSchema) })
  @ApiErrors([400, 'validation_failed'], ...SESSION_ROUTE_ERRORS, [404, 'not_found'], [404, 'psa_ticket_not_found'], [409, 'session_resolved'])
  link(
    @CurrentPrincipal() principal: Principal,
    @ValidParams(idParamsSchema) { id }: z.output<typeof idParamsSchema>,
    @ValidBody(linkPsaTicketRequestSchema) body: z.output<typeof linkPsaTicketRequestSchema>,
  ): Promise<PsaTicketLink> {
    return this.psa.link(principal, id, body.ticketId);
  }

  @Delete()
  @ApiOperation({ summary: 'Unlink the ticket (the ticket itself is untouched)' })
  @ApiOkResponse({ schema: toOpenApiSchema(sessionSummarySchema) })
  @ApiErrors([400, 'validation_failed'], ...SESSION_ROUTE_ERRORS, [404, 'not_found'], [409, 'session_resolved'])
  unlink(@CurrentPrincipal() principal: Principal, @ValidParams(idParamsSchema) { id }: z.output<typeof idParamsSchema>): Promise<SessionSummary> {
    return this.psa.unlink(principal, id);
  }

  @Post('spin-off')
  @HttpCode(201)
  @NoTenantTransaction()
  @ApiOperation({ summary: "Open a new ticket in the account's PSA from the session's summary and link it" })
  @ApiCreatedResponse({ schema: toOpenApiSchema(psaTicketLinkSchema) })
  @ApiErrors(
    [400, 'validation_failed'],
    ...SESSION_ROUTE_ERRORS,
    [404, 'not_found'],
    [409, 'psa_ticket_already_linked'],
    [409, 'psa_not_connected'],
    [409, 'psa_credentials_unreadable'],
    [409, 'session_resolved'],
    [502, 'psa_unavailable'],
  )
  spinOff(@CurrentPrincipal() principal: Principal, @ValidParams(idParamsSchema) { id }: z.output<typeof idParamsSchema>): Promise<PsaTicketLink> {
    return this.psa.spinOff(principal, id);
  }
}
