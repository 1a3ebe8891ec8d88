import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import type { PublicConfig } from '@resolutionflow/contracts';

import { BlankPageComponent, settle } from '../../../../testing/fixtures';
import { SignupPageComponent } from './signup-page.component';

const SELF_SERVE: PublicConfig = { selfServeEnabled: true, requireInviteCode: false, oauthProviders: [] };

describe('SignupPageComponent', () => {
  let http: HttpTestingController;
  let harness: RouterTestingHarness;

  async function open(url: string, config: PublicConfig = SELF_SERVE): Promise<HTMLElement> {
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter([
          { path: 'signup', component: SignupPageComponent },
          { path: '**', component: BlankPageComponent },
        ]),
      ],
    });
    http = TestBed.inject(HttpTestingController);
    harness = await RouterTestingHarness.create(url);
    http.expectOne('/api/v1/config/public').flush(config);
    await harness.fixture.whenStable();
    return harness.routeNativeElement as HTMLElement;
  }

  const label = (page: HTMLElement, text: string) =>
    Array.from(page.querySelectorAll('label')).find((l) => l.textContent?.trim().startsWith(text));
  const field = (page: HTMLElement, text: string) => page.querySelector<HTMLInputElement>(`#${label(page, text)!.getAttribute('for')}`)!;
  const type = (input: HTMLInputElement, value: string) => {
    input.value = value;
    input.dispatchEvent(new Event('input'));
  };
  async function fillAndSubmit(page: HTMLElement): Promise<void> {
    type(field(page, 'Your name'), 'Olivia Owner');
    type(field(page, 'Work email'), 'olivia@acme.example');
    type(field(page, 'Password'), 'correct-horse-battery');
    page.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
    await harness.fixture.whenStable();
  }

  afterEach(() => http.verify());

  it('hides the invite code when sign-up is open and the link carries none', async () => {
    const page = await open('/signup');
    expect(label(page, 'Invite code')).toBeUndefined();
  });

  it('shows a code from the link even when codes are optional, so it can be cleared', async () => {
    const page = await open('/signup?inviteCode=USED');
    expect(field(page, 'Invite code').value).toBe('USED');
    expect(label(page, 'Invite code')?.textContent).toContain('(optional)');

    type(field(page, 'Invite code'), '');
    await harness.fixture.whenStable();
    expect(label(page, 'Invite code')).toBeDefined();
    await fillAndSubmit(page);
    expect(http.expectOne('/api/v1/auth/register').request.body.inviteCode).toBeUndefined();
  });

  it('shows the invite code field after the API refuses the code it was sent', async () => {
    const page = await open('/signup');
    await fillAndSubmit(page);
    http
      .expectOne('/api/v1/auth/register')
      .flush(
        { statusCode: 400, error: 'invite_code_invalid', message: 'This invite code is invalid, expired or used up' },
        { status: 400, statusText: 'Bad Request' },
      );
    await settle();
    await harness.fixture.whenStable();
    expect(label(page, 'Invite code')).toBeDefined();
  });

  it('requires the code where the server asks for one', async () => {
    const page = await open('/signup', { selfServeEnabled: false, requireInviteCode: true, oauthProviders: [] });
    expect(label(page, 'Invite code')?.textContent).not.toContain('(optional)');
    await fillAndSubmit(page);
    expect(page.textContent).toContain('Enter the invite code you received.');
  });
});
