import type { Browser } from 'playwright-core';
import { e2eEmail, PASSWORD } from './support/app-data.js';
import { startApi, type ApiProcess } from './support/api-process.js';
import { capture, launchBrowser, newVisitor } from './support/browser.js';

describe('sign up and the welcome wizard (browser)', () => {
  let api: ApiProcess;
  let browser: Browser;

  beforeAll(async () => {
    [api, browser] = await Promise.all([startApi(), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await api?.stop();
  });

  it('signs up, saves step 1, resumes at step 2 after a reload, and skips the rest', async () => {
    const { context, page } = await newVisitor(browser, api.origin);
    await page.goto('/signup');
    await page.getByRole('heading', { level: 1, name: 'Create your account' }).waitFor();
    await capture(page, 'signup');

    // A broken form is checked against the contract before anything is sent.
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByText('This field is required.').first().waitFor();
    await page.locator('input[name="password"][aria-invalid="true"]').waitFor();
    await capture(page, 'signup-errors');

    await page.getByLabel('Your name').fill('Olivia Owner');
    await page.getByLabel('Work email').fill(e2eEmail('owner'));
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByLabel('Company name').fill('Northwind IT');
    await page.getByRole('button', { name: 'Create account' }).click();

    await page.waitForURL('**/welcome/shop');
    await page.getByRole('heading', { level: 1, name: 'Your shop' }).waitFor();
    expect(await page.getByLabel('Company name').inputValue()).toBe('Northwind IT');
    // The verification banner sits above the wizard, with a way to get the email again.
    const banner = page.getByRole('region', { name: 'Email verification' });
    await expect(banner.textContent()).resolves.toContain('Please verify your email address.');
    await banner.getByRole('button', { name: 'Resend email' }).waitFor();
    await capture(page, 'welcome-step-1');

    await page.getByLabel('Team size').selectOption('6-10');
    await page.getByLabel('Your role').selectOption('lead_tech');
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.waitForURL('**/welcome/team');
    await page.getByRole('heading', { level: 1, name: 'Invite your team' }).waitFor();

    // Every step was saved before moving on, so a reload resumes here.
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Invite your team' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/welcome/team');
    expect(await page.locator('[aria-current="step"]').textContent()).toContain('Invite your team');
    await capture(page, 'welcome-step-2-after-reload');

    await page.getByRole('button', { name: 'Skip the rest' }).click();
    await page.waitForURL((url) => url.pathname === '/');
    await page.getByRole('heading', { level: 1, name: 'Hi, Olivia' }).waitFor();
    expect(await page.getByText('Finish setting up').count()).toBe(0);
    await capture(page, 'home-after-wizard');

    // Dismissed is final: /welcome now leads home.
    await page.goto('/welcome');
    await page.waitForURL((url) => url.pathname === '/');
    await context.close();
  });
});
