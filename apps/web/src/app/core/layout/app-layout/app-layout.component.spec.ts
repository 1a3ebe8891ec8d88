import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import type { Me } from '@resolutionflow/contracts';

import { aMe, anAuthResponse, settle } from '../../../../testing/fixtures';
import { AuthStore } from '../../auth/auth-store.service';
import { navLinksFor, NAV_LINKS } from '../nav-links';
import { AppLayoutComponent } from './app-layout.component';

@Component({ template: '<h1>Routed page</h1>' })
class RoutedPageComponent {}

describe('AppLayoutComponent', () => {
  async function renderAt(url: string, me: Me = aMe()): Promise<HTMLElement> {
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter([
          { path: '', component: AppLayoutComponent, children: [{ path: '**', component: RoutedPageComponent }] },
        ]),
      ],
    });
    TestBed.inject(AuthStore).startSession(anAuthResponse('token', me));
    const harness = await RouterTestingHarness.create(url);
    return harness.routeNativeElement as HTMLElement;
  }

  const linkTexts = (element: HTMLElement) =>
    Array.from(element.querySelectorAll<HTMLAnchorElement>('nav[aria-label="Main"] a')).map((link) => [
      link.getAttribute('href'),
      link.textContent?.trim(),
    ]);

  it('shows the product name linking home', async () => {
    const element = await renderAt('/');
    const brand = element.querySelector('header a.brand');
    expect(brand?.textContent?.trim()).toBe('ResolutionFlow');
    expect(brand?.getAttribute('href')).toBe('/');
  });

  it('shows owners every account link and no operator links', async () => {
    const element = await renderAt('/');
    expect(linkTexts(element)).toEqual(
      NAV_LINKS.filter((link) => !link.superAdmin).map((link) => [link.path, link.label]),
    );
  });

  it('hides team, billing and settings from engineers', async () => {
    const element = await renderAt('/', aMe({ role: 'engineer' }));
    expect(linkTexts(element)).toEqual([
      ['/', 'Home'],
      ['/pilot', 'Sessions'],
      ['/escalations', 'Escalations'],
      ['/analytics', 'Analytics'],
      ['/status', 'System status'],
    ]);
  });

  it('gives viewers sessions but not the escalation queue or analytics', () => {
    const labels = navLinksFor(aMe({ role: 'viewer' })).map((link) => link.label);
    expect(labels).toContain('Sessions');
    expect(labels).not.toContain('Escalations');
    expect(labels).not.toContain('Analytics');
  });

  it('adds the operator pages for super-admins', () => {
    const labels = navLinksFor(aMe({ superAdmin: true })).map((link) => link.label);
    expect(labels).toContain('Plans');
    expect(labels).toContain('Invite codes');
    expect(navLinksFor(null)).toEqual([]);
  });

  it('marks the current page link and only on its exact URL', async () => {
    const home = await renderAt('/');
    expect(home.querySelector('nav a[href="/"]')?.getAttribute('aria-current')).toBe('page');

    TestBed.resetTestingModule();
    const elsewhere = await renderAt('/team');
    expect(elsewhere.querySelector('nav a[href="/"]')?.hasAttribute('aria-current')).toBe(false);
    expect(elsewhere.querySelector('nav a[href="/team"]')?.getAttribute('aria-current')).toBe('page');
  });

  it('renders the routed page inside main, with no banner for a verified user', async () => {
    const element = await renderAt('/');
    expect(element.querySelector('main h1')?.textContent).toBe('Routed page');
    expect(element.querySelector('.banner-slot')?.textContent?.trim()).toBe('');
  });

  it('shows who is signed in and signs out to the sign-in page', async () => {
    const element = await renderAt('/team');
    expect(element.querySelector('.who')?.textContent).toContain('Olivia Owner');
    const signOut = Array.from(element.querySelectorAll('button')).find((b) => b.textContent?.trim() === 'Sign out')!;
    signOut.click();
    TestBed.inject(HttpTestingController).expectOne('/api/v1/auth/logout').flush(null, { status: 204, statusText: 'No Content' });
    await settle();
    expect(TestBed.inject(AuthStore).signedIn()).toBe(false);
    expect(TestBed.inject(Router).url).toBe('/login');
  });
});
