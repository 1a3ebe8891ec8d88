import { inject, Injectable } from '@angular/core';
import type { SalesLeadReceipt, SalesLeadRequest } from '@resolutionflow/contracts';
import { Observable } from 'rxjs';

import { ApiClient } from '../../core/api/api-client.service';

@Injectable({ providedIn: 'root' })
export class SalesLeadsApi {
  private readonly api = inject(ApiClient);

  submit(body: SalesLeadRequest): Observable<SalesLeadReceipt> {
    return this.api.post<SalesLeadReceipt>('/sales-leads', body);
  }
}
