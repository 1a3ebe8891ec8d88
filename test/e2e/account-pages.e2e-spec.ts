import type { Browser, Page } from 'playwright-core';
import { ConnectWiseStandIn } from '../support/connectwise-stand-in.js';
import { e2eEmail, PASSWORD, registerOwner, sql } from './support/app-data.js';
import { startApi, type ApiProcess } from './support/api-process.js';
import { capture, launchBrowser, newVisitor } from './support/browser.js';

describe('account settings pages (browser)', () => {
  const connectWise = new ConnectWiseStandIn();
  let api: ApiProcess;
  let browser: Browser;

  beforeAll(async () => {
    await connectWise.start();
    [api, browser] = await Promise.all([startApi(), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await api?.stop();
    await connectWise.stop();
  });

  async function signIn(page: Page, email: string, then: string): Promise<void> {
    await page.goto(`/login?returnUrl=${encodeURIComponent(then)}`);
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((url) => url.pathname === then);
  }

  const getWithKey = (path: string, key: string) =>
    fetch(`${api.origin}/api/v1${path}`, { headers: { authorization: `Bearer ${key}` } }).then((r) => r.status);

  it('creates an API key whose secret is shown once and works, then revokes it from a dialog', async () => {
    const email = e2eEmail('keys');
    await registerOwner(api.origin, email);
    const { context, page } = await newVisitor(browser, api.origin);
    await signIn(page, email, '/settings/api-keys');
    await page.getByText('No keys yet.').waitFor();

    await page.getByLabel('Name').fill('PSA sync script');
    await page.getByLabel('Role').selectOption('engineer');
    await page.getByRole('button', { name: 'Create key' }).click();
    const secret = (await page.getByTestId('api-key-secret').textContent())!.trim();
    expect(secret).toMatch(/^rfk_/);
    await page.getByRole('button', { name: 'Copy key' }).waitFor();
    await capture(page, 'api-keys-created');
    expect(await getWithKey('/billing/subscription', secret)).toBe(200);

    // Never shown again: after a reload only the prefix is listed.
    await page.reload();
    const row = page.getByRole('row').filter({ hasText: 'PSA sync script' });
    await row.waitFor();
    expect(await page.getByTestId('api-key-secret').count()).toBe(0);
    expect(await page.content()).not.toContain(secret);

    await row.getByRole('button', { name: 'Revoke PSA sync script' }).click();
    const dialog = page.getByRole('dialog', { name: 'Revoke “PSA sync script”?' });
    await dialog.waitFor();
    // Focus starts inside and Tab cannot leave the dialog.
    for (let i = 0; i < 4; i++) await page.keyboard.press('Tab');
    expect(await dialog.evaluate((element) => element.contains(document.activeElement))).toBe(true);
    await capture(page, 'api-keys-revoke-dialog');
    await dialog.getByRole('button', { name: 'Revoke key' }).click();
    await row.getByText('Revoked').waitFor();
    expect(await getWithKey('/billing/subscription', secret)).toBe(401);
    await context.close();
  });

  it('connects ConnectWise and tests the connection; Slack and Teams are offered', async () => {
    const email = e2eEmail('psa');
    await registerOwner(api.origin, email);
    const { context, page } = await newVisitor(browser, api.origin);
    await signIn(page, email, '/settings/integrations');
    const card = page.getByRole('region', { name: 'ConnectWise Manage' });
    await card.getByText('Not connected').waitFor();

    // The contract's schema checks the form before anything is sent.
    await card.getByRole('button', { name: 'Connect ConnectWise' }).click();
    await card.locator('input[name="siteUrl"][aria-invalid="true"]').waitFor();
    await card.getByText('Enter the private key of the API member.').waitFor();

    const { companyId, publicKey, privateKey, clientId } = connectWise.credentials;
    await card.getByLabel('ConnectWise API address').fill(connectWise.url);
    await card.getByLabel('Company id', { exact: true }).fill(companyId);
    await card.getByLabel('Client id').fill(clientId);
    await card.getByLabel('Public key').fill(publicKey);
    await card.getByLabel('Private key').fill(privateKey);
    await card.getByRole('button', { name: 'Connect ConnectWise' }).click();
    await card.getByText('Saved, not tested').waitFor();

    await card.getByRole('button', { name: 'Test connection' }).click();
    await card.getByText('ConnectWise answered.').waitFor();
    await card.getByText('Connected', { exact: true }).waitFor();
    // The private key never comes back to the browser.
    expect(await card.getByLabel('Private key').inputValue()).toBe('');
    expect(await page.content()).not.toContain(privateKey);

    const alerts = page.getByRole('region', { name: 'Escalation alerts' });
    await alerts.getByRole('region', { name: 'Slack' }).waitFor();
    await alerts.getByRole('region', { name: 'Microsoft Teams' }).waitFor();
    await capture(page, 'integrations-connected');
    await context.close();
  });

  it('pricing lists plans and the talk-to-sales form explains a rate limit', async () => {
    const { context, page } = await newVisitor(browser, api.origin);
    await page.goto('/pricing');
    await page.getByRole('region', { name: 'Pro' }).getByText('$49.00 / month').waitFor();

    await page.getByRole('button', { name: 'Send to sales' }).click();
    await page.getByText('This field is required.').first().waitFor();

    await page.getByLabel('Your name').fill('Sam Buyer');
    await page.getByLabel('Work email').fill(e2eEmail('sam'));
    await page.getByLabel('Company').fill('Big MSP');
    await page.getByLabel('Team size').selectOption('26+');
    await page.getByLabel('What can we help with?').fill('We have 40 techs across two offices.');
    await page.getByRole('button', { name: 'Send to sales' }).click();
    await page.getByText('Thanks, we got your message.').waitFor();
    await capture(page, 'pricing-sent');

    // Spend the rest of this address's hourly allowance, then try once more from the page.
    for (let i = 0; i < 4; i++) {
      await fetch(`${api.origin}/api/v1/sales-leads`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'Filler', email: e2eEmail('filler'), company: 'X', source: 'contact_page' }),
      });
    }
    await page.reload();
    await page.getByLabel('Your name').fill('Sam Buyer');
    await page.getByLabel('Work email').fill(e2eEmail('sam'));
    await page.getByLabel('Company').fill('Big MSP');
    await page.getByRole('button', { name: 'Send to sales' }).click();
    await page.getByRole('alert').getByText(/^Too many requests\. Please try again in \d+ minutes\.$/).waitFor();
    await capture(page, 'pricing-rate-limited');
    await context.close();
  });

  it('lets a super-admin change a plan limit', async () => {
    const email = e2eEmail('operator');
    const owner = await registerOwner(api.origin, email);
    await sql(api.db.url, 'UPDATE users SET super_admin = true WHERE id = $1', [owner.user.id]);
    const { context, page } = await newVisitor(browser, api.origin);
    await signIn(page, email, '/admin/plans');

    const pro = page.getByRole('row').filter({ hasText: 'pro' }).filter({ hasText: '$49.00' });
    await pro.getByRole('button', { name: 'Edit pro' }).click();
    const dialog = page.getByRole('dialog', { name: 'Edit Pro' });
    await dialog.getByLabel('Seats').fill('25');
    await capture(page, 'admin-plan-edit');
    await dialog.getByRole('button', { name: 'Save plan' }).click();
    await page.getByText('Pro was saved.').waitFor();
    await pro.getByRole('cell', { name: '25', exact: true }).waitFor();
    await capture(page, 'admin-plans');
    await context.close();
  });
});
