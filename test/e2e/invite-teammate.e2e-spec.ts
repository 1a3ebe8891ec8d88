import type { Browser } from 'playwright-core';
import { e2eEmail, PASSWORD, registerOwner } from './support/app-data.js';
import { startApi, type ApiProcess } from './support/api-process.js';
import { capture, launchBrowser, newVisitor } from './support/browser.js';

describe('inviting a teammate (browser)', () => {
  let api: ApiProcess;
  let browser: Browser;

  beforeAll(async () => {
    [api, browser] = await Promise.all([startApi(), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await api?.stop();
  });

  it('owner invites from the team page; the teammate joins with the locked address and skips the wizard', async () => {
    const ownerEmail = e2eEmail('owner');
    await registerOwner(api.origin, ownerEmail, 'Contoso Support');
    const teammateEmail = e2eEmail('tara');

    const owner = await newVisitor(browser, api.origin);
    await owner.page.goto('/team');
    // Not signed in yet: sign-in first, then back to the team page.
    await owner.page.waitForURL('**/login?returnUrl=%2Fteam');
    await owner.page.getByLabel('Email').fill(ownerEmail);
    await owner.page.getByLabel('Password').fill(PASSWORD);
    await owner.page.getByRole('button', { name: 'Sign in' }).click();
    await owner.page.waitForURL('**/team');
    await owner.page.getByRole('region', { name: 'Members' }).getByRole('row').filter({ hasText: ownerEmail }).waitFor();

    const inviteCard = owner.page.getByRole('region', { name: 'Invite a teammate' });
    await inviteCard.getByLabel('Email').fill(teammateEmail);
    await inviteCard.getByLabel('Role').selectOption('engineer');
    await inviteCard.getByRole('button', { name: 'Send invite' }).click();
    await owner.page.getByText(`Invitation sent to ${teammateEmail}.`).waitFor();
    const invitations = owner.page.getByRole('region', { name: 'Invitations' });
    await invitations.getByRole('cell', { name: teammateEmail, exact: true }).waitFor();
    await capture(owner.page, 'team-invite-sent');
    const inviteUrl = (await owner.page.locator('.invite-link').textContent())!.trim();
    expect(new URL(inviteUrl).pathname).toBe('/accept-invite');

    const teammate = await newVisitor(browser, api.origin);
    await teammate.page.goto(inviteUrl);
    await teammate.page.getByRole('heading', { level: 1, name: 'Join Contoso Support on ResolutionFlow' }).waitFor();
    await teammate.page.getByText('Olivia Owner invited you to join as Engineer.').waitFor();
    const locked = teammate.page.locator('.locked-email');
    expect(await locked.evaluate((element) => element.tagName)).toBe('DIV');
    expect(await locked.textContent()).toContain(teammateEmail);
    expect(await teammate.page.locator('input[type="email"]').count()).toBe(0);
    await capture(teammate.page, 'accept-invite');

    await teammate.page.getByLabel('Your name').fill('Tara Teammate');
    await teammate.page.getByLabel('Password').fill(PASSWORD);
    await teammate.page.getByRole('button', { name: 'Join Contoso Support' }).click();

    await teammate.page.waitForURL((url) => url.pathname === '/' && url.searchParams.get('welcome') === 'teammate');
    await teammate.page.getByText('Welcome to Contoso Support!').waitFor();
    // Invitees never see the wizard, not even when they ask for it.
    expect(await teammate.page.getByText('Finish setting up').count()).toBe(0);
    await capture(teammate.page, 'teammate-welcome');
    await teammate.page.goto('/welcome');
    await teammate.page.waitForURL((url) => url.pathname === '/');

    // The owner sees the new member; the link is spent.
    await owner.page.reload();
    await owner.page.getByRole('region', { name: 'Members' }).getByRole('row').filter({ hasText: teammateEmail }).waitFor();
    const stranger = await newVisitor(browser, api.origin);
    await stranger.page.goto(inviteUrl);
    await stranger.page.getByRole('heading', { level: 1, name: 'This invitation link does not work' }).waitFor();
    await stranger.page.getByRole('link', { name: 'Email a request to resend' }).waitFor();
    await capture(stranger.page, 'accept-invite-dead-link');

    await Promise.all([owner.context.close(), teammate.context.close(), stranger.context.close()]);
  });
});
