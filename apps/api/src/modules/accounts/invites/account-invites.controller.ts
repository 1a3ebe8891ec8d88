import { Controller, Delete, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import {
  accountInvitePageSchema,
  createInviteRequestSchema,
  cursorQuerySchema,
  idParamsSchema,
  issuedInviteSchema,
  type AccountInvite,
  type CursorQuery,
  type IssuedInvite,
  type Page,
} from '@resolutionflow/contracts';
import type { z } from 'zod';
import { CurrentPrincipal, Roles } from '../../../core/auth/auth.decorators.js';
import type { Principal } from '../../../core/auth/principal.js';
import { ApiErrors } from '../../../core/openapi/api-errors.decorator.js';
import { ValidParams } from '../../../core/validation/valid-params.js';
import { toOpenApiSchema, ValidBody, ValidQuery } from '../../../core/validation/zod-validation.js';
import { ACCOUNT_ADMIN_ERRORS } from '../account-admin-errors.js';
import { AccountInvitesService } from './account-invites.service.js';

@ApiTags('invites')
@ApiBearerAuth()
@Roles('owner', 'admin')
@Controller('accounts/invites')
export class AccountInvitesController {
  constructor(private readonly invites: AccountInvitesService) {}

  @Post()
  @ApiCreatedResponse({ description: 'The invite and the emailed link', schema: toOpenApiSchema(issuedInviteSchema) })
  @ApiErrors(
    [400, 'validation_failed'],
    ...ACCOUNT_ADMIN_ERRORS,
    [409, 'invite_already_pending'],
    [409, 'email_already_registered'],
    [409, 'seat_limit_reached'],
  )
  create(
    @CurrentPrincipal() principal: Principal,
    @ValidBody(createInviteRequestSchema) body: z.output<typeof createInviteRequestSchema>,
  ): Promise<IssuedInvite> {
    return this.invites.create(principal, body);
  }

  @Get()
  @ApiOkResponse({
    description: 'Open invites and those accepted or revoked in the last 30 days, newest first',
    schema: toOpenApiSchema(accountInvitePageSchema),
  })
  @ApiErrors([400, 'validation_failed'], ...ACCOUNT_ADMIN_ERRORS)
  list(@ValidQuery(cursorQuerySchema) query: CursorQuery): Promise<Page<AccountInvite>> {
    return this.invites.list(query);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Revoked: the link no longer works' })
  @ApiErrors([400, 'validation_failed'], ...ACCOUNT_ADMIN_ERRORS, [404, 'not_found'], [409, 'invite_already_accepted'])
  async revoke(@CurrentPrincipal() principal: Principal, @ValidParams(idParamsSchema) { id }: z.output<typeof idParamsSchema>): Promise<void> {
    await this.invites.revoke(principal, id);
  }

  @Post(':id/resend')
  @HttpCode(200)
  @ApiOkResponse({
    description: 'The invite with a new code, expiry and link, emailed again',
    schema: toOpenApiSchema(issuedInviteSchema),
  })
  @ApiErrors([400, 'validation_failed'], ...ACCOUNT_ADMIN_ERRORS, [404, 'not_found'], [409, 'invite_not_resendable'], [409, 'seat_limit_reached'])
  resend(@CurrentPrincipal() principal: Principal, @ValidParams(idParamsSchema) { id }: z.output<typeof idParamsSchema>): Promise<IssuedInvite> {
    return this.invites.resend(principal, id);
  }
}
