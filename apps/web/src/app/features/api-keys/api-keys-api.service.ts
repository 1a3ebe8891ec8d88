import { inject, Injectable } from '@angular/core';
import type { ApiKey, CreateApiKeyRequest, CreatedApiKey, Page } from '@resolutionflow/contracts';
import { Observable } from 'rxjs';

import { ApiClient, pageParams } from '../../core/api/api-client.service';

@Injectable({ providedIn: 'root' })
export class ApiKeysApi {
  private readonly api = inject(ApiClient);

  /** One page of keys; the next one starts at the answer's `nextCursor`. */
  list(cursor?: string): Observable<Page<ApiKey>> {
    return this.api.get<Page<ApiKey>>('/accounts/api-keys', { params: pageParams(cursor) });
  }

  create(body: CreateApiKeyRequest): Observable<CreatedApiKey> {
    return this.api.post<CreatedApiKey>('/accounts/api-keys', body);
  }

  revoke(id: string): Observable<void> {
    return this.api.delete(`/accounts/api-keys/${id}`);
  }
}
