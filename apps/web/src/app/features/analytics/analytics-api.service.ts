import { inject, Injectable } from '@angular/core';
import type { AnalyticsPeriod, EscalationMetrics } from '@resolutionflow/contracts';
import { Observable } from 'rxjs';

import { ApiClient } from '../../core/api/api-client.service';

@Injectable({ providedIn: 'root' })
export class AnalyticsApi {
  private readonly api = inject(ApiClient);

  escalations(period: AnalyticsPeriod): Observable<EscalationMetrics> {
    return this.api.get<EscalationMetrics>('/analytics/flowpilot/escalations', { params: { period } });
  }
}
