import { Controller, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { chatExchangeSchema, idParamsSchema, postMessageRequestSchema, type ChatDoneEvent } from '@resolutionflow/contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { CurrentPrincipal, Roles } from '../../core/auth/auth.decorators.js';
import type { Principal } from '../../core/auth/principal.js';
import { NoTenantTransaction } from '../../core/auth/tenant-transaction.interceptor.js';
import { toErrorEnvelope } from '../../core/errors/error-envelope.js';
import { ApiErrors } from '../../core/openapi/api-errors.decorator.js';
import { ValidParams } from '../../core/validation/valid-params.js';
import { toOpenApiSchema, ValidBody } from '../../core/validation/zod-validation.js';
import { RequiresSubscription } from '../billing/subscription.guard.js';
import { ChatService } from './chat.service.js';
import { SESSION_ROUTE_ERRORS } from './session-errors.js';
import { SseWriter } from './sse-writer.js';

@ApiTags('sessions')
@ApiBearerAuth()
@RequiresSubscription()
@Roles('engineer', 'admin', 'owner')
@Controller('ai-sessions')
export class ChatController {
  constructor(private readonly chat: ChatService) {}

  @Post(':id/messages')
  // The assistant may take a while: the steps are stored in short transactions of their own.
  @NoTenantTransaction()
  @ApiOperation({
    summary: 'Send a message to the assistant (owner or claimer)',
    description:
      'Stores the engineer\'s step, asks the assistant and stores its reply and any fixes it proposes. With `Accept: text/event-stream` ' +
      'the reply streams as `delta` events (`{text}`) and ends with `done` (`{userMessageId, assistantMessageId, proposedFixIds, stateVersion}`) ' +
      'or `error` (the error envelope). Otherwise 201 with the JSON exchange. A client that disconnects mid-stream still gets the whole reply stored.',
  })
  @ApiProduces('application/json', 'text/event-stream')
  @ApiCreatedResponse({ description: 'The stored exchange', schema: toOpenApiSchema(chatExchangeSchema) })
  @ApiErrors(
    [400, 'validation_failed'],
    ...SESSION_ROUTE_ERRORS,
    [404, 'not_found'],
    [409, 'session_resolved'],
    [502, 'ai_unavailable'],
    [504, 'ai_timeout'],
  )
  async post(
    @CurrentPrincipal() principal: Principal,
    @ValidParams(idParamsSchema) { id }: z.output<typeof idParamsSchema>,
    @ValidBody(postMessageRequestSchema) body: z.output<typeof postMessageRequestSchema>,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const exchange = await this.chat.open(principal, id, body.content);
    if (!(request.headers.accept ?? '').includes('text/event-stream')) {
      await reply.status(201).send(await this.chat.complete(exchange));
      return;
    }
    const sse = new SseWriter(reply);
    try {
      const done = await this.chat.complete(exchange, (text) => sse.send('delta', { text }));
      const event: ChatDoneEvent = {
        userMessageId: done.userMessage.id,
        assistantMessageId: done.assistantMessage.id,
        proposedFixIds: done.proposedFixes.map((f) => f.id),
        stateVersion: done.stateVersion,
      };
      sse.send('done', event);
    } catch (error) {
      sse.send('error', toErrorEnvelope(error).envelope);
    } finally {
      sse.end();
    }
  }
}
