import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { Component, signal } from '@angular/core';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import type { EscalationTarget, Handoff, SessionDetail, SuggestedFix } from '@resolutionflow/contracts';

import { settle } from '../../../../testing/fixtures';
import { EscalateDialogComponent } from './escalate-dialog.component';

function aSession(fixes: Partial<SuggestedFix>[] = []): SessionDetail {
  return {
    id: 's1',
    problemSummary: 'VPN drops',
    psaTicketId: null,
    status: 'active',
    ownerId: 'u1',
    escalatedToId: null,
    stateVersion: 1,
    createdAt: '2026-03-10T10:00:00.000Z',
    updatedAt: '2026-03-10T10:00:00.000Z',
    escalationReason: null,
    escalationPackage: null,
    resolutionNote: null,
    confidenceTier: null,
    resolvedAt: null,
    steps: [],
    fixes: fixes.map((fix, i) => ({ id: `f${i}`, title: `Fix ${i}`, status: 'proposed', ...fix }) as SuggestedFix),
  };
}

const TARGETS_URL = '/api/v1/ai-sessions/escalation-targets';
const SAM: EscalationTarget = { id: '00000000-0000-4000-8000-000000000005', name: 'Sam Senior', role: 'engineer' };
const OLIVIA: EscalationTarget = { id: '00000000-0000-4000-8000-000000000001', name: 'Olivia Owner', role: 'owner' };

@Component({
  imports: [EscalateDialogComponent],
  template: `<app-escalate-dialog [open]="open()" [session]="session()" (escalated)="done.push($event)" (closed)="open.set(false)" />`,
})
class HostComponent {
  readonly open = signal(false);
  readonly session = signal(aSession());
  readonly done: Handoff[] = [];
}

