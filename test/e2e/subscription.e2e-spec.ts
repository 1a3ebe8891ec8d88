import type { Browser } from 'playwright-core';
import { e2eEmail, PASSWORD, registerOwner, sql } from './support/app-data.js';
import { startApi, type ApiProcess } from './support/api-process.js';
import { capture, launchBrowser, newVisitor } from './support/browser.js';

describe('a lapsed subscription (browser)', () => {
  let api: ApiProcess;
  let browser: Browser;

  beforeAll(async () => {
    // No STRIPE_SECRET_KEY: checkout answers 503 stripe_not_configured, which the page must handle.
    [api, browser] = await Promise.all([startApi(), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await api?.stop();
  });

  it('a Pro page answering 402 leads to the subscription-needed page; billing shows the lapse and stays usable', async () => {
    const email = e2eEmail('lapsed');
    const owner = await registerOwner(api.origin, email, 'Lapsed IT');
    // The trial ran out yesterday (before any Pro call, so no cached entitlement is in the way).
    await sql(api.db.url, `UPDATE subscriptions SET trial_ends_at = now() - interval '1 day' WHERE account_id = $1`, [
      owner.user.account.id,
    ]);

    const { context, page } = await newVisitor(browser, api.origin);
    await page.goto('/login');
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((url) => url.pathname.startsWith('/welcome'));

    // Integrations needs Pro: the API answers 402 and the app explains instead of failing.
    await page.goto('/settings/integrations');
    await page.waitForURL('**/subscription-needed');
    await page.getByRole('heading', { level: 1, name: 'Your subscription needs attention' }).waitFor();
    await page.getByText('Trial ended', { exact: true }).waitFor();
    await capture(page, 'subscription-needed');

    await page.getByRole('link', { name: 'Choose a plan' }).click();
    await page.waitForURL('**/billing');
    await page.getByText('Pro features are paused.').waitFor();
    await page.getByText('Trial ended', { exact: true }).waitFor();
    await capture(page, 'billing-lapsed');

    await page.getByRole('button', { name: 'Choose Pro' }).click();
    await page.getByText('Online payment is not available on this server yet.').waitFor();
    expect(new URL(page.url()).pathname).toBe('/billing');
    await capture(page, 'billing-stripe-not-configured');
    await context.close();
  });
});
