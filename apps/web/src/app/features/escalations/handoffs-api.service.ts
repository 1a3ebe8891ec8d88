import { inject, Injectable } from '@angular/core';
import type { EscalationQueueItem, Handoff } from '@resolutionflow/contracts';
import { map, Observable } from 'rxjs';

import { ApiClient } from '../../core/api/api-client.service';

/** The escalation queue and claiming escalations from it. */
@Injectable({ providedIn: 'root' })
export class HandoffsApi {
  private readonly api = inject(ApiClient);

  queue(): Observable<EscalationQueueItem[]> {
    return this.api.get<{ items: EscalationQueueItem[] }>('/ai-sessions/escalations', { params: { limit: 100 } }).pipe(map((page) => page.items));
  }

  /** The escalation a session waits on (or its latest), with the assessment once it is ready. */
  current(sessionId: string): Observable<Handoff> {
    return this.api.get<Handoff>(`/ai-sessions/${sessionId}/handoff`);
  }

  /** Claiming again what I already claimed answers the same handoff (the API makes it idempotent). */
  claim(sessionId: string, handoffId: string): Observable<Handoff> {
    return this.api.post<Handoff>(`/ai-sessions/${sessionId}/handoffs/${handoffId}/claim`, {});
  }

  /** For an escalation requested before handoffs existed (a queue card without a handoff id). */
  pickup(sessionId: string): Observable<Handoff> {
    return this.api.post<Handoff>(`/ai-sessions/${sessionId}/pickup`, {});
  }
}
