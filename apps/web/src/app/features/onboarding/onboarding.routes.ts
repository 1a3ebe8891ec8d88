import { inject } from '@angular/core';
import { CanActivateFn, Router, Routes } from '@angular/router';

import { AuthStore } from '../../core/auth/auth-store.service';
import { stepBySlug, welcomeDecision, welcomePath } from './welcome-decision';

/** `/welcome` itself: straight on to where the decision table says. */
const welcomeEntryGuard: CanActivateFn = () => {
  const me = inject(AuthStore).me();
  return inject(Router).parseUrl(me ? welcomePath(welcomeDecision(me)) : '/');
};

/**
 * `/welcome/:step` opens only the step the table says is next, so a reload, the Back button or an
 * old link always resumes at the right place and a finished wizard cannot be reopened.
 */
const welcomeStepGuard: CanActivateFn = (route) => {
  const me = inject(AuthStore).me();
  const router = inject(Router);
  if (!me) return router.parseUrl('/');
  const decision = welcomeDecision(me);
  const requested = stepBySlug(route.paramMap.get('step') ?? undefined);
  if (decision.kind === 'step' && requested?.step === decision.step) return true;
  return router.parseUrl(welcomePath(decision));
};

export const ONBOARDING_ROUTES: Routes = [
  { path: '', pathMatch: 'full', canActivate: [welcomeEntryGuard], children: [] },
  {
    path: ':step',
    canActivate: [welcomeStepGuard],
    loadComponent: () => import('./welcome-wizard-page.component').then((m) => m.WelcomeWizardPageComponent),
  },
];
