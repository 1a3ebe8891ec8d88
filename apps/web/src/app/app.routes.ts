import { Routes } from '@angular/router';

import { guestOnlyGuard, roleGuard, signedInGuard, superAdminGuard } from './core/auth/auth.guards';
import { AppLayoutComponent } from './core/layout/app-layout/app-layout.component';
import { PublicLayoutComponent } from './core/layout/public-layout/public-layout.component';

const PRODUCT = 'ResolutionFlow';
const title = (page: string) => `${page} · ${PRODUCT}`;
const managers = roleGuard('owner', 'admin');
const responders = roleGuard('owner', 'admin', 'engineer');

export const routes: Routes = [
  // Signed-in pages first: an empty-path parent with children also matches '/' on its own, so the
  // public frame must not come first or it would claim the home page with nothing in it.
  {
    path: '',
    component: AppLayoutComponent,
    canActivate: [signedInGuard],
    canActivateChild: [signedInGuard],
    children: [
      {
        path: '',
        pathMatch: 'full',
        title: title('Home'),
        loadComponent: () => import('./features/home/home-page.component').then((m) => m.HomePageComponent),
      },
      {
        path: 'pilot',
        title: title('Sessions'),
        loadChildren: () => import('./features/sessions/sessions.routes').then((m) => m.SESSIONS_ROUTES),
      },
      {
        path: 'escalations',
        title: title('Escalations'),
        canActivate: [responders],
        loadComponent: () =>
          import('./features/escalations/pages/escalation-queue-page.component').then((m) => m.EscalationQueuePageComponent),
      },
      {
        path: 'notifications',
        title: title('Notifications'),
        loadComponent: () =>
          import('./features/notifications/pages/notifications-page.component').then((m) => m.NotificationsPageComponent),
      },
      {
        path: 'analytics',
        title: title('Analytics'),
        canActivate: [responders],
        loadComponent: () => import('./features/analytics/pages/analytics-page.component').then((m) => m.AnalyticsPageComponent),
      },
      {
        path: 'welcome',
        title: title('Welcome'),
        loadChildren: () => import('./features/onboarding/onboarding.routes').then((m) => m.ONBOARDING_ROUTES),
      },
      {
        path: 'team',
        title: title('Team'),
        canActivate: [managers],
        loadComponent: () => import('./features/accounts/pages/team-page.component').then((m) => m.TeamPageComponent),
      },
      {
        path: 'billing',
        title: title('Billing'),
        canActivate: [managers],
        loadComponent: () => import('./features/billing/pages/billing-page.component').then((m) => m.BillingPageComponent),
      },
      {
        path: 'subscription-needed',
        title: title('Subscription needed'),
        loadComponent: () =>
          import('./features/billing/pages/subscription-needed-page.component').then(
            (m) => m.SubscriptionNeededPageComponent,
          ),
      },
      {
        path: 'settings/api-keys',
        title: title('API keys'),
        canActivate: [managers],
        loadComponent: () =>
          import('./features/api-keys/pages/api-keys-page.component').then((m) => m.ApiKeysPageComponent),
      },
      {
        path: 'settings/integrations',
        title: title('Integrations'),
        canActivate: [managers],
        loadComponent: () =>
          import('./features/integrations/pages/integrations-page.component').then((m) => m.IntegrationsPageComponent),
      },
      {
        path: 'admin',
        canActivate: [superAdminGuard],
        loadChildren: () => import('./features/admin/admin.routes').then((m) => m.ADMIN_ROUTES),
      },
      {
        path: 'status',
        title: title('System status'),
        loadComponent: () =>
          import('./features/health/components/system-status-page/system-status-page.component').then(
            (m) => m.SystemStatusPageComponent,
          ),
      },
    ],
  },
  {
    path: '',
    component: PublicLayoutComponent,
    children: [
      {
        path: 'login',
        title: title('Sign in'),
        canActivate: [guestOnlyGuard],
        loadComponent: () => import('./features/auth/pages/login-page.component').then((m) => m.LoginPageComponent),
      },
      {
        path: 'signup',
        title: title('Create an account'),
        canActivate: [guestOnlyGuard],
        loadComponent: () => import('./features/auth/pages/signup-page.component').then((m) => m.SignupPageComponent),
      },
      {
        path: 'auth/callback',
        title: title('Signing in'),
        loadComponent: () =>
          import('./features/auth/pages/oauth-callback-page.component').then((m) => m.OAuthCallbackPageComponent),
      },
      {
        path: 'verify-email',
        title: title('Verify your email'),
        loadComponent: () =>
          import('./features/auth/pages/verify-email-page.component').then((m) => m.VerifyEmailPageComponent),
      },
      {
        path: 'reset-password',
        title: title('Reset your password'),
        loadComponent: () =>
          import('./features/auth/pages/reset-password-page.component').then((m) => m.ResetPasswordPageComponent),
      },
      {
        path: 'accept-invite',
        title: title('Join your team'),
        loadComponent: () =>
          import('./features/accounts/pages/accept-invite-page.component').then((m) => m.AcceptInvitePageComponent),
      },
      {
        path: 'pricing',
        title: title('Pricing'),
        loadComponent: () =>
          import('./features/sales-leads/pages/pricing-page.component').then((m) => m.PricingPageComponent),
      },
    ],
  },
  {
    path: '',
    component: PublicLayoutComponent,
    children: [
      {
        path: '**',
        title: title('Page not found'),
        loadComponent: () => import('./core/not-found/not-found-page.component').then((m) => m.NotFoundPageComponent),
      },
    ],
  },
];
