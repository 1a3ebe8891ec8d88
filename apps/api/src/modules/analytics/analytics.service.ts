import { Injectable } from '@nestjs/common';
import { ANALYTICS_PERIOD_DAYS, type AnalyticsPeriod, type EscalationMetrics } from '@resolutionflow/contracts';
import type { Principal } from '../../core/auth/principal.js';
import { toEscalationMetrics } from './escalation-metrics.mapper.js';
import { EscalationMetricsRepository } from './escalation-metrics.repository.js';

@Injectable()
export class AnalyticsService {
  constructor(private readonly metrics: EscalationMetricsRepository) {}

  /** My account's escalations over the period: time to first action after pickup, time to claim, per day. */
  async escalationMetrics(principal: Principal, period: AnalyticsPeriod): Promise<EscalationMetrics> {
    const row = await this.metrics.compute(principal.accountId, ANALYTICS_PERIOD_DAYS[period]);
    return toEscalationMetrics(period, row);
  }
}
