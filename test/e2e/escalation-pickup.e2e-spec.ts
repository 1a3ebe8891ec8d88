import type { Browser, Page } from 'playwright-core';
import { e2eEmail, registerOwner } from './support/app-data.js';
import { startApi, type ApiProcess } from './support/api-process.js';
import { AssistantStandIn } from './support/assistant-stand-in.js';
import { capture, launchBrowser, newVisitor } from './support/browser.js';
import { addEngineer, signIn } from './support/team-data.js';

const PROBLEM = 'Printers on the second floor show offline for everyone';
const FIX = 'Restart the print spooler';
const STEPS = ['Check the spooler service on the print server', 'Print a test page from one workstation'];

const assistant = new AssistantStandIn({
  reply: (message) =>
    message.includes('keeps stopping')
      ? { text: 'The spooler stopping points at the print server. Restart it and watch whether it stays up.', fixes: [{ title: FIX, description: 'Restart the Print Spooler service on the print server, then print a test page.' }] }
      : { text: 'Noted. Check the event log on the print server for spooler errors next.' },
  assessment: {
    summary: 'Spooler restarts were tried; the fix is waiting on a test print.',
    likelyCause: 'A print driver crashing the spooler on the print server.',
    suggestedSteps: STEPS,
    confidenceTier: 'medium',
  },
});

/** Lets slide-ins and toasts finish, so screenshots and the contrast check see them at rest. */
async function settleAnimations(page: Page): Promise<void> {
  // allSettled: an animation cancelled because its element left (a toast closing) rejects its `finished`.
  await page.evaluate(() =>
    Promise.allSettled(
      document
        .getAnimations()
        .filter((animation) => animation.effect?.getTiming().iterations !== Infinity)
        .map((animation) => animation.finished),
    ),
  );
}

/** The bell's accessible name carries the unread count. */
const bell = (page: Page) => page.getByRole('button', { name: /^Notifications,/ });

