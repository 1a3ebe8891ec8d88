import { inject, Injectable } from '@angular/core';
import type { OnboardingState, OnboardingStepRequest, OnboardingStepResult } from '@resolutionflow/contracts';
import { Observable } from 'rxjs';

import { ApiClient } from '../../core/api/api-client.service';

@Injectable({ providedIn: 'root' })
export class OnboardingApi {
  private readonly api = inject(ApiClient);

  saveStep(body: OnboardingStepRequest): Observable<OnboardingStepResult> {
    return this.api.patch<OnboardingStepResult>('/users/me/onboarding-step', body);
  }

  dismissRest(): Observable<OnboardingState> {
    return this.api.post<OnboardingState>('/users/me/onboarding-dismiss-rest', {});
  }
}
