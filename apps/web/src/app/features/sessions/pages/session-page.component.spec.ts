import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting, type TestRequest } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter, withComponentInputBinding } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import type { SessionDetail, SessionStep } from '@resolutionflow/contracts';

import { FakeNetwork, jsonResponse } from '../../../../testing/fake-event-stream';
import { aMe, anAuthResponse, BlankPageComponent, settle } from '../../../../testing/fixtures';
import { Router } from '@angular/router';

import { AuthStore } from '../../../core/auth/auth-store.service';
import { ToastService } from '../../../core/toast/toast.service';
import { FETCH } from '../../../core/live/authorized-fetch.service';
import { LIVE_STREAM_SETTINGS } from '../../../core/live/live-stream.service';
import { PickupContextStore } from '../../escalations/pickup-context.store';
import { HIDDEN_CHIPS_KEY } from '../suggested-step-chips';
import { SessionPageComponent } from './session-page.component';

const SENIOR = '00000000-0000-4000-8000-000000000005';
const JUNIOR = '00000000-0000-4000-8000-000000000007';
const STEPS = ['Check the spooler service', 'Print a test page'];

function aStep(sessionId: string, sequence: number, role: SessionStep['role'], content: string): SessionStep {
  return { id: `${sessionId}-step-${sequence}`, sessionId, sequence, role, authorId: role === 'engineer' ? JUNIOR : null, content, createdAt: '2026-03-10T10:00:00.000Z' };
}

function aSession(id: string, steps: SessionStep[] = [aStep(id, 1, 'engineer', 'Printers offline')]): SessionDetail {
  return {
    id,
    problemSummary: 'Printers offline on floor 2',
    psaTicketId: null,
    status: 'escalated',
    ownerId: JUNIOR,
    escalatedToId: SENIOR,
    stateVersion: 3,
    createdAt: '2026-03-10T10:00:00.000Z',
    updatedAt: '2026-03-10T10:05:00.000Z',
    escalationReason: 'Stuck',
    escalationPackage: null,
    resolutionNote: null,
    confidenceTier: 'medium',
    resolvedAt: null,
    steps,
    fixes: [],
  };
}

