import { inject, Injectable } from '@angular/core';
import type { AuthResponse, LoginRequest, PublicConfig, RegisterRequest } from '@resolutionflow/contracts';
import { Observable, shareReplay } from 'rxjs';

import { ApiClient } from '../../core/api/api-client.service';
import { sessionCall } from '../../core/auth/session-context';

/** The auth endpoints the sign-in, sign-up and recovery pages call. */
@Injectable({ providedIn: 'root' })
export class AuthApi {
  private readonly api = inject(ApiClient);
  private config$: Observable<PublicConfig> | null = null;

  /** Sign-up options of this server; read once per page load. */
  publicConfig(): Observable<PublicConfig> {
    this.config$ ??= this.api.get<PublicConfig>('/config/public').pipe(shareReplay({ bufferSize: 1, refCount: false }));
    return this.config$;
  }

  register(body: RegisterRequest): Observable<AuthResponse> {
    return this.api.post<AuthResponse>('/auth/register', body, { context: sessionCall() });
  }

  login(body: LoginRequest): Observable<AuthResponse> {
    return this.api.post<AuthResponse>('/auth/login', body, { context: sessionCall() });
  }

  exchangeOAuthCode(code: string): Observable<AuthResponse> {
    return this.api.post<AuthResponse>('/auth/oauth/exchange', { code }, { context: sessionCall() });
  }

  verifyEmail(token: string): Observable<void> {
    return this.api.post<void>('/auth/verify-email', { token }, { context: sessionCall() });
  }

  requestPasswordReset(email: string): Observable<void> {
    return this.api.post<void>('/auth/password-reset/request', { email }, { context: sessionCall() });
  }

  confirmPasswordReset(token: string, password: string): Observable<void> {
    return this.api.post<void>('/auth/password-reset/confirm', { token, password }, { context: sessionCall() });
  }
}
