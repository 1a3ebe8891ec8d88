import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Title } from '@angular/platform-browser';
import { provideRouter, Router } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import type { EscalationQueueItem } from '@resolutionflow/contracts';

import { FakeNetwork } from '../../../../testing/fake-event-stream';
import { aMe, anAuthResponse, BlankPageComponent, settle } from '../../../../testing/fixtures';
import { AuthStore } from '../../../core/auth/auth-store.service';
import { FETCH } from '../../../core/live/authorized-fetch.service';
import { LIVE_STREAM_SETTINGS } from '../../../core/live/live-stream.service';
import { ToastService } from '../../../core/toast/toast.service';
import { ESCALATION_SEEN_KEY } from '../escalation-seen.store';
import { EscalationQueuePageComponent } from './escalation-queue-page.component';

const ME = '00000000-0000-4000-8000-000000000005';
const JO = { id: '00000000-0000-4000-8000-000000000007', name: 'Jo Junior' };

function aCard(n: number, overrides: Partial<EscalationQueueItem> = {}): EscalationQueueItem {
  return {
    sessionId: `s-${n}`,
    handoffId: `h-${n}`,
    status: 'escalated',
    problemSummary: `Problem ${n}`,
    reason: `Reason ${n}`,
    psaTicketId: n === 1 ? '4821' : null,
    stepCount: 3,
    confidenceTier: null,
    escalatedBy: JO,
    targetUserId: null,
    claimedBy: null,
    claimedAt: null,
    assessmentStatus: 'pending',
    createdAt: new Date(Date.now() - n * 60_000).toISOString(),
    ...overrides,
  };
}

