import { Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';

import { NAV_LINKS } from '../nav-links';
import { AppLayoutComponent } from './app-layout.component';

@Component({ template: '<h1>Routed page</h1>' })
class RoutedPageComponent {}

describe('AppLayoutComponent', () => {
  async function renderAt(url: string): Promise<HTMLElement> {
    TestBed.configureTestingModule({
      providers: [
        provideRouter([
          { path: '', component: AppLayoutComponent, children: [{ path: '**', component: RoutedPageComponent }] },
        ]),
      ],
    });
    const harness = await RouterTestingHarness.create(url);
    return harness.routeNativeElement as HTMLElement;
  }

  it('shows the product name linking home', async () => {
    const element = await renderAt('/');
    const brand = element.querySelector('header a.brand');
    expect(brand?.textContent?.trim()).toBe('ResolutionFlow');
    expect(brand?.getAttribute('href')).toBe('/');
  });

  it('renders one main-navigation link per NAV_LINKS entry', async () => {
    const element = await renderAt('/');
    const links = Array.from(element.querySelectorAll<HTMLAnchorElement>('nav[aria-label="Main"] a'));
    expect(links.map((link) => [link.getAttribute('href'), link.textContent?.trim()])).toEqual(
      NAV_LINKS.map((link) => [link.path, link.label]),
    );
  });

  it('marks the current page link and only on its exact URL', async () => {
    const home = await renderAt('/');
    expect(home.querySelector('nav a[href="/"]')?.getAttribute('aria-current')).toBe('page');

    TestBed.resetTestingModule();
    const elsewhere = await renderAt('/somewhere-else');
    expect(elsewhere.querySelector('nav a[href="/"]')?.hasAttribute('aria-current')).toBe(false);
  });

  it('renders the routed page inside main, below an empty banner slot', async () => {
    const element = await renderAt('/');
    expect(element.querySelector('main h1')?.textContent).toBe('Routed page');
    expect(element.querySelector('.banner-slot [role="status"]')).toBeNull();
  });
});