describe('EscalateDialogComponent', () => {
  let fixture: ComponentFixture<HostComponent>;
  let http: HttpTestingController;
  let page: HTMLElement;

  /** Opens the dialog; the teammates it asks for arrive (or their read fails with `'fail'`). */
  async function open(session: SessionDetail, targets: EscalationTarget[] | 'fail' = [SAM, OLIVIA]): Promise<void> {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting()] });
    http = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(HostComponent);
    fixture.componentInstance.session.set(session);
    fixture.componentInstance.open.set(true);
    document.body.appendChild(fixture.nativeElement);
    page = fixture.nativeElement as HTMLElement;
    await stable();
    await answerTargets(targets);
  }

  async function answerTargets(targets: EscalationTarget[] | 'fail'): Promise<void> {
    const request = http.expectOne(TARGETS_URL);
    if (targets === 'fail') {
      request.flush({ statusCode: 500, error: 'internal_error', message: 'Boom' }, { status: 500, statusText: 'Internal Server Error' });
    } else {
      request.flush({ items: targets });
    }
    await stable();
  }

  async function stable(): Promise<void> {
    await fixture.whenStable();
    await settle();
  }

  afterEach(() => {
    http.verify();
    fixture.nativeElement.remove();
  });

  const heading = () => page.querySelector('h2')?.textContent?.trim();
  const sendTo = () => page.querySelector<HTMLSelectElement>('select[name="target"]');
  const options = () => Array.from(sendTo()?.options ?? []).map((o) => o.textContent?.trim());
  async function choose(target: EscalationTarget): Promise<void> {
    sendTo()!.value = target.id;
    sendTo()!.dispatchEvent(new Event('change'));
    await stable();
  }
  const button = (name: string) => Array.from(page.querySelectorAll('button')).find((b) => b.textContent?.trim() === name)!;
  async function typeReasonAndPressEnter(text: string): Promise<void> {
    const field = page.querySelector<HTMLTextAreaElement>('textarea[name="reason"]')!;
    field.value = text;
    field.dispatchEvent(new Event('input'));
    field.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true }));
    await stable();
  }

  it('stops first on fixes that still need an outcome, then escalates with them acknowledged', async () => {
    await open(aSession([{ title: 'Restart the spooler', status: 'applied_pending' }, { title: 'Clear the queue', status: 'applied_success' }]));
    expect(heading()).toBe('Some fixes still need an outcome');
    expect(page.querySelector('.open-fixes')?.textContent).toContain('Restart the spooler');
    expect(page.querySelector('.open-fixes')?.textContent).toContain('Waiting to verify');
    expect(page.querySelector('.open-fixes')?.textContent).not.toContain('Clear the queue');

    button('Escalate anyway').click();
    await stable();
    expect(heading()).toBe('Escalate to your team');
    expect(document.activeElement).toBe(page.querySelector('textarea[name="reason"]'));

    await typeReasonAndPressEnter('Out of ideas');
    const request = http.expectOne('/api/v1/ai-sessions/s1/handoff');
    expect(request.request.body).toEqual({ intent: 'escalate', reason: 'Out of ideas', acknowledgeOpenFixes: true });
    request.flush({ id: 'h1' });
    await stable();
    expect(fixture.componentInstance.done).toEqual([{ id: 'h1' }]);
  });

  it('asks for a reason before sending anything', async () => {
    await open(aSession());
    await typeReasonAndPressEnter('   ');
    expect(page.textContent).toContain('Say why you are escalating');
  });

  it("catches the API's fix_outcome_required when the page was behind, and asks", async () => {
    await open(aSession());
    expect(heading()).toBe('Escalate to your team');
    await typeReasonAndPressEnter('Stuck');
    http.expectOne('/api/v1/ai-sessions/s1/handoff').flush(
      { statusCode: 409, error: 'fix_outcome_required', message: 'Open fixes', details: { fixes: [{ id: 'f9', title: 'Reset the VPN profile', status: 'verifying' }] } },
      { status: 409, statusText: 'Conflict' },
    );
    await stable();
    expect(heading()).toBe('Some fixes still need an outcome');
    expect(page.textContent).toContain('Reset the VPN profile');

    button('Escalate anyway').click();
    await stable();
    await typeReasonAndPressEnter('Stuck');
    expect(http.expectOne('/api/v1/ai-sessions/s1/handoff').request.body).toMatchObject({ acknowledgeOpenFixes: true });
  });

  it('offers the teammates, anyone by default, and sends the one chosen as the target', async () => {
    await open(aSession());
    expect(options()).toEqual(['Anyone on the team', 'Sam Senior (Engineer)', 'Olivia Owner (Owner)']);
    expect(sendTo()!.value).toBe('');
    expect(page.querySelector('label[for="' + sendTo()!.id + '"]')?.textContent?.trim()).toBe('Send to');

    await choose(SAM);
    const field = page.querySelector<HTMLTextAreaElement>('textarea[name="reason"]')!;
    field.value = 'Needs the print server';
    field.dispatchEvent(new Event('input'));
    field.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', shiftKey: true, bubbles: true, cancelable: true }));
    await stable();
    http.expectNone('/api/v1/ai-sessions/s1/handoff');

    await typeReasonAndPressEnter('Needs the print server');
    const request = http.expectOne('/api/v1/ai-sessions/s1/handoff');
    expect(request.request.body).toEqual({ intent: 'escalate', reason: 'Needs the print server', acknowledgeOpenFixes: false, targetUserId: SAM.id });
    request.flush({ id: 'h1', targetUserId: SAM.id });
    await stable();
    expect(fixture.componentInstance.done).toEqual([{ id: 'h1', targetUserId: SAM.id }]);
  });

  it('reads the teammates afresh on each opening and starts again from anyone', async () => {
    await open(aSession());
    await choose(SAM);
    fixture.componentInstance.open.set(false);
    await stable();
    fixture.componentInstance.open.set(true);
    await stable();
    await answerTargets([OLIVIA]);
    expect(options()).toEqual(['Anyone on the team', 'Olivia Owner (Owner)']);
    expect(sendTo()!.value).toBe('');
  });

  it('keeps the choices when the page replaces the session while the dialog is open', async () => {
    const session = aSession([{ title: 'Restart the spooler', status: 'verifying' }]);
    await open(session);
    button('Escalate anyway').click();
    await stable();
    await choose(SAM);

    // E.g. a streamed reply finished: the same session, read again.
    fixture.componentInstance.session.set({ ...session, stateVersion: 2, fixes: session.fixes.map((fix) => ({ ...fix })) });
    await stable();
    http.expectNone(TARGETS_URL);
    expect(heading()).toBe('Escalate to your team');
    expect(sendTo()!.value).toBe(SAM.id);

    await typeReasonAndPressEnter('Stuck');
    expect(http.expectOne('/api/v1/ai-sessions/s1/handoff').request.body).toEqual({
      intent: 'escalate',
      reason: 'Stuck',
      acknowledgeOpenFixes: true,
      targetUserId: SAM.id,
    });
  });

  it('takes no longer a reason than the API does, and puts its word on a too-long one at the field', async () => {
    await open(aSession());
    const field = page.querySelector<HTMLTextAreaElement>('textarea[name="reason"]')!;
    expect(field.maxLength).toBe(4000);

    await typeReasonAndPressEnter('Stuck');
    http.expectOne('/api/v1/ai-sessions/s1/handoff').flush(
      { statusCode: 400, error: 'validation_failed', message: 'Invalid request', details: { fields: { reason: ['must be at most 4000 characters'] } } },
      { status: 400, statusText: 'Bad Request' },
    );
    await stable();
    const error = page.querySelector(`#${field.getAttribute('aria-describedby')?.split(' ').at(-1)}`);
    expect(error?.textContent).toBe('Must be at most 4000 characters.');
    expect(field.getAttribute('aria-invalid')).toBe('true');
    expect(page.querySelector('app-alert')).toBeNull();
  });

  it('stays usable without the picker when the teammates cannot be loaded, and says so', async () => {
    await open(aSession(), 'fail');
    expect(sendTo()).toBeNull();
    expect(page.querySelector('.note')?.textContent).toContain('could not be loaded, so this goes to anyone on the team');

    await typeReasonAndPressEnter('Stuck');
    const request = http.expectOne('/api/v1/ai-sessions/s1/handoff');
    expect(request.request.body).toEqual({ intent: 'escalate', reason: 'Stuck', acknowledgeOpenFixes: false });
  });

  it('offers the list as it is now when the chosen teammate can no longer take escalations', async () => {
    await open(aSession());
    await choose(SAM);
    await typeReasonAndPressEnter('Stuck');
    http.expectOne('/api/v1/ai-sessions/s1/handoff').flush(
      { statusCode: 422, error: 'invalid_target', message: 'The target must be an active engineer, admin or owner of this account' },
      { status: 422, statusText: 'Unprocessable Entity' },
    );
    await stable();
    expect(page.textContent).toContain('That teammate can no longer take escalations');
    await answerTargets([OLIVIA]);
    expect(options()).toEqual(['Anyone on the team', 'Olivia Owner (Owner)']);
    expect(sendTo()!.value).toBe('');
    expect(fixture.componentInstance.done).toEqual([]);
  });
});
