import { inject, Injectable } from '@angular/core';
import type {
  AccountInvite,
  CreateInviteRequest,
  InviteLookup,
  IssuedInvite,
  Member,
  Page,
  Role,
} from '@resolutionflow/contracts';
import { Observable } from 'rxjs';

import { ApiClient, pageParams } from '../../core/api/api-client.service';

/** Team members and invitations of the signed-in account, and the public invite lookup. */
@Injectable({ providedIn: 'root' })
export class AccountsApi {
  private readonly api = inject(ApiClient);

  lookupInvite(code: string): Observable<InviteLookup> {
    return this.api.get<InviteLookup>(`/accounts/invites/${encodeURIComponent(code)}/lookup`);
  }

  /** One page of members; the next one starts at the answer's `nextCursor`. */
  members(cursor?: string): Observable<Page<Member>> {
    return this.api.get<Page<Member>>('/accounts/members', { params: pageParams(cursor) });
  }

  changeRole(userId: string, role: Role): Observable<Member> {
    return this.api.patch<Member>(`/accounts/members/${userId}`, { role });
  }

  removeMember(userId: string): Observable<void> {
    return this.api.delete(`/accounts/members/${userId}`);
  }

  invites(cursor?: string): Observable<Page<AccountInvite>> {
    return this.api.get<Page<AccountInvite>>('/accounts/invites', { params: pageParams(cursor) });
  }

  invite(body: CreateInviteRequest): Observable<IssuedInvite> {
    return this.api.post<IssuedInvite>('/accounts/invites', body);
  }

  resendInvite(id: string): Observable<IssuedInvite> {
    return this.api.post<IssuedInvite>(`/accounts/invites/${id}/resend`, {});
  }

  revokeInvite(id: string): Observable<void> {
    return this.api.delete(`/accounts/invites/${id}`);
  }
}
