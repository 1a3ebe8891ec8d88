import { Controller, Headers, HttpCode, Post, Req } from '@nestjs/common';
import { ApiHeader, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { webhookReceiptSchema, type WebhookReceipt } from '@resolutionflow/contracts';
import type { FastifyRequest } from 'fastify';
import { Public } from '../../core/http/public.decorator.js';
import { KeepRawBody, rawBodyOf } from '../../core/http/raw-body.js';
import { ApiErrors } from '../../core/openapi/api-errors.decorator.js';
import { toOpenApiSchema } from '../../core/validation/zod-validation.js';
import { StripeWebhookService } from './stripe-webhook.service.js';

/** Stripe's calls into the product. Authenticated by the Stripe-Signature over the exact body bytes. */
@ApiTags('billing')
@Controller('billing')
export class StripeWebhookController {
  constructor(private readonly webhooks: StripeWebhookService) {}

  @Post('webhook')
  @Public()
  @KeepRawBody()
  @HttpCode(200)
  @ApiHeader({ name: 'stripe-signature', required: true, description: 'Signature Stripe computed with the endpoint secret' })
  @ApiOkResponse({ description: 'Stored: applied now, or already applied before (replays change nothing)', schema: toOpenApiSchema(webhookReceiptSchema) })
  @ApiErrors([400, 'invalid_signature'], [400, 'invalid_payload'], [503, 'stripe_not_configured'])
  async receive(@Req() request: FastifyRequest, @Headers('stripe-signature') signature: string | undefined): Promise<WebhookReceipt> {
    await this.webhooks.receive(rawBodyOf(request), signature);
    return { received: true };
  }
}
