import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import {
  escalationMetricsQuerySchema,
  escalationMetricsSchema,
  type EscalationMetrics,
  type EscalationMetricsQuery,
} from '@resolutionflow/contracts';
import { CurrentPrincipal, Roles } from '../../core/auth/auth.decorators.js';
import type { Principal } from '../../core/auth/principal.js';
import { ApiErrors } from '../../core/openapi/api-errors.decorator.js';
import { toOpenApiSchema, ValidQuery } from '../../core/validation/zod-validation.js';
import { RequiresSubscription } from '../billing/subscription.guard.js';
import { AnalyticsService } from './analytics.service.js';

@ApiTags('analytics')
@ApiBearerAuth()
@RequiresSubscription()
@Controller('analytics')
export class AnalyticsController {
  constructor(private readonly analytics: AnalyticsService) {}

  @Get('flowpilot/escalations')
  @Roles('engineer', 'admin', 'owner')
  @ApiOkResponse({
    description:
      'Time to first action after pickup (not minutes saved: see `metricDefinition`), time to claim, ' +
      'and a zero-filled UTC daily series for the period',
    schema: toOpenApiSchema(escalationMetricsSchema),
  })
  @ApiErrors([400, 'validation_failed'], [401, 'unauthorized'], [403, 'forbidden'], [403, 'email_verification_required'])
  escalations(
    @CurrentPrincipal() principal: Principal,
    @ValidQuery(escalationMetricsQuerySchema) query: EscalationMetricsQuery,
  ): Promise<EscalationMetrics> {
    return this.analytics.escalationMetrics(principal, query.period);
  }
}
