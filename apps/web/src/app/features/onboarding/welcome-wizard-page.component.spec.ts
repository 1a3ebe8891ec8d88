import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter, Router, withComponentInputBinding } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import type { Me } from '@resolutionflow/contracts';

import { aMe, anAuthResponse, BlankPageComponent, settle } from '../../../testing/fixtures';
import { AuthStore } from '../../core/auth/auth-store.service';
import { ONBOARDING_ROUTES } from './onboarding.routes';

describe('the welcome wizard', () => {
  let http: HttpTestingController;
  let harness: RouterTestingHarness;

  async function open(url: string, me: Me): Promise<HTMLElement> {
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter(
          [
            { path: 'welcome', children: ONBOARDING_ROUTES },
            { path: '**', component: BlankPageComponent },
          ],
          withComponentInputBinding(),
        ),
      ],
    });
    http = TestBed.inject(HttpTestingController);
    TestBed.inject(AuthStore).startSession(anAuthResponse('token', me));
    harness = await RouterTestingHarness.create(url);
    await harness.fixture.whenStable();
    return harness.routeNativeElement as HTMLElement;
  }

  const url = () => TestBed.inject(Router).url;
  const button = (page: HTMLElement, text: string) =>
    Array.from(page.querySelectorAll('button')).find((b) => b.textContent?.trim() === text)!;
  const select = (page: HTMLElement, name: string, value: string) => {
    const element = page.querySelector<HTMLSelectElement>(`select[name="${name}"]`)!;
    element.value = value;
    element.dispatchEvent(new Event('change'));
  };

  afterEach(() => http.verify());

  it('/welcome opens the next step of the table', async () => {
    await open('/welcome', aMe({ onboardingStepCompleted: 1 }));
    expect(url()).toBe('/welcome/team');
  });

  it('refuses to open another step than the next one', async () => {
    await open('/welcome/tools', aMe({ onboardingStepCompleted: null }));
    expect(url()).toBe('/welcome/shop');
  });

  it('sends invitees home', async () => {
    await open('/welcome/shop', aMe({ role: 'engineer' }));
    expect(url()).toBe('/');
  });

  it('pre-fills step 1 from the account name', async () => {
    const page = await open('/welcome/shop', aMe());
    expect(page.querySelector('h1')?.textContent?.trim()).toBe('Your shop');
    expect(page.querySelector<HTMLInputElement>('input[name="companyName"]')?.value).toBe('Acme IT');
  });

  it('Continue saves step 1, reads /auth/me again, then moves to step 2', async () => {
    const page = await open('/welcome/shop', aMe());
    select(page, 'teamSize', '6-10');
    select(page, 'role', 'lead_tech');
    button(page, 'Continue').click();
    await harness.fixture.whenStable();

    const save = http.expectOne('/api/v1/users/me/onboarding-step');
    expect(save.request.method).toBe('PATCH');
    expect(save.request.body).toEqual({
      step: 1,
      action: 'complete',
      data: { companyName: 'Acme IT', teamSize: '6-10', role: 'lead_tech' },
    });
    save.flush({ onboardingStepCompleted: 1, onboardingDismissed: false, appliedToAccount: true });
    await settle();
    expect(url()).toBe('/welcome/shop');
    http.expectOne('/api/v1/auth/me').flush(aMe({ onboardingStepCompleted: 1 }));
    await settle();
    expect(url()).toBe('/welcome/team');
  });

  it('does not save an incomplete step 1', async () => {
    const page = await open('/welcome/shop', aMe());
    button(page, 'Continue').click();
    await harness.fixture.whenStable();
    expect(page.querySelector('select[name="teamSize"]')?.getAttribute('aria-invalid')).toBe('true');
    expect(page.textContent).toContain('This field is required.');
  });

  it('Skip this step records a skip', async () => {
    const page = await open('/welcome/team', aMe({ onboardingStepCompleted: 1 }));
    button(page, 'Skip this step').click();
    const save = http.expectOne('/api/v1/users/me/onboarding-step');
    expect(save.request.body).toEqual({ step: 2, action: 'skip' });
    save.flush({ onboardingStepCompleted: 2, onboardingDismissed: false, appliedToAccount: false });
    await settle();
    http.expectOne('/api/v1/auth/me').flush(aMe({ onboardingStepCompleted: 2 }));
    await settle();
    expect(url()).toBe('/welcome/tools');
  });

  it('moves focus to the new step heading after Skip', async () => {
    const page = await open('/welcome/team', aMe({ onboardingStepCompleted: 1 }));
    button(page, 'Skip this step').click();
    http.expectOne('/api/v1/users/me/onboarding-step').flush({ onboardingStepCompleted: 2, onboardingDismissed: false, appliedToAccount: false });
    await settle();
    http.expectOne('/api/v1/auth/me').flush(aMe({ onboardingStepCompleted: 2 }));
    await settle();
    await harness.fixture.whenStable();

    const heading = page.querySelector<HTMLElement>('h1')!;
    expect(heading.textContent?.trim()).toBe('Connect your tools');
    expect(heading.getAttribute('tabindex')).toBe('-1');
    expect(document.activeElement).toBe(heading);
  });

  it('Skip the rest dismisses the wizard and goes home', async () => {
    const page = await open('/welcome/team', aMe({ onboardingStepCompleted: 1 }));
    button(page, 'Skip the rest').click();
    http.expectOne('/api/v1/users/me/onboarding-dismiss-rest').flush({ onboardingStepCompleted: 1, onboardingDismissed: true });
    await settle();
    http.expectOne('/api/v1/auth/me').flush(aMe({ onboardingStepCompleted: 1, onboardingDismissed: true }));
    await settle();
    expect(url()).toBe('/');
  });

  it('stays on the step with the reason when saving fails', async () => {
    const page = await open('/welcome/team', aMe({ onboardingStepCompleted: 1 }));
    button(page, 'Skip the rest').click();
    http.expectOne('/api/v1/users/me/onboarding-dismiss-rest').error(new ProgressEvent('error'));
    await settle();
    await harness.fixture.whenStable();
    expect(url()).toBe('/welcome/team');
    expect(page.querySelector('[role="alert"]')?.textContent?.trim()).toBe(
      'The server could not be reached. Check your connection and try again.',
    );
  });

  it('step 2 sends only the filled-in addresses and reports the outcome on step 3', async () => {
    const page = await open('/welcome/team', aMe({ onboardingStepCompleted: 1 }));
    button(page, 'Add another').click();
    await harness.fixture.whenStable();
    const emails = page.querySelectorAll<HTMLInputElement>('input[type="email"]');
    emails[1]!.value = 'tara@acme.example';
    emails[1]!.dispatchEvent(new Event('input'));
    button(page, 'Continue').click();
    await harness.fixture.whenStable();

    const save = http.expectOne('/api/v1/users/me/onboarding-step');
    expect(save.request.body).toEqual({
      step: 2,
      action: 'complete',
      data: { invites: [{ email: 'tara@acme.example', role: 'engineer' }] },
    });
    save.flush({
      onboardingStepCompleted: 2,
      onboardingDismissed: false,
      appliedToAccount: true,
      invites: [{ email: 'tara@acme.example', role: 'engineer', status: 'invited' }],
    });
    await settle();
    http.expectOne('/api/v1/auth/me').flush(aMe({ onboardingStepCompleted: 2 }));
    await settle();
    await harness.fixture.whenStable();
    expect(url()).toBe('/welcome/tools');
    expect(page.textContent).toContain('Invitations sent: 1.');
  });

  it('points an invalid address at its own row', async () => {
    const page = await open('/welcome/team', aMe({ onboardingStepCompleted: 1 }));
    button(page, 'Add another').click();
    await harness.fixture.whenStable();
    const emails = page.querySelectorAll<HTMLInputElement>('input[type="email"]');
    emails[1]!.value = 'nope';
    emails[1]!.dispatchEvent(new Event('input'));
    button(page, 'Continue').click();
    await harness.fixture.whenStable();
    expect(emails[0]!.getAttribute('aria-invalid')).toBeNull();
    expect(emails[1]!.getAttribute('aria-invalid')).toBe('true');
  });
});
