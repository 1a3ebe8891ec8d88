import { inject } from '@angular/core';
import { CanActivateFn, Router } from '@angular/router';
import type { Role } from '@resolutionflow/contracts';

import { AuthStore } from './auth-store.service';
import { loginUrlFor } from './return-url';

/** Only for someone signed in; others go to the sign-in page and come back after. */
export const signedInGuard: CanActivateFn = async (_route, state) => {
  const auth = inject(AuthStore);
  const router = inject(Router);
  await auth.ready();
  return auth.signedIn() || router.parseUrl(loginUrlFor(state.url));
};

/** Sign-in and sign-up pages: someone already signed in goes home instead. */
export const guestOnlyGuard: CanActivateFn = async () => {
  const auth = inject(AuthStore);
  const router = inject(Router);
  await auth.ready();
  return !auth.signedIn() || router.parseUrl('/');
};

/** Pages of the platform operators. */
export const superAdminGuard: CanActivateFn = async (_route, state) => {
  const auth = inject(AuthStore);
  const router = inject(Router);
  await auth.ready();
  if (!auth.signedIn()) return router.parseUrl(loginUrlFor(state.url));
  return auth.me()?.superAdmin === true || router.parseUrl('/');
};

/** Pages only some roles of the account may use (the API enforces it; this spares a page of 403s). */
export function roleGuard(...roles: Role[]): CanActivateFn {
  return async (_route, state) => {
    const auth = inject(AuthStore);
    const router = inject(Router);
    await auth.ready();
    if (!auth.signedIn()) return router.parseUrl(loginUrlFor(state.url));
    const role = auth.me()?.role;
    return (role !== undefined && roles.includes(role)) || router.parseUrl('/');
  };
}
