import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import {
  psaTicketIdParamsSchema,
  psaTicketListSchema,
  psaTicketSchema,
  psaTicketSearchQuerySchema,
  type PsaTicket,
  type PsaTicketList,
  type PsaTicketSearchQuery,
} from '@resolutionflow/contracts';
import type { z } from 'zod';
import { CurrentPrincipal, Roles } from '../../core/auth/auth.decorators.js';
import { NoTenantTransaction } from '../../core/auth/tenant-transaction.interceptor.js';
import type { Principal } from '../../core/auth/principal.js';
import { AppError } from '../../core/errors/app-error.js';
import { ApiErrors } from '../../core/openapi/api-errors.decorator.js';
import { RateLimit } from '../../core/rate-limit/rate-limit.decorator.js';
import { ValidParams } from '../../core/validation/valid-params.js';
import { toOpenApiSchema, ValidQuery } from '../../core/validation/zod-validation.js';
import { RequiresSubscription } from '../billing/subscription.guard.js';
import { PSA_CALL_ERRORS, PSA_ROUTE_ERRORS } from './psa-errors.js';
import { PsaService } from './psa.service.js';

/**
 * Tickets read live from the account's ConnectWise, to link one to a session. No request-wide
 * transaction: the service reads the connection in a short one, so a slow PSA holds no connection.
 */
@ApiTags('psa')
@ApiBearerAuth()
@Roles('engineer', 'admin', 'owner')
@RequiresSubscription()
@NoTenantTransaction()
@Controller('psa/tickets')
export class PsaTicketsController {
  constructor(private readonly psa: PsaService) {}

  @Get()
  @RateLimit({ name: 'psa-ticket-search', limit: 120, windowSeconds: 60, by: 'principal' })
  @ApiOkResponse({ description: 'Tickets whose summary contains `search` or whose number it is, newest first', schema: toOpenApiSchema(psaTicketListSchema) })
  @ApiErrors([400, 'validation_failed'], ...PSA_ROUTE_ERRORS, ...PSA_CALL_ERRORS, [429, 'rate_limited'])
  search(@CurrentPrincipal() principal: Principal, @ValidQuery(psaTicketSearchQuerySchema) query: PsaTicketSearchQuery): Promise<PsaTicketList> {
    return this.psa.searchTickets(principal.accountId, query);
  }

  @Get(':ticketId')
  @ApiOkResponse({ description: 'The ticket as ConnectWise has it now', schema: toOpenApiSchema(psaTicketSchema) })
  @ApiErrors([400, 'validation_failed'], ...PSA_ROUTE_ERRORS, [404, 'psa_ticket_not_found'], ...PSA_CALL_ERRORS)
  async get(
    @CurrentPrincipal() principal: Principal,
    @ValidParams(psaTicketIdParamsSchema) { ticketId }: z.output<typeof psaTicketIdParamsSchema>,
  ): Promise<PsaTicket> {
    const ticket = await this.psa.getTicket(principal.accountId, ticketId);
    if (!ticket) throw new AppError(404, 'psa_ticket_not_found', `ConnectWise has no ticket #${ticketId}`);
    return ticket;
  }
}
