import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import type { Me } from '@resolutionflow/contracts';

import { aMe, anAuthResponse, settle } from '../../../../testing/fixtures';
import { AuthStore } from '../../auth/auth-store.service';
import { VerifyEmailBannerComponent } from './verify-email-banner.component';

describe('VerifyEmailBannerComponent', () => {
  let fixture: ComponentFixture<VerifyEmailBannerComponent>;
  let http: HttpTestingController;

  async function render(me: Me | null): Promise<HTMLElement> {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting()] });
    http = TestBed.inject(HttpTestingController);
    if (me) TestBed.inject(AuthStore).startSession(anAuthResponse('token', me));
    fixture = TestBed.createComponent(VerifyEmailBannerComponent);
    await fixture.whenStable();
    return fixture.nativeElement as HTMLElement;
  }

  const unverified = (deadline: string) => aMe({ emailVerified: false, emailVerificationDeadline: deadline });
  const resendButton = (element: HTMLElement) =>
    Array.from(element.querySelectorAll('button')).find((b) => b.textContent?.trim() === 'Resend email')!;

  afterEach(() => http.verify());

  it('renders nothing for a verified user or nobody', async () => {
    expect((await render(aMe())).textContent?.trim()).toBe('');
    TestBed.resetTestingModule();
    expect((await render(null)).textContent?.trim()).toBe('');
  });

  it('asks an unverified user to verify and says until when access stays complete', async () => {
    const element = await render(unverified('2099-05-01T10:00:00.000Z'));
    const banner = element.querySelector('[role="region"][aria-label="Email verification"]');
    expect(banner?.textContent).toContain('Please verify your email address.');
    expect(banner?.textContent).toContain('olivia@acme.example');
    expect(banner?.textContent).toMatch(/Open it before .*2099.* to keep full access\./);
    expect(banner?.getAttribute('data-restricted')).toBe('false');
  });

  it('says access is paused once the grace period is over', async () => {
    const element = await render(unverified('2020-01-01T00:00:00.000Z'));
    expect(element.textContent).toContain('Access to most of ResolutionFlow is paused until you open it.');
    expect(element.querySelector('.banner')?.getAttribute('data-restricted')).toBe('true');
  });

  it('pauses access on an open page as soon as the deadline passes', async () => {
    const deadline = Date.parse('2026-05-01T10:00:00.000Z');
    // Only the clock is fake: Angular's rendering still runs on real timers.
    jest.useFakeTimers({
      now: deadline - 20_000,
      doNotFake: ['setTimeout', 'clearTimeout', 'setImmediate', 'clearImmediate', 'queueMicrotask', 'nextTick', 'requestAnimationFrame', 'cancelAnimationFrame'],
    });
    try {
      const element = await render(unverified(new Date(deadline).toISOString()));
      expect(element.querySelector('.banner')?.getAttribute('data-restricted')).toBe('false');

      jest.advanceTimersByTime(30_000);
      await fixture.whenStable();
      expect(element.querySelector('.banner')?.getAttribute('data-restricted')).toBe('true');
      expect(element.textContent).toContain('Access to most of ResolutionFlow is paused until you open it.');
    } finally {
      fixture.destroy();
      jest.useRealTimers();
    }
  });

  it('resends the email and says so', async () => {
    const element = await render(unverified('2099-05-01T10:00:00.000Z'));
    resendButton(element).click();
    await fixture.whenStable();
    expect(resendButton(element).getAttribute('aria-busy')).toBe('true');
    http.expectOne('/api/v1/auth/resend-verification').flush(null, { status: 202, statusText: 'Accepted' });
    await settle();
    await fixture.whenStable();
    expect(element.querySelector('.outcome')?.textContent).toBe('Sent. Check your inbox (and the spam folder).');
  });

  it('says when to try again after too many resends', async () => {
    const element = await render(unverified('2099-05-01T10:00:00.000Z'));
    resendButton(element).click();
    http
      .expectOne('/api/v1/auth/resend-verification')
      .flush(
        { statusCode: 429, error: 'rate_limited', message: 'Too many', details: { retryAfterSeconds: 1200 } },
        { status: 429, statusText: 'Too Many Requests' },
      );
    await settle();
    await fixture.whenStable();
    expect(element.querySelector('.outcome')?.textContent).toBe('Too many requests. Please try again in 20 minutes.');
  });

  it('disappears when the address turns out to be verified already', async () => {
    const element = await render(unverified('2099-05-01T10:00:00.000Z'));
    resendButton(element).click();
    http
      .expectOne('/api/v1/auth/resend-verification')
      .flush({ statusCode: 409, error: 'email_already_verified', message: 'Verified' }, { status: 409, statusText: 'Conflict' });
    await settle();
    http.expectOne('/api/v1/auth/me').flush(aMe({ emailVerified: true }));
    await settle();
    await fixture.whenStable();
    expect(element.textContent?.trim()).toBe('');
  });
});
