import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import type { InviteLookup } from '@resolutionflow/contracts';

import { aMe, anAuthResponse, BlankPageComponent, settle } from '../../../../testing/fixtures';
import { AcceptInvitePageComponent } from './accept-invite-page.component';

const LOOKUP: InviteLookup = {
  accountName: 'Acme IT',
  inviterName: 'Olivia Owner',
  invitedEmail: 'tara@acme.example',
  role: 'engineer',
};
/** While set, navigation away from the page waits for it, as a slow next page would. */
let nextPageReady: Promise<boolean> | null = null;
const DEAD = { statusCode: 404, error: 'invite_invalid_or_expired_or_revoked', message: 'Invalid' };

describe('AcceptInvitePageComponent', () => {
  let http: HttpTestingController;
  let harness: RouterTestingHarness;

  async function open(url: string, answer: (code: string) => void): Promise<HTMLElement> {
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter([
          { path: 'accept-invite', component: AcceptInvitePageComponent },
          { path: '**', component: BlankPageComponent, canActivate: [() => nextPageReady ?? true] },
        ]),
      ],
    });
    http = TestBed.inject(HttpTestingController);
    harness = await RouterTestingHarness.create(url);
    http.expectOne('/api/v1/auth/refresh').flush({ statusCode: 401, error: 'invalid_refresh_token', message: 'x' }, { status: 401, statusText: 'Unauthorized' });
    http.expectOne('/api/v1/config/public').flush({ selfServeEnabled: true, requireInviteCode: false, oauthProviders: ['google', 'microsoft'] });
    answer(url);
    await settle();
    await harness.fixture.whenStable();
    return harness.routeNativeElement as HTMLElement;
  }

  const lookup = () => http.expectOne('/api/v1/accounts/invites/code-123/lookup');

  afterEach(() => {
    nextPageReady = null;
    http.verify();
  });

  it('invites to the account by name, with the invited address locked (not an input)', async () => {
    const page = await open('/accept-invite?code=code-123', () => lookup().flush(LOOKUP));
    expect(page.querySelector('h1')?.textContent?.trim()).toBe('Join Acme IT on ResolutionFlow');
    expect(page.textContent).toContain('Olivia Owner invited you to join as Engineer.');

    const locked = page.querySelector('.locked-email');
    expect(locked?.tagName).toBe('DIV');
    expect(locked?.textContent).toContain('tara@acme.example');
    expect(page.querySelector('input[type="email"]')).toBeNull();
    expect(Array.from(page.querySelectorAll('input')).some((input) => input.value === 'tara@acme.example')).toBe(false);
  });

  it('offers Google and Microsoft carrying the invitation', async () => {
    const page = await open('/accept-invite?code=code-123', () => lookup().flush(LOOKUP));
    const hrefs = Array.from(page.querySelectorAll('a')).map((a) => a.getAttribute('href'));
    expect(hrefs).toContain('/api/v1/auth/oauth/google?accountInviteCode=code-123&invitedEmail=tara%40acme.example');
    expect(hrefs).toContain('/api/v1/auth/oauth/microsoft?accountInviteCode=code-123&invitedEmail=tara%40acme.example');
  });

  it('joins with a password and lands on the teammate welcome, not the wizard', async () => {
    const page = await open('/accept-invite?code=code-123', () => lookup().flush(LOOKUP));
    const inputs = page.querySelectorAll<HTMLInputElement>('form input');
    inputs[0]!.value = 'Tara Teammate';
    inputs[0]!.dispatchEvent(new Event('input'));
    inputs[1]!.value = 'correct-horse-battery';
    inputs[1]!.dispatchEvent(new Event('input'));
    page.querySelector<HTMLButtonElement>('form button[type="submit"]')!.click();
    await harness.fixture.whenStable();

    const register = http.expectOne('/api/v1/auth/register');
    expect(register.request.body).toEqual({
      name: 'Tara Teammate',
      password: 'correct-horse-battery',
      email: 'tara@acme.example',
      accountInviteCode: 'code-123',
    });
    register.flush(anAuthResponse('token', aMe({ role: 'engineer', email: 'tara@acme.example' })));
    await settle();
    expect(TestBed.inject(Router).url).toBe('/?welcome=teammate');
  });

  it('does not ask the person who just joined to sign out while the next page loads', async () => {
    let openNextPage!: (ready: boolean) => void;
    nextPageReady = new Promise((resolve) => (openNextPage = resolve));
    const page = await open('/accept-invite?code=code-123', () => lookup().flush(LOOKUP));
    const inputs = page.querySelectorAll<HTMLInputElement>('form input');
    inputs[0]!.value = 'Tara Teammate';
    inputs[0]!.dispatchEvent(new Event('input'));
    inputs[1]!.value = 'correct-horse-battery';
    inputs[1]!.dispatchEvent(new Event('input'));
    page.querySelector<HTMLButtonElement>('form button[type="submit"]')!.click();
    await harness.fixture.whenStable();
    http.expectOne('/api/v1/auth/register').flush(anAuthResponse('token', aMe({ role: 'engineer', email: 'tara@acme.example' })));
    await settle();
    // whenStable() would wait for the held navigation itself.
    harness.fixture.detectChanges();

    expect(TestBed.inject(Router).url).toBe('/accept-invite?code=code-123');
    expect(page.textContent).not.toContain('You are signed in as');
    expect(page.querySelector('form button[type="submit"]')?.getAttribute('aria-busy')).toBe('true');

    openNextPage(true);
    await settle();
    expect(TestBed.inject(Router).url).toBe('/?welcome=teammate');
  });

  it('explains a dead link with whom to ask and a mailto fallback', async () => {
    const page = await open('/accept-invite?code=code-123', () => lookup().flush(DEAD, { status: 404, statusText: 'Not Found' }));
    expect(page.querySelector('h1')?.textContent?.trim()).toBe('This invitation link does not work');
    expect(page.textContent).toContain('Ask the person who invited you to resend the invitation.');
    const mailto = Array.from(page.querySelectorAll('a')).find((a) => a.getAttribute('href')?.startsWith('mailto:'));
    expect(mailto?.textContent?.trim()).toBe('Email a request to resend');
  });

  it('names the inviter when the invitation dies while the page is open', async () => {
    const page = await open('/accept-invite?code=code-123', () => lookup().flush(LOOKUP));
    const inputs = page.querySelectorAll<HTMLInputElement>('form input');
    inputs[0]!.value = 'Tara';
    inputs[0]!.dispatchEvent(new Event('input'));
    inputs[1]!.value = 'correct-horse-battery';
    inputs[1]!.dispatchEvent(new Event('input'));
    page.querySelector<HTMLButtonElement>('form button[type="submit"]')!.click();
    await harness.fixture.whenStable();
    http.expectOne('/api/v1/auth/register').flush({ ...DEAD, statusCode: 400 }, { status: 400, statusText: 'Bad Request' });
    await settle();
    await harness.fixture.whenStable();
    expect(page.textContent).toContain('Ask Olivia Owner to resend the invitation.');
  });

  it('treats a link without a code as dead without asking the API', async () => {
    const page = await open('/accept-invite', () => undefined);
    expect(page.querySelector('h1')?.textContent?.trim()).toBe('This invitation link does not work');
  });
});
