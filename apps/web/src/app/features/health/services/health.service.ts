import { HttpErrorResponse } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type { HealthLive, HealthReady } from '@resolutionflow/contracts';
import { catchError, Observable, of, throwError } from 'rxjs';

import { ApiClient } from '../../../core/api/api-client.service';
import { ApiError } from '../../../core/api/api-error';

function isHealthReady(body: unknown): body is HealthReady {
  if (typeof body !== 'object' || body === null) return false;
  const { status, checks } = body as Partial<Record<keyof HealthReady, unknown>>;
  const database = (checks as { database?: { status?: unknown } } | undefined)?.database;
  return (status === 'ok' || status === 'unavailable') && (database?.status === 'up' || database?.status === 'down');
}

@Injectable({ providedIn: 'root' })
export class HealthService {
  private readonly api = inject(ApiClient);

  live(): Observable<HealthLive> {
    return this.api.get<HealthLive>('/health/live');
  }

  ready(): Observable<HealthReady> {
    return this.api.get<HealthReady>('/health/ready').pipe(
      catchError((error: unknown) => {
        // A not-ready API answers 503 with its report; which check failed is the answer to show.
        const response = error instanceof ApiError ? error.cause : undefined;
        if (response instanceof HttpErrorResponse && response.status === 503 && isHealthReady(response.error)) {
          return of(response.error);
        }
        return throwError(() => error);
      }),
    );
  }
}
