import { Routes } from '@angular/router';

export const ADMIN_ROUTES: Routes = [
  { path: '', pathMatch: 'full', redirectTo: 'plans' },
  {
    path: 'plans',
    title: 'Plans · ResolutionFlow',
    loadComponent: () => import('./pages/plan-limits-page.component').then((m) => m.PlanLimitsPageComponent),
  },
  {
    path: 'invite-codes',
    title: 'Invite codes · ResolutionFlow',
    loadComponent: () => import('./pages/invite-codes-page.component').then((m) => m.InviteCodesPageComponent),
  },
];
