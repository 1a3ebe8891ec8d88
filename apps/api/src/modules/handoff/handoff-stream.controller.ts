import { Controller, Get, Headers, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import { LIVE_EVENT_TYPES } from '@resolutionflow/contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CurrentPrincipal, Roles } from '../../core/auth/auth.decorators.js';
import type { Principal } from '../../core/auth/principal.js';
import { AcceptsStreamTicket } from '../../core/auth/stream-ticket.decorator.js';
import { NoTenantTransaction } from '../../core/auth/tenant-transaction.interceptor.js';
import { writeEventStream } from '../../core/events/event-stream-response.js';
import { LiveEvents } from '../../core/events/live-events.js';
import { liveStream } from '../../core/events/live-stream.js';
import { ApiErrors } from '../../core/openapi/api-errors.decorator.js';
import { RequiresSubscription } from '../billing/subscription.guard.js';
import { EscalationStreamAccess, STREAM_ROLES } from './escalation-stream-access.js';

const TYPES = new Set<string>(LIVE_EVENT_TYPES);

/** A client that stops reading loses its stream past this much queued data, and resumes with Last-Event-ID. */
const MAX_PENDING_BYTES = 256 * 1024;

@ApiTags('handoffs')
@ApiBearerAuth()
@Controller('ai-sessions/escalations')
export class HandoffStreamController {
  constructor(
    private readonly live: LiveEvents,
    private readonly access: EscalationStreamAccess,
  ) {}

  @Get('stream')
  @ApiProduces('text/event-stream')
  @Roles(...STREAM_ROLES)
  @RequiresSubscription()
  @NoTenantTransaction()
  @AcceptsStreamTicket()
  @ApiQuery({ name: 'ticket', required: false, description: 'A stream ticket from `POST /auth/stream-ticket`, for EventSource clients' })
  @ApiOkResponse({
    description:
      'Server-sent events of my account: `ready`, then `handoff_created`, `handoff_claimed`, `handoff_closed`, `handoff_assessment_ready`, `notification_created` (mine only). ' +
      'Every event has an `id`; reconnect with `Last-Event-ID` to get what you missed. A `: heartbeat` comment every 20 s. ' +
      'When the caller loses access while connected (member removed or demoted to viewer, API key revoked, subscription lapsed), ' +
      'a last `access_revoked` event `{reason}` (no id) ends the stream; reconnecting is refused too.',
  })
  @ApiErrors([401, 'unauthorized'], [403, 'forbidden'])
  stream(
    @CurrentPrincipal() principal: Principal,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Headers('last-event-id') lastEventId?: string,
  ): void {
    // Personal notifications go to people only; an API key sees the account's handoff events.
    const userId = principal.kind === 'user' ? principal.userId : null;
    const events = liveStream(this.live, { accountId: principal.accountId, userId, lastEventId, types: TYPES });
    writeEventStream(request, reply, this.access.watch(principal, events), MAX_PENDING_BYTES);
  }
}
