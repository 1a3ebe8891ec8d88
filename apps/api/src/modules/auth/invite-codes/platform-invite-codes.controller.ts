import { Controller, Delete, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import {
  createInviteCodeRequestSchema,
  cursorQuerySchema,
  idParamsSchema,
  inviteCodePageSchema,
  inviteCodeSchema,
  type CursorQuery,
  type InviteCode,
  type Page,
} from '@resolutionflow/contracts';
import type { z } from 'zod';
import { CurrentPrincipal, SuperAdminOnly } from '../../../core/auth/auth.decorators.js';
import type { Principal } from '../../../core/auth/principal.js';
import { ApiErrors } from '../../../core/openapi/api-errors.decorator.js';
import { ValidParams } from '../../../core/validation/valid-params.js';
import { toOpenApiSchema, ValidBody, ValidQuery } from '../../../core/validation/zod-validation.js';
import { PlatformInviteCodesService } from './platform-invite-codes.service.js';

const SUPER_ADMIN_ERRORS: [number, string][] = [
  [401, 'unauthorized'],
  [403, 'forbidden'],
  [403, 'email_verification_required'],
];

@ApiTags('admin')
@ApiBearerAuth()
@SuperAdminOnly()
@Controller('admin/invite-codes')
export class PlatformInviteCodesController {
  constructor(private readonly codes: PlatformInviteCodesService) {}

  @Post()
  @ApiCreatedResponse({ description: 'The code; a readable one is generated when none is given', schema: toOpenApiSchema(inviteCodeSchema) })
  @ApiErrors([400, 'validation_failed'], ...SUPER_ADMIN_ERRORS, [409, 'invite_code_exists'])
  create(
    @CurrentPrincipal() principal: Principal,
    @ValidBody(createInviteCodeRequestSchema) body: z.output<typeof createInviteCodeRequestSchema>,
  ): Promise<InviteCode> {
    return this.codes.create(body, principal.userId);
  }

  @Get()
  @ApiOkResponse({ description: 'Every code, newest first', schema: toOpenApiSchema(inviteCodePageSchema) })
  @ApiErrors([400, 'validation_failed'], ...SUPER_ADMIN_ERRORS)
  list(@ValidQuery(cursorQuerySchema) query: CursorQuery): Promise<Page<InviteCode>> {
    return this.codes.list(query);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Revoked: sign-ups with this code are refused from now on' })
  @ApiErrors([400, 'validation_failed'], ...SUPER_ADMIN_ERRORS, [404, 'not_found'])
  async revoke(@CurrentPrincipal() principal: Principal, @ValidParams(idParamsSchema) { id }: z.output<typeof idParamsSchema>): Promise<void> {
    await this.codes.revoke(id, principal.userId);
  }
}
