import { Controller, Get, HttpCode, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import {
  testIntegrationRequestSchema,
  updateAccountIntegrationsSchema,
  type AccountIntegrations,
  type IntegrationTestResult,
} from '@resolutionflow/contracts';
import type { z } from 'zod';
import { CurrentPrincipal, Roles } from '../../../core/auth/auth.decorators.js';
import type { Principal } from '../../../core/auth/principal.js';
import { NoTenantTransaction } from '../../../core/auth/tenant-transaction.interceptor.js';
import { ApiErrors } from '../../../core/openapi/api-errors.decorator.js';
import { RateLimit } from '../../../core/rate-limit/rate-limit.decorator.js';
import { ValidBody } from '../../../core/validation/zod-validation.js';
import { AccountIntegrationsService } from './account-integrations.service.js';

@ApiTags('integrations')
@ApiBearerAuth()
@Controller('accounts/integrations')
@Roles('admin', 'owner')
export class AccountIntegrationsController {
  constructor(private readonly integrations: AccountIntegrationsService) {}

  @Get()
  @ApiErrors([401, 'unauthorized'], [403, 'forbidden'])
  get(@CurrentPrincipal() principal: Principal): Promise<AccountIntegrations> {
    return this.integrations.get(principal.accountId);
  }

  @Put()
  @ApiErrors(
    [400, 'validation_failed'],
    [401, 'unauthorized'],
    [403, 'forbidden'],
    [422, 'webhook_url_insecure'],
    [422, 'webhook_url_not_allowed'],
  )
  update(
    @CurrentPrincipal() principal: Principal,
    @ValidBody(updateAccountIntegrationsSchema) body: z.output<typeof updateAccountIntegrationsSchema>,
  ): Promise<AccountIntegrations> {
    return this.integrations.update(principal.accountId, body);
  }

  @Post('test')
  @HttpCode(200)
  // The service reads the URL in a short transaction instead of holding one across the webhook call.
  @NoTenantTransaction()
  @RateLimit({ name: 'chat-webhook-test', limit: 10, windowSeconds: 300, by: 'principal' })
  @ApiErrors(
    [400, 'validation_failed'],
    [401, 'unauthorized'],
    [403, 'forbidden'],
    [409, 'integration_not_configured'],
    [429, 'rate_limited'],
  )
  test(
    @CurrentPrincipal() principal: Principal,
    @ValidBody(testIntegrationRequestSchema) body: z.output<typeof testIntegrationRequestSchema>,
  ): Promise<IntegrationTestResult> {
    return this.integrations.test(principal.accountId, body.channel);
  }
}