describe('SessionPageComponent: suggested-step chips and the streamed reply', () => {
  let network: FakeNetwork;
  let http: HttpTestingController;
  let harness: RouterTestingHarness | null;

  async function openAs(sessionId: string): Promise<HTMLElement> {
    harness ??= await RouterTestingHarness.create();
    const page = harness.navigateByUrl(`/pilot/${sessionId}`);
    await settle();
    http.expectOne(`/api/v1/ai-sessions/${sessionId}`).flush(aSession(sessionId));
    await page;
    await stable();
    return harness.routeNativeElement as HTMLElement;
  }

  async function stable(): Promise<void> {
    await settle();
    await harness!.fixture.whenStable();
  }

  function remember(sessionId: string): void {
    TestBed.inject(PickupContextStore).remember({
      sessionId,
      handoffId: `handoff-${sessionId}`,
      reason: 'Stuck',
      escalatedBy: { id: JUNIOR, name: 'Jo Junior' },
      createdAt: '2026-03-10T10:04:00.000Z',
      claimedBy: { id: SENIOR, name: 'Sam Senior' },
      claimedAt: '2026-03-10T10:05:00.000Z',
      assessmentStatus: 'ready',
      assessment: { summary: 's', likelyCause: 'c', suggestedSteps: STEPS, confidenceTier: 'medium', generatedAt: '2026-03-10T10:05:00.000Z' },
    });
  }

  /** Types into the composer and sends. */
  async function write(page: HTMLElement, text: string): Promise<void> {
    const field = page.querySelector<HTMLTextAreaElement>('textarea[name="message"]')!;
    field.value = text;
    field.dispatchEvent(new Event('input'));
    await stable();
    page.querySelector<HTMLFormElement>('form.composer')!.dispatchEvent(new Event('submit'));
    await stable();
  }

  const chipButtons = (page: HTMLElement) => Array.from(page.querySelectorAll<HTMLButtonElement>('.chip'));
  const closeChips = (page: HTMLElement) =>
    Array.from(page.querySelectorAll<HTMLButtonElement>('button')).find((b) => b.textContent?.includes('Hide suggested next steps'))!;

  beforeEach(() => {
    harness = null;
    localStorage.removeItem(HIDDEN_CHIPS_KEY);
    network = new FakeNetwork();
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter(
          [
            { path: 'pilot/:sessionId', component: SessionPageComponent },
            { path: 'escalations', component: BlankPageComponent },
          ],
          withComponentInputBinding(),
        ),
        { provide: FETCH, useValue: network.fetch },
        { provide: LIVE_STREAM_SETTINGS, useValue: { initialDelayMs: 60_000, maxDelayMs: 60_000, idleTimeoutMs: 60_000, random: () => 0 } },
      ],
    });
    TestBed.inject(AuthStore).startSession(anAuthResponse('token', aMe({ id: SENIOR, role: 'engineer', name: 'Sam Senior' })));
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => {
    for (const call of network.calls) call.stream.end();
    TestBed.resetTestingModule();
  });

  it('shows the assessment steps to the claimer; a click fills the composer and focuses it, without hiding them', async () => {
    remember('s-1');
    const page = await openAs('s-1');
    expect(chipButtons(page).map((b) => b.textContent?.trim())).toEqual(STEPS);

    chipButtons(page)[1]!.click();
    await stable();
    const composer = page.querySelector<HTMLTextAreaElement>('textarea[name="message"]')!;
    expect(composer.value).toBe('Print a test page');
    expect(document.activeElement).toBe(composer);
    expect(chipButtons(page)).toHaveLength(2);
  });

  it('hides the chips for the session at the first message sent, and streams the reply in as it comes', async () => {
    remember('s-1');
    const page = await openAs('s-1');
    chipButtons(page)[0]!.click();
    await settle();
    page.querySelector<HTMLFormElement>('form.composer')!.dispatchEvent(new Event('submit'));
    await stable();

    const send = network.calls.find((call) => call.url === '/api/v1/ai-sessions/s-1/messages')!;
    expect(JSON.parse(send.init.body as string)).toEqual({ content: 'Check the spooler service' });
    expect(new Headers(send.init.headers).get('Accept')).toBe('text/event-stream');
    expect(chipButtons(page)).toHaveLength(0);

    send.stream.push('event: delta\ndata: {"text":"Restart "}\n\n');
    send.stream.push('event: delta\ndata: {"text":"the spooler."}\n\n');
    await stable();
    expect(page.querySelector('[aria-live="polite"][data-role="assistant"]')?.textContent).toContain('Restart the spooler.');

    send.stream.push('event: done\ndata: {"userMessageId":"u","assistantMessageId":"a","proposedFixIds":[],"stateVersion":5}\n\n');
    send.stream.end();
    await settle();
    http
      .expectOne('/api/v1/ai-sessions/s-1')
      .flush(aSession('s-1', [aStep('s-1', 1, 'engineer', 'Printers offline'), aStep('s-1', 2, 'engineer', 'Check the spooler service'), aStep('s-1', 3, 'assistant', 'Restart the spooler.')]));
    await stable();
    expect(page.querySelectorAll('.message')).toHaveLength(3);
    expect(chipButtons(page)).toHaveLength(0);
    expect(JSON.parse(localStorage.getItem(HIDDEN_CHIPS_KEY)!)).toEqual(['s-1']);
  });

  it('hides them with the X for that session only, also after coming back', async () => {
    remember('s-1');
    remember('s-2');
    let page = await openAs('s-1');
    closeChips(page).click();
    await stable();
    expect(chipButtons(page)).toHaveLength(0);
    expect(document.activeElement).toBe(page.querySelector('textarea[name="message"]'));

    page = await openAs('s-2');
    expect(chipButtons(page)).toHaveLength(2);
    page = await openAs('s-1');
    expect(chipButtons(page)).toHaveLength(0);
  });

  it('keeps the chips for a claimer who wrote before the assessment was ready', async () => {
    const page = await openAs('s-1');
    await write(page, 'Spooler restarted, no change');
    const send = network.calls.find((call) => call.url === '/api/v1/ai-sessions/s-1/messages')!;
    send.stream.push('event: done\ndata: {"userMessageId":"u","assistantMessageId":"a","proposedFixIds":[],"stateVersion":5}\n\n');
    send.stream.end();
    await settle();
    http.expectOne('/api/v1/ai-sessions/s-1').flush(aSession('s-1'));
    await stable();

    remember('s-1');
    await stable();
    expect(chipButtons(page)).toHaveLength(2);
    expect(localStorage.getItem(HIDDEN_CHIPS_KEY)).toBeNull();
  });

  describe('a message the API does not take', () => {
    const composer = (page: HTMLElement) => page.querySelector<HTMLTextAreaElement>('textarea[name="message"]')!;
    const rejectMessages = (answer: () => Response) => {
      network.answer = (stream, url) => (url.endsWith('/messages') ? answer() : stream.response());
    };

    it('goes back into the composer, with the length limit in plain words, and leaves the chips', async () => {
      remember('s-1');
      const page = await openAs('s-1');
      expect(composer(page).maxLength).toBe(20_000);
      rejectMessages(() =>
        jsonResponse(400, { statusCode: 400, error: 'validation_failed', message: 'Invalid request', details: { fields: { content: ['too long'] } } }),
      );
      await write(page, 'Spooler restarted, no change');

      expect(composer(page).value).toBe('Spooler restarted, no change');
      expect(page.querySelector('app-alert')?.textContent).toContain(
        'Your message is longer than the 20,000 characters the assistant takes. Shorten it and send it again.',
      );
      expect(page.querySelectorAll('.message')).toHaveLength(1);
      expect(chipButtons(page)).toHaveLength(2);
      expect(localStorage.getItem(HIDDEN_CHIPS_KEY)).toBeNull();
      http.expectNone('/api/v1/ai-sessions/s-1');
    });

    it('goes back into the composer when the server cannot be reached', async () => {
      const page = await openAs('s-1');
      rejectMessages(() => {
        throw new TypeError('Failed to fetch');
      });
      await write(page, 'Spooler restarted, no change');
      expect(composer(page).value).toBe('Spooler restarted, no change');
      expect(page.querySelector('app-alert')?.textContent).toContain('The server could not be reached.');
    });

    it('stays sent once the API took it, even when the assistant then fails', async () => {
      const page = await openAs('s-1');
      await write(page, 'Spooler restarted, no change');
      const send = network.calls.find((call) => call.url === '/api/v1/ai-sessions/s-1/messages')!;
      send.stream.push(
        'event: error\ndata: {"statusCode":502,"error":"ai_unavailable","message":"The assistant is unavailable right now; your message is saved, try again"}\n\n',
      );
      await settle();
      http.expectOne('/api/v1/ai-sessions/s-1').flush(aSession('s-1', [aStep('s-1', 1, 'engineer', 'Printers offline'), aStep('s-1', 2, 'engineer', 'Spooler restarted, no change')]));
      await stable();
      expect(composer(page).value).toBe('');
      expect(page.querySelector('app-alert')?.textContent).toContain('your message is saved');
      expect(page.querySelectorAll('.message')).toHaveLength(2);
    });
  });

  it('offers no chips to someone who has not picked the session up', async () => {
    remember('s-1');
    TestBed.inject(AuthStore).startSession(anAuthResponse('token', aMe({ id: JUNIOR, role: 'engineer' })));
    const page = await openAs('s-1');
    expect(page.querySelector('textarea[name="message"]')).not.toBeNull();
    expect(chipButtons(page)).toHaveLength(0);
  });

  describe('the pick-up screen', () => {
    const card = {
      sessionId: 's-1',
      handoffId: 'h-1',
      status: 'escalated',
      problemSummary: 'Printers offline on floor 2',
      reason: 'Spooler restarts do not stick',
      psaTicketId: null,
      stepCount: 1,
      confidenceTier: null,
      escalatedBy: { id: JUNIOR, name: 'Jo Junior' },
      targetUserId: null,
      claimedBy: null,
      claimedAt: null,
      assessmentStatus: 'pending',
      createdAt: new Date().toISOString(),
    };

    const handoff = {
      id: 'h-1',
      sessionId: 's-1',
      intent: 'escalate',
      reason: card.reason,
      targetUserId: null,
      escalatedBy: card.escalatedBy,
      claimedBy: null,
      claimedAt: null,
      assessmentStatus: 'pending',
      assessment: null,
      closedAt: null,
      closedReason: null,
      createdAt: card.createdAt,
    };

    /** The pick-up screen reads the session, then its escalation (`current` answers what `GET …/handoff` does). */
    async function openPickup(current: (request: TestRequest) => void = (r) => r.flush(handoff)): Promise<HTMLElement> {
      harness = await RouterTestingHarness.create();
      const navigation = harness.navigateByUrl('/pilot/s-1?pickup=true');
      await settle();
      http.expectOne('/api/v1/ai-sessions/s-1').flush({ ...aSession('s-1'), escalatedToId: null });
      current(http.expectOne('/api/v1/ai-sessions/s-1/handoff'));
      await navigation;
      await stable();
      return harness.routeNativeElement as HTMLElement;
    }

    const button = (page: HTMLElement, name: string) => Array.from(page.querySelectorAll('button')).find((b) => b.textContent?.trim() === name);

    it('shows the handoff before the claim; after it, the session is workable and the assessment fills in live', async () => {
      const page = await openPickup();
      expect(page.querySelector('#pickup-heading')?.textContent).toBe('Handoff from Jo Junior');
      expect(page.textContent).toContain('Spooler restarts do not stick');
      expect(page.textContent).toContain('The assistant is assessing this session.');
      expect(page.querySelector('textarea[name="message"]')).toBeNull();

      button(page, 'Pick up this session')!.click();
      await stable();
      http
        .expectOne('/api/v1/ai-sessions/s-1/handoffs/h-1/claim')
        .flush({ ...handoff, claimedBy: { id: SENIOR, name: 'Sam Senior' }, claimedAt: new Date().toISOString() });
      await settle();
      http.expectOne('/api/v1/ai-sessions/s-1').flush(aSession('s-1'));
      http.expectOne((req) => req.url === '/api/v1/ai-sessions').flush({ items: [aSession('s-1')], nextCursor: null });
      await stable();
      expect(page.textContent).toContain('You picked this up just now');
      expect(page.querySelector('textarea[name="message"]')).not.toBeNull();
      expect(chipButtons(page)).toHaveLength(0);

      const stream = network.calls.find((call) => call.url.endsWith('/escalations/stream'))!.stream;
      stream.push('id: 5\nevent: ready\ndata: {"accountId":"a","resumedFrom":null}\n\n');
      stream.push(
        `id: 6\nevent: handoff_assessment_ready\ndata: ${JSON.stringify({
          handoffId: 'h-1',
          sessionId: 's-1',
          assessmentStatus: 'ready',
          assessment: { summary: 'Summary', likelyCause: 'A bad driver', suggestedSteps: STEPS, confidenceTier: 'high', generatedAt: card.createdAt },
        })}\n\n`,
      );
      await stable();
      expect(page.textContent).toContain('Likely cause: A bad driver');
      expect(page.textContent).toContain('Confidence: High');
      expect(chipButtons(page).map((b) => b.textContent?.trim())).toEqual(STEPS);
    });

    it('loads the handoff again from the panel\'s "Try again" after a failed read', async () => {
      const page = await openPickup((r) =>
        r.flush({ statusCode: 503, error: 'service_unavailable', message: 'Down' }, { status: 503, statusText: 'Service Unavailable' }),
      );
      expect(Array.from(page.querySelectorAll('button')).map((b) => b.textContent?.trim())).not.toContain('Try loading the handoff again');

      page.querySelector<HTMLButtonElement>('app-pickup-panel .retry')!.click();
      await stable();
      http.expectOne('/api/v1/ai-sessions/s-1/handoff').flush(handoff);
      await stable();
      expect(page.querySelector('#pickup-heading')?.textContent).toBe('Handoff from Jo Junior');
    });

    it('finds an escalation requested before handoffs existed (no handoff to read) in the queue', async () => {
      const page = await openPickup((r) => r.flush({ statusCode: 404, error: 'not_found', message: 'No handoff' }, { status: 404, statusText: 'Not Found' }));
      await settle();
      http.expectOne((req) => req.url === '/api/v1/ai-sessions/escalations').flush({ items: [{ ...card, handoffId: null }] });
      await stable();
      expect(page.querySelector('#pickup-heading')?.textContent).toBe('Handoff from Jo Junior');
    });

    it('offers no pick-up for an escalation that closed (its session was resolved)', async () => {
      const page = await openPickup((r) => r.flush({ ...handoff, closedAt: new Date().toISOString(), closedReason: 'session_resolved' }));
      expect(page.textContent).toContain('This session has no open escalation for you to pick up.');
      expect(button(page, 'Pick up this session')).toBeUndefined();
    });

    it('sends the loser of the race back to the queue, saying who won', async () => {
      const page = await openPickup();
      button(page, 'Pick up this session')!.click();
      await stable();
      http.expectOne('/api/v1/ai-sessions/s-1/handoffs/h-1/claim').flush(
        {
          statusCode: 409,
          error: 'handoff_already_claimed',
          message: 'Already claimed',
          details: { claimedBy: { id: 'x', name: 'Dana Senior' }, claimedAt: new Date().toISOString() },
        },
        { status: 409, statusText: 'Conflict' },
      );
      await stable();
      expect(TestBed.inject(ToastService).toasts().map((t) => t.text)).toEqual(['Already claimed by Dana Senior just now.']);
      expect(TestBed.inject(Router).url).toBe('/escalations');
    });
  });
});
