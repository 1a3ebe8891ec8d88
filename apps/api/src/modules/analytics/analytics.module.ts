import { Module } from '@nestjs/common';
import { BillingModule } from '../billing/billing.module.js';
import { AnalyticsController } from './analytics.controller.js';
import { AnalyticsService } from './analytics.service.js';
import { EscalationMetricsRepository } from './escalation-metrics.repository.js';

/** Account analytics: escalation metrics computed in PostgreSQL, never row by row in Node. */
@Module({
  imports: [BillingModule],
  controllers: [AnalyticsController],
  providers: [AnalyticsService, EscalationMetricsRepository],
})
export class AnalyticsModule {}
