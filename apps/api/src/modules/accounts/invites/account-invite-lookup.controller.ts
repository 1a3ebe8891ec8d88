import { Controller, Get, Param } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { inviteLookupSchema, type InviteLookup } from '@resolutionflow/contracts';
import { Public } from '../../../core/http/public.decorator.js';
import { ApiErrors } from '../../../core/openapi/api-errors.decorator.js';
import { RateLimit } from '../../../core/rate-limit/rate-limit.decorator.js';
import { toOpenApiSchema } from '../../../core/validation/zod-validation.js';
import { AccountInvitesService } from './account-invites.service.js';

/** The invitee's side, before they have an account: public, and rate-limited against guessing. */
@ApiTags('invites')
@Public()
@Controller('accounts/invites')
export class AccountInviteLookupController {
  constructor(private readonly invites: AccountInvitesService) {}

  @Get(':code/lookup')
  @RateLimit({ name: 'invite-lookup', limit: 30, windowSeconds: 900, by: 'ip' })
  @ApiOkResponse({ description: 'Who invited whom, to which account, with which role', schema: toOpenApiSchema(inviteLookupSchema) })
  @ApiErrors([404, 'invite_invalid_or_expired_or_revoked'], [429, 'rate_limited'])
  lookup(@Param('code') code: string): Promise<InviteLookup> {
    return this.invites.lookup(code);
  }
}
