import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';

import { aMe, anAuthResponse } from '../testing/fixtures';
import { routes } from './app.routes';
import { AuthStore } from './core/auth/auth-store.service';

describe('app routes', () => {
  let http: HttpTestingController;

  async function visit(url: string, signedIn: boolean): Promise<{ url: string; page: HTMLElement }> {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter(routes)] });
    http = TestBed.inject(HttpTestingController);
    const auth = TestBed.inject(AuthStore);
    if (signedIn) auth.startSession(anAuthResponse('token', aMe({ onboardingDismissed: true })));
    else auth.endSession();
    const harness = await RouterTestingHarness.create(url);
    await harness.fixture.whenStable();
    return { url: TestBed.inject(Router).url, page: harness.routeNativeElement as HTMLElement };
  }

  afterEach(() => {
    http.match(() => true);
  });

  it('shows the home page at / to someone signed in', async () => {
    const { url, page } = await visit('/', true);
    expect(url).toBe('/');
    expect(page.querySelector('main h1')?.textContent?.trim()).toBe('Hi, Olivia');
  });

  it('sends someone signed out from / and from account pages to sign-in', async () => {
    expect((await visit('/', false)).url).toBe('/login');
    TestBed.resetTestingModule();
    expect((await visit('/team', false)).url).toBe('/login?returnUrl=%2Fteam');
  });

  it('keeps signed-in people off the sign-in page', async () => {
    expect((await visit('/login', true)).url).toBe('/');
  });

  it('keeps engineers off the team page and everyone but operators off admin pages', async () => {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter(routes)] });
    http = TestBed.inject(HttpTestingController);
    TestBed.inject(AuthStore).startSession(anAuthResponse('token', aMe({ role: 'engineer', onboardingDismissed: true })));
    const harness = await RouterTestingHarness.create('/team');
    expect(TestBed.inject(Router).url).toBe('/');
    await harness.navigateByUrl('/admin/plans');
    expect(TestBed.inject(Router).url).toBe('/');
  });

  it('shows public pages and a not-found page to anyone', async () => {
    const pricing = await visit('/pricing', false);
    expect(pricing.url).toBe('/pricing');
    expect(pricing.page.querySelector('h1')?.textContent?.trim()).toBe('Plans for MSP teams');
    TestBed.resetTestingModule();
    const missing = await visit('/no-such-page', true);
    expect(missing.page.querySelector('h1')?.textContent?.trim()).toBe('Page not found');
  });
});
