import { Controller, Delete, Get, HttpCode, Patch } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import {
  cursorQuerySchema,
  memberPageSchema,
  memberSchema,
  updateMemberRoleRequestSchema,
  userIdParamsSchema,
  type CursorQuery,
  type Member,
  type Page,
} from '@resolutionflow/contracts';
import type { z } from 'zod';
import { CurrentPrincipal, Roles } from '../../../core/auth/auth.decorators.js';
import type { Principal } from '../../../core/auth/principal.js';
import { ApiErrors } from '../../../core/openapi/api-errors.decorator.js';
import { ValidParams } from '../../../core/validation/valid-params.js';
import { toOpenApiSchema, ValidBody, ValidQuery } from '../../../core/validation/zod-validation.js';
import { ACCOUNT_ADMIN_ERRORS } from '../account-admin-errors.js';
import { MembersService } from './members.service.js';

@ApiTags('members')
@ApiBearerAuth()
@Roles('owner', 'admin')
@Controller('accounts/members')
export class MembersController {
  constructor(private readonly members: MembersService) {}

  @Get()
  @ApiOkResponse({ description: 'Active members, oldest first', schema: toOpenApiSchema(memberPageSchema) })
  @ApiErrors([400, 'validation_failed'], ...ACCOUNT_ADMIN_ERRORS)
  list(@ValidQuery(cursorQuerySchema) query: CursorQuery): Promise<Page<Member>> {
    return this.members.list(query);
  }

  @Patch(':userId')
  @ApiOkResponse({ description: 'The member with the new role', schema: toOpenApiSchema(memberSchema) })
  @ApiErrors(
    [400, 'validation_failed'],
    ...ACCOUNT_ADMIN_ERRORS,
    [404, 'not_found'],
    [409, 'last_owner'],
    [422, 'cannot_change_own_role'],
  )
  changeRole(
    @CurrentPrincipal() principal: Principal,
    @ValidParams(userIdParamsSchema) { userId }: z.output<typeof userIdParamsSchema>,
    @ValidBody(updateMemberRoleRequestSchema) body: z.output<typeof updateMemberRoleRequestSchema>,
  ): Promise<Member> {
    return this.members.changeRole(principal, userId, body.role);
  }

  @Delete(':userId')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Removed: signed out everywhere, history kept' })
  @ApiErrors([400, 'validation_failed'], ...ACCOUNT_ADMIN_ERRORS, [404, 'not_found'], [409, 'last_owner'])
  async remove(
    @CurrentPrincipal() principal: Principal,
    @ValidParams(userIdParamsSchema) { userId }: z.output<typeof userIdParamsSchema>,
  ): Promise<void> {
    await this.members.remove(principal, userId);
  }
}
