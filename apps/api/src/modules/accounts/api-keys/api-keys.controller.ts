import { Controller, Delete, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import {
  apiKeyPageSchema,
  createApiKeyRequestSchema,
  createdApiKeySchema,
  cursorQuerySchema,
  idParamsSchema,
  type ApiKey,
  type CreatedApiKey,
  type CursorQuery,
  type Page,
} from '@resolutionflow/contracts';
import type { z } from 'zod';
import { CurrentPrincipal, Roles } from '../../../core/auth/auth.decorators.js';
import type { Principal } from '../../../core/auth/principal.js';
import { ApiErrors } from '../../../core/openapi/api-errors.decorator.js';
import { ValidParams } from '../../../core/validation/valid-params.js';
import { toOpenApiSchema, ValidBody, ValidQuery } from '../../../core/validation/zod-validation.js';
import { ACCOUNT_ADMIN_ERRORS } from '../account-admin-errors.js';
import { ApiKeysService } from './api-keys.service.js';

@ApiTags('api-keys')
@ApiBearerAuth()
@Roles('owner', 'admin')
@Controller('accounts/api-keys')
export class ApiKeysController {
  constructor(private readonly keys: ApiKeysService) {}

  @Post()
  @ApiCreatedResponse({
    description: 'The key; `secret` is shown this once. Send it as `Authorization: Bearer rfk_…`',
    schema: toOpenApiSchema(createdApiKeySchema),
  })
  @ApiErrors([400, 'validation_failed'], ...ACCOUNT_ADMIN_ERRORS)
  create(
    @CurrentPrincipal() principal: Principal,
    @ValidBody(createApiKeyRequestSchema) body: z.output<typeof createApiKeyRequestSchema>,
  ): Promise<CreatedApiKey> {
    return this.keys.create(principal, body);
  }

  @Get()
  @ApiOkResponse({ description: 'Every key of the account, revoked ones included, newest first', schema: toOpenApiSchema(apiKeyPageSchema) })
  @ApiErrors([400, 'validation_failed'], ...ACCOUNT_ADMIN_ERRORS)
  list(@ValidQuery(cursorQuerySchema) query: CursorQuery): Promise<Page<ApiKey>> {
    return this.keys.list(query);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Revoked: the key stops working on its next request' })
  @ApiErrors([400, 'validation_failed'], ...ACCOUNT_ADMIN_ERRORS, [404, 'not_found'])
  async revoke(@CurrentPrincipal() principal: Principal, @ValidParams(idParamsSchema) { id }: z.output<typeof idParamsSchema>): Promise<void> {
    await this.keys.revoke(principal, id);
  }
}
