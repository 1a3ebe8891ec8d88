import { inject, Signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import type { PublicConfig } from '@resolutionflow/contracts';
import { catchError, of } from 'rxjs';

import { AuthApi } from './auth-api.service';

/** Until the server answers, or if it cannot: open sign-up, no invite code, no OAuth buttons. */
const OPEN_CONFIG: PublicConfig = { selfServeEnabled: true, requireInviteCode: false, oauthProviders: [] };

/** This server's sign-up options (OAuth providers, invite codes) as a signal; call in an injection context. */
export function injectPublicConfig(): Signal<PublicConfig> {
  return toSignal(inject(AuthApi).publicConfig().pipe(catchError(() => of(OPEN_CONFIG))), { initialValue: OPEN_CONFIG });
}
