import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import type { PublicPlan, Subscription } from '@resolutionflow/contracts';

import { BlankPageComponent, settle } from '../../../../testing/fixtures';
import { ExternalNavigation } from '../../../core/external-navigation.service';
import { BillingPageComponent } from './billing-page.component';

const PRO: PublicPlan = {
  plan: 'pro',
  displayName: 'Pro',
  priceCents: 4900,
  currency: 'usd',
  interval: 'month',
  limits: { seats: 10, monthlySessions: null, standaloneScriptSessions: 5, proFeatures: true },
};
const trial = (overrides: Partial<Subscription> = {}): Subscription => ({
  plan: 'pro',
  status: 'trialing',
  trialEndsAt: new Date(Date.now() + 5 * 86_400_000 - 60_000).toISOString(),
  currentPeriodEnd: null,
  cancelAtPeriodEnd: false,
  active: true,
  hasStripeCustomer: false,
  limits: PRO.limits,
  ...overrides,
});

describe('BillingPageComponent', () => {
  let http: HttpTestingController;
  let harness: RouterTestingHarness;
  const go = jest.fn();

  async function open(subscription: Subscription, url = '/billing'): Promise<HTMLElement> {
    go.mockReset();
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter([
          { path: 'billing', component: BillingPageComponent },
          { path: '**', component: BlankPageComponent },
        ]),
        { provide: ExternalNavigation, useValue: { go } },
      ],
    });
    http = TestBed.inject(HttpTestingController);
    harness = await RouterTestingHarness.create(url);
    http.expectOne('/api/v1/billing/subscription').flush(subscription);
    http.expectOne('/api/v1/billing/plans').flush({ items: [PRO] });
    await settle();
    await harness.fixture.whenStable();
    return harness.routeNativeElement as HTMLElement;
  }

  const button = (page: HTMLElement, text: string) =>
    Array.from(page.querySelectorAll('button')).find((b) => b.textContent?.trim() === text);

  afterEach(() => http.verify());

  it('shows the plan and the trial days left', async () => {
    const page = await open(trial());
    expect(page.textContent).toContain('5 days left in the Pro trial');
    expect(page.querySelector('app-status-pill')?.textContent?.trim()).toBe('Trial');
    expect(button(page, 'Manage payment and invoices')).toBeUndefined();
  });

  it('sends the browser to Stripe Checkout for a plan', async () => {
    const page = await open(trial());
    button(page, 'Choose Pro')!.click();
    const checkout = http.expectOne('/api/v1/billing/checkout-session');
    expect(checkout.request.body).toEqual({ plan: 'pro' });
    checkout.flush({ url: 'https://checkout.stripe.test/c/pay_123' });
    await settle();
    expect(go).toHaveBeenCalledWith('https://checkout.stripe.test/c/pay_123');
  });

  it('explains a server without Stripe instead of failing', async () => {
    const page = await open(trial());
    button(page, 'Choose Pro')!.click();
    http
      .expectOne('/api/v1/billing/checkout-session')
      .flush({ statusCode: 503, error: 'stripe_not_configured', message: 'x' }, { status: 503, statusText: 'Service Unavailable' });
    await settle();
    await harness.fixture.whenStable();
    expect(page.textContent).toContain('Online payment is not available on this server yet.');
    expect(go).not.toHaveBeenCalled();
    expect(button(page, 'Choose Pro')?.getAttribute('aria-busy')).toBeNull();
  });

  it('opens the portal for an account that has paid before', async () => {
    const page = await open(trial({ status: 'active', hasStripeCustomer: true, currentPeriodEnd: '2099-01-01T00:00:00Z' }));
    expect(page.textContent).toContain('Renews on');
    expect(page.textContent).toContain('Your current plan');
    button(page, 'Manage payment and invoices')!.click();
    http.expectOne('/api/v1/billing/portal-session').flush({ url: 'https://billing.stripe.test/p/session' });
    await settle();
    expect(go).toHaveBeenCalledWith('https://billing.stripe.test/p/session');
  });

  it('shows a lapsed subscription as paused, linking to what it means', async () => {
    const page = await open(trial({ trialEndsAt: '2020-01-01T00:00:00Z', active: false }));
    expect(page.textContent).toContain('Pro features are paused.');
    expect(page.querySelector('a[href="/subscription-needed"]')).not.toBeNull();
  });

  it('thanks the customer back from a successful checkout', async () => {
    const page = await open(trial(), '/billing?checkout=success');
    expect(page.textContent).toContain('Thank you! Your payment went through.');
  });
});
