import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';

import { aMe, anAuthResponse, BlankPageComponent, settle } from '../../../../testing/fixtures';
import { AuthStore } from '../../../core/auth/auth-store.service';
import { LoginPageComponent } from './login-page.component';

describe('LoginPageComponent', () => {
  let http: HttpTestingController;
  let harness: RouterTestingHarness;

  async function open(url = '/login', providers: string[] = []): Promise<HTMLElement> {
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter([
          { path: 'login', component: LoginPageComponent },
          { path: '**', component: BlankPageComponent },
        ]),
      ],
    });
    http = TestBed.inject(HttpTestingController);
    harness = await RouterTestingHarness.create(url);
    http.expectOne('/api/v1/config/public').flush({ selfServeEnabled: true, requireInviteCode: false, oauthProviders: providers });
    await harness.fixture.whenStable();
    return harness.routeNativeElement as HTMLElement;
  }

  const field = (page: HTMLElement, label: string) => {
    const labelElement = Array.from(page.querySelectorAll('label')).find((l) => l.textContent?.trim() === label)!;
    return page.querySelector<HTMLInputElement>(`#${labelElement.getAttribute('for')}`)!;
  };
  const type = (input: HTMLInputElement, value: string) => {
    input.value = value;
    input.dispatchEvent(new Event('input'));
  };
  const submit = async (page: HTMLElement) => {
    page.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
    await harness.fixture.whenStable();
  };

  afterEach(() => http.verify());

  it('has plain labelled email and password fields', async () => {
    const page = await open();
    expect(field(page, 'Email').type).toBe('email');
    expect(field(page, 'Password').type).toBe('password');
  });

  it('offers only the providers the server enabled', async () => {
    const none = await open();
    expect(none.textContent).not.toContain('Continue with Google');
    TestBed.resetTestingModule();
    const google = await open('/login', ['google']);
    const link = Array.from(google.querySelectorAll('a')).find((a) => a.textContent?.trim() === 'Continue with Google');
    expect(link?.getAttribute('href')).toBe('/api/v1/auth/oauth/google');
    expect(google.textContent).not.toContain('Microsoft');
  });

  it('keeps the return address for a provider sign-in, which cannot carry it', async () => {
    const page = await open('/login?returnUrl=%2Fsessions%2F42', ['google']);
    const link = Array.from(page.querySelectorAll('a')).find((a) => a.textContent?.trim() === 'Continue with Google')!;
    // The test has no page to leave for: keep the click from navigating jsdom.
    link.addEventListener('click', (event) => event.preventDefault());
    link.click();
    expect(sessionStorage.getItem('resolutionflow.oauthReturnUrl')).toBe('/sessions/42');
    sessionStorage.clear();
  });

  it('keeps no outside address for a provider sign-in', async () => {
    sessionStorage.setItem('resolutionflow.oauthReturnUrl', '/team');
    const page = await open('/login?returnUrl=https%3A%2F%2Fevil.example', ['google']);
    const link = Array.from(page.querySelectorAll('a')).find((a) => a.textContent?.trim() === 'Continue with Google')!;
    link.addEventListener('click', (event) => event.preventDefault());
    link.click();
    expect(sessionStorage.getItem('resolutionflow.oauthReturnUrl')).toBeNull();
  });

  it('shows field errors from the contract schema without calling the API', async () => {
    const page = await open();
    type(field(page, 'Email'), 'not-an-email');
    await submit(page);

    const email = field(page, 'Email');
    expect(email.getAttribute('aria-invalid')).toBe('true');
    const described = email.getAttribute('aria-describedby')!;
    expect(page.querySelector(`#${described}`)?.textContent?.trim()).toBe('Must be an email address.');
    expect(field(page, 'Password').getAttribute('aria-invalid')).toBe('true');
    await settle();
    expect(document.activeElement).toBe(email);
  });

  it('signs in and returns to where the person was going', async () => {
    const page = await open('/login?returnUrl=%2Fteam');
    type(field(page, 'Email'), 'Olivia@Acme.example');
    type(field(page, 'Password'), 'correct-horse-battery');
    await submit(page);

    const request = http.expectOne('/api/v1/auth/login');
    expect(request.request.body).toEqual({ email: 'olivia@acme.example', password: 'correct-horse-battery' });
    request.flush(anAuthResponse('token', aMe({ onboardingDismissed: true })));
    await settle();
    expect(TestBed.inject(AuthStore).accessToken()).toBe('token');
    expect(TestBed.inject(Router).url).toBe('/team');
  });

  it('continues an unfinished welcome wizard when there is nowhere else to go', async () => {
    const page = await open();
    type(field(page, 'Email'), 'olivia@acme.example');
    type(field(page, 'Password'), 'correct-horse-battery');
    await submit(page);
    http.expectOne('/api/v1/auth/login').flush(anAuthResponse('token', aMe({ onboardingStepCompleted: 1 })));
    await settle();
    expect(TestBed.inject(Router).url).toBe('/welcome/team');
  });

  it('says so when the password is wrong, and stays', async () => {
    const page = await open();
    type(field(page, 'Email'), 'olivia@acme.example');
    type(field(page, 'Password'), 'wrong');
    await submit(page);
    http
      .expectOne('/api/v1/auth/login')
      .flush({ statusCode: 401, error: 'invalid_credentials', message: 'x' }, { status: 401, statusText: 'Unauthorized' });
    await settle();
    await harness.fixture.whenStable();
    expect(page.querySelector('[role="alert"]')?.textContent?.trim()).toBe('The email or password is incorrect.');
    expect(TestBed.inject(Router).url).toBe('/login');
  });
});
