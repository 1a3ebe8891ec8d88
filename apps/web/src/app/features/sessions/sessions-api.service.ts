import { inject, Injectable } from '@angular/core';
import type {
  CreateHandoffRequest,
  CreateSessionRequest,
  EscalationTarget,
  EscalationTargetList,
  FixChange,
  Handoff,
  Page,
  PsaTicketLink,
  PsaTicketList,
  RecordFixOutcomeRequest,
  ResolvedSession,
  SessionDetail,
  SessionSummary,
} from '@resolutionflow/contracts';
import { map, Observable } from 'rxjs';

import { ApiClient } from '../../core/api/api-client.service';

/** Sessions (FlowPilot): the sidebar, a session, its fixes, resolving, parking, escalating, its ticket. */
@Injectable({ providedIn: 'root' })
export class SessionsApi {
  private readonly api = inject(ApiClient);

  list(cursor?: string): Observable<Page<SessionSummary>> {
    return this.api.get<Page<SessionSummary>>('/ai-sessions', { params: { limit: 50, ...(cursor ? { cursor } : {}) } });
  }

  create(body: CreateSessionRequest): Observable<SessionDetail> {
    return this.api.post<SessionDetail>('/ai-sessions', body);
  }

  get(id: string): Observable<SessionDetail> {
    return this.api.get<SessionDetail>(`/ai-sessions/${id}`);
  }

  recordOutcome(id: string, fixId: string, body: RecordFixOutcomeRequest): Observable<FixChange> {
    return this.api.patch<FixChange>(`/ai-sessions/${id}/fixes/${fixId}/outcome`, body);
  }

  resolve(id: string, note?: string): Observable<ResolvedSession> {
    return this.api.post<ResolvedSession>(`/ai-sessions/${id}/resolve`, note ? { note } : {});
  }

  park(id: string): Observable<SessionDetail> {
    return this.api.post<SessionDetail>(`/ai-sessions/${id}/park`, {});
  }

  handOff(id: string, body: CreateHandoffRequest): Observable<Handoff> {
    return this.api.post<Handoff>(`/ai-sessions/${id}/handoff`, body);
  }

  /** Teammates an escalation can be sent to, by name (engineers, admins and owners, not me). */
  escalationTargets(): Observable<readonly EscalationTarget[]> {
    return this.api.get<EscalationTargetList>('/ai-sessions/escalation-targets').pipe(map((list) => list.items));
  }

  searchTickets(search: string): Observable<PsaTicketList> {
    return this.api.get<PsaTicketList>('/psa/tickets', { params: { limit: 10, ...(search ? { search } : {}) } });
  }

  linkTicket(id: string, ticketId: string): Observable<PsaTicketLink> {
    return this.api.put<PsaTicketLink>(`/ai-sessions/${id}/psa-ticket`, { ticketId });
  }

  unlinkTicket(id: string): Observable<SessionSummary> {
    return this.api.delete<SessionSummary>(`/ai-sessions/${id}/psa-ticket`);
  }

  spinOffTicket(id: string): Observable<PsaTicketLink> {
    return this.api.post<PsaTicketLink>(`/ai-sessions/${id}/psa-ticket/spin-off`, {});
  }
}
