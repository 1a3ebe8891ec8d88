import type { Browser } from 'playwright-core';
import { OidcStandIn } from '../support/oidc-stand-in.js';
import { e2eEmail, inviteTeammate, registerOwner } from './support/app-data.js';
import { startApi, type ApiProcess } from './support/api-process.js';
import { capture, launchBrowser, newVisitor } from './support/browser.js';

describe('signing in with a provider (browser, local OpenID Connect stand-in)', () => {
  const provider = new OidcStandIn();
  let api: ApiProcess;
  let browser: Browser;

  beforeAll(async () => {
    await provider.start();
    [api, browser] = await Promise.all([
      // The stand-in plays Google (OAuth endpoints) and Microsoft (OIDC discovery) at once.
      startApi({
        GOOGLE_CLIENT_ID: 'google-client-id',
        GOOGLE_CLIENT_SECRET: 'google-client-secret',
        GOOGLE_AUTH_URL: provider.url('/authorize'),
        GOOGLE_TOKEN_URL: provider.url('/token'),
        GOOGLE_USERINFO_URL: provider.url('/userinfo'),
        MS_CLIENT_ID: 'microsoft-client-id',
        MS_CLIENT_SECRET: 'microsoft-client-secret',
        MS_ISSUER_URL: provider.issuer,
      }),
      launchBrowser(),
    ]);
  });
  afterAll(async () => {
    await browser?.close();
    await api?.stop();
    await provider.stop();
  });

  it('a new person continues with Google, the code is exchanged, and the wizard starts', async () => {
    const email = e2eEmail('gina');
    provider.signInAs({ sub: `google-${email}`, email, email_verified: true, name: 'Gina Google' });

    const { context, page } = await newVisitor(browser, api.origin);
    await page.goto('/login');
    await page.getByRole('link', { name: 'Continue with Microsoft' }).waitFor();
    await capture(page, 'login-with-providers');
    await page.getByRole('link', { name: 'Continue with Google' }).click();

    await page.waitForURL('**/welcome/shop');
    await page.getByRole('heading', { level: 1, name: 'Your shop' }).waitFor();
    // The one-time code was spent and is not left in the history.
    expect(page.url()).not.toContain('code=');
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL('**/login');

    // Signing in again with the same provider account lands on the unfinished wizard.
    await page.getByRole('link', { name: 'Continue with Google' }).click();
    await page.waitForURL('**/welcome/shop');
    await context.close();
  });

  it('explains an invitation accepted with a provider account of another address', async () => {
    const owner = await registerOwner(api.origin, e2eEmail('owner'), 'Fabrikam IT');
    const invited = e2eEmail('invited');
    const issued = await inviteTeammate(api.origin, owner.accessToken, invited);
    provider.signInAs({ sub: 'someone-else', email: e2eEmail('other'), email_verified: true, name: 'Other Person' });

    const { context, page } = await newVisitor(browser, api.origin);
    await page.goto(issued.inviteUrl);
    await page.getByRole('heading', { level: 1, name: 'Join Fabrikam IT on ResolutionFlow' }).waitFor();
    await page.getByRole('link', { name: 'Join with Google' }).click();

    await page.waitForURL('**/auth/callback?error=invite_email_mismatch');
    await page.getByRole('heading', { level: 1, name: 'That account does not match the invitation' }).waitFor();
    await capture(page, 'oauth-invite-mismatch');
    await context.close();
  });

  it('an invitee joining with Microsoft lands on the teammate welcome', async () => {
    const owner = await registerOwner(api.origin, e2eEmail('owner'), 'Tailspin MSP');
    const invited = e2eEmail('mo');
    const issued = await inviteTeammate(api.origin, owner.accessToken, invited);
    provider.signInAs({ sub: `ms-${invited}`, email: invited, email_verified: true, name: 'Mo Microsoft' });

    const { context, page } = await newVisitor(browser, api.origin);
    await page.goto(issued.inviteUrl);
    await page.getByRole('link', { name: 'Join with Microsoft' }).click();
    await page.waitForURL((url) => url.pathname === '/' && url.searchParams.get('welcome') === 'teammate');
    await page.getByText('Welcome to Tailspin MSP!').waitFor();
    await context.close();
  });
});
