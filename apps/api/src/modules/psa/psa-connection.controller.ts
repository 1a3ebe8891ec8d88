import { Controller, Delete, Get, HttpCode, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import {
  psaConnectionSchema,
  psaConnectionTestResultSchema,
  upsertPsaConnectionRequestSchema,
  type PsaConnection,
  type PsaConnectionTestResult,
} from '@resolutionflow/contracts';
import type { z } from 'zod';
import { CurrentPrincipal, Roles } from '../../core/auth/auth.decorators.js';
import { NoTenantTransaction } from '../../core/auth/tenant-transaction.interceptor.js';
import type { Principal } from '../../core/auth/principal.js';
import { ApiErrors } from '../../core/openapi/api-errors.decorator.js';
import { RateLimit } from '../../core/rate-limit/rate-limit.decorator.js';
import { toOpenApiSchema, ValidBody } from '../../core/validation/zod-validation.js';
import { RequiresSubscription } from '../billing/subscription.guard.js';
import { PsaConnectionService } from './psa-connection.service.js';
import { PSA_ROUTE_ERRORS } from './psa-errors.js';

@ApiTags('psa')
@ApiBearerAuth()
@Roles('owner', 'admin')
@RequiresSubscription()
@Controller('psa/connection')
export class PsaConnectionController {
  constructor(private readonly connection: PsaConnectionService) {}

  @Get()
  @ApiOkResponse({ description: 'The saved connection; the private key is never returned', schema: toOpenApiSchema(psaConnectionSchema) })
  @ApiErrors(...PSA_ROUTE_ERRORS, [404, 'psa_not_connected'])
  get(): Promise<PsaConnection> {
    return this.connection.get();
  }

  @Put()
  @ApiOkResponse({
    description: 'Saved (created or replaced). Leave `privateKey` out to keep the stored one. Clears the last test result.',
    schema: toOpenApiSchema(psaConnectionSchema),
  })
  @ApiErrors(
    [400, 'validation_failed'],
    ...PSA_ROUTE_ERRORS,
    [422, 'psa_private_key_required'],
    [422, 'psa_site_url_insecure'],
    [422, 'psa_site_url_not_allowed'],
  )
  save(
    @CurrentPrincipal() principal: Principal,
    @ValidBody(upsertPsaConnectionRequestSchema) body: z.output<typeof upsertPsaConnectionRequestSchema>,
  ): Promise<PsaConnection> {
    return this.connection.save(principal, body);
  }

  @Delete()
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Removed (or there was none). Notes still queued for it are recorded as dead.' })
  @ApiErrors(...PSA_ROUTE_ERRORS)
  async remove(@CurrentPrincipal() principal: Principal): Promise<void> {
    await this.connection.remove(principal);
  }

  @Post('test')
  @HttpCode(200)
  // The service brackets the ConnectWise call with short transactions instead of holding one across it.
  @NoTenantTransaction()
  @RateLimit({ name: 'psa-connection-test', limit: 20, windowSeconds: 300, by: 'principal' })
  @ApiOkResponse({
    description: 'Calls ConnectWise `/system/info` with the saved settings. A failure is `ok: false` with the reason, not an error.',
    schema: toOpenApiSchema(psaConnectionTestResultSchema),
  })
  @ApiErrors(...PSA_ROUTE_ERRORS, [409, 'psa_not_connected'], [429, 'rate_limited'])
  test(@CurrentPrincipal() principal: Principal): Promise<PsaConnectionTestResult> {
    return this.connection.test(principal.accountId);
  }
}
