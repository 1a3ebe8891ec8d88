import { ElementRef, inject, Injector, signal } from '@angular/core';
import { Router } from '@angular/router';
import type { AuthResponse, Me } from '@resolutionflow/contracts';
import { firstValueFrom, Observable } from 'rxjs';

import { AuthStore } from '../../core/auth/auth-store.service';
import { Validation } from '../../shared/forms/field-errors';
import { FormSubmission } from '../../shared/forms/form-submission';

/**
 * A form whose answer is a session: signing in, signing up, joining by invitation. It submits
 * like any form; on success the session starts and the person lands where `landing` says.
 */
export class AuthForm extends FormSubmission {
  /** True once the session has started, while the next page loads: the page is no longer for signing in. */
  readonly succeeded = signal(false);

  constructor(
    host: HTMLElement,
    injector: Injector,
    private readonly auth: AuthStore,
    private readonly router: Router,
  ) {
    super(host, injector);
  }

  /** Submits `checked` with `request`; every way in (sign-in, sign-up, joining) ends signed in. */
  signIn<T>(checked: Validation<T>, request: (data: T) => Observable<AuthResponse>, landing: (user: Me) => string): Promise<void> {
    return this.submit(checked, async (data) => {
      const session = await firstValueFrom(request(data));
      this.auth.startSession(session);
      this.succeeded.set(true);
      await this.router.navigateByUrl(landing(session.user));
    });
  }
}

/** An AuthForm for the page being created; call in its injection context (a field). */
export function authForm(): AuthForm {
  return new AuthForm(inject(ElementRef<HTMLElement>).nativeElement, inject(Injector), inject(AuthStore), inject(Router));
}
