import { Component } from '@angular/core';
import type { AuthResponse, Me } from '@resolutionflow/contracts';

/** A routed page that renders nothing, for router tests. */
@Component({ template: '' })
export class BlankPageComponent {}

export function aMe(overrides: Partial<Me> = {}): Me {
  return {
    id: '00000000-0000-4000-8000-000000000001',
    email: 'olivia@acme.example',
    name: 'Olivia Owner',
    role: 'owner',
    superAdmin: false,
    emailVerified: true,
    emailVerificationDeadline: null,
    account: { id: '00000000-0000-4000-8000-0000000000a1', name: 'Acme IT' },
    subscription: { plan: 'pro', status: 'trialing', trialEndsAt: '2099-01-01T00:00:00.000Z' },
    onboardingStepCompleted: null,
    onboardingDismissed: false,
    createdAt: '2026-01-01T00:00:00.000Z',
    ...overrides,
  };
}

export function anAuthResponse(accessToken: string, user: Me = aMe()): AuthResponse {
  return { accessToken, expiresIn: 900, refreshToken: 'r'.repeat(40), user };
}

/** Lets queued promise callbacks and the microtasks they chain run. */
export function settle(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}
