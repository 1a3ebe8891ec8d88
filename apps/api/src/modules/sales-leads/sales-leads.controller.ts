import { Controller, Post, Req } from '@nestjs/common';
import { ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import { salesLeadReceiptSchema, salesLeadRequestSchema, type SalesLeadReceipt } from '@resolutionflow/contracts';
import type { FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { Public } from '../../core/http/public.decorator.js';
import { ApiErrors } from '../../core/openapi/api-errors.decorator.js';
import { RateLimit } from '../../core/rate-limit/rate-limit.decorator.js';
import { toOpenApiSchema, ValidBody } from '../../core/validation/zod-validation.js';
import { SalesLeadsService } from './sales-leads.service.js';

@ApiTags('sales-leads')
@Controller('sales-leads')
export class SalesLeadsController {
  constructor(private readonly leads: SalesLeadsService) {}

  @Post()
  @Public()
  @RateLimit({ name: 'sales-leads', limit: 5, windowSeconds: 3600, by: 'ip' })
  @ApiCreatedResponse({
    description: 'The lead is stored; the sales team is emailed and the event recorded in the background',
    schema: toOpenApiSchema(salesLeadReceiptSchema),
  })
  @ApiErrors([400, 'validation_failed'], [429, 'rate_limited'])
  submit(
    @ValidBody(salesLeadRequestSchema) body: z.output<typeof salesLeadRequestSchema>,
    @Req() request: FastifyRequest,
  ): Promise<SalesLeadReceipt> {
    return this.leads.submit(body, { ip: request.ip ?? null, userAgent: request.headers['user-agent'] ?? null });
  }
}