describe('escalating and picking up a session (browser, three people)', () => {
  let api: ApiProcess;
  let browser: Browser;
  const emails = { owner: e2eEmail('olivia'), senior: e2eEmail('sam'), junior: e2eEmail('jo') };
  let seniorId: string;

  beforeAll(async () => {
    await assistant.start();
    [api, browser] = await Promise.all([
      startApi({ ANTHROPIC_API_KEY: 'sk-ant-browser-tests', ANTHROPIC_BASE_URL: assistant.url, AI_MAX_RETRIES: '0' }),
      launchBrowser(),
    ]);
    const owner = await registerOwner(api.origin, emails.owner, 'Northwind IT');
    seniorId = (await addEngineer(api.origin, owner.accessToken, emails.senior, 'Sam Senior')).user.id;
    await addEngineer(api.origin, owner.accessToken, emails.junior, 'Jo Junior');
  });
  afterAll(async () => {
    await browser?.close();
    await api?.stop();
    await assistant.stop();
  });

  it('a junior escalates; the card reaches a senior live; the pick-up screen fills in; the slower senior is told who won', async () => {
    const [junior, senior, other] = await Promise.all([
      newVisitor(browser, api.origin),
      newVisitor(browser, api.origin),
      newVisitor(browser, api.origin),
    ]);
    // The second senior's live stream never connects: their queue goes stale, as on a flaky network.
    await other.page.route('**/api/v1/ai-sessions/escalations/stream', (route) => route.abort());
    await Promise.all([
      signIn(junior.page, emails.junior, '/pilot'),
      signIn(senior.page, emails.senior, '/escalations'),
      signIn(other.page, emails.owner, '/escalations'),
    ]);
    await expect(bell(junior.page).getAttribute('aria-label')).resolves.toBe('Notifications, none unread');

    // The senior watches an empty queue, live.
    await senior.page.getByText('No open escalations.').waitFor();
    await senior.page.getByText('Live', { exact: true }).waitFor();
    expect(await bell(senior.page).getAttribute('aria-label')).toBe('Notifications, none unread');

    // The junior starts a session linked to a ticket and talks to the assistant; the reply streams in.
    await junior.page.getByLabel('What is the problem?').fill(PROBLEM);
    await junior.page.getByLabel('PSA ticket number').fill('4821');
    await junior.page.getByRole('button', { name: 'Start session' }).click();
    await junior.page.getByRole('heading', { level: 1, name: PROBLEM }).waitFor();
    const sessionId = new URL(junior.page.url()).pathname.split('/').pop()!;
    const sidebarItem = junior.page.getByRole('navigation', { name: 'Sessions' }).getByRole('link', { name: new RegExp(PROBLEM) });
    await expect(sidebarItem.textContent()).resolves.toContain('#4821');

    const composer = junior.page.getByLabel('Message the assistant');
    await composer.fill('The spooler service keeps stopping on the print server.');
    await composer.press('Enter');
    await junior.page.getByText('The spooler stopping points at the print server.').waitFor();

    // The proposed fix goes from suggestion to verifying to waiting, through its banner.
    await junior.page.getByText(`Suggested fix: ${FIX}`).waitFor();
    await junior.page.getByRole('button', { name: "I'm trying it" }).click();
    await junior.page.getByText(`Did “${FIX}” work?`).waitFor();
    await junior.page.getByRole('button', { name: /^More/ }).click();
    await junior.page.getByRole('button', { name: 'Waiting to verify…' }).click();
    const reason = junior.page.getByLabel('What are you waiting on before you can verify?');
    await reason.fill('a test page from the users');
    await reason.press('Enter');
    await junior.page.getByText(`Waiting to verify “${FIX}”`).waitFor();
    await junior.page.getByText('a test page from the users').waitFor();
    await capture(junior.page, 'session-fix-waiting');

    // Escalating is intercepted while the fix still needs an outcome; Enter sends the reason, to the senior picked.
    await junior.page.getByRole('button', { name: 'Escalate', exact: true }).click();
    const intercept = junior.page.getByRole('dialog', { name: 'Some fixes still need an outcome' });
    await intercept.getByText(FIX).waitFor();
    await capture(junior.page, 'escalate-intercept');
    await intercept.getByRole('button', { name: 'Escalate anyway' }).click();
    const escalate = junior.page.getByRole('dialog', { name: 'Escalate to your team' });
    const why = escalate.getByLabel('Why are you escalating?');
    await why.pressSequentially('Spooler restarts do not stick.');
    await why.press('Shift+Enter');
    await why.pressSequentially('Need someone who knows the print server.');
    expect(await why.inputValue()).toBe('Spooler restarts do not stick.\nNeed someone who knows the print server.');
    await escalate.getByLabel('Send to').selectOption({ label: 'Sam Senior (Engineer)' });
    await capture(junior.page, 'escalate-send-to');
    const sent = junior.page.waitForRequest((request) => request.method() === 'POST' && request.url().endsWith(`/ai-sessions/${sessionId}/handoff`));
    await why.press('Enter');
    expect((await sent).postDataJSON()).toMatchObject({ intent: 'escalate', targetUserId: seniorId });
    await junior.page.getByText('Escalated. Your team has been told').waitFor();
    await sidebarItem.getByText('Escalated').waitFor();

    // The card reaches the senior's open queue without a reload, unread, with the bell counting it.
    const queue = senior.page.getByRole('list', { name: 'Open escalations' });
    const card = queue.getByRole('listitem').filter({ hasText: PROBLEM });
    await card.waitFor();
    await card.locator('.dot').waitFor();
    await card.getByText('Sent to you').waitFor();
    await senior.page.waitForFunction(() => document.title.includes('Escalations') && /New escalation|\(1\)/.test(document.title));
    await expect(bell(senior.page).getAttribute('aria-label')).resolves.toBe('Notifications, 1 unread');
    expect(await card.getByText('Steps on record').isVisible()).toBe(false);
    await settleAnimations(senior.page);
    await capture(senior.page, 'queue-live-card');

    // The other senior loads the queue now; without a live stream it will not hear of the claim.
    await other.page.goto('/escalations');
    const staleCard = other.page.getByRole('list', { name: 'Open escalations' }).getByRole('listitem').filter({ hasText: PROBLEM });
    await staleCard.getByRole('button', { name: /^Pick up/ }).waitFor();
    expect(await staleCard.getByText('Sent to you').count()).toBe(0);

    // Opening the row shows the details and clears the dot (and the title stops flashing).
    const row = card.locator('button[aria-expanded]');
    await row.click();
    await card.locator('button[aria-expanded="true"]').waitFor();
    for (const text of ['Need someone who knows the print server.', 'Steps on record', 'Confidence', '#4821']) {
      await card.getByText(text, { exact: false }).first().waitFor();
    }
    expect(await card.locator('.dot').count()).toBe(0);
    await senior.page.waitForFunction(() => document.title === 'Escalations · ResolutionFlow');
    expect(await senior.page.evaluate(() => JSON.parse(localStorage.getItem('rf-escalation-seen') ?? '[]').length)).toBe(1);

    // Pick up: the pick-up screen, with the assessment still being written.
    await assistant.assessmentRequested;
    await card.getByRole('button', { name: /^Pick up/ }).click();
    await senior.page.waitForURL(`**/pilot/${sessionId}?pickup=true`);
    const handoff = senior.page.getByRole('region', { name: 'Handoff from Jo Junior' });
    await handoff.getByText(/You picked this up/).waitFor();
    await handoff.getByText('The assistant is assessing this session.', { exact: false }).waitFor();
    await senior.page.getByText('The spooler service keeps stopping on the print server.').waitFor();
    await capture(senior.page, 'pickup-assessing');

    // The assessment arrives over the live stream and fills in; its steps become chips.
    assistant.releaseAssessment();
    await handoff.getByText('A print driver crashing the spooler on the print server.').waitFor();
    const chips = senior.page.getByRole('group', { name: 'Suggested next steps' });
    await chips.getByRole('button', { name: STEPS[0] }).waitFor();
    await senior.page
      .getByRole('navigation', { name: 'Sessions' })
      .getByRole('link', { name: new RegExp(PROBLEM) })
      .waitFor();
    await capture(senior.page, 'pickup-assessment-ready');

    // The slower senior's Pick Up loses the race: told who won, still on the queue.
    await staleCard.getByRole('button', { name: /^Pick up/ }).click();
    await other.page.getByText(/^Already claimed by Sam Senior (just now|1 minute ago)\.$/).waitFor();
    expect(new URL(other.page.url()).pathname).toBe('/escalations');
    await staleCard.getByText(/Claimed by Sam Senior/).waitFor();
    // Pick Up sits beside the row: it did not open it.
    await expect(staleCard.locator('button[aria-expanded]').getAttribute('aria-expanded')).resolves.toBe('false');
    await settleAnimations(other.page);
    await capture(other.page, 'queue-already-claimed');

    // A chip fills the composer and focuses it; sending hides the chips for this session.
    await chips.getByRole('button', { name: STEPS[0] }).click();
    const seniorComposer = senior.page.getByLabel('Message the assistant');
    expect(await seniorComposer.inputValue()).toBe(STEPS[0]);
    expect(await seniorComposer.evaluate((element) => element === document.activeElement)).toBe(true);
    await seniorComposer.press('Enter');
    await senior.page.getByText('Noted. Check the event log on the print server').waitFor();
    expect(await chips.count()).toBe(0);
    await senior.page.reload();
    await senior.page.getByText('Noted. Check the event log on the print server').waitFor();
    expect(await senior.page.getByRole('group', { name: 'Suggested next steps' }).count()).toBe(0);

    // The junior hears the claim; the senior's bell count falls when they read theirs.
    await junior.page.waitForFunction(() => document.querySelector('button[aria-label^="Notifications,"]')?.getAttribute('aria-label') === 'Notifications, 1 unread');
    await junior.page.getByText('A teammate has it now').waitFor();
    await bell(senior.page).click();
    const panel = senior.page.getByRole('region', { name: 'Notifications' });
    await panel.getByText(`Escalation from Jo Junior · #4821: ${PROBLEM}`).waitFor();
    await capture(senior.page, 'bell-panel');
    await panel.getByRole('button', { name: 'Mark all as read' }).click();
    await senior.page.waitForFunction(() => document.querySelector('button[aria-label^="Notifications,"]')?.getAttribute('aria-label') === 'Notifications, none unread');

    // The junior's notifications page lists the pickup and opens the session.
    await junior.page.goto('/notifications');
    const pickedUp = junior.page.getByRole('listitem').filter({ hasText: 'Sam Senior picked up your escalation' });
    await pickedUp.waitFor();
    await capture(junior.page, 'notifications-page');
    await pickedUp.getByRole('button', { name: /^Open/ }).click();
    await junior.page.waitForURL(`**/pilot/${sessionId}`);
    await junior.page.waitForFunction(() => document.querySelector('button[aria-label^="Notifications,"]')?.getAttribute('aria-label') === 'Notifications, none unread');

    // Analytics: the pickup is counted, and the daily chart (loaded on demand) is drawn, still with reduced motion.
    await senior.page.emulateMedia({ reducedMotion: 'reduce' });
    await senior.page.getByRole('link', { name: 'Analytics' }).click();
    const pickedUpCard = senior.page.getByRole('region', { name: 'Picked up' });
    await pickedUpCard.getByText('1', { exact: true }).waitFor();
    const canvas = senior.page.locator('canvas[role="img"]');
    await senior.page.waitForFunction(() => {
      const chart = document.querySelector<HTMLCanvasElement>('canvas[role="img"]');
      const pixels = chart?.getContext('2d')?.getImageData(0, 0, chart.width, chart.height).data;
      return !!pixels && pixels.some((value) => value !== 0);
    });
    expect(await canvas.getAttribute('aria-label')).toContain('escalations raised and picked up per day');
    await senior.page.getByText('Last 7 days').click();
    expect(await senior.page.getByLabel('Last 7 days').isChecked()).toBe(true);
    await pickedUpCard.getByText('1', { exact: true }).waitFor();
    await settleAnimations(senior.page);
    await capture(senior.page, 'analytics');

    await Promise.all([junior.context.close(), senior.context.close(), other.context.close()]);
  });
});
