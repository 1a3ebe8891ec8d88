import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';

import { BlankPageComponent, settle } from '../../../../testing/fixtures';
import { ResetPasswordPageComponent } from './reset-password-page.component';

describe('ResetPasswordPageComponent', () => {
  let http: HttpTestingController;
  let harness: RouterTestingHarness;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter([
          { path: 'reset-password', component: ResetPasswordPageComponent },
          { path: '**', component: BlankPageComponent },
        ]),
      ],
    });
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  const page = () => harness.routeNativeElement as HTMLElement;
  const heading = () => page().querySelector('h1')?.textContent?.trim();
  const type = (name: string, value: string) => {
    const input = page().querySelector<HTMLInputElement>(`input[name="${name}"]`)!;
    input.value = value;
    input.dispatchEvent(new Event('input'));
  };

  it('asks for an email without a token', async () => {
    harness = await RouterTestingHarness.create('/reset-password');
    expect(heading()).toBe('Reset your password');
  });

  it('switches to the request form when "Request a new link" leaves the token behind', async () => {
    harness = await RouterTestingHarness.create(`/reset-password?token=${'t'.repeat(40)}`);
    expect(heading()).toBe('Choose a new password');
    const before = harness.routeDebugElement?.componentInstance;

    type('password', 'correct-horse-battery');
    type('repeat', 'correct-horse-battery');
    page().querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
    await harness.fixture.whenStable();
    http
      .expectOne('/api/v1/auth/password-reset/confirm')
      .flush({ statusCode: 400, error: 'invalid_token', message: 'x' }, { status: 400, statusText: 'Bad Request' });
    await settle();
    await harness.fixture.whenStable();

    const link = Array.from(page().querySelectorAll('a')).find((a) => a.textContent?.trim() === 'Request a new link')!;
    link.click();
    await settle();
    await harness.fixture.whenStable();

    expect(TestBed.inject(Router).url).toBe('/reset-password');
    expect(harness.routeDebugElement?.componentInstance).toBe(before);
    expect(heading()).toBe('Reset your password');
    expect(page().querySelector('app-alert')).toBeNull();
    expect(page().querySelector('input[name="email"]')).not.toBeNull();
  });
});
