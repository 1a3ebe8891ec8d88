import { inject, Injectable } from '@angular/core';
import type {
  AdminPlan,
  CreateInviteCodeRequest,
  InviteCode,
  Page,
  UpdateAdminPlanRequest,
} from '@resolutionflow/contracts';
import { map, Observable } from 'rxjs';

import { ApiClient, pageParams } from '../../core/api/api-client.service';

/** Platform operator endpoints (super-admins only). */
@Injectable({ providedIn: 'root' })
export class AdminApi {
  private readonly api = inject(ApiClient);

  plans(): Observable<AdminPlan[]> {
    return this.api.get<{ items: AdminPlan[] }>('/admin/plan-limits').pipe(map((answer) => answer.items));
  }

  updatePlan(plan: string, body: UpdateAdminPlanRequest): Observable<AdminPlan> {
    return this.api.put<AdminPlan>(`/admin/plan-limits/${encodeURIComponent(plan)}`, body);
  }

  /** One page of codes; the next one starts at the answer's `nextCursor`. */
  inviteCodes(cursor?: string): Observable<Page<InviteCode>> {
    return this.api.get<Page<InviteCode>>('/admin/invite-codes', { params: pageParams(cursor) });
  }

  createInviteCode(body: CreateInviteCodeRequest): Observable<InviteCode> {
    return this.api.post<InviteCode>('/admin/invite-codes', body);
  }

  revokeInviteCode(id: string): Observable<void> {
    return this.api.delete(`/admin/invite-codes/${id}`);
  }
}