describe('EscalationQueuePageComponent', () => {
  let network: FakeNetwork;
  let http: HttpTestingController;
  let harness: RouterTestingHarness;
  let page: HTMLElement;

  async function stable(): Promise<void> {
    await settle();
    await harness.fixture.whenStable();
  }

  async function openQueue(items: EscalationQueueItem[]): Promise<void> {
    harness = await RouterTestingHarness.create('/escalations');
    page = harness.routeNativeElement as HTMLElement;
    await settle();
    http.expectOne((req) => req.url === '/api/v1/ai-sessions/escalations').flush({ items });
    await network.waitForCalls(1);
    network.calls[0]!.stream.push('id: 1\nevent: ready\ndata: {"accountId":"a","resumedFrom":null}\n\n');
    await stable();
  }

  async function live(id: number, type: string, data: unknown): Promise<void> {
    network.calls[0]!.stream.push(`id: ${id}\nevent: ${type}\ndata: ${JSON.stringify(data)}\n\n`);
    await stable();
  }

  const cards = () => Array.from(page.querySelectorAll<HTMLElement>('app-escalation-card'));
  const card = (summary: string) => cards().find((c) => c.textContent?.includes(summary))!;
  const toggleOf = (element: HTMLElement) => element.querySelector<HTMLButtonElement>('button[aria-expanded]')!;
  const pickUpOf = (element: HTMLElement) =>
    Array.from(element.querySelectorAll('button')).find((b) => b.textContent?.trim().startsWith('Pick up'))!;

  beforeEach(() => {
    localStorage.removeItem(ESCALATION_SEEN_KEY);
    network = new FakeNetwork();
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter([
          { path: 'escalations', component: EscalationQueuePageComponent },
          { path: 'pilot/:id', component: BlankPageComponent },
        ]),
        { provide: FETCH, useValue: network.fetch },
        { provide: LIVE_STREAM_SETTINGS, useValue: { initialDelayMs: 60_000, maxDelayMs: 60_000, idleTimeoutMs: 60_000, random: () => 0 } },
      ],
    });
    TestBed.inject(AuthStore).startSession(anAuthResponse('token', aMe({ id: ME, role: 'engineer' })));
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => {
    for (const call of network.calls) call.stream.end();
  });

  it('says so when nothing is waiting, and shows that it is live', async () => {
    await openQueue([]);
    expect(page.textContent).toContain('No open escalations.');
    expect(page.querySelector('.live-status')?.textContent?.trim()).toBe('Live');
  });

  it('slides a new escalation in without a reload, unread, announced, with the count in the tab title', async () => {
    await openQueue([aCard(2)]);
    await live(2, 'handoff_created', aCard(1));
    expect(cards().map((c) => c.textContent?.includes('Problem 1'))).toEqual([true, false]);
    expect(card('Problem 1').classList).toContain('fresh');
    expect(card('Problem 2').classList).not.toContain('fresh');
    expect(card('Problem 1').querySelector('.dot')).not.toBeNull();
    expect(page.querySelector('[aria-live="polite"]')?.textContent).toBe('New escalation from Jo Junior: Problem 1');
    expect(TestBed.inject(Title).getTitle()).toBe('(1) Escalations · ResolutionFlow');

    // My own escalations are not mine to pick up.
    await live(3, 'handoff_created', aCard(3, { escalatedBy: { id: ME, name: 'Me' } }));
    expect(cards()).toHaveLength(2);
  });

  it('opens one row at a time; opening clears the dot, hovering does not', async () => {
    await openQueue([aCard(1), aCard(2)]);
    card('Problem 2').dispatchEvent(new MouseEvent('mouseenter', { bubbles: true }));
    toggleOf(card('Problem 2')).dispatchEvent(new MouseEvent('mouseover', { bubbles: true }));
    await stable();
    expect(card('Problem 2').querySelector('.dot')).not.toBeNull();

    toggleOf(card('Problem 1')).click();
    await stable();
    expect(toggleOf(card('Problem 1')).getAttribute('aria-expanded')).toBe('true');
    expect(card('Problem 1').querySelector('.details')?.hasAttribute('hidden')).toBe(false);
    expect(card('Problem 1').querySelector('.details')?.textContent).toContain('Reason 1');
    expect(card('Problem 1').querySelector('.details')?.textContent).toContain('#4821');
    expect(card('Problem 1').querySelector('.dot')).toBeNull();
    expect(JSON.parse(localStorage.getItem(ESCALATION_SEEN_KEY)!)).toEqual(['h-1']);

    toggleOf(card('Problem 2')).click();
    await stable();
    expect(toggleOf(card('Problem 1')).getAttribute('aria-expanded')).toBe('false');
    expect(toggleOf(card('Problem 2')).getAttribute('aria-expanded')).toBe('true');
  });

  it('marks the escalations sent to me, on load and live', async () => {
    await openQueue([aCard(1, { targetUserId: ME }), aCard(2, { targetUserId: JO.id }), aCard(3)]);
    await live(2, 'handoff_created', aCard(4, { targetUserId: ME }));
    const marked = (summary: string) => card(summary).querySelector('.for-you')?.textContent?.trim() ?? null;
    expect(['Problem 1', 'Problem 2', 'Problem 3', 'Problem 4'].map(marked)).toEqual(['Sent to you', null, null, 'Sent to you']);
    // Part of the row's name, so a screen reader hears it with the problem.
    expect(toggleOf(card('Problem 1')).textContent).toContain('Sent to you');
  });

  it('shows who claimed a card as soon as the stream says so', async () => {
    await openQueue([aCard(1)]);
    await live(2, 'handoff_claimed', { handoffId: 'h-1', sessionId: 's-1', claimedBy: { id: 'x', name: 'Dana Senior' }, claimedAt: new Date().toISOString() });
    expect(card('Problem 1').textContent).toContain('Claimed by Dana Senior just now');
    expect(pickUpOf(card('Problem 1'))).toBeUndefined();
  });

  it('drops a card once the stream says its escalation closed, and says why', async () => {
    await openQueue([aCard(1), aCard(2)]);
    await live(2, 'handoff_closed', { handoffId: 'h-1', sessionId: 's-1', reason: 'session_resolved', closedAt: new Date().toISOString() });
    expect(cards().map((c) => c.textContent?.includes('Problem 2'))).toEqual([true]);
    expect(page.querySelector('[aria-live="polite"]')?.textContent).toBe('Jo Junior resolved “Problem 1” before anyone picked it up');

    // Another escalation of the same session is not the one that closed.
    await live(3, 'handoff_closed', { handoffId: 'h-9', sessionId: 's-2', reason: 'session_resolved', closedAt: new Date().toISOString() });
    expect(cards()).toHaveLength(1);
  });

  it('reads the queue again when the stream resumes from a drop, keeping what arrives meanwhile', async () => {
    await openQueue([aCard(1)]);
    // The first connection replays nothing: no second read.
    http.expectNone((req) => req.url === '/api/v1/ai-sessions/escalations');

    await live(5, 'ready', { accountId: 'a', resumedFrom: '3' });
    const reread = http.expectOne((req) => req.url === '/api/v1/ai-sessions/escalations');
    await live(6, 'handoff_created', aCard(3));
    reread.flush({ items: [aCard(1), aCard(2)] });
    await stable();
    expect(cards()).toHaveLength(3);
    expect(['Problem 1', 'Problem 2', 'Problem 3'].every((summary) => card(summary))).toBe(true);
  });

  it('picks up: claims without toggling the row, marks it seen, and opens the pick-up screen', async () => {
    await openQueue([aCard(1)]);
    pickUpOf(card('Problem 1')).click();
    await stable();
    const claim = http.expectOne('/api/v1/ai-sessions/s-1/handoffs/h-1/claim');
    expect(toggleOf(card('Problem 1')).getAttribute('aria-expanded')).toBe('false');
    expect(JSON.parse(localStorage.getItem(ESCALATION_SEEN_KEY)!)).toEqual(['h-1']);
    claim.flush({ id: 'h-1', sessionId: 's-1', claimedBy: { id: ME, name: 'Me' }, assessmentStatus: 'pending', assessment: null });
    await stable();
    http.match(() => true);
    expect(TestBed.inject(Router).url).toBe('/pilot/s-1?pickup=true');
  });

  it('tells the loser of a race who won and when, and stays on the queue', async () => {
    await openQueue([aCard(1)]);
    pickUpOf(card('Problem 1')).click();
    await stable();
    http.expectOne('/api/v1/ai-sessions/s-1/handoffs/h-1/claim').flush(
      {
        statusCode: 409,
        error: 'handoff_already_claimed',
        message: 'Already claimed by Dana Senior',
        details: { claimedBy: { id: 'x', name: 'Dana Senior' }, claimedAt: new Date(Date.now() - 3.5 * 60_000).toISOString() },
      },
      { status: 409, statusText: 'Conflict' },
    );
    await stable();
    expect(TestBed.inject(ToastService).toasts().map((t) => t.text)).toEqual(['Already claimed by Dana Senior 3 minutes ago.']);
    expect(TestBed.inject(Router).url).toBe('/escalations');
    expect(card('Problem 1').textContent).toContain('Claimed by Dana Senior 3 minutes ago');
  });

  it('tells whoever picks up a closed escalation that it was resolved first, and drops the card', async () => {
    await openQueue([aCard(1), aCard(2)]);
    pickUpOf(card('Problem 1')).click();
    await stable();
    http.expectOne('/api/v1/ai-sessions/s-1/handoffs/h-1/claim').flush(
      {
        statusCode: 409,
        error: 'handoff_closed',
        message: 'This escalation is closed: its session was resolved before anyone picked it up',
        details: { reason: 'session_resolved', closedAt: new Date().toISOString() },
      },
      { status: 409, statusText: 'Conflict' },
    );
    await stable();
    expect(TestBed.inject(ToastService).toasts().map((t) => [t.text, t.tone])).toEqual([['Jo Junior resolved this before anyone picked it up.', 'warning']]);
    expect(TestBed.inject(Router).url).toBe('/escalations');
    expect(cards().map((c) => c.textContent?.includes('Problem 2'))).toEqual([true]);
  });
});
