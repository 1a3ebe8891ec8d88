import { inject, Injectable } from '@angular/core';
import type {
  AccountIntegrations,
  ChatChannel,
  IntegrationTestResult,
  PsaConnection,
  PsaConnectionTestResult,
  UpdateAccountIntegrations,
  UpsertPsaConnectionRequest,
} from '@resolutionflow/contracts';
import { catchError, Observable, of, throwError } from 'rxjs';

import { ApiClient } from '../../core/api/api-client.service';
import { toApiError } from '../../core/api/api-error';

/** The account's PSA connection and its Slack/Teams/email notification channels. */
@Injectable({ providedIn: 'root' })
export class IntegrationsApi {
  private readonly api = inject(ApiClient);

  /** The saved ConnectWise connection, or null when there is none yet. */
  psaConnection(): Observable<PsaConnection | null> {
    return this.api.get<PsaConnection>('/psa/connection').pipe(
      catchError((error: unknown) => (toApiError(error).code === 'psa_not_connected' ? of(null) : throwError(() => error))),
    );
  }

  savePsaConnection(body: UpsertPsaConnectionRequest): Observable<PsaConnection> {
    return this.api.put<PsaConnection>('/psa/connection', body);
  }

  removePsaConnection(): Observable<void> {
    return this.api.delete('/psa/connection');
  }

  testPsaConnection(): Observable<PsaConnectionTestResult> {
    return this.api.post<PsaConnectionTestResult>('/psa/connection/test', {});
  }

  chatChannels(): Observable<AccountIntegrations> {
    return this.api.get<AccountIntegrations>('/accounts/integrations');
  }

  updateChatChannels(body: UpdateAccountIntegrations): Observable<AccountIntegrations> {
    return this.api.put<AccountIntegrations>('/accounts/integrations', body);
  }

  testChatChannel(channel: ChatChannel): Observable<IntegrationTestResult> {
    return this.api.post<IntegrationTestResult>('/accounts/integrations/test', { channel });
  }
}
